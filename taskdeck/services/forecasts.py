"""Forecasts: Monte Carlo sampling of the team's past throughput (the math is
`domain/forecast.py`).

The sprint forecast reads the sprint's burndown (its remaining scope) and the resolution
facts of the history window (one query of `RESOLVED#<project>`, a page at a time): a
fact per issue still resolved, so an issue reopened since does not count as throughput.
The backlog forecast reads the first N issues of the backlog list (gsi2, in rank order)
and the velocity of the last completed sprints. Neither reads the project's issues.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Final

from taskdeck.domain.errors import FieldError, ValidationFailed
from taskdeck.domain.forecast import Simulation, simulate
from taskdeck.domain.roles import Action
from taskdeck.domain.sprints import SprintState
from taskdeck.ports import Item, KeyCondition
from taskdeck.services import keys
from taskdeck.services.context import Context
from taskdeck.services.projects import Projects
from taskdeck.services.report_reads import every_item
from taskdeck.services.reports import Reports

DAYS_HORIZON: Final = 3650
"""A sprint's scope not done within ten years of sampled days counts as never done."""
SPRINTS_HORIZON: Final = 1000


@dataclass(frozen=True, slots=True)
class DailyThroughput:
    """What the team resolved on each day of the history window, oldest first."""

    first_day: date
    issues: tuple[int, ...]
    points: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class SprintForecast:
    """A sprint's remaining scope, the throughput it is forecast from, and the simulations
    of how many days the remaining issues and points take."""

    sprint: dict[str, Any]
    today: date
    days_left: int
    remaining_issues: int
    remaining_points: float
    throughput: DailyThroughput
    issues: Simulation
    points: Simulation


@dataclass(frozen=True, slots=True)
class BacklogForecast:
    """The top of the backlog, the sprints it is forecast from, and the simulations of how
    many sprints its issues and points take."""

    issues: list[Item]
    points: float
    sprints: list[dict[str, Any]]
    issue_sprints: Simulation
    point_sprints: Simulation


class Forecasts:
    """When the active sprint's scope and the top of the backlog are likely done."""

    def __init__(self, ctx: Context, projects: Projects, reports: Reports) -> None:
        self._ctx = ctx
        self._projects = projects
        self._reports = reports

    async def sprint(
        self,
        user_id: str,
        key: str,
        *,
        sprint_id: str | None,
        samples: int,
        seed: int,
        history: int,
    ) -> SprintForecast:
        """The chance a started sprint (by default the active one) finishes its remaining
        scope by its end date, from the daily throughput of the `history` days before
        today."""
        access = await self._projects.access(user_id, key, Action.READ)
        sprint, days = await self._reports.burndown_of(access, sprint_id)
        if sprint["state"] == SprintState.COMPLETED:
            raise ValidationFailed(
                "the sprint is completed", [FieldError("sprint", "an active sprint's id")]
            )
        today = self._ctx.clock.now().date()
        end = date.fromisoformat(str(sprint["end_date"]))
        last = days[-1] if days else None
        remaining_issues = last.remaining_issues if last else int(sprint["committed_issues"])
        remaining_points = last.remaining_points if last else float(sprint["committed_points"])
        throughput = await self._daily_throughput(access.project_id, today, history)
        return SprintForecast(
            sprint=sprint,
            today=today,
            days_left=max((end - today).days + 1, 0),
            remaining_issues=remaining_issues,
            remaining_points=remaining_points,
            throughput=throughput,
            issues=simulate(
                throughput.issues,
                remaining_issues,
                samples=samples,
                seed=seed,
                horizon=DAYS_HORIZON,
            ),
            points=simulate(
                throughput.points,
                remaining_points,
                samples=samples,
                seed=seed,
                horizon=DAYS_HORIZON,
            ),
        )

    async def backlog(
        self, user_id: str, key: str, *, top: int, samples: int, seed: int, last: int
    ) -> BacklogForecast:
        """How many sprints the top `top` open issues of the backlog take, from what each of
        the last `last` completed sprints completed."""
        access = await self._projects.access(user_id, key, Action.READ)
        velocity = await self._reports.velocity_of(access, last)
        if not velocity.sprints:
            raise ValidationFailed(
                "no sprint has been completed yet",
                [FieldError("last", "needs at least one completed sprint to sample")],
            )
        issues = await self._backlog_top(access.project_id, top)
        points = round(sum(float(i.get("points") or 0) for i in issues), 2)
        rows = velocity.sprints
        return BacklogForecast(
            issues=issues,
            points=points,
            sprints=[
                {
                    "id": row.id,
                    "name": row.name,
                    "completed_issues": row.completed_issues,
                    "completed_points": row.completed_points,
                }
                for row in rows
            ],
            issue_sprints=simulate(
                [row.completed_issues for row in rows],
                len(issues),
                samples=samples,
                seed=seed,
                horizon=SPRINTS_HORIZON,
            ),
            point_sprints=simulate(
                [row.completed_points for row in rows],
                points,
                samples=samples,
                seed=seed,
                horizon=SPRINTS_HORIZON,
            ),
        )

    async def _daily_throughput(
        self, project_id: str, today: date, history: int
    ) -> DailyThroughput:
        """Issues and points resolved on each of the `history` days before today, empty
        days included. Sort keys start with the resolution time, so `<day>~` takes in the
        whole of the last day."""
        first = today - timedelta(days=history)
        facts = await every_item(
            self._ctx.table,
            keys.resolutions(project_id),
            KeyCondition.between(first.isoformat(), f"{(today - timedelta(days=1)).isoformat()}~"),
        )
        issues = [0] * history
        points = [0.0] * history
        for fact in facts:
            index = (datetime.fromisoformat(str(fact["resolved_at"])).date() - first).days
            if 0 <= index < history:
                issues[index] += 1
                points[index] += float(fact.get("points") or 0)
        return DailyThroughput(first, tuple(issues), tuple(round(p, 2) for p in points))

    async def _backlog_top(self, project_id: str, top: int) -> list[Item]:
        """The first `top` issues of the backlog list, which holds only open issues, in rank
        order: reads no more than that (a store may answer a page short, so it pages on)."""
        issues: list[Item] = []
        cursor: str | None = None
        while len(issues) < top:
            page = await self._ctx.table.query(
                keys.plan_list(project_id, None),
                index="gsi2",
                limit=top - len(issues),
                cursor=cursor,
            )
            issues += page.items
            cursor = page.cursor
            if cursor is None:
                break
        return issues[:top]
