"""Time reports: time tracking (estimate versus actual), timesheets, team performance (the
math is `domain/time_reports.py`).

- Time tracking reads the project's issues (the project partition, `begins_with ISSUE#`:
  one item per issue), or with only an `assignee` filter that person's issues of the
  project (gsi1 `USER#<id>`, `begins_with ISSUE#<project id>#`). Grouping or filtering by
  epic adds each ancestor not already read, once.
- The timesheet reads the range's worklogs (gsi2 `WORKLOGS#<project id>`, sort keys
  `<date>#<id>`).
- The team report reads the members, the range's resolution facts, worklogs and daily
  rollup items (one per day), and the board columns of the in-progress statuses (one gsi3
  query each).

Each reads the names it shows in one batch of user profiles (and epic titles).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Final

from taskdeck.domain.assignees import UNASSIGNED, indexed_assignee, resolve_me
from taskdeck.domain.errors import FieldError, ValidationFailed
from taskdeck.domain.issues import split_issue_key
from taskdeck.domain.report_range import DateRange, date_range
from taskdeck.domain.roles import Action
from taskdeck.domain.time_reports import (
    NONE,
    GroupBy,
    TeamFacts,
    TeamMember,
    TimeFilter,
    TimesheetUser,
    TimeTracking,
    people,
    team,
    time_tracking,
    timesheet,
)
from taskdeck.domain.workflow import Category, parse_workflow
from taskdeck.ports import Item, KeyCondition
from taskdeck.services import keys
from taskdeck.services.context import Context
from taskdeck.services.projects import Projects
from taskdeck.services.report_reads import epics_of, every_item

TIMESHEET_DAYS: Final = 7
TEAM_DAYS: Final = 30
COMMENTS_PREFIX: Final = "c_"
"""The rollup attribute of a person's comments: `c_<user id>` (see `report_facts`)."""


class TimeReports:
    """Reports of where time goes and what each member did; anyone who may read the
    project may read them."""

    def __init__(self, ctx: Context, projects: Projects) -> None:
        self._ctx = ctx
        self._projects = projects

    async def time_tracking(
        self, user_id: str, key: str, *, group_by: GroupBy, wanted: TimeFilter
    ) -> TimeTracking:
        """Estimated, logged and remaining minutes of each issue with an estimate or time
        logged, or summed per assignee or per epic, with the totals."""
        access = await self._projects.access(user_id, key, Action.READ)
        if wanted.epic not in (None, NONE) and split_issue_key(wanted.epic or "") is None:
            raise ValidationFailed(
                "the epic filter is not valid",
                [FieldError("epic", "an epic's key, such as WEB-7, or `none`")],
            )
        project_id = access.project_id
        wanted = replace(wanted, assignee=resolve_me(wanted.assignee, user_id))
        if (assignee := indexed_assignee(wanted.assignee)) is not None:
            issues = await every_item(
                self._ctx.table,
                keys.memberships(assignee),
                KeyCondition.begins_with(f"ISSUE#{project_id}#"),
                index="gsi1",
            )
        else:
            issues = await every_item(self._ctx.table, f"PROJ#{project_id}", keys.ISSUES)
        epics: dict[str, str | None] = {}
        if wanted.epic is not None or group_by is GroupBy.EPIC:
            epics = await epics_of(self._ctx, project_id, issues)
        kept = [issue for issue in issues if wanted.keeps(issue, epics)]
        names: dict[str, str] = {}
        if group_by is GroupBy.ASSIGNEE:
            names = await self._names(str(i["assignee"]) for i in kept if i.get("assignee"))
        elif group_by is GroupBy.EPIC:
            names = await self._epic_titles(project_id, issues, epics)
        return time_tracking(kept, group_by, epics=epics, names=names)

    async def timesheet(
        self,
        user_id: str,
        key: str,
        *,
        start: str | None,
        end: str | None,
        assignee: str | None,
    ) -> tuple[DateRange, list[TimesheetUser]]:
        """The minutes each person (or only `assignee`: a user id or `me`) logged on each
        day of the range (default: the last 7 days)."""
        access = await self._projects.access(user_id, key, Action.READ)
        author = resolve_me(assignee, user_id)
        if author == UNASSIGNED:
            # Every worklog has an author: `none` would always be an empty timesheet.
            raise ValidationFailed(
                "the timesheet lists the time people logged; it has no unassigned time",
                [FieldError("assignee", "a user id or `me`, not `none`")],
            )
        days = date_range(
            start, end, today=self._ctx.clock.now().date(), default_days=TIMESHEET_DAYS
        )
        worklogs = await self._worklogs(access.project_id, days)
        if author is not None:
            worklogs = [w for w in worklogs if w["author"] == author]
        names = await self._names(str(w["author"]) for w in worklogs)
        return days, timesheet(worklogs, names)

    async def team(
        self, user_id: str, key: str, *, start: str | None, end: str | None
    ) -> tuple[DateRange, list[TeamMember]]:
        """Per member (and former member credited in the range): issues resolved, points
        completed, time logged, median cycle time and comments written in the range
        (default: the last 30 days), and issues in progress now."""
        access = await self._projects.access(user_id, key, Action.READ)
        days = date_range(start, end, today=self._ctx.clock.now().date(), default_days=TEAM_DAYS)
        project_id = access.project_id
        table = self._ctx.table
        members = await every_item(table, f"PROJ#{project_id}", keys.MEMBERS)
        resolved = await every_item(
            table,
            keys.resolutions(project_id),
            KeyCondition.between(days.start.isoformat(), f"{days.end.isoformat()}~"),
        )
        rollup = await every_item(
            table,
            keys.flow_partition(project_id),
            KeyCondition.between(days.start.isoformat(), days.end.isoformat()),
        )
        comments: dict[str, int] = defaultdict(int)
        for day in rollup:
            for name, value in day.items():
                if name.startswith(COMMENTS_PREFIX):
                    comments[name.removeprefix(COMMENTS_PREFIX)] += int(value or 0)
        in_progress: list[str] = []
        for status in parse_workflow(access.project["workflow"]):
            if status.category is Category.IN_PROGRESS:
                column = keys.status_list(project_id, status.id)
                issues = await every_item(table, column, index="gsi3")
                in_progress += [str(i["assignee"]) for i in issues if i.get("assignee")]
        facts = TeamFacts(
            members={str(m["user_id"]): str(m["role"]) for m in members},
            resolved=resolved,
            worklogs=await self._worklogs(project_id, days),
            comments=comments,
            in_progress=in_progress,
        )
        return days, team(facts, await self._names(people(facts)))

    async def _worklogs(self, project_id: str, days: DateRange) -> list[Item]:
        """The project's worklogs dated in `days` (sort keys `<date>#<id>`, so `<to>~`
        takes in the whole last day)."""
        return await every_item(
            self._ctx.table,
            f"WORKLOGS#{project_id}",
            KeyCondition.between(days.start.isoformat(), f"{days.end.isoformat()}~"),
            index="gsi2",
        )

    async def _names(self, user_ids: Iterable[str]) -> dict[str, str]:
        """The names of users by id, in one batch read (accounts since deleted: none)."""
        wanted = sorted(set(user_ids))
        profiles = await self._ctx.get_many([keys.user(u) for u in wanted])
        return {str(p["id"]): str(p["name"]) for p in profiles}

    async def _epic_titles(
        self, project_id: str, issues: Sequence[Item], epics: dict[str, str | None]
    ) -> dict[str, str]:
        """The title of each epic issues belong to: from the issues read, else read."""
        read = {str(i["key"]): i for i in issues}
        wanted = {epic for epic in epics.values() if epic}
        numbers = [
            parts[1]
            for epic in sorted(wanted - set(read))
            if (parts := split_issue_key(epic)) is not None
        ]
        for epic in await self._ctx.get_many([keys.issue(project_id, n) for n in numbers]):
            read[str(epic["key"])] = epic
        return {epic: str(read[epic]["title"]) for epic in wanted if epic in read}
