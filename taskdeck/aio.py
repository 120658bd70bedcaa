"""Waiting and stopping in asyncio without losing a cancellation.

Python 3.11's `asyncio.wait_for` returns the awaited result instead of raising when a
cancellation arrives just as that result does (CPython gh-86296, fixed in 3.12), and
`suppress(CancelledError)` around `await task` also swallows a cancellation of the
caller. Either lets a loop outlive `cancel()` and hangs whoever waits for it to end.
"""

from __future__ import annotations

import asyncio
from typing import Any


async def wait_event(event: asyncio.Event, seconds: float) -> bool:
    """Wait until `event` is set or `seconds` pass; whether it was set."""
    try:
        async with asyncio.timeout(seconds):
            await event.wait()
    except TimeoutError:
        return False
    return True


async def cancel_and_wait(*tasks: asyncio.Task[Any] | None) -> None:
    """Cancel the tasks and wait until each has ended. Their own exceptions end with them;
    a cancellation of the caller still reaches the caller."""
    running = [task for task in tasks if task is not None]
    for task in running:
        task.cancel()
    if running:
        await asyncio.gather(*running, return_exceptions=True)
