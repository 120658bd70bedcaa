"""Flow math: cumulative flow rebuilt from today's counts and the daily rollup, lead and
cycle time from resolution facts, and the age of the work in progress. Pure: the services
read the facts, these functions count, so every figure can be checked by hand."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from taskdeck.domain.assignees import matches_assignee
from taskdeck.domain.report_range import DateRange
from taskdeck.domain.report_stats import days_between, percentile
from taskdeck.domain.workflow import Category, Status

# --- cumulative flow ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FlowColumn:
    """A status a cumulative flow counts; `category` None: the workflow no longer has it."""

    id: str
    name: str
    category: Category | None


@dataclass(frozen=True, slots=True)
class FlowDay:
    """The number of issues in each status at the end of one UTC day."""

    day: date
    counts: dict[str, int]


@dataclass(frozen=True, slots=True)
class CumulativeFlow:
    """The statuses counted, in workflow order, and one row per day of the range."""

    statuses: tuple[FlowColumn, ...]
    days: tuple[FlowDay, ...]


def cumulative_flow(
    workflow: Sequence[Status],
    counts_now: Mapping[str, int],
    deltas: Mapping[date, Mapping[str, int]],
    days: DateRange,
) -> CumulativeFlow:
    """Each day's counts, going back from the counts now: the count at the end of day d is
    the count now minus what entered the status on every day after d (`deltas`: per UTC
    day, the net number of issues that entered each status; days after the range count,
    since the counts now include them).

    A status the workflow no longer has is shown after the workflow's, by id, when it
    held issues on a day of the range. A count that would fall below zero (changes made
    before the rollup existed) shows 0: a chart has no negative issues.
    """
    running = {s.id: 0 for s in workflow} | dict(counts_now)
    for day_deltas in deltas.values():
        for status in day_deltas:
            running.setdefault(status, 0)
    later = sorted(
        ((d, m) for d, m in deltas.items() if d > days.start), key=lambda dm: dm[0], reverse=True
    )
    position = 0
    rows: list[FlowDay] = []
    for day in reversed(list(days.days())):
        while position < len(later) and later[position][0] > day:
            for status, entered in later[position][1].items():
                running[status] -= entered
            position += 1
        rows.append(FlowDay(day, {status: max(0, count) for status, count in running.items()}))
    rows.reverse()
    columns = [FlowColumn(s.id, s.name, s.category) for s in workflow]
    shown = {s.id for s in workflow}
    columns += [
        FlowColumn(status, status, None)
        for status in sorted(set(running) - shown)
        if any(row.counts[status] for row in rows)
    ]
    kept = [c.id for c in columns]
    return CumulativeFlow(
        tuple(columns),
        tuple(FlowDay(row.day, {status: row.counts[status] for status in kept}) for row in rows),
    )


# --- filters -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IssueFilter:
    """Which issues a report keeps: by assignee (a user id or `none`, `me` already
    resolved: `domain/assignees.py`), type and epic (a key)."""

    assignee: str | None = None
    type: str | None = None
    epic: str | None = None

    def keeps(self, issue: Mapping[str, Any], epics: Mapping[str, str | None]) -> bool:
        """Whether `issue` passes every filter given (`epics`: each issue's epic by key,
        needed only when filtering by epic)."""
        if not matches_assignee(issue.get("assignee"), self.assignee):
            return False
        if self.type is not None and issue.get("type") != self.type:
            return False
        return self.epic is None or epics.get(str(issue["key"])) == self.epic


# --- lead and cycle time -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Percentiles:
    """The nearest-rank 50th, 85th and 95th percentiles (None: no values)."""

    p50: float | None
    p85: float | None
    p95: float | None


def percentiles(values: Sequence[float]) -> Percentiles:
    """The percentiles teams plan with: half of the work takes at most `p50`, 85% at most
    `p85` (a date to promise), 95% at most `p95` (the exception)."""
    return Percentiles(percentile(values, 0.5), percentile(values, 0.85), percentile(values, 0.95))


@dataclass(frozen=True, slots=True)
class ResolvedIssue:
    """One resolved issue: its lead time (created to resolved) and cycle time (first
    started to resolved; None if it never entered an in-progress status), in days."""

    key: str
    type: str
    assignee: str | None
    points: float | None
    created_at: str
    started_at: str | None
    resolved_at: str
    lead_time_days: float
    cycle_time_days: float | None


@dataclass(frozen=True, slots=True)
class CycleTime:
    """The issues resolved in a range, in the order they were resolved, and the
    percentiles of their lead and cycle times (over the issues that have one)."""

    issues: tuple[ResolvedIssue, ...]
    lead_time_days: Percentiles
    cycle_time_days: Percentiles


def resolved_issue(fact: Mapping[str, Any]) -> ResolvedIssue:
    """A resolution fact's row."""
    started = fact.get("started_at")
    resolved = str(fact["resolved_at"])
    points = fact.get("points")
    return ResolvedIssue(
        key=str(fact["key"]),
        type=str(fact["type"]),
        assignee=fact.get("assignee"),
        points=None if points is None else float(points),
        created_at=str(fact["created_at"]),
        started_at=started,
        resolved_at=resolved,
        lead_time_days=days_between(str(fact["created_at"]), resolved),
        cycle_time_days=None if not started else days_between(str(started), resolved),
    )


def cycle_time(facts: Iterable[Mapping[str, Any]]) -> CycleTime:
    """The rows of resolution facts, oldest resolution first, and their percentiles."""
    ordered = sorted(facts, key=lambda f: (str(f["resolved_at"]), int(f["number"])))
    rows = [resolved_issue(f) for f in ordered]
    return CycleTime(
        tuple(rows),
        percentiles([r.lead_time_days for r in rows]),
        percentiles([r.cycle_time_days for r in rows if r.cycle_time_days is not None]),
    )


# --- aging work in progress --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AgingIssue:
    """An issue in progress: how long it has stood in its status and since it started,
    in days, from the stamps as used (`status_since` falls back to `updated_at`,
    `started_at` to `status_since`, for issues older than the stamps)."""

    key: str
    title: str
    type: str
    status: str
    assignee: str | None
    points: float | None
    status_since: str
    started_at: str
    days_in_status: float
    age_days: float


def aging_issue(issue: Mapping[str, Any], now: str) -> AgingIssue:
    """An open issue's row, aged at `now`."""
    since = str(issue.get("status_since") or issue["updated_at"])
    started = str(issue.get("started_at") or since)
    points = issue.get("points")
    return AgingIssue(
        key=str(issue["key"]),
        title=str(issue["title"]),
        type=str(issue["type"]),
        status=str(issue["status"]),
        assignee=issue.get("assignee"),
        points=None if points is None else float(points),
        status_since=since,
        started_at=started,
        days_in_status=days_between(since, now),
        age_days=days_between(started, now),
    )


def aging_wip(issues: Iterable[Mapping[str, Any]], now: str) -> tuple[AgingIssue, ...]:
    """The rows of the issues in progress, oldest first (by age, then by time in status,
    then by number): the top of the list is what most needs a look."""
    aged = [(aging_issue(i, now), int(i["number"])) for i in issues]
    aged.sort(key=lambda row: (-row[0].age_days, -row[0].days_in_status, row[1]))
    return tuple(row for row, _ in aged)
