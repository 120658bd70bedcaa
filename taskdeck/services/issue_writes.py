"""What every write of an issue's status, sprint or rank carries besides the issue itself:
the per-status counts, the WIP limit check, the record of a sprint's scope change, the
history and the outbox event. Used by edits, moves, sprint completion and workflow edits,
so that each keeps the counts and the records the same way.

Counts: the project's counter item holds `count_<status>`, the number of issues in each
status, changed in the same transaction as the issues. A move into a status with a hard
WIP limit makes that transaction conditional on the count it read, so two concurrent
moves cannot both take the last place in a column.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from taskdeck.domain.errors import Conflict, FieldError, Forbidden
from taskdeck.domain.links import LinkType
from taskdeck.domain.roles import Action, allows
from taskdeck.domain.workflow import Category, Status, WipMode, category_of, parse_workflow
from taskdeck.ports import MUST_NOT_EXIST, Condition, Item, Operation, Put, Update
from taskdeck.services import keys
from taskdeck.services.context import Context
from taskdeck.services.events import recorded_change
from taskdeck.services.hierarchy import children_of, refreshed_link
from taskdeck.services.issue_items import public_issue, with_index_keys
from taskdeck.services.link_items import links_of
from taskdeck.services.projects import Access
from taskdeck.services.report_facts import fact_changes, stamp

MAX_CHECKED_CHILDREN = 500
MAX_CHECKED_LINKS = 500
HISTORY_FIELDS = ("status", "sprint")
"""What a move records in the history (a new rank alone is not history)."""


def status_counts(counter: Item | None, workflow: Sequence[Status]) -> dict[str, int]:
    """The number of issues in each status of the workflow."""
    stored = counter or {}
    return {s.id: int(stored.get(keys.status_count(s.id)) or 0) for s in workflow}


def count_update(
    project_id: str,
    before: str | None,
    after: str | None,
    *,
    expected: dict[str, Any] | None = None,
) -> list[Operation]:
    """Move one issue's count from status `before` to `after` (None: created or deleted),
    conditional on `expected` counts when a hard WIP limit depends on them."""
    if before == after:
        return []
    add = {}
    if before is not None:
        add[keys.status_count(before)] = -1
    if after is not None:
        add[keys.status_count(after)] = 1
    condition = Condition(equals=expected) if expected else Condition(exists=True)
    return [Update(*keys.project_counter(project_id), add=add, condition=condition)]


class WipVerdict(NamedTuple):
    """Whether a move into a status keeps within its WIP limit."""

    over_limit: bool
    """The column holds more than its limit after the move (allowed: soft, or overridden)."""
    overridden: bool
    expected: dict[str, Any] | None
    """The count the move's transaction must still find (hard limits only)."""


async def check_wip(
    ctx: Context,
    access: Access,
    workflow: Sequence[Status],
    status_id: str,
    *,
    override: bool,
) -> WipVerdict:
    """Check a move of one issue into `status_id` against its WIP limit.

    A hard limit refuses the move with 409 naming the column and the limit, unless an
    admin overrides it; a soft one lets it through and says the column is over.
    """
    status = next((s for s in workflow if s.id == status_id), None)
    if status is None or status.wip_limit is None:
        if override and not allows(access.role, Action.MANAGE_SPRINTS):
            raise _override_forbidden()
        return WipVerdict(over_limit=False, overridden=False, expected=None)
    counter = await ctx.table.get(*keys.project_counter(access.project_id))
    stored = (counter or {}).get(keys.status_count(status_id))
    after = int(stored or 0) + 1
    over = after > status.wip_limit
    if override and not allows(access.role, Action.MANAGE_SPRINTS):
        raise _override_forbidden()
    if over and status.wip_mode is WipMode.HARD and not override:
        raise Conflict(
            f"the column '{status.name}' is at its WIP limit of {status.wip_limit}; "
            "finish something first, or ask an admin to override",
            [FieldError("status", f"'{status.name}' allows {status.wip_limit} issues")],
        )
    hard = status.wip_mode is WipMode.HARD
    return WipVerdict(
        over_limit=over,
        overridden=over and hard,
        expected={keys.status_count(status_id): stored} if hard else None,
    )


async def check_children_closed(
    ctx: Context, access: Access, workflow: Sequence[Status], issue: Item
) -> None:
    """Where the project requires it, an issue enters a done status only once every child
    is done; the refusal names the open children."""
    settings = access.project.get("settings", {})
    if not settings.get("done_requires_closed_children", False):
        return
    links = await children_of(
        ctx.table, access.project_id, int(issue["number"]), limit=MAX_CHECKED_CHILDREN
    )
    children = await ctx.get_many(
        [keys.issue(access.project_id, link["child_number"]) for link in links]
    )
    open_children = sorted(
        (c for c in children if category_of(workflow, c["status"]) is not Category.DONE),
        key=lambda c: int(c["number"]),
    )
    if open_children:
        raise Conflict(
            f"{len(open_children)} child issues are not done; the project requires them to be",
            [FieldError("children", f"{c['key']} is not done") for c in open_children],
        )


async def guard_status_change(
    ctx: Context,
    access: Access,
    workflow: Sequence[Status],
    before: Item | None,
    after: Item,
    *,
    override: bool = False,
) -> WipVerdict | None:
    """Check a new status (`before` None: a new issue) against the project's rules: its
    definition of done (children) and the new column's WIP limit."""
    if before is not None and before["status"] == after["status"]:
        if override and not allows(access.role, Action.MANAGE_SPRINTS):
            raise _override_forbidden()
        return None
    was_done = before is not None and category_of(workflow, before["status"]) is Category.DONE
    if (
        before is not None
        and not was_done
        and category_of(workflow, after["status"]) is Category.DONE
    ):
        await check_children_closed(ctx, access, workflow, after)
        await check_unblocked(ctx, access, workflow, after)
    return await check_wip(ctx, access, workflow, after["status"], override=override)


async def check_unblocked(
    ctx: Context, access: Access, workflow: Sequence[Status], issue: Item
) -> None:
    """Where the project requires it, an issue enters a done status only once every issue
    blocking it is done; the refusal names the blockers (of any project)."""
    if not access.project.get("settings", {}).get("done_requires_unblocked", False):
        return
    links = await links_of(ctx, access.project_id, int(issue["number"]), limit=MAX_CHECKED_LINKS)
    blocking = [link for link in links if link["type"] == LinkType.IS_BLOCKED_BY]
    if not blocking:
        return
    blockers = await ctx.get_many(
        [keys.issue(link["other_project_id"], link["other_number"]) for link in blocking]
    )
    foreign = {b["pk"] for b in blockers} - {f"PROJ#{access.project_id}"}
    projects = await ctx.get_many([(pk, "META") for pk in sorted(foreign)])
    workflows = {p["pk"]: parse_workflow(p["workflow"]) for p in projects}
    workflows[f"PROJ#{access.project_id}"] = list(workflow)
    open_blockers = sorted(
        (
            b
            for b in blockers
            if category_of(workflows.get(b["pk"], []), b["status"]) is not Category.DONE
        ),
        key=lambda b: str(b["key"]),
    )
    if open_blockers:
        raise Conflict(
            f"{len(open_blockers)} blocking issues are not done; the project requires them to be",
            [
                FieldError("links", f"blocked by {b['key']}, which is not done")
                for b in open_blockers
            ],
        )


def _override_forbidden() -> Forbidden:
    return Forbidden("only admins and owners may override a WIP limit")


def scope_change(
    ctx: Context, access: Access, sprint_id: str, issue: Item, change: str, at: str
) -> Put:
    """The record that an issue was `added` to or `removed` from an active sprint."""
    change_id = ctx.ids.new()
    return Put(
        {
            "pk": keys.sprint_scope_partition(access.project_id, sprint_id),
            "sk": change_id,
            "id": change_id,
            "sprint": sprint_id,
            "issue": issue["key"],
            "change": change,
            "points": issue.get("points"),
            "status": issue["status"],
            "actor": access.user_id,
            "at": at,
        },
        MUST_NOT_EXIST,
    )


def changed_issue(
    ctx: Context,
    access: Access,
    workflow: Sequence[Status],
    before: Item,
    changes: dict[str, Any],
    *,
    at: str,
    wip: WipVerdict | None = None,
    counted: bool = True,
) -> tuple[dict[str, Any], list[Operation]]:
    """The issue with `changes` to its status, sprint or rank, as the API shows it, and
    every operation its transaction needs: the issue (conditional on the version read),
    the counts and the day's status flow (unless the caller counts many issues at once:
    `counted=False`), the resolution fact, the scope change of an active sprint, the
    history and one outbox event."""
    after: Item = {**before, **changes, "updated_at": at, "version": before["version"] + 1}
    project_id = access.project_id
    category = category_of(workflow, after["status"])
    assert category is not None  # the caller checked the status against the workflow
    stamp(before, after, category, at)
    operations: list[Operation] = [
        Put(
            with_index_keys(after, project_id, category),
            Condition(equals={"version": before["version"]}),
        ),
    ]
    if counted:
        operations += count_update(
            project_id, before["status"], after["status"], expected=wip.expected if wip else None
        )
    operations += fact_changes(project_id, before, after, at, counted=counted)
    operations += refreshed_link(project_id, before, after)
    active = access.project.get("active_sprint")
    if active and before.get("sprint") != after.get("sprint"):
        if after.get("sprint") == active:
            operations.append(scope_change(ctx, access, active, after, "added", at))
        elif before.get("sprint") == active:
            operations.append(scope_change(ctx, access, active, before, "removed", at))
    entries = [
        (name, before.get(name), after.get(name))
        for name in HISTORY_FIELDS
        if before.get(name) != after.get(name)
    ]
    if wip is not None and wip.overridden:
        entries.append(("wip_override", None, after["status"]))
    shown = public_issue(after)
    operations += recorded_change(
        ctx,
        project_id=project_id,
        partition=keys.issue_partition(project_id, int(before["number"])),
        kind="issue.updated",
        actor=access.user_id,
        at=at,
        entries=entries,
        data={
            "key": after["key"],
            "changes": [{"field": f, "from": a, "to": b} for f, a, b in entries],
            "issue": shown,
        },
    )
    return shown, operations
