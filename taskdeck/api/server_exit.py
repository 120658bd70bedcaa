"""Noticing, inside the app, that the server has been told to stop."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
from collections.abc import Callable, Iterator
from types import FrameType

EXIT_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def on_server_exit(callback: Callable[[], None]) -> Iterator[None]:
    """Run `callback` on the event loop as soon as SIGINT or SIGTERM arrives, then let
    the server's own handler (uvicorn's) act on the signal as before.

    Uvicorn waits for open responses to finish before it shuts the app down, and an
    event stream never finishes by itself: without this, every stop would wait for the
    graceful-shutdown timeout and then cancel the streams. Only in the main thread, where
    signals are delivered (an in-process test client runs the app elsewhere).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    loop = asyncio.get_running_loop()
    previous = {number: signal.getsignal(number) for number in EXIT_SIGNALS}

    def handle(number: int, frame: FrameType | None) -> None:
        loop.call_soon_threadsafe(callback)
        handler = previous[signal.Signals(number)]
        if callable(handler):
            handler(number, frame)
        elif handler == signal.SIG_DFL:
            signal.signal(number, signal.SIG_DFL)
            os.kill(os.getpid(), number)

    for number in EXIT_SIGNALS:
        signal.signal(number, handle)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
