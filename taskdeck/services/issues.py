"""Issues: create, read, edit and delete, each with its history and outbox event."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from taskdeck.domain.errors import (
    Conflict,
    FieldError,
    NotFound,
    StaleVersion,
    ValidationFailed,
)
from taskdeck.domain.issues import (
    IssueType,
    normalise_labels,
    split_issue_key,
)
from taskdeck.domain.roles import Action
from taskdeck.domain.workflow import Category, category_of, parse_workflow
from taskdeck.ports import (
    MUST_NOT_EXIST,
    Condition,
    Delete,
    Item,
    Operation,
    Page,
    Put,
    TransactionConflict,
    Update,
)
from taskdeck.services import keys
from taskdeck.services.context import Context
from taskdeck.services.due_markers import due_marker_changes
from taskdeck.services.events import outbox_put, recorded_change
from taskdeck.services.hierarchy import (
    children_of,
    find_parent,
    hierarchy_changes,
    link_to_parent,
    progress,
    unlink_from_parent,
)
from taskdeck.services.issue_items import (
    EDITABLE_FIELDS,
    public_issue,
    with_index_keys,
    with_watcher,
)
from taskdeck.services.issue_rules import (
    assignee_check,
    check_rules,
    refuse_unknown_fields,
    with_criterion_ids,
)
from taskdeck.services.issue_writes import (
    WipVerdict,
    count_update,
    guard_status_change,
)
from taskdeck.services.link_items import links_of, unlinked
from taskdeck.services.mentions import mentioned_members
from taskdeck.services.projects import Access, Projects
from taskdeck.services.ranking import rank_between
from taskdeck.services.report_facts import fact_changes, stamp

MAX_CREATE_ATTEMPTS = 64
MAX_EDIT_ATTEMPTS = 8
MAX_UNLINKED_CHILDREN = 30
MAX_REMOVED_LINKS = 15


@dataclass
class _CounterHint:
    """What this process believes a project's counter holds once its queued writes land.

    Creates in one project take numbers from it under a lock and submit their
    transactions in order, so a group commit holds many creates of one project, each
    conditional on the number before it. Any failed create clears the hint.
    """

    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    last_number: int | None = None
    bottom_rank: str | None = None


class IssueRef(NamedTuple):
    """An issue and the access of the caller to its project."""

    access: Access
    item: Item

    @property
    def number(self) -> int:
        """The issue's number in its project."""
        return int(self.item["number"])


class Issues:
    """The issue use cases."""

    def __init__(self, ctx: Context, projects: Projects) -> None:
        self._ctx = ctx
        self._projects = projects
        self._hints: dict[str, _CounterHint] = {}

    # --- reading -------------------------------------------------------------------------

    async def find(self, user_id: str, issue_key: str, action: Action) -> IssueRef:
        """The issue with this key if the user may take `action` on it; else 404/403."""
        parts = split_issue_key(issue_key)
        if parts is None:
            raise NotFound("no such issue")
        # One store request: the project, the membership and the issue together.
        access = await self._projects.access(user_id, parts[0], action, issues=(parts[1],))
        item = access.issues.get(parts[1])
        if item is None:
            raise NotFound("no such issue")
        return IssueRef(access, item)

    async def get(self, user_id: str, issue_key: str) -> dict[str, Any]:
        """One issue, for a member of its project; an epic or a story with its progress
        (one more read: its child links, which carry each child's status and points)."""
        ref = await self.find(user_id, issue_key, Action.READ)
        shown = public_issue(ref.item)
        if ref.item["type"] in (IssueType.EPIC, IssueType.STORY):
            links = await children_of(self._ctx.table, ref.access.project_id, ref.number)
            shown["progress"] = progress(links, parse_workflow(ref.access.project["workflow"]))
        return shown

    async def history(
        self, user_id: str, issue_key: str, *, limit: int, cursor: str | None
    ) -> Page:
        """The issue's history, oldest first."""
        ref = await self.find(user_id, issue_key, Action.READ)
        partition = keys.issue_partition(ref.access.project_id, ref.number)
        page = await self._ctx.table.query(partition, sk=keys.HISTORY, limit=limit, cursor=cursor)
        shown = ("id", "actor", "at", "field", "from", "to")
        return Page([{k: h.get(k) for k in shown} for h in page.items], page.cursor)

    # --- creating ------------------------------------------------------------------------

    async def create(self, user_id: str, project_key: str, draft: dict[str, Any]) -> dict[str, Any]:
        """A new issue `KEY-N`, numbered from the project's counter in the same transaction."""
        refuse_unknown_fields(draft)
        access = await self._projects.access(user_id, project_key, Action.EDIT_ISSUES)
        project_id = access.project_id
        workflow = parse_workflow(access.project["workflow"])
        status = draft.get("status") or next(s.id for s in workflow if s.category is Category.TODO)
        now = self._ctx.timestamp()
        issue: Item = {
            "id": self._ctx.ids.new(),
            "project": access.project["key"],
            "type": IssueType.TASK,
            "description": "",
            "priority": "none",
            "assignee": None,
            "labels": [],
            "points": None,
            "estimate_minutes": None,
            "remaining_minutes": None,
            "due_date": None,
            "parent": None,
            "acceptance_criteria": [],
            **draft,
            "status": status,
            "reporter": user_id,
            "spent_minutes": 0,
            "sprint": None,
            "watchers": with_watcher([user_id], draft.get("assignee")),
            "version": 1,
            "created_at": now,
            "updated_at": now,
            "resolved_at": None,
        }
        issue["labels"] = normalise_labels(issue["labels"])
        issue["mentions"] = await mentioned_members(self._ctx, project_id, issue["description"])
        issue["acceptance_criteria"] = with_criterion_ids(self._ctx, issue["acceptance_criteria"])
        category = check_rules(access, issue, workflow_category=category_of(workflow, status))
        stamp(None, issue, category, now)
        parent = await find_parent(self._ctx.table, access, issue) if issue["parent"] else None
        hint = self._hints.setdefault(project_id, _CounterHint())
        for _ in range(MAX_CREATE_ATTEMPTS):
            # Read afresh on each attempt: a failed attempt may have been a full column.
            wip = await guard_status_change(self._ctx, access, workflow, None, issue)
            async with hint.lock:
                if hint.last_number is None:
                    counter = await self._ctx.table.get(*keys.project_counter(project_id))
                    if counter is None:
                        raise NotFound("no such project")
                    hint.last_number = int(counter["last_number"])
                    hint.bottom_rank = counter.get("bottom_rank")
                number, rank = hint.last_number + 1, rank_between(hint.bottom_rank, None)
                numbered = {**issue, "number": number, "key": f"{access.project['key']}-{number}"}
                numbered["rank"] = rank
                write = self._create_transaction(
                    access, numbered, category, parent, expected=hint.last_number, wip=wip
                )
                hint.last_number, hint.bottom_rank = number, rank
            try:
                await write
            except TransactionConflict as error:
                hint.last_number = None
                self._explain_create_conflict(error, numbered)
                continue
            except BaseException:
                hint.last_number = None
                raise
            return public_issue(numbered)
        raise Conflict("too many concurrent changes to this project; try again")

    def _create_transaction(
        self,
        access: Access,
        issue: Item,
        category: Category,
        parent: Item | None,
        *,
        expected: int,
        wip: WipVerdict | None,
    ) -> Awaitable[None]:
        project_id = access.project_id
        counter_pk, counter_sk = keys.project_counter(project_id)
        operations: list[Operation] = [
            Update(
                counter_pk,
                counter_sk,
                set={"last_number": issue["number"], "bottom_rank": issue["rank"]},
                add={keys.status_count(issue["status"]): 1},
                condition=Condition(
                    equals={"last_number": expected, **((wip and wip.expected) or {})}
                ),
            ),
            Put(with_index_keys(issue, project_id, category), MUST_NOT_EXIST),
            *assignee_check(project_id, issue),
            *link_to_parent(project_id, issue, parent),
            *recorded_change(
                self._ctx,
                project_id=project_id,
                partition=keys.issue_partition(project_id, issue["number"]),
                kind="issue.created",
                actor=access.user_id,
                at=issue["created_at"],
                entries=[("created", None, issue["key"])],
                data={
                    "key": issue["key"],
                    "issue": public_issue(issue),
                    "mentions": issue["mentions"],
                },
            ),
            *due_marker_changes(project_id, None, issue),
            *fact_changes(project_id, None, issue, issue["created_at"]),
        ]
        return self._ctx.table.transact(operations)

    @staticmethod
    def _explain_create_conflict(error: TransactionConflict, issue: Item) -> None:
        """Turn a failed create into the user's error, unless it was only the counter."""
        if error.failed(0):
            return
        if issue.get("assignee") and error.failed(2):
            raise ValidationFailed(
                "the assignee is not a member", [FieldError("assignee", "not a member")]
            ) from error
        raise Conflict(
            "the parent issue changed meanwhile; try again", [FieldError("parent", "changed")]
        ) from error

    # --- editing -------------------------------------------------------------------------

    async def update(
        self,
        user_id: str,
        issue_key: str,
        patch: dict[str, Any],
        *,
        if_match: int | None = None,
        override_wip: bool = False,
    ) -> dict[str, Any]:
        """Change the fields in `patch`, conditional on the version read.

        With `If-Match`, a stale version is a 412. Without it, a concurrent change to
        other fields is merged (the patch is applied again on top); a concurrent change
        to one of the same fields is a 409, never a silent overwrite. A new status must
        keep within its column's hard WIP limit unless an admin overrides it.
        """
        refuse_unknown_fields(patch)
        ref = await self.find(user_id, issue_key, Action.EDIT_ISSUES)
        if if_match is not None and if_match != ref.item["version"]:
            raise StaleVersion(f"the issue is at version {ref.item['version']}; reload it")
        first_read = ref.item
        for _ in range(MAX_EDIT_ATTEMPTS):
            try:
                return await self._apply_patch(ref, patch, override_wip)
            except TransactionConflict as error:
                if not error.failed(0) and not isinstance(error, _CountsChanged):
                    self._explain_update_conflict(error, ref.item, patch)
                    raise Conflict("a related item changed meanwhile; try again") from error
                ref = await self.find(user_id, issue_key, Action.EDIT_ISSUES)
                if if_match is not None and if_match != ref.item["version"]:
                    raise StaleVersion("the issue changed meanwhile; reload it") from error
                clashing = [n for n in patch if ref.item.get(n) != first_read.get(n)]
                if clashing:
                    raise Conflict(
                        "someone changed the same fields meanwhile; reload and try again",
                        [FieldError(n, "changed by someone else") for n in clashing],
                    ) from error
        raise Conflict("the issue is changing too often; try again")

    @staticmethod
    def _explain_update_conflict(
        error: TransactionConflict, before: Item, patch: dict[str, Any]
    ) -> None:
        """A new assignee who is not a member is the user's error (422), not a conflict."""
        new_assignee = patch.get("assignee")
        if new_assignee and new_assignee != before.get("assignee") and error.failed(1):
            raise ValidationFailed(
                "the assignee is not a member", [FieldError("assignee", "not a member")]
            ) from error

    async def _apply_patch(
        self, ref: IssueRef, patch: dict[str, Any], override_wip: bool
    ) -> dict[str, Any]:
        access, before = ref.access, ref.item
        project_id = access.project_id
        after: Item = {**before, **patch}
        if "labels" in patch:
            after["labels"] = normalise_labels(after["labels"])
        if "acceptance_criteria" in patch:
            after["acceptance_criteria"] = with_criterion_ids(
                self._ctx, patch["acceptance_criteria"], before["acceptance_criteria"]
            )
        workflow = parse_workflow(access.project["workflow"])
        category = check_rules(
            access, after, workflow_category=category_of(workflow, after["status"])
        )
        entries = [
            (name, before.get(name), after.get(name))
            for name in EDITABLE_FIELDS
            if before.get(name) != after.get(name)
        ]
        if not entries:
            return public_issue(before)
        wip = await guard_status_change(
            self._ctx, access, workflow, before, after, override=override_wip
        )
        if wip is not None and wip.overridden:
            entries.append(("wip_override", None, after["status"]))
        now = self._ctx.timestamp()
        stamp(before, after, category, now)
        after["updated_at"] = now
        after["version"] = before["version"] + 1
        if after.get("assignee") != before.get("assignee"):
            after["watchers"] = with_watcher(before.get("watchers", []), after.get("assignee"))
        described = after.get("description") != before.get("description")
        if described:
            after["mentions"] = await mentioned_members(self._ctx, project_id, after["description"])
        operations: list[Operation] = [
            Put(
                with_index_keys(after, project_id, category),
                Condition(equals={"version": before["version"]}),
            )
        ]
        if after.get("assignee") != before.get("assignee"):
            operations.extend(assignee_check(project_id, after))
        operations.extend(await hierarchy_changes(self._ctx.table, ref.access, ref.item, after))
        counts = count_update(
            project_id, before["status"], after["status"], expected=wip.expected if wip else None
        )
        operations += counts
        operations += fact_changes(project_id, before, after, now)
        operations += recorded_change(
            self._ctx,
            project_id=project_id,
            partition=keys.issue_partition(project_id, ref.number),
            kind="issue.updated",
            actor=access.user_id,
            at=now,
            entries=entries,
            data={
                "key": after["key"],
                "changes": [{"field": f, "from": a, "to": b} for f, a, b in entries],
                **({"mentions": after["mentions"]} if described else {}),
            },
        )
        operations += due_marker_changes(project_id, before, after)
        try:
            await self._ctx.table.transact(operations)
        except TransactionConflict as error:
            if counts and error.failed(operations.index(counts[0])):
                raise _CountsChanged(error.reasons) from error
            raise
        shown = public_issue(after)
        if wip is not None and wip.over_limit:
            shown["wip_exceeded"] = after["status"]
        return shown

    # --- deleting ------------------------------------------------------------------------

    async def delete(self, user_id: str, issue_key: str, *, if_match: int | None = None) -> None:
        """Delete an issue; its children lose their parent (up to 30 of them)."""
        ref = await self.find(user_id, issue_key, Action.EDIT_ISSUES)
        issue, project_id = ref.item, ref.access.project_id
        if if_match is not None and if_match != issue["version"]:
            raise StaleVersion(f"the issue is at version {issue['version']}; reload it")
        children = await children_of(
            self._ctx.table, project_id, ref.number, limit=MAX_UNLINKED_CHILDREN + 1
        )
        links = await links_of(self._ctx, project_id, ref.number, limit=MAX_REMOVED_LINKS + 1)
        if len(children) > MAX_UNLINKED_CHILDREN or len(links) > MAX_REMOVED_LINKS:
            raise Conflict(
                f"this issue has more than {MAX_UNLINKED_CHILDREN} children or "
                f"{MAX_REMOVED_LINKS} links; move or unlink some first"
            )
        now = self._ctx.timestamp()
        partition = keys.issue_partition(project_id, ref.number)
        operations: list[Operation] = [
            Delete(issue["pk"], issue["sk"], Condition(equals={"version": issue["version"]})),
            *count_update(project_id, issue["status"], None),
            *fact_changes(project_id, issue, None, now),
            *unlink_from_parent(project_id, issue),
            *unlinked(project_id, ref.number, links),
            *due_marker_changes(project_id, issue, None),
            # Its history, comments, worklogs and attachments go in the background (the
            # attachments' blobs with the sweep).
            Put({"pk": "PURGE", "sk": partition, "partition": partition, "at": now}),
        ]
        for link in children:
            operations.append(Delete(link["pk"], link["sk"]))
            operations.append(
                Update(
                    *keys.issue(project_id, link["child_number"]),
                    set={"parent": None, "updated_at": now},
                    add={"version": 1},
                )
            )
        operations.append(
            outbox_put(
                self._ctx,
                event_id=self._ctx.ids.new(),
                kind="issue.deleted",
                project_id=project_id,
                actor=user_id,
                at=now,
                data={"key": issue["key"], "children": [c["child_key"] for c in children]},
            )
        )
        try:
            await self._ctx.table.transact(operations)
        except TransactionConflict as error:
            raise Conflict("the issue changed meanwhile; reload and try again") from error
        self._projects.start_purges()


class _CountsChanged(TransactionConflict):
    """Another write changed the project's status counts meanwhile: read and try again."""
