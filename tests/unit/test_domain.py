"""The pure rules of the domain."""

from __future__ import annotations

import pytest

from taskdeck.domain.accounts import check_password, normalise_email
from taskdeck.domain.errors import Conflict, ValidationFailed
from taskdeck.domain.issues import (
    IssueType,
    check_children,
    check_may_finish,
    may_be_parent,
    normalise_labels,
    split_issue_key,
)
from taskdeck.domain.roles import POLICY, Action, Role, allows
from taskdeck.domain.workflow import DEFAULT_WORKFLOW, Category, Status, validate_workflow


def test_policy_covers_every_action_and_roles_nest() -> None:
    assert set(POLICY) == set(Action)
    order = [Role.VIEWER, Role.MEMBER, Role.ADMIN, Role.OWNER]
    for action in Action:
        allowed = [allows(role, action) for role in order]
        assert allowed == sorted(allowed), f"a stronger role lost {action}"
    assert allows(Role.VIEWER, Action.READ)
    assert not allows(Role.VIEWER, Action.EDIT_ISSUES)
    assert not allows(Role.MEMBER, Action.MANAGE_MEMBERS)
    assert not allows(Role.ADMIN, Action.DELETE_PROJECT)


@pytest.mark.parametrize(
    ("child", "parent", "allowed"),
    [
        (IssueType.STORY, IssueType.EPIC, True),
        (IssueType.TASK, IssueType.STORY, True),
        (IssueType.BUG, IssueType.EPIC, True),
        (IssueType.SUBTASK, IssueType.TASK, True),
        (IssueType.SUBTASK, IssueType.EPIC, True),
        (IssueType.EPIC, IssueType.EPIC, False),
        (IssueType.STORY, IssueType.STORY, False),
        (IssueType.STORY, IssueType.TASK, False),
        (IssueType.SUBTASK, IssueType.SUBTASK, False),
        (IssueType.TASK, IssueType.BUG, False),
    ],
)
def test_parent_hierarchy(child: IssueType, parent: IssueType, allowed: bool) -> None:
    assert may_be_parent(child, parent) is allowed


def test_the_hierarchy_has_no_cycles() -> None:
    # Any chain of parents strictly climbs, so it ends within five steps.
    for start in IssueType:
        frontier = {start}
        for _ in range(len(IssueType)):
            frontier = {p for c in frontier for p in IssueType if may_be_parent(c, p)}
        assert frontier == set()


def test_retyping_a_parent_checks_its_children() -> None:
    check_children(IssueType.EPIC, [IssueType.STORY, IssueType.TASK])
    with pytest.raises(Conflict):
        check_children(IssueType.TASK, [IssueType.TASK])


def test_issue_keys() -> None:
    assert split_issue_key("WEB-42") == ("WEB", 42)
    for bad in ("WEB-0", "web-1", "WEB-01", "W-1", "WEB-", "WEB42", "WEB-1-2", "WEB-12345678901"):
        assert split_issue_key(bad) is None, bad


def test_labels_are_trimmed_deduplicated_and_bounded() -> None:
    assert normalise_labels([" a", "b", "a "]) == ["a", "b"]
    with pytest.raises(ValidationFailed):
        normalise_labels([""])
    with pytest.raises(ValidationFailed):
        normalise_labels([f"l{n}" for n in range(101)])


def test_criteria_gate_done_for_stories_only() -> None:
    unmet = [{"id": "1", "text": "works", "done": False}]
    with pytest.raises(Conflict) as raised:
        check_may_finish(IssueType.STORY, unmet, rule_on=True)
    assert raised.value.errors[0].message == "not met: works"
    check_may_finish(IssueType.STORY, unmet, rule_on=False)
    check_may_finish(IssueType.TASK, unmet, rule_on=True)
    check_may_finish(IssueType.STORY, [{**unmet[0], "done": True}], rule_on=True)


def test_workflows_need_todo_and_done() -> None:
    validate_workflow(DEFAULT_WORKFLOW)
    with pytest.raises(ValidationFailed):
        validate_workflow([Status("a", "A", Category.TODO)])
    with pytest.raises(ValidationFailed):
        validate_workflow([Status("a", "A", Category.TODO), Status("a", "B", Category.DONE)])
    with pytest.raises(ValidationFailed):
        validate_workflow([Status("A!", "A", Category.TODO), Status("b", "B", Category.DONE)])


def test_passwords_and_emails() -> None:
    assert normalise_email("  a@b.co ") == "a@b.co"
    for bad in ("a", "a@b", "@b.co", "a b@c.co", "a@b\n.co", "x" * 250 + "@b.co"):
        with pytest.raises(ValidationFailed):
            normalise_email(bad)
    check_password("long enough pass", "a@b.co")
    for bad in ("short", "ann@example.com", "ANNANNANNA"):
        with pytest.raises(ValidationFailed):
            check_password(
                bad, "annannanna@example.com" if bad == "ANNANNANNA" else "ann@example.com"
            )
