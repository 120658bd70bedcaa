"""Waits between tries of a failed delivery."""

from __future__ import annotations

import random
from datetime import timedelta

from taskdeck.domain.retry import Backoff


def test_waits_double_up_to_the_cap_with_jitter_and_tries_end() -> None:
    backoff = Backoff(first=timedelta(seconds=30), cap=timedelta(hours=1), attempts=10)
    rng = random.Random(7)
    for failures, nominal in [(1, 30), (2, 60), (3, 120), (7, 1920), (8, 3600), (40, 3600)]:
        waits = [backoff.delay(failures, rng).total_seconds() for _ in range(50)]
        assert all(nominal / 2 <= wait <= nominal for wait in waits)
        assert len(set(waits)) > 1
    assert not backoff.gives_up(9)
    assert backoff.gives_up(10)
