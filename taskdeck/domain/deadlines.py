"""Deadlines: when an issue's due date calls for a reminder.

A due date is a day, and an issue is due by the **end** of it (midnight UTC after the
day): work due on Friday may still be done on Friday. So an issue is *due soon* once the
end of its day is at most the due-soon window away (with the default 24 hours: from the
start of the due day), and *overdue* once that day is over. Each reminder goes out once
per issue and due date; a date already over skips "due soon" and goes straight to
"overdue".
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from taskdeck.domain.notifications import Kind

ONE_DAY = timedelta(days=1)


def due_at(due_date: date) -> datetime:
    """The moment an issue due on `due_date` becomes overdue: the end of that day, UTC."""
    return datetime.combine(due_date + ONE_DAY, time(), tzinfo=UTC)


def last_due_date_to_remind(now: datetime, window: timedelta) -> date:
    """The latest due date that calls for a reminder at `now` (every earlier date does,
    once): the day whose end is at most `window` after `now`."""
    return (now.astimezone(UTC) + window - ONE_DAY).date()


def reminder_due(
    due_date: date, *, now: datetime, window: timedelta, sent: Kind | None
) -> Kind | None:
    """The reminder to send at `now` for an open issue due on `due_date`, given the one
    already sent for that date (if any); None when nothing is to be sent."""
    end = due_at(due_date)
    if now >= end:
        return Kind.OVERDUE if sent is not Kind.OVERDUE else None
    if end - now <= window and sent is None:
        return Kind.DUE_SOON
    return None
