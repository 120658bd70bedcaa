"""Workflows: the ordered statuses of a project, each in a category."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any, NamedTuple

from taskdeck.domain.errors import FieldError, ValidationFailed


class Category(StrEnum):
    """Where a status stands in the life of an issue."""

    TODO = "todo"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class WipMode(StrEnum):
    """Whether a WIP limit refuses moves (hard) or only warns (soft)."""

    HARD = "hard"
    SOFT = "soft"


STATUS_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")
MAX_STATUSES = 30


class Status(NamedTuple):
    """One column of the workflow."""

    id: str
    name: str
    category: Category
    wip_limit: int | None = None
    wip_mode: WipMode = WipMode.HARD

    def as_json(self) -> dict[str, Any]:
        """The status as stored and as the API shows it."""
        return self._asdict()


DEFAULT_WORKFLOW: tuple[Status, ...] = (
    Status("todo", "To Do", Category.TODO),
    Status("in_progress", "In Progress", Category.IN_PROGRESS),
    Status("in_review", "In Review", Category.IN_PROGRESS),
    Status("done", "Done", Category.DONE),
)


def parse_workflow(raw: Sequence[dict[str, Any]]) -> list[Status]:
    """Statuses from stored JSON (assumed valid: it was checked when written)."""
    return [
        Status(
            id=s["id"],
            name=s["name"],
            category=Category(s["category"]),
            wip_limit=s.get("wip_limit"),
            wip_mode=WipMode(s.get("wip_mode", WipMode.HARD)),
        )
        for s in raw
    ]


def validate_workflow(statuses: Sequence[Status]) -> None:
    """Refuse a workflow with duplicate ids or names, or without a todo and a done status."""
    errors: list[FieldError] = []
    if not 1 <= len(statuses) <= MAX_STATUSES:
        errors.append(FieldError("workflow", f"a workflow has 1 to {MAX_STATUSES} statuses"))
    ids = [s.id for s in statuses]
    names = [s.name.casefold() for s in statuses]
    for position, status in enumerate(statuses):
        if not STATUS_ID.match(status.id):
            errors.append(
                FieldError(
                    f"workflow[{position}].id",
                    "1-32 lowercase letters, digits, '-' or '_', starting with a letter or digit",
                )
            )
    if len(set(ids)) != len(ids):
        errors.append(FieldError("workflow", "status ids must be unique"))
    if len(set(names)) != len(names):
        errors.append(FieldError("workflow", "status names must be unique"))
    categories = {s.category for s in statuses}
    for required in (Category.TODO, Category.DONE):
        if required not in categories:
            errors.append(FieldError("workflow", f"a workflow needs a '{required}' status"))
    if errors:
        raise ValidationFailed("the workflow is not valid", errors)


def plan_status_moves(
    old: Sequence[Status], new: Sequence[Status], moves: Mapping[str, str]
) -> dict[str, str]:
    """Check where the issues of removed statuses go: each source a status the new
    workflow removes, each target a status of the new workflow."""
    old_ids, new_ids = {s.id for s in old}, {s.id for s in new}
    errors = []
    for source, target in moves.items():
        field = f"move_issues.{source}"
        if source not in old_ids:
            errors.append(FieldError(field, "not a status of the current workflow"))
        elif source in new_ids:
            errors.append(FieldError(field, "this status is kept, not removed"))
        if target not in new_ids:
            errors.append(FieldError(field, f"'{target}' is not a status of the new workflow"))
    if errors:
        raise ValidationFailed("the issues of removed statuses cannot move as asked", errors)
    return dict(moves)


def category_of(statuses: Sequence[Status], status_id: str) -> Category | None:
    """The category of a status, or None if the workflow has no such status."""
    for status in statuses:
        if status.id == status_id:
            return status.category
    return None
