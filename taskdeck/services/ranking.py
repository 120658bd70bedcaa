"""Backlog ranks: lexicographic strings between any two of which another fits.

Uses `fractional-indexing` (a port of the algorithm Figma and Linear-style tools use):
keys are base-62 and grow by about one character per halving, so moving an issue writes
only that issue.
"""

from __future__ import annotations

from fractional_indexing import generate_key_between


def rank_between(before: str | None, after: str | None) -> str:
    """A rank that sorts after `before` and before `after` (None: open-ended)."""
    return str(generate_key_between(before, after))
