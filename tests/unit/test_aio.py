"""Waiting for an event and stopping tasks end when cancelled, whatever else happens at
the same moment (the hang `asyncio.wait_for` and `suppress(CancelledError)` allowed)."""

from __future__ import annotations

import asyncio

import pytest

from taskdeck.aio import cancel_and_wait, wait_event

pytestmark = pytest.mark.anyio


async def test_wait_event_tells_whether_the_event_was_set() -> None:
    event = asyncio.Event()
    assert await wait_event(event, 0.01) is False
    event.set()
    assert await wait_event(event, 10) is True


async def test_a_loop_cancelled_as_its_event_is_set_still_ends() -> None:
    event = asyncio.Event()
    rounds = 0

    async def loop_until_cancelled() -> None:
        nonlocal rounds
        while True:
            event.clear()
            await wait_event(event, 10)
            rounds += 1

    for _ in range(50):
        task = asyncio.create_task(loop_until_cancelled())
        await asyncio.sleep(0)
        event.set()
        task.cancel()
        done, _ = await asyncio.wait({task}, timeout=5)
        assert done == {task}
        assert task.cancelled()


async def test_cancel_and_wait_ends_every_task_and_keeps_their_errors_to_them() -> None:
    async def fails() -> None:
        raise RuntimeError("its own")

    failing = asyncio.create_task(fails())
    sleeping = asyncio.create_task(asyncio.sleep(60))
    await asyncio.sleep(0)
    await cancel_and_wait(failing, sleeping, None)
    assert failing.done()
    assert sleeping.cancelled()


async def test_cancelling_the_caller_of_cancel_and_wait_reaches_the_caller() -> None:
    started = asyncio.Event()

    async def slow_to_stop() -> None:
        try:
            await asyncio.sleep(60)
        except asyncio.CancelledError:
            started.set()
            await asyncio.sleep(60)  # a cleanup that takes long
            raise

    worker = asyncio.create_task(slow_to_stop())
    await asyncio.sleep(0)
    stopper = asyncio.create_task(cancel_and_wait(worker))
    await started.wait()
    stopper.cancel()
    done, _ = await asyncio.wait({stopper}, timeout=5)
    assert done == {stopper}
    assert stopper.cancelled()
    worker.cancel()
    await asyncio.wait({worker}, timeout=5)
    assert worker.cancelled()
