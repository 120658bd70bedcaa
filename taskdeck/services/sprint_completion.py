"""Completing a sprint, in steps that survive a crash between them.

1. One transaction records the plan on the sprint: state `completing`, the `completed`
   and `carried_over` facts and the target (and creates the `new` sprint, if asked).
2. The open issues move to the target in batched transactions, each move conditional on
   the issue's version (an issue no longer in the sprint is skipped).
3. One transaction sets state `completed` and `completed_at` and clears the project's
   `active_sprint`, with the `sprint.completed` event.

A call on a sprint left `completing` resumes at step 2 from the recorded plan.
"""

from __future__ import annotations

from typing import Any

from taskdeck.domain.errors import Conflict
from taskdeck.domain.issues import split_issue_key
from taskdeck.domain.sprints import (
    BACKLOG,
    NEW,
    SprintState,
    check_can_complete,
    check_target,
    check_target_sprint,
    next_sprint_name,
    plan_completion,
)
from taskdeck.domain.workflow import category_of, parse_workflow
from taskdeck.ports import Check, Condition, Item, Operation, Put, TransactionConflict, Update
from taskdeck.services import keys
from taskdeck.services.context import Context
from taskdeck.services.sprint_items import (
    SprintRef,
    issue_facts,
    move_issues,
    new_sprint,
    public_sprint,
    sprint_event,
    sprint_issues,
)

MAX_ATTEMPTS = 8


async def complete_sprint(ctx: Context, ref: SprintRef, target: str) -> dict[str, Any]:
    """Complete the active sprint, moving its open issues to `target` (`backlog`, `new` or
    a planned sprint's id), or finish a completion that was interrupted.

    Returns `{"sprint": ..., "new_sprint": ... | None}`.
    """
    item = ref.item
    for _ in range(MAX_ATTEMPTS):
        state = SprintState(item["state"])
        check_can_complete(state)
        if state is SprintState.ACTIVE:
            try:
                item = await record_plan(ctx, SprintRef(ref.access, item), target)
            except TransactionConflict:
                item = await _read(ctx, ref)
                continue
        await carry_over(ctx, SprintRef(ref.access, item))
        try:
            item = await _finish(ctx, SprintRef(ref.access, item))
        except TransactionConflict:
            item = await _read(ctx, ref)
            if item["state"] == SprintState.COMPLETED:  # a concurrent call finished it
                return await _answer(ctx, SprintRef(ref.access, item))
            continue
        return await _answer(ctx, SprintRef(ref.access, item))
    raise Conflict("the sprint kept changing meanwhile; try again")


async def record_plan(ctx: Context, ref: SprintRef, target: str) -> Item:
    """Step 1: the sprint, now `completing`, with what was completed, what carries over
    and where to (raises TransactionConflict if the sprint or the target changed)."""
    access = ref.access
    project_id = access.project_id
    target = check_target(target, ref.id)
    now = ctx.timestamp()
    extra: list[Operation] = []
    continued_in = None
    if target == NEW:
        fields = {"name": next_sprint_name(ref.item["name"]), "goal": ""}
        created, extra = new_sprint(ctx, access, fields, now)
        target = continued_in = created["id"]
    elif target != BACKLOG:
        other = await ctx.table.get(*keys.sprint(project_id, target))
        check_target_sprint(SprintState(other["state"]) if other else None)
        planned = Condition(equals={"state": SprintState.PLANNED})
        extra = [Check(*keys.sprint(project_id, target), planned)]
    workflow = parse_workflow(access.project["workflow"])
    issues = await sprint_issues(ctx, project_id, ref.id)
    plan = plan_completion(
        [issue_facts(i) for i in issues], lambda status: category_of(workflow, status), target
    )
    item = ref.item
    after = {
        **item,
        "state": SprintState.COMPLETING,
        "completed": plan.completed_record(),
        "carried_over": plan.carried_record(),
        "continued_in": continued_in,
        "updated_at": now,
        "version": item["version"] + 1,
    }
    await ctx.table.transact([Put(after, Condition(equals={"version": item["version"]})), *extra])
    return after


async def carry_over(ctx: Context, ref: SprintRef) -> None:
    """Step 2: move the open issues the plan names to its target."""
    carried = ref.item["carried_over"]
    numbers = []
    for issue in carried["issues"]:
        parts = split_issue_key(issue["key"])
        if parts is not None:
            numbers.append(parts[1])
    target = carried["to"]
    await move_issues(
        ctx,
        ref.access,
        parse_workflow(ref.access.project["workflow"]),
        numbers=numbers,
        out_of=ref.id,
        to=None if target == BACKLOG else target,
        at=ctx.timestamp(),
    )


async def _finish(ctx: Context, ref: SprintRef) -> Item:
    """Step 3: the sprint completed, and the project free to start another."""
    item = ref.item
    now = ctx.timestamp()
    after = {
        **item,
        "state": SprintState.COMPLETED,
        "completed_at": now,
        "updated_at": now,
        "version": item["version"] + 1,
    }
    await ctx.table.transact(
        [
            Put(after, Condition(equals={"version": item["version"]})),
            Update(
                *keys.project(ref.access.project_id),
                remove=("active_sprint",),  # absent, not null: a start requires it absent
                condition=Condition(equals={"active_sprint": ref.id}),
            ),
            sprint_event(ctx, ref.access, "sprint.completed", after, now),
        ]
    )
    return after


async def _read(ctx: Context, ref: SprintRef) -> Item:
    item = await ctx.table.get(*keys.sprint(ref.access.project_id, ref.id))
    if item is None:
        raise Conflict("the sprint was removed meanwhile")
    return item


async def _answer(ctx: Context, ref: SprintRef) -> dict[str, Any]:
    """The completed sprint, and the sprint made for its open issues, if one was."""
    project_key = ref.access.project["key"]
    continued = ref.item.get("continued_in")
    created = (
        await ctx.table.get(*keys.sprint(ref.access.project_id, continued)) if continued else None
    )
    return {
        "sprint": public_sprint(ref.item, project_key),
        "new_sprint": public_sprint(created, project_key) if created else None,
    }
