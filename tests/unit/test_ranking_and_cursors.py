"""Ranks stay ordered and short; cursors are opaque and tamper-evident."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from taskdeck.adapters.storage.cursors import CursorCodec
from taskdeck.ports import InvalidCursor
from taskdeck.services.ranking import rank_between


@given(st.lists(st.booleans(), min_size=1, max_size=200))
@settings(max_examples=50, deadline=None)
def test_ranks_between_neighbours_stay_ordered(moves: list[bool]) -> None:
    low, high = rank_between(None, None), None
    high = rank_between(low, None)
    for toward_low in moves:
        middle = rank_between(low, high)
        assert low < middle < high  # type: ignore[operator]
        if toward_low:
            high = middle
        else:
            low = middle


def test_appending_thousands_keeps_ranks_short() -> None:
    rank = None
    for _ in range(5000):
        rank = rank_between(rank, None)
    assert rank is not None
    assert len(rank) <= 6


def test_cursors_round_trip_and_refuse_tampering() -> None:
    codec = CursorCodec(b"secret")
    cursor = codec.encode("query-a", ["ISSUE#0000000001", 3])
    assert codec.decode("query-a", cursor) == ["ISSUE#0000000001", 3]
    with pytest.raises(InvalidCursor):
        codec.decode("query-b", cursor)
    with pytest.raises(InvalidCursor):
        CursorCodec(b"other").decode("query-a", cursor)
    with pytest.raises(InvalidCursor):
        codec.decode("query-a", cursor[:-3] + "AAA")
    for garbage in ("", "!!!", "A" * 10, "x" * 5000):
        with pytest.raises(InvalidCursor):
            codec.decode("query-a", garbage)
