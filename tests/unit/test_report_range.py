"""The date range of a report: defaults, the two-year cap and what is refused."""

from __future__ import annotations

from datetime import date

import pytest

from taskdeck.domain.errors import ValidationFailed
from taskdeck.domain.report_range import MAX_DAYS, DateRange, date_range

TODAY = date(2026, 3, 12)


def _fields(start: str | None, end: str | None) -> list[str]:
    with pytest.raises(ValidationFailed) as refused:
        date_range(start, end, today=TODAY)
    return sorted(e.field for e in refused.value.errors)


def test_the_default_is_the_days_that_end_today() -> None:
    assert date_range(None, None, today=TODAY) == DateRange(date(2026, 2, 11), TODAY)
    assert date_range(None, "2026-01-31", today=TODAY, default_days=7) == DateRange(
        date(2026, 1, 25), date(2026, 1, 31)
    )
    assert date_range("2026-03-01", None, today=TODAY) == DateRange(date(2026, 3, 1), TODAY)
    assert date_range(None, "0001-01-05", today=TODAY).start == date(1, 1, 1)


def test_days_and_membership() -> None:
    week = date_range("2026-03-06", "2026-03-12", today=TODAY)
    days = list(week.days())
    assert (days[0], days[-1], len(days)) == (date(2026, 3, 6), date(2026, 3, 12), 7)
    assert date(2026, 3, 9) in week
    assert date(2026, 3, 13) not in week
    assert "2026-03-09" not in week


def test_refusals_name_the_field() -> None:
    assert _fields("2026-02-30", "yesterday") == ["from", "to"]
    assert _fields(None, "2026-03-13") == ["to"]
    assert _fields("2026-03-12", "2026-03-11") == ["from"]
    assert _fields("2024-03-11", "2026-03-12") == ["from"]  # 732 days
    longest = date_range("2024-03-12", "2026-03-12", today=TODAY)
    assert len(list(longest.days())) == MAX_DAYS
