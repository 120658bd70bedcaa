"""Flow reports: cumulative flow, cycle and lead time, aging work in progress (the math is
`domain/flow.py`).

None of them reads the project's issues wholesale: cumulative flow reads the counter item
and the daily rollup after the range's first day; cycle time reads the resolution facts of
its range; aging work in progress reads the board columns of the in-progress statuses
(one gsi3 query each) and the resolution facts of the last 30 days. Only an `epic` filter
reads more: the ancestors of the issues it looks at, each once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Final

from taskdeck.domain.assignees import resolve_me
from taskdeck.domain.errors import FieldError, ValidationFailed
from taskdeck.domain.flow import (
    AgingIssue,
    CumulativeFlow,
    CycleTime,
    IssueFilter,
    Percentiles,
    aging_wip,
    cumulative_flow,
    cycle_time,
)
from taskdeck.domain.issues import split_issue_key
from taskdeck.domain.report_range import DateRange, date_range
from taskdeck.domain.roles import Action
from taskdeck.domain.workflow import Category, parse_workflow
from taskdeck.ports import Item, KeyCondition
from taskdeck.services import keys
from taskdeck.services.context import Context, iso
from taskdeck.services.projects import Projects
from taskdeck.services.report_reads import epics_of, every_item

COUNT_PREFIX: Final = keys.status_count("")
FLOW_PREFIX: Final = "s_"
"""The rollup attribute of a status: `s_<status id>` (see `report_facts.status_flow`)."""


@dataclass(frozen=True, slots=True)
class AgingWip:
    """The issues in progress, oldest first, and the cycle times of the issues resolved
    in `reference` (the last 30 days) to read them against."""

    now: str
    issues: tuple[AgingIssue, ...]
    reference: DateRange
    reference_cycle_time_days: Percentiles


class FlowReports:
    """Reports of how work flows through the workflow's statuses; anyone who may read the
    project may read them."""

    def __init__(self, ctx: Context, projects: Projects) -> None:
        self._ctx = ctx
        self._projects = projects

    async def cumulative_flow(
        self, user_id: str, key: str, *, start: str | None, end: str | None
    ) -> tuple[DateRange, CumulativeFlow]:
        """The number of issues in each status at the end of each day of the range."""
        access = await self._projects.access(user_id, key, Action.READ)
        days = date_range(start, end, today=self._ctx.clock.now().date())
        project_id = access.project_id
        counter = await self._ctx.table.get(*keys.project_counter(project_id)) or {}
        counts_now = {
            name.removeprefix(COUNT_PREFIX): int(value or 0)
            for name, value in counter.items()
            if name.startswith(COUNT_PREFIX)
        }
        # Every day after the first of the range, up to today: the counts now include them.
        rollup = await every_item(
            self._ctx.table,
            keys.flow_partition(project_id),
            KeyCondition("gt", days.start.isoformat()),
        )
        deltas = {
            date.fromisoformat(str(item["sk"])): {
                name.removeprefix(FLOW_PREFIX): int(value or 0)
                for name, value in item.items()
                if name.startswith(FLOW_PREFIX)
            }
            for item in rollup
        }
        workflow = parse_workflow(access.project["workflow"])
        return days, cumulative_flow(workflow, counts_now, deltas, days)

    async def cycle_time(
        self,
        user_id: str,
        key: str,
        *,
        start: str | None,
        end: str | None,
        wanted: IssueFilter,
    ) -> tuple[DateRange, CycleTime]:
        """The lead and cycle time of each issue resolved in the range (and still done),
        with their percentiles."""
        access = await self._projects.access(user_id, key, Action.READ)
        wanted = _as_meant(wanted, user_id)
        days = date_range(start, end, today=self._ctx.clock.now().date())
        facts = await self._resolved(access.project_id, days, wanted)
        return days, cycle_time(facts)

    async def aging_wip(self, user_id: str, key: str, *, wanted: IssueFilter) -> AgingWip:
        """The issues in an in-progress status, oldest first, with the cycle-time
        percentiles of the last 30 days as reference lines (same filters)."""
        access = await self._projects.access(user_id, key, Action.READ)
        wanted = _as_meant(wanted, user_id)
        project_id = access.project_id
        workflow = parse_workflow(access.project["workflow"])
        issues: list[Item] = []
        for status in workflow:
            if status.category is Category.IN_PROGRESS:
                column = keys.status_list(project_id, status.id)
                issues += await every_item(self._ctx.table, column, index="gsi3")
        kept = await self._kept(project_id, issues, wanted)
        now = self._ctx.clock.now()
        reference = date_range(None, None, today=now.date())
        resolved = cycle_time(await self._resolved(project_id, reference, wanted))
        return AgingWip(
            now=iso(now),
            issues=aging_wip(kept, iso(now)),
            reference=reference,
            reference_cycle_time_days=resolved.cycle_time_days,
        )

    async def _resolved(self, project_id: str, days: DateRange, wanted: IssueFilter) -> list[Item]:
        """The resolution facts of the issues resolved in `days` that pass the filters.
        Sort keys start with the resolution time, so `<to>~` takes in the whole last day."""
        facts = await every_item(
            self._ctx.table,
            keys.resolutions(project_id),
            KeyCondition.between(days.start.isoformat(), f"{days.end.isoformat()}~"),
        )
        return await self._kept(project_id, facts, wanted)

    async def _kept(
        self, project_id: str, issues: Sequence[Item], wanted: IssueFilter
    ) -> list[Item]:
        """The issues (or facts) that pass the filters. Epics cost reads (each issue's
        ancestors), so they are looked up last, and only for the issues still kept."""
        kept = [issue for issue in issues if replace(wanted, epic=None).keeps(issue, {})]
        if wanted.epic is None or not kept:
            return kept
        epics = await epics_of(self._ctx, project_id, kept)
        return [issue for issue in kept if wanted.keeps(issue, epics)]


def _as_meant(wanted: IssueFilter, caller: str) -> IssueFilter:
    """The filters `caller` asked for, `me` as their user id. An epic filter names an issue
    by key (whether it exists only changes the answer)."""
    if wanted.epic is not None and split_issue_key(wanted.epic) is None:
        raise ValidationFailed(
            "the epic filter is not valid", [FieldError("epic", "an epic's key, such as WEB-7")]
        )
    return replace(wanted, assignee=resolve_me(wanted.assignee, caller))
