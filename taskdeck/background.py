"""The background work: delivering the outbox, deadline reminders, emails, webhook retries,
purges and blob sweeps.

It runs in the HTTP workers' processes (`TASKDECK_BACKGROUND=inline`, the default) or in
a process of its own, `taskdeck work`, which `taskdeck serve` then starts beside them
(`process`); docs/notifications.md has the measurements behind the default.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import signal
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING, Final

from taskdeck.aio import wait_event

if TYPE_CHECKING:
    from taskdeck.bootstrap import Container
    from taskdeck.config import Settings

PARENT_CHECK_SECONDS: Final = 1.0
BACKGROUND_NICENESS: Final = 10
"""How much lower than the HTTP workers' the background process's CPU priority is: on a
machine with few cores a delivery burst then yields a core to a request at once, rather
than at the end of its time slice."""


@contextlib.asynccontextmanager
async def background_work(container: Container) -> AsyncIterator[None]:
    """Run every background task of `container` until the block ends, then stop them."""
    container.projects.start_purges()
    container.attachments.start_sweep()
    container.fanout.announce_inbox_changes()  # for the live streams of `taskdeck serve`
    container.dispatcher.start()
    container.reminders.start()
    container.webhook_deliverer.start()
    container.emails.start()
    try:
        yield
    finally:
        await asyncio.gather(
            container.dispatcher.stop(),
            container.reminders.stop(),
            container.webhook_deliverer.stop(),
            container.emails.stop(),
            container.attachments.stop_sweeps(),
        )


YOUNG_OBJECTS: Final = 3_000
"""How many more container objects made than freed start a collection of the youngest
generation (Python's default: 700). A request holds a few hundred while it runs, so with
32 in flight the default collected every six requests or so, promoting what was merely
in flight to older generations, which then needed full collections of about 7 ms each:
the collector took about 4% of the server's time under load (40-48 µs a request,
measured with `gc.callbacks`), and its pauses were among the slowest requests. With
3,000 it collects about once in 100 requests, 5-7 µs a request, and POSTs and rank moves
ran about 9% faster. Higher is not better: with 10,000 it hardly ever collected under
that load, but a webhook burst leaves thousands of objects in reference cycles (httpx's,
`docs/notifications.md`), and collecting 10,000 of them at once paused the loop 2-4 ms."""
_COLLECTOR_THRESHOLDS: Final = gc.get_threshold()


def freeze_heap(settings: Settings) -> None:
    """Collect once, then freeze what exists at start-up (it lives as long as the process),
    so the collector never walks it again, and collect young objects less often
    (`YOUNG_OBJECTS`): fewer, shorter pauses under load. `thaw_heap` undoes both."""
    if settings.freeze_heap:
        gc.collect()
        gc.freeze()
        gc.set_threshold(YOUNG_OBJECTS, *_COLLECTOR_THRESHOLDS[1:])


def thaw_heap() -> None:
    """Give what was frozen back to the collector, with its thresholds as they were."""
    gc.unfreeze()
    gc.set_threshold(*_COLLECTOR_THRESHOLDS)


async def _until_stopped(parent: int | None) -> None:
    """Wait for SIGTERM or SIGINT, or (`parent` given) for the parent process to be gone:
    a `taskdeck serve` killed outright leaves no orphan delivering on its own."""
    stopped = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stopped.set)
    while not stopped.is_set():
        await wait_event(stopped, PARENT_CHECK_SECONDS)
        if parent is not None and os.getppid() != parent:
            return


async def work(settings: Settings, *, parent: int | None = None) -> None:
    """Run the background work of a container built from `settings` until stopped."""
    from taskdeck.bootstrap import bootstrap

    os.nice(BACKGROUND_NICENESS)
    container = bootstrap(settings)
    try:
        await container.table.ping()
        async with background_work(container):
            freeze_heap(settings)
            await _until_stopped(parent)
    finally:
        container.close()
