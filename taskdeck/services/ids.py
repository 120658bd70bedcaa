"""Identifiers: ULIDs, strictly increasing within a process so they also order events."""

from __future__ import annotations

import threading

from ulid import ULID


class IdGenerator:
    """Makes ULIDs that never repeat or go backwards within this process."""

    def __init__(self) -> None:
        self._last = 0
        self._lock = threading.Lock()

    def new(self) -> str:
        """A fresh ULID string."""
        with self._lock:
            value = max(int(ULID()), self._last + 1)
            self._last = value
        return str(ULID.from_int(value))
