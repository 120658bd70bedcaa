"""Flow math without a store: cumulative flow rebuilt backwards from today's counts, lead
and cycle time with their percentiles, and the age of the work in progress."""

from __future__ import annotations

from datetime import date
from typing import Any

from taskdeck.domain.flow import (
    FlowColumn,
    IssueFilter,
    Percentiles,
    aging_wip,
    cumulative_flow,
    cycle_time,
    percentiles,
)
from taskdeck.domain.report_range import DateRange
from taskdeck.domain.workflow import DEFAULT_WORKFLOW, Category, Status

WORKFLOW = (
    Status("todo", "To Do", Category.TODO),
    Status("doing", "Doing", Category.IN_PROGRESS),
    Status("done", "Done", Category.DONE),
)
JUNE_1_TO_5 = DateRange(date(2026, 6, 1), date(2026, 6, 5))


def counts(report: Any) -> list[tuple[int, ...]]:
    """Each day's counts, in the order of the columns."""
    return [tuple(day.counts[s.id] for s in report.statuses) for day in report.days]


def test_each_day_is_the_count_now_less_what_entered_after_it() -> None:
    # 1 June: three created. 2 June: one started. 4 June: one finished, one done at once.
    # 6 June (after the range): one started. So now: 0 to do, 1 doing, 2 done.
    deltas = {
        date(2026, 6, 1): {"todo": 3},
        date(2026, 6, 2): {"todo": -1, "doing": 1},
        date(2026, 6, 4): {"todo": -1, "doing": -1, "done": 2},
        date(2026, 6, 6): {"todo": -1, "doing": 1},
    }
    report = cumulative_flow(WORKFLOW, {"todo": 0, "doing": 1, "done": 2}, deltas, JUNE_1_TO_5)
    assert [s.id for s in report.statuses] == ["todo", "doing", "done"]
    assert [d.day.day for d in report.days] == [1, 2, 3, 4, 5]
    assert counts(report) == [(3, 0, 0), (2, 1, 0), (2, 1, 0), (1, 0, 2), (1, 0, 2)]


def test_days_before_any_change_hold_what_the_project_then_held() -> None:
    report = cumulative_flow(WORKFLOW, {"todo": 2}, {date(2026, 6, 3): {"todo": 2}}, JUNE_1_TO_5)
    assert counts(report) == [(0, 0, 0), (0, 0, 0), (2, 0, 0), (2, 0, 0), (2, 0, 0)]


def test_a_removed_status_is_shown_last_while_it_held_issues_in_the_range() -> None:
    # 3 June a workflow edit removed `review` (2 issues) and `old` (empty), moving its
    # issues to `doing`; the counter still has count_old = 0.
    deltas = {date(2026, 6, 3): {"review": -2, "doing": 2, "old": 0}}
    now = {"todo": 0, "doing": 2, "done": 0, "review": 0, "old": 0}
    report = cumulative_flow(WORKFLOW, now, deltas, JUNE_1_TO_5)
    assert report.statuses[-1] == FlowColumn("review", "review", None)
    assert [s.id for s in report.statuses] == ["todo", "doing", "done", "review"]
    assert counts(report) == [(0, 0, 0, 2), (0, 0, 0, 2), (0, 2, 0, 0), (0, 2, 0, 0), (0, 2, 0, 0)]
    later = cumulative_flow(WORKFLOW, now, deltas, DateRange(date(2026, 6, 3), date(2026, 6, 5)))
    assert [s.id for s in later.statuses] == ["todo", "doing", "done"]


def test_a_count_never_falls_below_zero() -> None:
    # Issues created before the rollup existed: their moves out are counted, not their
    # creation.
    report = cumulative_flow(WORKFLOW, {"done": 1}, {date(2026, 6, 2): {"todo": -1}}, JUNE_1_TO_5)
    assert counts(report)[0] == (1, 0, 1)
    report = cumulative_flow(WORKFLOW, {}, {date(2026, 6, 2): {"todo": 1}}, JUNE_1_TO_5)
    assert counts(report)[0] == (0, 0, 0)


def test_percentiles_are_values_of_the_list_by_nearest_rank() -> None:
    assert percentiles([float(n) for n in range(20, 0, -1)]) == Percentiles(10, 17, 19)
    assert percentiles([4.0]) == Percentiles(4, 4, 4)
    assert percentiles([]) == Percentiles(None, None, None)


def fact(number: int, created: str, started: str | None, resolved: str, **more: Any) -> Any:
    """A resolution fact (timestamps: days of June 2026 and hours)."""
    return {
        "key": f"WEB-{number}",
        "number": number,
        "type": more.get("type", "task"),
        "assignee": more.get("assignee"),
        "points": more.get("points"),
        "parent": None,
        "created_at": f"2026-06-{created}Z",
        "started_at": None if started is None else f"2026-06-{started}Z",
        "resolved_at": f"2026-06-{resolved}Z",
    }


def test_lead_and_cycle_time_in_days_to_the_hundredth() -> None:
    report = cycle_time(
        [
            fact(3, "01T00:00:00", None, "02T12:00:00"),  # never started
            fact(1, "01T00:00:00", "03T00:00:00", "05T06:00:00", points=3),
            fact(2, "02T00:00:00", "02T08:00:00", "02T16:00:00"),
        ]
    )
    shown = [(r.key, r.lead_time_days, r.cycle_time_days) for r in report.issues]
    assert shown == [("WEB-3", 1.5, None), ("WEB-2", 0.67, 0.33), ("WEB-1", 4.25, 2.25)]
    assert report.issues[-1].points == 3
    assert report.lead_time_days == Percentiles(1.5, 4.25, 4.25)
    assert report.cycle_time_days == Percentiles(0.33, 2.25, 2.25)


def test_issues_resolved_at_the_same_moment_come_by_number() -> None:
    report = cycle_time(
        [fact(n, "01T00:00:00", None, "02T00:00:00") for n in (12, 2)]  # not "12" < "2"
    )
    assert [r.key for r in report.issues] == ["WEB-2", "WEB-12"]


def issue(number: int, status_since: str | None, started: str | None, **more: Any) -> Any:
    """An issue in progress, with its stamps (days of June 2026 at noon, or absent)."""
    return {
        "key": f"WEB-{number}",
        "number": number,
        "title": f"Issue {number}",
        "type": "story",
        "status": "doing",
        "assignee": None,
        "points": 2,
        "updated_at": "2026-06-09T12:00:00.000Z",
        **({"status_since": f"2026-06-{status_since}T12:00:00.000Z"} if status_since else {}),
        "started_at": f"2026-06-{started}T12:00:00.000Z" if started else None,
        **more,
    }


def test_aging_work_is_oldest_first_with_fallbacks_for_older_issues() -> None:
    now = "2026-06-10T00:00:00.000Z"
    rows = aging_wip(
        [
            issue(1, "08", "08"),
            issue(2, None, None),  # older than the stamps: updated_at stands in for both
            issue(3, "07", "01"),
            issue(4, "05", None),  # no start: aged since it entered its status
            issue(5, "09", "01"),
        ],
        now,
    )
    shown = [(r.key, r.age_days, r.days_in_status) for r in rows]
    assert shown == [
        ("WEB-3", 8.5, 2.5),
        ("WEB-5", 8.5, 0.5),
        ("WEB-4", 4.5, 4.5),
        ("WEB-1", 1.5, 1.5),
        ("WEB-2", 0.5, 0.5),
    ]
    assert (rows[-1].status_since, rows[-1].started_at) == ("2026-06-09T12:00:00.000Z",) * 2
    assert rows[0].points == 2.0


def test_filters_keep_what_every_one_given_allows() -> None:
    story = {"key": "WEB-2", "type": "story", "assignee": "ann"}
    epics = {"WEB-2": "WEB-1"}
    assert IssueFilter().keeps(story, {})
    assert IssueFilter(assignee="ann", type="story", epic="WEB-1").keeps(story, epics)
    assert not IssueFilter(assignee="bob").keeps(story, epics)
    assert not IssueFilter(assignee="none").keeps(story, epics)
    assert IssueFilter(assignee="none").keeps({**story, "assignee": None}, epics)
    assert not IssueFilter(type="bug").keeps(story, epics)
    assert not IssueFilter(epic="WEB-9").keeps(story, epics)
    assert not IssueFilter(epic="WEB-1").keeps({**story, "key": "WEB-3"}, epics)


def test_the_default_workflow_is_counted_in_its_order() -> None:
    report = cumulative_flow(DEFAULT_WORKFLOW, {}, {}, JUNE_1_TO_5)
    assert [s.id for s in report.statuses] == ["todo", "in_progress", "in_review", "done"]
    assert counts(report) == [(0, 0, 0, 0)] * 5
