"""Issues: types, the parent hierarchy, acceptance criteria and the rules of Done."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any

from taskdeck.domain.errors import Conflict, FieldError, ValidationFailed

TITLE_MAX = 255
DESCRIPTION_MAX = 65_536
LABELS_MAX = 100
LABEL_MAX = 64
CRITERIA_MAX = 50
CRITERION_MAX = 1_000
POINTS_MAX = 1_000
MINUTES_MAX = 10_000_000

PROJECT_KEY = re.compile(r"^[A-Z][A-Z0-9]{1,9}$")
ISSUE_KEY = re.compile(r"^([A-Z][A-Z0-9]{1,9})-([1-9][0-9]{0,9})$")


class IssueType(StrEnum):
    """The kinds of work an issue can be."""

    EPIC = "epic"
    STORY = "story"
    TASK = "task"
    BUG = "bug"
    SUBTASK = "subtask"


class Priority(StrEnum):
    """How urgent an issue is."""

    NONE = "none"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    URGENT = "urgent"


# A parent must sit strictly higher than its child, so the hierarchy can have no cycle:
# story -> epic; task and bug -> story or epic; subtask -> anything but a subtask.
_LEVEL = {
    IssueType.EPIC: 3,
    IssueType.STORY: 2,
    IssueType.TASK: 1,
    IssueType.BUG: 1,
    IssueType.SUBTASK: 0,
}


def split_issue_key(key: str) -> tuple[str, int] | None:
    """(`WEB`, 42) for `WEB-42`, or None when `key` is not an issue key."""
    match = ISSUE_KEY.match(key)
    return (match.group(1), int(match.group(2))) if match else None


def may_be_parent(child: IssueType, parent: IssueType) -> bool:
    """Whether an issue of type `parent` may hold one of type `child`."""
    return child is not IssueType.EPIC and _LEVEL[parent] > _LEVEL[child]


def check_parent(child: IssueType, parent: IssueType) -> None:
    """Refuse a parent of the wrong type."""
    if not may_be_parent(child, parent):
        raise ValidationFailed(
            f"a {child} cannot have a {parent} as parent",
            [FieldError("parent", f"a {child} cannot be a child of a {parent}")],
        )


def check_children(parent: IssueType, children: Sequence[IssueType]) -> None:
    """Refuse a type change that would leave a child under a parent it may not have."""
    for child in children:
        if not may_be_parent(child, parent):
            raise Conflict(
                f"this issue has a {child} child, which a {parent} cannot hold",
                [FieldError("type", f"a {parent} cannot hold a {child}")],
            )


def normalise_labels(labels: Sequence[str]) -> list[str]:
    """Trimmed, de-duplicated labels in their first order; refuses empty or long ones."""
    seen: dict[str, None] = {}
    errors: list[FieldError] = []
    for position, raw in enumerate(labels):
        label = raw.strip()
        if not label or len(label) > LABEL_MAX or not label.isprintable() or " " in label:
            errors.append(
                FieldError(f"labels[{position}]", f"1-{LABEL_MAX} characters without spaces")
            )
        seen.setdefault(label, None)
    if len(seen) > LABELS_MAX:
        errors.append(FieldError("labels", f"at most {LABELS_MAX} labels"))
    if errors:
        raise ValidationFailed("labels are not valid", errors)
    return list(seen)


def check_title(title: str) -> None:
    """A title is one line of printable text."""
    if not title.isprintable():
        raise ValidationFailed(
            "the title is not valid",
            [FieldError("title", "one line of text without control characters")],
        )


def check_criteria_allowed(issue_type: IssueType, criteria: Sequence[Mapping[str, Any]]) -> None:
    """Acceptance criteria belong to stories only."""
    if criteria and issue_type is not IssueType.STORY:
        raise ValidationFailed(
            "only stories have acceptance criteria",
            [FieldError("acceptance_criteria", "only stories have acceptance criteria")],
        )


def unmet_criteria(criteria: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The acceptance criteria not yet done."""
    return [criterion for criterion in criteria if not criterion.get("done")]


def check_may_finish(
    issue_type: IssueType, criteria: Sequence[Mapping[str, Any]], *, rule_on: bool
) -> None:
    """A story enters a done status only once every acceptance criterion is met."""
    if not rule_on or issue_type is not IssueType.STORY:
        return
    unmet = unmet_criteria(criteria)
    if unmet:
        raise Conflict(
            f"{len(unmet)} acceptance criteria are not met",
            [FieldError(f"acceptance_criteria[{c['id']}]", f"not met: {c['text']}") for c in unmet],
        )


def changes(
    before: Mapping[str, Any], after: Mapping[str, Any], fields: Sequence[str]
) -> list[tuple[str, Any, Any]]:
    """(field, from, to) for every field in `fields` whose value differs."""
    return [
        (name, before.get(name), after.get(name))
        for name in fields
        if before.get(name) != after.get(name)
    ]
