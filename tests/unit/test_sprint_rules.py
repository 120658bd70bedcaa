"""The pure rules of sprints: states, names, dates, and what a completion records."""

from __future__ import annotations

from datetime import date

import pytest

from taskdeck.domain.errors import Conflict, ValidationFailed
from taskdeck.domain.sprints import (
    GOAL_MAX,
    NAME_MAX,
    IssueFacts,
    SprintState,
    check_can_complete,
    check_can_delete,
    check_can_start,
    check_dates,
    check_edit,
    check_goal,
    check_name,
    check_target,
    check_target_sprint,
    may_move,
    next_sprint_name,
    parse_date,
    plan_completion,
    scope,
)
from taskdeck.domain.workflow import DEFAULT_WORKFLOW, category_of

SPRINT = "01JD0000000000000000000000"
OTHER = "01JD0000000000000000000001"
JAN_1, JAN_14 = date(2027, 1, 1), date(2027, 1, 14)


def fields_of(error: pytest.ExceptionInfo[ValidationFailed] | pytest.ExceptionInfo[Conflict]):
    return [e.field for e in error.value.errors]


def test_states_move_forward_only() -> None:
    order = [SprintState.PLANNED, SprintState.ACTIVE, SprintState.COMPLETING, SprintState.COMPLETED]
    for before in SprintState:
        for after in SprintState:
            expected = order.index(after) == order.index(before) + 1
            assert may_move(before, after) is expected, (before, after)


def test_name_is_trimmed_and_bounded() -> None:
    assert check_name("  Sprint 1 ") == "Sprint 1"
    assert check_name("x" * NAME_MAX) == "x" * NAME_MAX
    for bad in ("", "   ", "x" * (NAME_MAX + 1)):
        with pytest.raises(ValidationFailed) as error:
            check_name(bad)
        assert fields_of(error) == ["name"]


def test_goal_is_bounded_and_optional() -> None:
    assert check_goal(None) == ""
    assert check_goal("g" * GOAL_MAX) == "g" * GOAL_MAX
    with pytest.raises(ValidationFailed) as error:
        check_goal("g" * (GOAL_MAX + 1))
    assert fields_of(error) == ["goal"]


def test_dates_are_iso_and_in_order() -> None:
    assert parse_date("2027-01-01", "start_date") == JAN_1
    assert parse_date(None, "start_date") is None
    with pytest.raises(ValidationFailed) as error:
        parse_date("01/01/2027", "end_date")
    assert fields_of(error) == ["end_date"]
    check_dates(JAN_1, JAN_1)
    check_dates(JAN_1, None)
    check_dates(None, JAN_1)
    with pytest.raises(ValidationFailed) as error:
        check_dates(JAN_14, JAN_1)
    assert fields_of(error) == ["end_date"]


def test_completed_sprints_keep_their_dates() -> None:
    check_edit(SprintState.PLANNED, ["name", "start_date", "end_date"])
    check_edit(SprintState.ACTIVE, ["end_date"])
    for state in (SprintState.COMPLETING, SprintState.COMPLETED):
        check_edit(state, ["name", "goal"])
        with pytest.raises(Conflict) as error:
            check_edit(state, ["goal", "end_date", "start_date"])
        assert fields_of(error) == ["end_date", "start_date"]


def test_only_a_planned_sprint_with_dates_starts() -> None:
    check_can_start(SprintState.PLANNED, JAN_1, JAN_14)
    with pytest.raises(ValidationFailed) as missing:
        check_can_start(SprintState.PLANNED, None, None)
    assert fields_of(missing) == ["start_date", "end_date"]
    with pytest.raises(ValidationFailed) as order:
        check_can_start(SprintState.PLANNED, JAN_14, JAN_1)
    assert fields_of(order) == ["end_date"]
    for state in (SprintState.ACTIVE, SprintState.COMPLETING, SprintState.COMPLETED):
        with pytest.raises(Conflict, match=str(state)):
            check_can_start(state, JAN_1, JAN_14)


def test_only_the_active_sprint_completes_and_only_a_planned_one_is_deleted() -> None:
    check_can_complete(SprintState.ACTIVE)
    check_can_complete(SprintState.COMPLETING)  # resuming an interrupted completion
    for state in (SprintState.PLANNED, SprintState.COMPLETED):
        with pytest.raises(Conflict, match=f"the sprint is {state}"):
            check_can_complete(state)
    check_can_delete(SprintState.PLANNED)
    for state in (SprintState.ACTIVE, SprintState.COMPLETING, SprintState.COMPLETED):
        with pytest.raises(Conflict, match=str(state)):
            check_can_delete(state)


def test_completion_targets() -> None:
    assert check_target("backlog", SPRINT) == "backlog"
    assert check_target("new", SPRINT) == "new"
    assert check_target(OTHER, SPRINT) == OTHER
    for bad in (SPRINT, "Backlog", "sprint 2", OTHER.lower()):
        with pytest.raises(ValidationFailed) as error:
            check_target(bad, SPRINT)
        assert fields_of(error) == ["move_open_issues_to"]
    check_target_sprint(SprintState.PLANNED)
    with pytest.raises(ValidationFailed):
        check_target_sprint(None)
    for state in (SprintState.ACTIVE, SprintState.COMPLETED):
        with pytest.raises(Conflict, match=str(state)):
            check_target_sprint(state)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Sprint 4", "Sprint 5"),
        ("Sprint 9", "Sprint 10"),
        ("S-09", "S-10"),
        ("Checkout", "Checkout (continued)"),
        ("Checkout (continued)", "Checkout (continued)"),
        ("42", "42 (continued)"),
    ],
)
def test_the_next_sprint_is_named_after_the_last(name: str, expected: str) -> None:
    assert next_sprint_name(name) == expected


def test_the_next_sprint_name_stays_within_the_limit() -> None:
    assert len(next_sprint_name("x" * NAME_MAX)) == NAME_MAX
    assert next_sprint_name("x" * NAME_MAX).endswith("(continued)")


def test_a_completion_splits_done_from_open_and_sums_points() -> None:
    issues = [
        IssueFacts("WEB-1", 3, "done"),
        IssueFacts("WEB-2", 5, "in_progress"),
        IssueFacts("WEB-3", None, "todo"),
        IssueFacts("WEB-4", 2.5, "done"),
        IssueFacts("WEB-5", 1, "gone"),  # a status the workflow no longer has: open
    ]
    plan = plan_completion(issues, lambda s: category_of(DEFAULT_WORKFLOW, s), "backlog")
    assert [i.key for i in plan.completed] == ["WEB-1", "WEB-4"]
    assert [i.key for i in plan.carried] == ["WEB-2", "WEB-3", "WEB-5"]
    assert plan.completed_record() == {
        "issues": [{"key": "WEB-1", "points": 3}, {"key": "WEB-4", "points": 2.5}],
        "issue_count": 2,
        "points": 5.5,
    }
    assert plan.carried_record() == {
        "to": "backlog",
        "issues": [
            {"key": "WEB-2", "points": 5, "status": "in_progress"},
            {"key": "WEB-3", "points": None, "status": "todo"},
            {"key": "WEB-5", "points": 1, "status": "gone"},
        ],
        "issue_count": 3,
        "points": 6,
    }


def test_an_empty_scope() -> None:
    assert scope([]) == {"issues": [], "issue_count": 0, "points": 0}
