"""Ranks stay ordered and short; cursors are opaque and tamper-evident."""

from __future__ import annotations

import pytest
from fractional_indexing import FIError, generate_key_between
from hypothesis import given, settings
from hypothesis import strategies as st

from taskdeck.adapters.storage.cursors import CursorCodec
from taskdeck.ports import InvalidCursor
from taskdeck.services.ranking import DIGITS, RankError, rank_between

_HEADS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


@st.composite
def ranks(draw: st.DrawFn) -> str:
    """A valid rank: a head letter, the integer digits it announces (mostly the edge
    digits, where carries and borrows happen), and a fraction without a trailing zero."""
    head = draw(st.sampled_from(_HEADS))
    length = ord(head) - ord("a") + 2 if head >= "a" else ord("Z") - ord(head) + 2
    edges = st.sampled_from("0yz") | st.sampled_from(DIGITS)
    integer = head + "".join(draw(st.lists(edges, min_size=length - 1, max_size=length - 1)))
    fraction = "".join(draw(st.lists(edges, max_size=6))).rstrip("0")
    return integer + fraction


@given(st.one_of(st.none(), ranks()), st.one_of(st.none(), ranks()))
@settings(max_examples=3000, deadline=None)
def test_ranks_are_those_of_the_fractional_indexing_package(
    low: str | None, high: str | None
) -> None:
    """Every rank stored so far came from `fractional-indexing`: the module's must be the
    same, character for character, and it must refuse what the package refuses."""
    if low is not None and high is not None and low > high:
        low, high = high, low
    try:
        expected = generate_key_between(low, high)
    except FIError:
        with pytest.raises(RankError):
            rank_between(low, high)
    else:
        assert rank_between(low, high) == expected


@pytest.mark.parametrize(
    ("low", "high"),
    [
        ("a0", "a0"),
        ("a1", "a0"),
        ("", None),
        (None, "a00"),
        ("a0 ", None),
        ("é0", None),
        ("A" + "0" * 26, None),
        ("b0", None),
        ("a0!", None),
        (None, "A" + "0" * 26 + "0"),
    ],
)
def test_invalid_ranks_are_refused(low: str | None, high: str | None) -> None:
    with pytest.raises(RankError):
        rank_between(low, high)


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


def _move(order: list[str], ranks: dict[str, str], item: str, position: int) -> None:
    """Move `item` to `position` in `order` as the move endpoint does: a rank between the
    neighbours it lands between (the item itself not counted)."""
    order.remove(item)
    low = ranks[order[position - 1]] if position > 0 else None
    high = ranks[order[position]] if position < len(order) else None
    ranks[item] = rank_between(low, high)
    order.insert(position, item)


@given(
    size=st.integers(min_value=3, max_value=30),
    moves=st.lists(st.tuples(st.integers(0, 29), st.integers(0, 29)), max_size=40),
    repeats=st.integers(min_value=1, max_value=3000),
    gap=st.integers(0, 27),
)
@settings(max_examples=40, deadline=None)
def test_moves_between_the_same_two_neighbours_keep_one_short_rank(
    size: int, moves: list[tuple[int, int]], repeats: int, gap: int
) -> None:
    order = [f"I{n}" for n in range(size)]
    ranks: dict[str, str] = {}
    rank = None
    for item in order:
        rank = ranks[item] = rank_between(rank, None)
    for item, position in moves:  # some shuffling first, as a team would
        _move(order, ranks, order[item % size], position % size)
    gap %= size - 2
    low, high = order[gap], order[gap + 1]
    mover = next(i for i in order if i not in (low, high))
    seen = set()
    for n in range(repeats):
        _move(
            order,
            ranks,
            mover,
            order.index(low) + 1 if order.index(mover) > order.index(low) else order.index(low),
        )
        assert order[order.index(mover) - 1] == low
        assert ranks[low] < ranks[mover] < ranks[high]
        seen.add(ranks[mover])
        if n % 2:  # and elsewhere in between, now and then
            _move(order, ranks, mover, 0 if order.index(low) > 0 else len(order) - 1)
    assert len(seen) == 1
    assert all(len(r) <= 12 for r in ranks.values()), ranks


@given(st.lists(st.tuples(st.integers(0, 19), st.integers(0, 19)), min_size=1, max_size=3000))
@settings(max_examples=30, deadline=None)
def test_random_moves_keep_the_order_and_ranks_short(moves: list[tuple[int, int]]) -> None:
    order = [f"I{n}" for n in range(20)]
    ranks: dict[str, str] = {}
    rank = None
    for item in order:
        rank = ranks[item] = rank_between(rank, None)
    for item, position in moves:
        _move(order, ranks, order[item], position)
    assert sorted(order, key=ranks.__getitem__) == order
