"""Report math without a store: what counts on which day, and the velocity statistics."""

from __future__ import annotations

from datetime import date
from typing import Any

from taskdeck.domain.reports import IssueEvent, SprintFacts, burndown, ideal_points, velocity


def is_done(status: str) -> bool:
    return status == "done"


def facts(*events: IssueEvent, completion: dict[str, Any] | None = None) -> SprintFacts:
    """A sprint of 1 to 3 June committing A (3 points, to do) and B (2, to do)."""
    return SprintFacts(
        start=date(2026, 6, 1),
        end=date(2026, 6, 3),
        started_at="2026-06-01T08:00:00.000Z",
        committed=[
            {"key": "A", "points": 3, "status": "todo"},
            {"key": "B", "points": 2, "status": "todo"},
        ],
        events=events,
        completion=completion,
    )


def remaining_and_completed(rows: Any) -> list[tuple[float, float]]:
    return [(r.remaining_points, r.completed_points) for r in rows]


def test_a_reopened_issue_stops_counting_as_completed() -> None:
    rows = burndown(
        facts(
            IssueEvent("2026-06-01T10:00:00.000Z", "A", "status", "done"),
            IssueEvent("2026-06-02T10:00:00.000Z", "A", "status", "in_progress"),
        ),
        is_done=is_done,
        today=date(2026, 6, 3),
    )
    assert remaining_and_completed(rows) == [(2, 3), (5, 0), (5, 0)]


def test_history_before_the_start_is_already_in_the_committed_record() -> None:
    rows = burndown(
        facts(IssueEvent("2026-06-01T07:00:00.000Z", "A", "status", "done")),
        is_done=is_done,
        today=date(2026, 6, 1),
    )
    assert remaining_and_completed(rows) == [(5, 0)]


def test_a_change_of_points_moves_the_remaining_work() -> None:
    rows = burndown(
        facts(IssueEvent("2026-06-02T09:00:00.000Z", "B", "points", 8)),
        is_done=is_done,
        today=date(2026, 6, 2),
    )
    assert remaining_and_completed(rows) == [(5, 0), (11, 0)]


def test_a_completed_sprint_ends_as_its_completion_recorded() -> None:
    completion = {
        "completed_at": "2026-06-03T17:00:00.000Z",
        "completed": {"points": 3, "issue_count": 1},
        "carried_over": {"points": 2, "issue_count": 1},
    }
    rows = burndown(
        facts(
            IssueEvent("2026-06-02T09:00:00.000Z", "A", "status", "done"),
            IssueEvent("2026-06-04T09:00:00.000Z", "B", "status", "done"),  # after completion
            completion=completion,
        ),
        is_done=is_done,
        today=date(2026, 6, 30),
    )
    assert remaining_and_completed(rows) == [(5, 0), (2, 3), (2, 3)]
    assert (rows[-1].remaining_issues, rows[-1].completed_issues) == (1, 1)


def test_an_active_sprint_that_starts_after_today_has_no_days() -> None:
    assert burndown(facts(), is_done=is_done, today=date(2026, 5, 31)) == []


def test_the_ideal_line_falls_to_zero_on_the_end_date() -> None:
    start, end = date(2026, 6, 1), date(2026, 6, 3)
    assert [ideal_points(5, start, end, date(2026, 6, d)) for d in (1, 2, 3)] == [5, 2.5, 0]
    assert ideal_points(5, start, start, start) == 0


def sprint(name: str, completed_at: str | None, points: float) -> dict[str, Any]:
    return {
        "id": name,
        "name": name,
        "state": "completed" if completed_at else "active",
        "completed_at": completed_at,
        "committed": {"points": points + 1, "issue_count": 2},
        "completed": {"points": points, "issue_count": 1} if completed_at else None,
    }


def test_velocity_takes_the_last_completed_sprints_in_completion_order() -> None:
    sprints = [
        sprint("late", "2026-06-20T00:00:00.000Z", 9),
        sprint("early", "2026-06-10T00:00:00.000Z", 3),
        sprint("middle", "2026-06-15T00:00:00.000Z", 6),
        sprint("running", None, 0),
    ]
    report = velocity(sprints, 2)
    assert [row.id for row in report.sprints] == ["middle", "late"]
    assert (report.average_points, report.standard_deviation_points) == (7.5, 1.5)


def test_velocity_without_completed_sprints_has_no_statistics() -> None:
    report = velocity([sprint("running", None, 0)], 7)
    assert (report.sprints, report.average_points, report.standard_deviation_points) == (
        (),
        None,
        None,
    )
