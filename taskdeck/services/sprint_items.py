"""How a sprint is stored and shown, and what several sprint use cases share: reading a
sprint's issues and moving them out of it in batched, conditional transactions."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any, NamedTuple

from taskdeck.domain.errors import Conflict
from taskdeck.domain.sprints import IssueFacts, SprintState
from taskdeck.domain.workflow import Status
from taskdeck.ports import (
    MAX_TRANSACTION_ITEMS,
    MUST_NOT_EXIST,
    Item,
    Operation,
    Put,
    TransactionConflict,
)
from taskdeck.services import keys
from taskdeck.services.context import Context
from taskdeck.services.events import outbox_put
from taskdeck.services.issue_writes import changed_issue
from taskdeck.services.projects import Access

SHOWN = (
    "id",
    "name",
    "goal",
    "start_date",
    "end_date",
    "state",
    "committed",
    "completed",
    "carried_over",
    "version",
    "created_at",
    "updated_at",
    "started_at",
    "completed_at",
)
ISSUE_PAGE = 200
MAX_MOVE_ATTEMPTS = 8


class SprintRef(NamedTuple):
    """A sprint and the access of the caller to its project."""

    access: Access
    item: Item

    @property
    def id(self) -> str:
        """The sprint's id."""
        return str(self.item["id"])

    @property
    def state(self) -> SprintState:
        """The sprint's state."""
        return SprintState(self.item["state"])


SCOPES = ("committed", "completed", "carried_over")


def public_sprint(item: Item, project_key: str, *, issue_lists: bool = True) -> dict[str, Any]:
    """A sprint as the API shows it; without `issue_lists`, its recorded scopes keep their
    counts and points but not the issues one by one (null)."""
    shown: dict[str, Any] = {"project": project_key, **{name: item.get(name) for name in SHOWN}}
    if not issue_lists:
        for name in SCOPES:
            scope = shown[name]
            if scope is not None:
                shown[name] = {**scope, "issues": None}
    return shown


def sprint_event(ctx: Context, access: Access, kind: str, item: Item, at: str) -> Put:
    """The outbox event of a change of a sprint."""
    return outbox_put(
        ctx,
        event_id=ctx.ids.new(),
        kind=kind,
        project_id=access.project_id,
        actor=access.user_id,
        at=at,
        data={"sprint": public_sprint(item, access.project["key"])},
    )


def new_sprint(
    ctx: Context, access: Access, fields: dict[str, Any], at: str
) -> tuple[Item, list[Operation]]:
    """A planned sprint with checked `fields` (name, goal, dates), its id pointer and its
    `sprint.created` event."""
    sprint_id = ctx.ids.new()
    pk, sk = keys.sprint(access.project_id, sprint_id)
    pointer_pk, pointer_sk = keys.sprint_pointer(sprint_id)
    item: Item = {
        "pk": pk,
        "sk": sk,
        "id": sprint_id,
        "project_id": access.project_id,
        "name": fields["name"],
        "goal": fields.get("goal", ""),
        "start_date": fields.get("start_date"),
        "end_date": fields.get("end_date"),
        "state": SprintState.PLANNED,
        "committed": None,
        "completed": None,
        "carried_over": None,
        "continued_in": None,
        "created_by": access.user_id,
        "created_at": at,
        "updated_at": at,
        "started_at": None,
        "completed_at": None,
        "version": 1,
    }
    pointer = {"pk": pointer_pk, "sk": pointer_sk, "project_id": access.project_id}
    operations: list[Operation] = [
        Put(item, MUST_NOT_EXIST),
        Put(pointer, MUST_NOT_EXIST),
        sprint_event(ctx, access, "sprint.created", item, at),
    ]
    return item, operations


def issue_facts(issue: Item) -> IssueFacts:
    """What a sprint's records keep of an issue."""
    return IssueFacts(key=issue["key"], points=issue.get("points"), status=issue["status"])


async def sprint_issues(ctx: Context, project_id: str, sprint_id: str) -> list[Item]:
    """Every issue of a sprint, in rank order."""
    issues: list[Item] = []
    cursor: str | None = None
    while True:
        page = await ctx.table.query(
            keys.plan_list(project_id, sprint_id), index="gsi2", limit=ISSUE_PAGE, cursor=cursor
        )
        issues += page.items
        cursor = page.cursor
        if cursor is None:
            return issues


async def move_issues(
    ctx: Context,
    access: Access,
    workflow: Sequence[Status],
    *,
    numbers: Sequence[int],
    out_of: str | None,
    to: str | None,
    at: str,
) -> None:
    """Move the issues `numbers` from sprint `out_of` to sprint `to` (None: the backlog, for
    either).

    Each move is conditional on the version of the issue read; the moves are grouped into
    transactions of at most MAX_TRANSACTION_ITEMS operations, submitted together. A group
    that fails is read again and retried; an issue that is gone or no longer in `out_of`
    is skipped, so running this again after a crash finishes the job.
    """
    # Leaving a sprint as part of this (its end, or its deletion) is not a scope change.
    mover = Access({**access.project, "active_sprint": None}, access.user_id, access.role)
    remaining = list(numbers)
    for _ in range(MAX_MOVE_ATTEMPTS):
        if not remaining:
            return
        found = await ctx.get_many([keys.issue(access.project_id, n) for n in remaining])
        groups: list[tuple[list[int], list[Operation]]] = [([], [])]
        for issue in sorted(found, key=lambda i: int(i["number"])):
            if issue.get("sprint") != out_of:
                continue
            _, operations = changed_issue(ctx, mover, workflow, issue, {"sprint": to}, at=at)
            if len(groups[-1][1]) + len(operations) > MAX_TRANSACTION_ITEMS:
                groups.append(([], []))
            groups[-1][0].append(int(issue["number"]))
            groups[-1][1].extend(operations)
        failed = await asyncio.gather(*(_submit(ctx, *group) for group in groups if group[0]))
        remaining = [number for numbers_failed in failed for number in numbers_failed]
    if remaining:
        raise Conflict("the sprint's issues kept changing meanwhile; try again")


async def _submit(ctx: Context, numbers: list[int], operations: list[Operation]) -> list[int]:
    """Apply one group of moves; the numbers to retry if it failed."""
    try:
        await ctx.table.transact(operations)
    except TransactionConflict:
        return numbers
    return []
