"""When a due date calls for a reminder, who hears it, and what it says."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from taskdeck.domain.deadlines import due_at, last_due_date_to_remind, reminder_due
from taskdeck.domain.notifications import Kind, audience, summary

DAY = timedelta(hours=24)
FRIDAY = date(2030, 5, 10)


def at(day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(2030, 5, day, hour, minute, tzinfo=UTC)


def test_an_issue_is_due_by_the_end_of_its_day_in_utc() -> None:
    assert due_at(FRIDAY) == at(11)


def test_due_soon_from_the_window_before_the_end_of_the_day_then_overdue() -> None:
    def due(now: datetime, sent: Kind | None = None, window: timedelta = DAY) -> Kind | None:
        return reminder_due(FRIDAY, now=now, window=window, sent=sent)

    assert due(at(9, 23, 59)) is None
    assert due(at(10)) is Kind.DUE_SOON
    assert due(at(10, 23, 59)) is Kind.DUE_SOON
    assert due(at(10, 12), sent=Kind.DUE_SOON) is None
    assert due(at(11)) is Kind.OVERDUE
    assert due(at(11), sent=Kind.DUE_SOON) is Kind.OVERDUE
    assert due(at(20), sent=Kind.OVERDUE) is None
    assert due(at(8, 23), window=timedelta(hours=49)) is Kind.DUE_SOON
    assert due(at(10, 20), window=timedelta(hours=1)) is None


def test_the_last_due_date_in_reach_moves_with_the_window() -> None:
    assert last_due_date_to_remind(at(9, 23, 59), DAY) == date(2030, 5, 9)
    assert last_due_date_to_remind(at(10), DAY) == FRIDAY
    assert last_due_date_to_remind(at(8, 23), timedelta(hours=49)) == FRIDAY
    assert last_due_date_to_remind(at(10, 22), timedelta(hours=1)) == date(2030, 5, 9)


def test_reminders_reach_the_assignee_and_the_watchers_not_the_reporter_alone() -> None:
    issue = {"assignee": "asg", "reporter": "rep", "watchers": ["wat"]}
    event = {"kind": "issue.due_soon", "actor": "system", "data": {"key": "WEB-1"}}
    assert audience(event, issue) == {"asg": Kind.DUE_SOON, "wat": Kind.DUE_SOON}
    overdue = {**event, "kind": "issue.overdue"}
    assert audience(overdue, {**issue, "assignee": None}) == {"wat": Kind.OVERDUE}


def test_reminder_summaries_name_the_issue_and_its_date() -> None:
    event = {"data": {"key": "WEB-1", "due_date": "2030-05-10"}}
    soon = summary(Kind.DUE_SOON, event, actor="Someone", status_names={})
    assert soon == "WEB-1 is due on 2030-05-10"
    late = summary(Kind.OVERDUE, event, actor="Someone", status_names={})
    assert late == "WEB-1 is overdue: it was due on 2030-05-10"
