"""Sprints: their states and transitions, names and dates, and what a start or a completion
records (the committed scope; what was completed and what carries over)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from enum import StrEnum
from typing import Any, NamedTuple

from taskdeck.domain.errors import Conflict, FieldError, ValidationFailed
from taskdeck.domain.workflow import Category

NAME_MAX = 200
GOAL_MAX = 2000
CONTINUED = " (continued)"
BACKLOG = "backlog"
NEW = "new"
SPRINT_ID = re.compile(r"^[0-9A-HJKMNP-TV-Z]{26}$")
"""A sprint id: a ULID in Crockford's base 32, as the services make them."""
_TRAILING_NUMBER = re.compile(r"^(.*?)(\d+)$")


class SprintState(StrEnum):
    """Where a sprint stands: planned, then active, then (while its issues move) completing,
    then completed."""

    PLANNED = "planned"
    ACTIVE = "active"
    COMPLETING = "completing"
    COMPLETED = "completed"


TRANSITIONS: dict[SprintState, frozenset[SprintState]] = {
    SprintState.PLANNED: frozenset({SprintState.ACTIVE}),
    SprintState.ACTIVE: frozenset({SprintState.COMPLETING}),
    SprintState.COMPLETING: frozenset({SprintState.COMPLETED}),
    SprintState.COMPLETED: frozenset(),
}
"""The states each state may move to."""

DATES_FROZEN = frozenset({SprintState.COMPLETING, SprintState.COMPLETED})
"""States in which only the name and the goal may still change."""


def may_move(before: SprintState, after: SprintState) -> bool:
    """Whether a sprint in state `before` may move to `after`."""
    return after in TRANSITIONS[before]


def check_name(name: str) -> str:
    """A sprint name: trimmed, 1 to 200 characters."""
    name = name.strip()
    if not 1 <= len(name) <= NAME_MAX:
        raise ValidationFailed(
            "the name is not valid", [FieldError("name", f"1-{NAME_MAX} characters")]
        )
    return name


def check_goal(goal: str | None) -> str:
    """A sprint goal of at most 2,000 characters (None: no goal)."""
    goal = goal or ""
    if len(goal) > GOAL_MAX:
        raise ValidationFailed(
            "the goal is too long", [FieldError("goal", f"at most {GOAL_MAX} characters")]
        )
    return goal


def parse_date(value: str | None, field: str) -> date | None:
    """An ISO date (`YYYY-MM-DD`) or None."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationFailed(
            f"{field} is not a date", [FieldError(field, "an ISO date: YYYY-MM-DD")]
        ) from None


def check_dates(start: date | None, end: date | None) -> None:
    """Refuse an end date before the start date."""
    if start is not None and end is not None and end < start:
        raise ValidationFailed(
            "the sprint would end before it starts",
            [FieldError("end_date", f"must not be before the start date {start.isoformat()}")],
        )


def check_edit(state: SprintState, fields: Iterable[str]) -> None:
    """Refuse changes a sprint in `state` no longer takes: once completing, only its name
    and goal; while active, its dates may move but not disappear (checked by the caller
    through `check_startable_dates`)."""
    frozen = sorted(set(fields) - {"name", "goal"})
    if state in DATES_FROZEN and frozen:
        raise Conflict(
            f"the sprint is {state}: only its name and goal may change",
            [FieldError(f, f"cannot change once the sprint is {state}") for f in frozen],
        )


def check_startable_dates(start: date | None, end: date | None) -> None:
    """A started sprint needs both dates, in order."""
    missing = [
        FieldError(name, "a sprint needs this date to start")
        for name, value in (("start_date", start), ("end_date", end))
        if value is None
    ]
    if missing:
        raise ValidationFailed("set the sprint's start and end dates to start it", missing)
    check_dates(start, end)


def check_can_start(state: SprintState, start: date | None, end: date | None) -> None:
    """Only a planned sprint starts, and only with its dates set."""
    if not may_move(state, SprintState.ACTIVE):
        raise Conflict(f"the sprint is {state}; only a planned sprint can be started")
    check_startable_dates(start, end)


def check_can_complete(state: SprintState) -> None:
    """Only the active sprint completes (or one whose completion was interrupted)."""
    if state not in (SprintState.ACTIVE, SprintState.COMPLETING):
        raise Conflict(f"the sprint is {state}; only the active sprint can be completed")


def check_can_delete(state: SprintState) -> None:
    """Only a planned sprint may be deleted."""
    if state is not SprintState.PLANNED:
        raise Conflict(f"the sprint is {state}; only a planned sprint can be deleted")


def check_target(value: str, sprint_id: str) -> str:
    """Where open issues go on completion: `backlog`, `new` or another sprint's id."""
    if value in (BACKLOG, NEW) or (SPRINT_ID.match(value) and value != sprint_id):
        return value
    raise ValidationFailed(
        "open issues cannot move there",
        [FieldError("move_open_issues_to", "`backlog`, `new` or the id of a planned sprint")],
    )


def check_target_sprint(state: SprintState | None) -> None:
    """The sprint open issues move to must exist in the project and be planned."""
    if state is None:
        raise ValidationFailed(
            "no such sprint in this project",
            [FieldError("move_open_issues_to", "not a sprint of this project")],
        )
    if state is not SprintState.PLANNED:
        raise Conflict(
            f"open issues can move only to a planned sprint; that one is {state}",
            [FieldError("move_open_issues_to", f"the sprint is {state}")],
        )


def next_sprint_name(name: str) -> str:
    """The name of the sprint made for carried-over issues: `Sprint 4` -> `Sprint 5`,
    otherwise `<name> (continued)` (never past the length limit)."""
    match = _TRAILING_NUMBER.match(name)
    if match and match.group(1).strip():
        candidate = f"{match.group(1)}{int(match.group(2)) + 1}"
    else:
        candidate = name.removesuffix(CONTINUED)[: NAME_MAX - len(CONTINUED)] + CONTINUED
    return candidate[:NAME_MAX]


class IssueFacts(NamedTuple):
    """What a sprint's records keep of one issue."""

    key: str
    points: float | None
    status: str

    def as_json(self, *, with_status: bool = True) -> dict[str, Any]:
        """The issue as a record lists it."""
        shown: dict[str, Any] = {"key": self.key, "points": self.points}
        if with_status:
            shown["status"] = self.status
        return shown


def scope(issues: Sequence[IssueFacts], *, with_status: bool = True) -> dict[str, Any]:
    """A record of some issues: each with its points, how many, and the points in all."""
    return {
        "issues": [i.as_json(with_status=with_status) for i in issues],
        "issue_count": len(issues),
        "points": sum(i.points or 0 for i in issues),
    }


class CompletionPlan(NamedTuple):
    """What completing a sprint records and does: completed issues stay, the others move
    to `target` (`backlog` or a sprint id)."""

    target: str
    completed: tuple[IssueFacts, ...]
    carried: tuple[IssueFacts, ...]

    def completed_record(self) -> dict[str, Any]:
        """The sprint's `completed` facts."""
        return scope(self.completed, with_status=False)

    def carried_record(self) -> dict[str, Any]:
        """The sprint's `carried_over` facts."""
        return {"to": self.target, **scope(self.carried)}


def plan_completion(
    issues: Iterable[IssueFacts],
    category: Callable[[str], Category | None],
    target: str,
) -> CompletionPlan:
    """Split a sprint's issues: those in a `done`-category status are completed, the rest
    (including any in a status the workflow no longer has) carry over to `target`."""
    completed: list[IssueFacts] = []
    carried: list[IssueFacts] = []
    for issue in issues:
        done = category(issue.status) is Category.DONE
        (completed if done else carried).append(issue)
    return CompletionPlan(target, tuple(completed), tuple(carried))
