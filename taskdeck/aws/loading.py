"""Loading a Lambda entry point without the garbage collector's help, which it does not
need: see `uncollected`."""

from __future__ import annotations

import contextlib
import gc
import importlib.util
import sys
from collections.abc import Iterator


@contextlib.contextmanager
def uncollected() -> Iterator[None]:
    """Pause the cyclic garbage collector while a handler's modules load or its app is
    built, then freeze what exists (it lives as long as the Lambda container) out of
    later collections.

    Importing the API handler allocates enough to run about 190 collections, each
    walking more of what was loaded so far: some 90 ms of a 500 ms import on this machine
    (measured by importing with and without `gc.disable()`). What loads is not garbage,
    and this runs once per container.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def known_absent(name: str) -> None:
    """Tell the import system that module `name` is not there, if it is not, so that
    asking for it again fails at once.

    A module that was not found is not remembered: each later import searches the whole
    path for it again. `make package` leaves `pydantic.v1` out, and FastAPI asks for it
    once per route parameter to refuse pydantic 1 models, over 200 searches while the API
    handler's routes are built (about 5 ms). A `None` in `sys.modules` is the import
    system's own way to say "absent": the import then raises `ModuleNotFoundError`, the
    answer FastAPI expects.
    """
    if name not in sys.modules and importlib.util.find_spec(name) is None:
        sys.modules[name] = None  # type: ignore[assignment]
