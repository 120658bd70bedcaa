"""The math of the time reports, on hand-made items: estimate versus actual and its
groups, the timesheet, and the team report's credit and medians."""

from __future__ import annotations

from typing import Any

from taskdeck.domain.time_reports import (
    NONE,
    GroupBy,
    TeamFacts,
    TeamMember,
    TimeFilter,
    TimeRow,
    remaining_of,
    team,
    time_tracking,
    timesheet,
)


def _issue(number: int, **fields: Any) -> dict[str, Any]:
    return {"key": f"WEB-{number}", "number": number, "title": f"Issue {number}", **fields}


ISSUES = [
    _issue(3, estimate_minutes=60, spent_minutes=90, remaining_minutes=0, assignee="ann"),
    _issue(1, estimate_minutes=120, spent_minutes=30, assignee="bob"),
    _issue(2, spent_minutes=45, remaining_minutes=15),
    _issue(4, type="epic"),  # neither estimate nor time logged: not shown
    _issue(5, estimate_minutes=0, assignee="ann"),
]
EPICS = {"WEB-1": "WEB-4", "WEB-2": None, "WEB-3": "WEB-4", "WEB-4": "WEB-4", "WEB-5": None}


def test_each_tracked_issue_is_a_row_in_number_order_with_totals() -> None:
    report = time_tracking(ISSUES, GroupBy.ISSUE, epics={}, names={})
    assert report.rows == (
        TimeRow("WEB-1", "Issue 1", 1, 120, 30, 90, -90, 0.25),
        TimeRow("WEB-2", "Issue 2", 1, 0, 45, 15, 45, None),
        TimeRow("WEB-3", "Issue 3", 1, 60, 90, 0, 30, 1.5),
        TimeRow("WEB-5", "Issue 5", 1, 0, 0, 0, 0, None),
    )
    assert report.total == TimeRow("total", None, 4, 180, 165, 105, -15, 0.92)


def test_groups_sum_to_the_same_totals_with_none_last() -> None:
    names = {"ann": "Ann", "bob": "Bob", "WEB-4": "Checkout"}
    by_assignee = time_tracking(ISSUES, GroupBy.ASSIGNEE, epics={}, names=names)
    assert [(r.key, r.name, r.issues, r.logged_minutes) for r in by_assignee.rows] == [
        ("ann", "Ann", 2, 90),
        ("bob", "Bob", 1, 30),
        (NONE, None, 1, 45),
    ]
    by_epic = time_tracking(ISSUES, GroupBy.EPIC, epics=EPICS, names=names)
    assert [(r.key, r.name, r.estimate_minutes, r.ratio) for r in by_epic.rows] == [
        ("WEB-4", "Checkout", 180, 0.67),
        (NONE, None, 0, None),
    ]
    plain = time_tracking(ISSUES, GroupBy.ISSUE, epics={}, names={})
    assert by_assignee.total == by_epic.total == plain.total


def test_remaining_defaults_to_what_is_left_of_the_estimate() -> None:
    assert remaining_of({"estimate_minutes": 100, "spent_minutes": 30}) == 70
    assert remaining_of({"estimate_minutes": 100, "spent_minutes": 130}) == 0
    assert remaining_of({"estimate_minutes": 100, "remaining_minutes": 5}) == 5
    assert remaining_of({"spent_minutes": 30}) == 0


def test_filters_take_none_for_unassigned_and_outside_every_epic() -> None:
    def kept(wanted: TimeFilter) -> list[str]:
        return [i["key"] for i in ISSUES if wanted.keeps(i, EPICS)]

    assert kept(TimeFilter(assignee=NONE)) == ["WEB-2", "WEB-4"]
    assert kept(TimeFilter(assignee="ann")) == ["WEB-3", "WEB-5"]
    assert kept(TimeFilter(epic="WEB-4")) == ["WEB-3", "WEB-1", "WEB-4"]
    assert kept(TimeFilter(epic=NONE, type="epic")) == []


def test_timesheet_sums_each_person_s_days() -> None:
    worklogs = [
        {"author": "u2", "date": "2026-03-03", "minutes": 30},
        {"author": "u1", "date": "2026-03-04", "minutes": 60},
        {"author": "u2", "date": "2026-03-02", "minutes": 15},
        {"author": "u2", "date": "2026-03-03", "minutes": 45},
        {"author": "gone", "date": "2026-03-02", "minutes": 10},
    ]
    users = timesheet(worklogs, {"u1": "Zoe", "u2": "adam"})
    assert [(u.user_id, u.name, u.total_minutes) for u in users] == [
        ("gone", None, 10),
        ("u2", "adam", 90),
        ("u1", "Zoe", 60),
    ]
    assert [(d.date, d.minutes) for d in users[1].days] == [("2026-03-02", 15), ("2026-03-03", 75)]


def _fact(assignee: str | None, points: float | None, started: str | None, resolved: str) -> Any:
    return {"assignee": assignee, "points": points, "started_at": started, "resolved_at": resolved}


def test_team_credits_the_assignee_and_lists_former_members() -> None:
    facts = TeamFacts(
        members={"ann": "owner", "bob": "member", "cy": "viewer"},
        resolved=[
            _fact("ann", 3, "2026-03-01T00:00:00Z", "2026-03-02T12:00:00Z"),  # 1.5 days
            _fact("ann", None, None, "2026-03-03T00:00:00Z"),  # never started
            _fact("ann", 2, "2026-03-01T00:00:00Z", "2026-03-04T06:00:00Z"),  # 3.25 days
            _fact("dan", 5, "2026-03-01T00:00:00Z", "2026-03-01T08:00:00Z"),  # left since
            _fact(None, 8, None, "2026-03-05T00:00:00Z"),  # nobody to credit
        ],
        worklogs=[{"author": "bob", "minutes": 30}, {"author": "bob", "minutes": 15}],
        comments={"ann": 2, "bob": -1, "eve": 0},
        in_progress=["bob", "bob", "ann"],
    )
    rows = team(facts, {"ann": "Ann", "bob": "Bob", "cy": "Cy", "dan": "Dan"})
    assert rows == [
        TeamMember("ann", "Ann", "owner", False, 3, 5.0, 0, 2.38, 2, 1),
        TeamMember("bob", "Bob", "member", False, 0, 0.0, 45, None, 0, 2),
        TeamMember("cy", "Cy", "viewer", False, 0, 0.0, 0, None, 0, 0),
        TeamMember("dan", "Dan", None, True, 1, 5.0, 0, 0.33, 0, 0),
    ]
