"""Backlog ranks: lexicographic strings between any two of which another fits.

The algorithm is David Greenspan's fractional indexing, the one Figma and Linear-style
tools use: a key is an integer part (a head letter giving its length, then base-62
digits) and an optional fraction, and grows by about one character per halving, so
moving an issue writes only that issue.

Written here rather than taken from `fractional-indexing` (which produced every rank
stored so far): that package rounds each midpoint through `decimal` and looks digits up
by scanning the alphabet, and a rank move spent as long there as in the rest of its own
logic (about 17 µs of CPU a move under load against 4 µs here). The keys are the same,
character for character: `tests/unit/test_ranking_and_cursors.py` checks this module
against the package (a development dependency) with hypothesis, and that ranks stay
ordered and short.
"""

from __future__ import annotations

from typing import Final

DIGITS: Final = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_BASE: Final = len(DIGITS)
_VALUE: Final = {digit: value for value, digit in enumerate(DIGITS)}
_ZERO: Final = DIGITS[0]
_SMALLEST: Final = "A" + _ZERO * 26
"""The smallest integer part, which is not a key of its own."""


class RankError(ValueError):
    """A rank that is not a valid key, or bounds out of order."""


def rank_between(low: str | None, high: str | None) -> str:
    """A rank that sorts after `low` and before `high` (None: open-ended)."""
    if low is not None and high is not None and low >= high:
        raise RankError(f"{low!r} is not below {high!r}")
    if low is None:
        if high is None:
            return "a" + _ZERO
        integer, fraction = _split(high)
        if integer == _SMALLEST:
            return integer + _midpoint("", fraction)
        if integer < high:
            return integer
        below = _decrement(integer)
        if below is None:
            raise RankError("no rank is below the smallest one")
        return below
    integer, fraction = _split(low)
    if high is None:
        above = _increment(integer)
        return integer + _midpoint(fraction, None) if above is None else above
    high_integer, high_fraction = _split(high)
    if integer == high_integer:
        return integer + _midpoint(fraction, high_fraction)
    above = _increment(integer)
    if above is None:
        raise RankError("no rank is above the largest one")
    return above if above < high else integer + _midpoint(fraction, None)


def _split(key: str) -> tuple[str, str]:
    """A key's integer part and fraction; `RankError` for a key that is not valid."""
    # The digits are exactly the ASCII letters and digits.
    if not key or not key.isascii() or not key.isalnum() or key == _SMALLEST:
        raise RankError(f"not a valid rank: {key!r}")
    length = _integer_length(key[0])
    integer, fraction = key[:length], key[length:]
    if len(integer) < length or fraction.endswith(_ZERO):
        raise RankError(f"not a valid rank: {key!r}")
    return integer, fraction


def _integer_length(head: str) -> int:
    """The length of the integer part its head letter announces (2 to 27)."""
    if "a" <= head <= "z":
        return ord(head) - ord("a") + 2
    if "A" <= head <= "Z":
        return ord("Z") - ord(head) + 2
    raise RankError(f"not a valid rank head: {head!r}")


def _midpoint(low: str, high: str | None) -> str:
    """A fraction strictly between fractions `low` and `high` (None: 1), neither with
    a trailing zero; `low` may be empty (0)."""
    prefix = ""
    while True:
        if high:
            # Skip the common prefix, `low` read as padded with zeros.
            same = 0
            while same < len(high) and (low[same] if same < len(low) else _ZERO) == high[same]:
                same += 1
            prefix, low, high = prefix + high[:same], low[same:], high[same:]
        low_digit = _VALUE[low[0]] if low else 0
        high_digit = _BASE if high is None else _VALUE[high[0]]
        if high_digit - low_digit > 1:
            return prefix + DIGITS[(low_digit + high_digit + 1) // 2]  # half rounds up
        if high is not None and len(high) > 1:
            return prefix + high[0]
        # Adjacent first digits: keep `low`'s, and find a fraction above the rest of it.
        prefix, low, high = prefix + DIGITS[low_digit], low[1:], None


def _increment(integer: str) -> str | None:
    """The next integer part (None past the largest)."""
    head, digits = integer[0], list(integer[1:])
    for position in reversed(range(len(digits))):
        value = _VALUE[digits[position]] + 1
        if value < _BASE:
            digits[position] = DIGITS[value]
            return head + "".join(digits)
        digits[position] = _ZERO
    if head == "Z":
        return "a" + _ZERO
    if head == "z":
        return None
    head = chr(ord(head) + 1)
    if head > "a":
        digits.append(_ZERO)
    else:
        digits.pop()
    return head + "".join(digits)


def _decrement(integer: str) -> str | None:
    """The previous integer part (None below the smallest)."""
    head, digits = integer[0], list(integer[1:])
    for position in reversed(range(len(digits))):
        value = _VALUE[digits[position]] - 1
        if value >= 0:
            digits[position] = DIGITS[value]
            return head + "".join(digits)
        digits[position] = DIGITS[-1]
    if head == "a":
        return "Z" + DIGITS[-1]
    if head == "A":
        return None
    head = chr(ord(head) - 1)
    if head < "Z":
        digits.append(DIGITS[-1])
    else:
        digits.pop()
    return head + "".join(digits)
