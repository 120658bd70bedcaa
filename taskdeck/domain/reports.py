"""Report math: velocity over completed sprints and a sprint's daily burndown, computed
from the facts a sprint keeps (its committed and completed records, its scope changes)
and from its issues' history. Pure: the services read the facts, these functions count."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from taskdeck.domain.sprints import SprintState

ADDED = "added"
REMOVED = "removed"
TRACKED_FIELDS = frozenset({"status", "points"})
"""The history fields that move a burndown: an issue's status (done or not) and points."""


def _points(value: Any) -> float:
    """Points as a number (an issue without points counts none)."""
    return float(value or 0)


def _day(moment: str) -> date:
    """The UTC day of a stored ISO 8601 timestamp."""
    return datetime.fromisoformat(moment).date()


# --- velocity ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VelocityRow:
    """One completed sprint: what it committed to and what it completed."""

    id: str
    name: str
    committed_points: float
    committed_issues: int
    completed_points: float
    completed_issues: int


@dataclass(frozen=True, slots=True)
class Velocity:
    """The last completed sprints, oldest first, with the mean and the population standard
    deviation of their completed points (None without sprints)."""

    sprints: tuple[VelocityRow, ...]
    average_points: float | None
    standard_deviation_points: float | None


def velocity_row(sprint: Mapping[str, Any]) -> VelocityRow:
    """A completed sprint's row, from its `committed` and `completed` records."""
    committed = sprint.get("committed") or {}
    completed = sprint.get("completed") or {}
    return VelocityRow(
        id=str(sprint["id"]),
        name=str(sprint["name"]),
        committed_points=_points(committed.get("points")),
        committed_issues=int(committed.get("issue_count") or 0),
        completed_points=_points(completed.get("points")),
        completed_issues=int(completed.get("issue_count") or 0),
    )


def velocity(sprints: Iterable[Mapping[str, Any]], last: int) -> Velocity:
    """The last `last` completed sprints in the order they completed (one sprint is active
    at a time, so that is also the order they started), and their completed points'
    mean and population standard deviation: the spread of these sprints themselves, not
    an estimate for sprints not shown."""
    done = sorted(
        (s for s in sprints if s.get("state") == SprintState.COMPLETED),
        key=lambda s: (str(s.get("completed_at") or ""), str(s["id"])),
    )
    rows = tuple(velocity_row(s) for s in done[-last:])
    completed = [row.completed_points for row in rows]
    if not completed:
        return Velocity(rows, None, None)
    return Velocity(
        rows, round(statistics.fmean(completed), 2), round(statistics.pstdev(completed), 2)
    )


# --- burndown ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IssueEvent:
    """Something that happened to one of a sprint's issues at `at`: a scope change
    (`added`/`removed`, with the issue's points and status then) or a change of its
    `status` or `points` from its history (`value` the new one)."""

    at: str
    issue: str
    kind: str
    value: Any = None
    points: Any = None


@dataclass(frozen=True, slots=True)
class SprintFacts:
    """What a burndown is computed from: the sprint's dates and records, and the events of
    its issues."""

    start: date
    end: date
    started_at: str
    committed: Sequence[Mapping[str, Any]]
    """The `issues` of the sprint's `committed` record: `{key, points, status}`."""
    events: Sequence[IssueEvent]
    completion: Mapping[str, Any] | None = None
    """For a completed sprint: `{completed_at, completed, carried_over}` as recorded."""


@dataclass(slots=True)
class _IssueState:
    in_scope: bool
    done: bool
    points: float


@dataclass(slots=True)
class BurndownDay:
    """One day of a burndown, as it stood at the end of that UTC day."""

    day: date
    remaining_points: float = 0.0
    remaining_issues: int = 0
    completed_points: float = 0.0
    completed_issues: int = 0
    added_points: float = 0.0
    added_issues: int = 0
    removed_points: float = 0.0
    removed_issues: int = 0
    ideal_points: float = 0.0


@dataclass(slots=True)
class _Tally:
    issues: dict[str, _IssueState] = field(default_factory=dict)

    def apply(self, event: IssueEvent, is_done: Callable[[str], bool], row: BurndownDay) -> None:
        """Apply one event, counting a scope change in the day's row."""
        state = self.issues.setdefault(event.issue, _IssueState(False, False, 0.0))
        if event.kind in (ADDED, REMOVED):
            state.points = _points(event.points)
            state.done = is_done(str(event.value))
            state.in_scope = event.kind == ADDED
            if state.in_scope:
                row.added_points += state.points
                row.added_issues += 1
            else:
                row.removed_points += state.points
                row.removed_issues += 1
        elif event.kind == "status":
            state.done = is_done(str(event.value))
        elif event.kind == "points":
            state.points = _points(event.value)

    def close(self, row: BurndownDay) -> None:
        """Fill the day's totals from the issues as they stand (points to 2 places, so
        fractional points add up as people count them)."""
        for state in self.issues.values():
            if not state.in_scope:
                continue
            if state.done:
                row.completed_points += state.points
                row.completed_issues += 1
            else:
                row.remaining_points += state.points
                row.remaining_issues += 1
        for name in ("remaining_points", "completed_points", "added_points", "removed_points"):
            setattr(row, name, round(getattr(row, name), 2))


def ideal_points(committed: float, start: date, end: date, day: date) -> float:
    """The ideal line: the committed points falling linearly to 0 on the end date."""
    span = (end - start).days
    if span <= 0:
        return 0.0
    return round(committed * (end - day).days / span, 2)


def burndown(
    facts: SprintFacts, *, is_done: Callable[[str], bool], today: date
) -> list[BurndownDay]:
    """A row per day from the start date to the end date (for a sprint still active, to
    today if that is earlier).

    The scope starts as the committed record; events after the start are applied in time
    order on their UTC day (an event before the first day counts on it, one after the
    last day on the last). An issue counts as completed while it stands in a
    `done`-category status (`is_done`), so it counts on the day it moved there and stops
    counting if it is reopened. A completed sprint ignores what happened after its
    completion, and its last day shows exactly what the completion recorded.
    """
    completion = facts.completion
    last = facts.end if completion is not None else min(facts.end, today)
    if last < facts.start:
        return []
    tally = _Tally(
        {
            str(i["key"]): _IssueState(True, is_done(str(i["status"])), _points(i.get("points")))
            for i in facts.committed
        }
    )
    committed_points = sum(s.points for s in tally.issues.values())
    events = _events_after_start(facts)
    rows: list[BurndownDay] = []
    position = 0
    day = facts.start
    while day <= last:
        row = BurndownDay(
            day, ideal_points=ideal_points(committed_points, facts.start, facts.end, day)
        )
        while position < len(events) and (day == last or _day(events[position].at) <= day):
            tally.apply(events[position], is_done, row)
            position += 1
        tally.close(row)
        rows.append(row)
        day += timedelta(days=1)
    if completion is not None:
        _as_recorded(rows[-1], completion)
    return rows


def _events_after_start(facts: SprintFacts) -> list[IssueEvent]:
    """The events the committed record does not hold yet (and, for a completed sprint,
    that happened before its completion), in time order."""
    completion = facts.completion
    cutoff = str(completion["completed_at"]) if completion is not None else None
    return sorted(
        (
            e
            for e in facts.events
            if e.at >= facts.started_at and (cutoff is None or e.at <= cutoff)
        ),
        key=lambda e: e.at,
    )


def _as_recorded(row: BurndownDay, completion: Mapping[str, Any]) -> None:
    """The last day of a completed sprint: what its completion recorded."""
    completed = completion.get("completed") or {}
    carried = completion.get("carried_over") or {}
    row.completed_points = _points(completed.get("points"))
    row.completed_issues = int(completed.get("issue_count") or 0)
    row.remaining_points = _points(carried.get("points"))
    row.remaining_issues = int(carried.get("issue_count") or 0)
