"""Summary statistics the reports share, defined so that each can be checked by hand."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime


def percentile(values: Sequence[float], share: float) -> float | None:
    """The nearest-rank percentile: the smallest value that at least `share` (0 < share
    <= 1) of the values are at or below. Always one of the values, never an
    interpolation, so a reader can find it in the list (None for no values)."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(1, math.ceil(share * len(ordered))) - 1]


def median(values: Sequence[float]) -> float | None:
    """The middle value, or the mean of the two middle values (None for no values)."""
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def days_between(start: str, end: str) -> float:
    """The days from one stored ISO 8601 timestamp to another, to the hundredth."""
    seconds = (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()
    return round(seconds / 86_400, 2)
