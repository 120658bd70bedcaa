"""The math of the time reports: estimate versus actual, timesheets and team performance.

Every number is a plain sum, count or median of stored values, so a reader can check any
of them by hand; nothing is ranked or scored (a team report that ranks people invites
gaming the numbers, and hides why one person resolves fewer, larger issues).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

from taskdeck.domain.assignees import UNASSIGNED, matches_assignee
from taskdeck.domain.report_stats import days_between, median

NONE: Final = UNASSIGNED
"""The bucket of issues without an assignee or an epic, and the filter value that asks
for them (the assignee filter's `none`, which the epic filter takes too)."""


class GroupBy(StrEnum):
    """What a time-tracking row stands for."""

    ISSUE = "issue"
    ASSIGNEE = "assignee"
    EPIC = "epic"


@dataclass(frozen=True, slots=True)
class TimeFilter:
    """Which issues the time-tracking report keeps (`NONE`: without an assignee, or
    outside every epic; `me` already resolved)."""

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
        return self.epic is None or (epics.get(str(issue["key"])) or NONE) == self.epic


@dataclass(frozen=True, slots=True)
class TimeRow:
    """Estimated, logged and remaining minutes of an issue or a group of issues."""

    key: str
    """The issue's key, the assignee's user id or the epic's key; `none` for no group."""
    name: str | None
    """The issue's title, the assignee's name or the epic's title, when known."""
    issues: int
    estimate_minutes: int
    logged_minutes: int
    remaining_minutes: int
    over_minutes: int
    """Logged minus estimated: negative while under the estimate."""
    ratio: float | None
    """Logged over estimated, to the hundredth; None without an estimate."""


@dataclass(frozen=True, slots=True)
class TimeTracking:
    """The rows of a time-tracking report and their totals."""

    rows: tuple[TimeRow, ...]
    total: TimeRow


def is_tracked(issue: Mapping[str, Any]) -> bool:
    """Whether an issue belongs in the report: it has an estimate or time logged."""
    return issue.get("estimate_minutes") is not None or int(issue.get("spent_minutes") or 0) > 0


def remaining_of(issue: Mapping[str, Any]) -> int:
    """The minutes left: as set on the issue, else what is left of its estimate (as a
    worklog leaves a remaining estimate nobody set untouched), never below zero."""
    remaining = issue.get("remaining_minutes")
    if remaining is not None:
        return int(remaining)
    estimate = issue.get("estimate_minutes")
    if estimate is None:
        return 0
    return max(0, int(estimate) - int(issue.get("spent_minutes") or 0))


def _row(key: str, name: str | None, issues: Sequence[Mapping[str, Any]]) -> TimeRow:
    estimate = sum(int(i.get("estimate_minutes") or 0) for i in issues)
    logged = sum(int(i.get("spent_minutes") or 0) for i in issues)
    return TimeRow(
        key=key,
        name=name,
        issues=len(issues),
        estimate_minutes=estimate,
        logged_minutes=logged,
        remaining_minutes=sum(remaining_of(i) for i in issues),
        over_minutes=logged - estimate,
        ratio=round(logged / estimate, 2) if estimate else None,
    )


def time_tracking(
    issues: Iterable[Mapping[str, Any]],
    group_by: GroupBy,
    *,
    epics: Mapping[str, str | None],
    names: Mapping[str, str],
) -> TimeTracking:
    """The tracked issues by issue number, or summed per assignee or per epic (sorted by
    name, then key; the `none` bucket last). `epics`: each issue's epic by key (needed
    for epic grouping); `names`: user names by id and epic titles by key."""
    tracked = [i for i in issues if is_tracked(i)]
    if group_by is GroupBy.ISSUE:
        ordered = sorted(tracked, key=lambda i: int(i["number"]))
        rows = [_row(str(i["key"]), i.get("title"), [i]) for i in ordered]
    else:
        groups: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
        for issue in tracked:
            if group_by is GroupBy.ASSIGNEE:
                group = issue.get("assignee") or NONE
            else:
                group = epics.get(str(issue["key"])) or NONE
            groups[str(group)].append(issue)
        rows = sorted(
            (_row(group, names.get(group), members) for group, members in groups.items()),
            key=lambda row: (row.key == NONE, (row.name or "").casefold(), row.key),
        )
    return TimeTracking(rows=tuple(rows), total=_row("total", None, tracked))


@dataclass(frozen=True, slots=True)
class TimesheetDay:
    """The minutes one person logged on one day."""

    date: str
    minutes: int


@dataclass(frozen=True, slots=True)
class TimesheetUser:
    """One person's days with time logged, in date order, and their total."""

    user_id: str
    name: str | None
    days: tuple[TimesheetDay, ...]
    total_minutes: int


def timesheet(
    worklogs: Iterable[Mapping[str, Any]], names: Mapping[str, str]
) -> list[TimesheetUser]:
    """The minutes logged per person per day (only days with time logged), people by
    name."""
    minutes: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for worklog in worklogs:
        minutes[str(worklog["author"])][str(worklog["date"])] += int(worklog["minutes"])
    users = [
        TimesheetUser(
            user_id=user_id,
            name=names.get(user_id),
            days=tuple(TimesheetDay(day, days[day]) for day in sorted(days)),
            total_minutes=sum(days.values()),
        )
        for user_id, days in minutes.items()
    ]
    return sorted(users, key=lambda u: ((u.name or "").casefold(), u.user_id))


@dataclass(frozen=True, slots=True)
class TeamMember:
    """What one person did in the range, and holds in progress now."""

    user_id: str
    name: str | None
    role: str | None
    """Their role in the project; None for a former member."""
    former_member: bool
    issues_resolved: int
    points_completed: float
    minutes_logged: int
    median_cycle_time_days: float | None
    """Over their resolved issues that were ever started; None: none were."""
    comments_written: int
    """Written in the range, less those deleted in it, never below zero."""
    issues_in_progress: int


@dataclass(frozen=True, slots=True)
class TeamFacts:
    """What the team report reads: members (user id to role), resolution facts and
    worklogs of the range, comments written per person in the range, and the assignees of
    the issues in progress now (one entry per issue)."""

    members: Mapping[str, str]
    resolved: Sequence[Mapping[str, Any]]
    worklogs: Sequence[Mapping[str, Any]]
    comments: Mapping[str, int]
    in_progress: Sequence[str]


def people(facts: TeamFacts) -> set[str]:
    """Everyone the report has a row for: the members, and anyone the facts credit."""
    found = set(facts.members) | set(facts.in_progress)
    found |= {str(f["assignee"]) for f in facts.resolved if f.get("assignee")}
    found |= {str(w["author"]) for w in facts.worklogs}
    return found | {user for user, count in facts.comments.items() if count}


def team(facts: TeamFacts, names: Mapping[str, str]) -> list[TeamMember]:
    """A row per person, by name: credit for a resolution goes to the issue's assignee."""
    resolved: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for fact in facts.resolved:
        if fact.get("assignee"):
            resolved[str(fact["assignee"])].append(fact)
    logged: dict[str, int] = defaultdict(int)
    for worklog in facts.worklogs:
        logged[str(worklog["author"])] += int(worklog["minutes"])
    rows = []
    for user_id in people(facts):
        mine = resolved.get(user_id, [])
        cycle = [
            days_between(f["started_at"], f["resolved_at"]) for f in mine if f.get("started_at")
        ]
        middle = median(cycle)
        rows.append(
            TeamMember(
                user_id=user_id,
                name=names.get(user_id),
                role=facts.members.get(user_id),
                former_member=user_id not in facts.members,
                issues_resolved=len(mine),
                points_completed=float(sum(float(f.get("points") or 0) for f in mine)),
                minutes_logged=logged.get(user_id, 0),
                median_cycle_time_days=None if middle is None else round(middle, 2),
                comments_written=max(0, facts.comments.get(user_id, 0)),
                issues_in_progress=sum(1 for assignee in facts.in_progress if assignee == user_id),
            )
        )
    return sorted(rows, key=lambda r: ((r.name or "").casefold(), r.user_id))
