"""The date range a report covers: `from` and `to` as ISO dates, both days included.

A range defaults to the `default_days` days that end today; it may not end after today
(a report states facts, and the future has none), start after it ends, or span more than
two years (`MAX_DAYS`), which bounds what any one report reads.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from taskdeck.domain.errors import FieldError, ValidationFailed

MAX_DAYS: Final = 731
"""Two years, a leap day included."""
DEFAULT_DAYS: Final = 30


@dataclass(frozen=True, slots=True)
class DateRange:
    """The days from `start` to `end`, both included."""

    start: date
    end: date

    def days(self) -> Iterator[date]:
        """Every day of the range, in order."""
        for offset in range((self.end - self.start).days + 1):
            yield self.start + timedelta(days=offset)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


def _parsed(value: str | None, name: str, errors: list[FieldError]) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        errors.append(FieldError(name, "an ISO date, YYYY-MM-DD"))
        return None


def date_range(
    start: str | None, end: str | None, *, today: date, default_days: int = DEFAULT_DAYS
) -> DateRange:
    """The range a client asked for (query parameters `from` and `to`), or 422 naming
    what is wrong with it."""
    errors: list[FieldError] = []
    first = _parsed(start, "from", errors)
    last = _parsed(end, "to", errors)
    if errors:
        raise ValidationFailed("the date range is not valid", errors)
    last = last or today
    if first is None:
        # Near the first day there is: no earlier days to take (`date` cannot go below 1).
        first = date.fromordinal(max(1, last.toordinal() - (default_days - 1)))
    if last > today:
        errors.append(FieldError("to", f"not after today ({today.isoformat()})"))
    if first > last:
        errors.append(FieldError("from", "not after `to`"))
    elif (last - first).days + 1 > MAX_DAYS:
        errors.append(FieldError("from", f"a range of at most {MAX_DAYS} days"))
    if errors:
        raise ValidationFailed("the date range is not valid", errors)
    return DateRange(first, last)
