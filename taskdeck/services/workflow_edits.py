"""Editing a workflow whose removed statuses hold issues: the issues move to the statuses
named for them, each with its history, then the workflow is replaced.

A status may hold more issues than one transaction can change (100 items), so the edit
runs in steps that each leave a valid project: first, if issues move to statuses the new
workflow adds, the workflow gains those statuses (keeping the old ones); then the issues
move in batches; last, `Projects.update` replaces the workflow, conditional on the removed
statuses being empty. If the process dies in between, the project is whole and sending
the same edit again finishes it.
"""

from __future__ import annotations

import asyncio
from typing import Any, Final

from taskdeck.domain.errors import Conflict, StaleVersion
from taskdeck.domain.roles import Action
from taskdeck.domain.workflow import Status, parse_workflow, plan_status_moves, validate_workflow
from taskdeck.ports import (
    MAX_TRANSACTION_ITEMS,
    Condition,
    Operation,
    TransactionConflict,
    Update,
)
from taskdeck.services import keys
from taskdeck.services.context import Context
from taskdeck.services.issue_writes import changed_issue
from taskdeck.services.projects import Access, Projects
from taskdeck.services.report_facts import status_flow

BATCH: Final = 30
"""Issues per transaction: each takes its own item, a history item and an event."""
MAX_ROUNDS: Final = 10_000
INDEX_LAG_PAUSE: Final = 0.05


class WorkflowEdits:
    """Project edits that may move issues out of removed statuses."""

    def __init__(self, ctx: Context, projects: Projects) -> None:
        self._ctx = ctx
        self._projects = projects

    async def update(
        self,
        user_id: str,
        key: str,
        changes: dict[str, Any],
        *,
        move_issues: dict[str, str],
        if_match: int | None = None,
    ) -> dict[str, Any]:
        """Apply a project edit, first moving the issues of removed statuses as named."""
        if "workflow" in changes and move_issues:
            access = await self._projects.access(user_id, key, Action.EDIT_PROJECT)
            if if_match is not None and if_match != access.project["version"]:
                raise StaleVersion(f"the project is at version {access.project['version']}")
            if_match = None  # checked; the steps below change the version
            new: list[Status] = changes["workflow"]
            validate_workflow(new)
            old = parse_workflow(access.project["workflow"])
            plan = plan_status_moves(old, new, move_issues)
            if plan:
                await self._move_out(access, old, new, plan)
        return await self._projects.update(user_id, key, changes, if_match=if_match)

    async def _move_out(
        self, access: Access, old: list[Status], new: list[Status], plan: dict[str, str]
    ) -> None:
        old_ids = {s.id for s in old}
        added = [s for s in new if s.id not in old_ids and s.id in plan.values()]
        both = old + added
        if added:
            await self._add_statuses(access, both)
            access = Access(
                {**access.project, "workflow": [s.as_json() for s in both]},
                access.user_id,
                access.role,
            )
        for source, target in plan.items():
            await self._move_status(access, both, source, target)

    async def _add_statuses(self, access: Access, statuses: list[Status]) -> None:
        project = access.project
        update = Update(
            project["pk"],
            project["sk"],
            set={"workflow": [s.as_json() for s in statuses]},
            add={"version": 1},
            condition=Condition(equals={"version": project["version"]}),
        )
        try:
            await self._ctx.table.transact([update])
        except TransactionConflict as error:
            raise Conflict("the project changed meanwhile; reload and try again") from error

    async def _move_status(
        self, access: Access, workflow: list[Status], source: str, target: str
    ) -> None:
        project_id = access.project_id
        for _ in range(MAX_ROUNDS):
            page = await self._ctx.table.query(
                keys.status_list(project_id, source), index="gsi3", limit=BATCH
            )
            if not page.items:
                return
            # The index may lag behind the table (DynamoDB): read each issue afresh.
            fresh = await self._ctx.get_many([(i["pk"], i["sk"]) for i in page.items])
            issues = [i for i in fresh if i["status"] == source]
            if not issues:
                await asyncio.sleep(INDEX_LAG_PAUSE)
                continue
            now = self._ctx.timestamp()
            operations: list[Operation] = []
            moved = 0
            for issue in issues:
                _, ops = changed_issue(
                    self._ctx, access, workflow, issue, {"status": target}, at=now, counted=False
                )
                # An issue writes 3 to 6 items (its parent's link, its resolution fact);
                # the rest wait for the next round. Two more: the counts and the rollup.
                if len(operations) + len(ops) > MAX_TRANSACTION_ITEMS - 2:
                    break
                operations += ops
                moved += 1
            operations.append(
                Update(
                    *keys.project_counter(project_id),
                    add={keys.status_count(source): -moved, keys.status_count(target): moved},
                )
            )
            operations += status_flow(project_id, now, {source: -moved, target: moved})
            try:
                await self._ctx.table.transact(operations)
            except TransactionConflict:
                continue  # one of them changed meanwhile: read the batch again
