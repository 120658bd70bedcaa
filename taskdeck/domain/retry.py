"""When to try a failed delivery again: exponential backoff with jitter."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import NamedTuple


class Backoff(NamedTuple):
    """Waits that double from `first` up to `cap`, for at most `attempts` tries in all.

    Each wait is drawn between half and all of its nominal length, so deliveries that
    failed together (a server down) do not all come back at the same moment.
    """

    first: timedelta = timedelta(seconds=30)
    cap: timedelta = timedelta(hours=1)
    attempts: int = 10

    def delay(self, failures: int, rng: random.Random) -> timedelta:
        """How long to wait after the `failures`-th failure in a row (1 for the first)."""
        nominal = min(self.cap, self.first * (1 << min(failures - 1, 32)))
        return nominal * rng.uniform(0.5, 1.0)

    def gives_up(self, failures: int) -> bool:
        """Whether `failures` failed tries are all there will be."""
        return failures >= self.attempts
