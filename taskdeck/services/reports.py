"""Reports: the reads behind velocity and burndown (the math is `domain/reports.py`).

Velocity reads the project's sprint items (one query of the project partition,
`begins_with SPRINT#`, every page). Burndown reads one sprint item, its scope-change
partition and the history partition of each issue it ever held, and nothing else: no
report reads the project's issues.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import date
from typing import Any, Final

from taskdeck.domain.errors import FieldError, NotFound, ValidationFailed
from taskdeck.domain.issues import split_issue_key
from taskdeck.domain.reports import (
    ADDED,
    REMOVED,
    TRACKED_FIELDS,
    BurndownDay,
    IssueEvent,
    SprintFacts,
    Velocity,
    burndown,
    velocity,
)
from taskdeck.domain.roles import Action
from taskdeck.domain.sprints import SPRINT_ID, SprintState, parse_date
from taskdeck.domain.workflow import Category, category_of, parse_workflow
from taskdeck.ports import Item
from taskdeck.services import keys
from taskdeck.services.context import Context
from taskdeck.services.projects import Access, Projects
from taskdeck.services.report_reads import every_item

HISTORY_READS_AT_ONCE: Final = 16


class Reports:
    """The report use cases: anyone who may read the project may read its reports."""

    def __init__(self, ctx: Context, projects: Projects) -> None:
        self._ctx = ctx
        self._projects = projects

    async def velocity(self, user_id: str, key: str, *, last: int) -> Velocity:
        """The project's last `last` completed sprints, oldest first."""
        return await self.velocity_of(await self._projects.access(user_id, key, Action.READ), last)

    async def velocity_of(self, access: Access, last: int) -> Velocity:
        """`velocity` for a caller whose access is checked already."""
        sprints = await every_item(self._ctx.table, f"PROJ#{access.project_id}", keys.SPRINTS)
        return velocity(sprints, last)

    async def burndown(
        self, user_id: str, key: str, *, sprint_id: str | None
    ) -> tuple[dict[str, Any], list[BurndownDay]]:
        """A started sprint (by default the active one) as the report names it, and its
        burndown, day by day."""
        access = await self._projects.access(user_id, key, Action.READ)
        return await self.burndown_of(access, sprint_id)

    async def burndown_of(
        self, access: Access, sprint_id: str | None
    ) -> tuple[dict[str, Any], list[BurndownDay]]:
        """`burndown` for a caller whose access is checked already."""
        sprint = await self._started_sprint(access, sprint_id)
        changes = await every_item(
            self._ctx.table, keys.sprint_scope_partition(access.project_id, str(sprint["id"]))
        )
        committed: list[dict[str, Any]] = (sprint.get("committed") or {}).get("issues", [])
        events = [_scope_event(change) for change in changes]
        held = {str(i["key"]) for i in committed} | {e.issue for e in events}
        events += await self._history_events(access.project_id, sorted(held))
        facts = SprintFacts(
            start=_date(sprint, "start_date"),
            end=_date(sprint, "end_date"),
            started_at=str(sprint.get("started_at") or ""),
            committed=committed,
            events=events,
            completion=sprint if sprint["state"] == SprintState.COMPLETED else None,
        )
        workflow = parse_workflow(access.project["workflow"])

        def is_done(status: str) -> bool:
            return category_of(workflow, status) is Category.DONE

        days = burndown(facts, is_done=is_done, today=self._ctx.clock.now().date())
        return _sprint_summary(sprint), days

    async def _started_sprint(self, access: Access, sprint_id: str | None) -> Item:
        """The sprint named (or the active one), which must have started."""
        sprint_id = sprint_id or access.project.get("active_sprint")
        if not sprint_id:
            raise ValidationFailed(
                "no sprint is active; name one",
                [FieldError("sprint", "the id of a started sprint of this project")],
            )
        sprint = None
        if SPRINT_ID.match(sprint_id):
            sprint = await self._ctx.table.get(*keys.sprint(access.project_id, sprint_id))
        if sprint is None:
            raise NotFound("no such sprint")
        if sprint["state"] == SprintState.PLANNED or not sprint.get("committed"):
            raise ValidationFailed(
                "the sprint has not started", [FieldError("sprint", "not started yet")]
            )
        return sprint

    async def _history_events(self, project_id: str, issue_keys: Sequence[str]) -> list[IssueEvent]:
        """The status and points changes in the history of each issue, a few reads at once."""
        events: list[IssueEvent] = []
        for start in range(0, len(issue_keys), HISTORY_READS_AT_ONCE):
            batch = issue_keys[start : start + HISTORY_READS_AT_ONCE]
            histories = await asyncio.gather(*(self._history(project_id, key) for key in batch))
            for key, history in zip(batch, histories, strict=True):
                events += [
                    IssueEvent(at=str(h["at"]), issue=key, kind=h["field"], value=h.get("to"))
                    for h in history
                    if h.get("field") in TRACKED_FIELDS
                ]
        return events

    async def _history(self, project_id: str, issue_key: str) -> list[Item]:
        parts = split_issue_key(issue_key)
        if parts is None:
            return []
        return await every_item(
            self._ctx.table, keys.issue_partition(project_id, parts[1]), keys.HISTORY
        )


def _scope_event(change: Item) -> IssueEvent:
    """A scope-change item as an event: the issue's points and status when it changed."""
    kind = ADDED if change["change"] == ADDED else REMOVED
    return IssueEvent(
        at=str(change["at"]),
        issue=str(change["issue"]),
        kind=kind,
        value=change.get("status"),
        points=change.get("points"),
    )


def _sprint_summary(sprint: Item) -> dict[str, Any]:
    """The sprint a burndown is of, with its committed scope."""
    committed = sprint.get("committed") or {}
    return {
        **{name: sprint[name] for name in ("id", "name", "state", "start_date", "end_date")},
        "committed_points": float(committed.get("points") or 0),
        "committed_issues": int(committed.get("issue_count") or 0),
    }


def _date(sprint: Item, name: str) -> date:
    """A started sprint's date (a start requires both)."""
    value = parse_date(sprint[name], name)
    assert value is not None  # a sprint starts only with both dates set
    return value
