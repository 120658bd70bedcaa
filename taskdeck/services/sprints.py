"""Sprints: create, list, read, edit, delete and start them, and list their scope changes.
Completion is in `sprint_completion.py`."""

from __future__ import annotations

from typing import Any

from taskdeck.domain.errors import Conflict, FieldError, NotFound
from taskdeck.domain.roles import Action
from taskdeck.domain.sprints import (
    SPRINT_ID,
    SprintState,
    check_can_delete,
    check_can_start,
    check_dates,
    check_edit,
    check_goal,
    check_name,
    check_startable_dates,
    parse_date,
    scope,
)
from taskdeck.domain.workflow import parse_workflow
from taskdeck.ports import Condition, Delete, Item, Page, Put, TransactionConflict
from taskdeck.ports import Update as UpdateItem
from taskdeck.services import keys
from taskdeck.services.context import Context
from taskdeck.services.projects import Projects, raise_stale
from taskdeck.services.sprint_completion import complete_sprint
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
DATES = ("start_date", "end_date")
_SCOPE_FIELDS = ("id", "issue", "change", "points", "status", "actor", "at")


def _changed_meanwhile() -> Conflict:
    return Conflict("the sprint kept changing meanwhile; reload and try again")


class Sprints:
    """The sprint use cases."""

    def __init__(self, ctx: Context, projects: Projects) -> None:
        self._ctx = ctx
        self._projects = projects

    # --- reading -------------------------------------------------------------------------

    async def find(self, user_id: str, sprint_id: str, action: Action) -> SprintRef:
        """The sprint if the user may take `action` in its project: 404 for an unknown
        sprint exactly as for one of a project the user is not a member of."""
        pointer = None
        if SPRINT_ID.match(sprint_id):
            pointer = await self._ctx.table.get(*keys.sprint_pointer(sprint_id))
        if pointer is None:
            raise NotFound("no such sprint")
        try:
            access = await self._projects.access_by_id(user_id, pointer["project_id"], action)
        except NotFound:
            raise NotFound("no such sprint") from None
        item = await self._ctx.table.get(*keys.sprint(access.project_id, sprint_id))
        if item is None:
            raise NotFound("no such sprint")
        return SprintRef(access, item)

    async def _reread(self, ref: SprintRef) -> SprintRef:
        item = await self._ctx.table.get(*keys.sprint(ref.access.project_id, ref.id))
        if item is None:
            raise NotFound("no such sprint")
        return SprintRef(ref.access, item)

    async def get(self, user_id: str, sprint_id: str) -> dict[str, Any]:
        """One sprint, for a member of its project."""
        ref = await self.find(user_id, sprint_id, Action.READ)
        return public_sprint(ref.item, ref.access.project["key"])

    async def list(
        self,
        user_id: str,
        key: str,
        *,
        state: str | None,
        limit: int,
        cursor: str | None,
        issue_lists: bool = True,
    ) -> Page:
        """A project's sprints, oldest first; with `state`, only those in it (a page may
        then be short and still carry a cursor); `issue_lists` as `public_sprint`."""
        access = await self._projects.access(user_id, key, Action.READ)
        page = await self._ctx.table.query(
            f"PROJ#{access.project_id}", sk=keys.SPRINTS, limit=limit, cursor=cursor
        )
        shown = [
            public_sprint(item, key, issue_lists=issue_lists)
            for item in page.items
            if state is None or item["state"] == state
        ]
        return Page(shown, page.cursor)

    async def scope_changes(
        self, user_id: str, sprint_id: str, *, limit: int, cursor: str | None
    ) -> Page:
        """The issues added to or removed from the sprint while it was active, oldest first."""
        ref = await self.find(user_id, sprint_id, Action.READ)
        partition = keys.sprint_scope_partition(ref.access.project_id, ref.id)
        page = await self._ctx.table.query(partition, limit=limit, cursor=cursor)
        return Page([{k: c.get(k) for k in _SCOPE_FIELDS} for c in page.items], page.cursor)

    # --- writing -------------------------------------------------------------------------

    async def create(self, user_id: str, key: str, fields: dict[str, Any]) -> dict[str, Any]:
        """A new planned sprint (admins and owners)."""
        access = await self._projects.access(user_id, key, Action.MANAGE_SPRINTS)
        checked: dict[str, Any] = {
            "name": check_name(fields["name"]),
            "goal": check_goal(fields.get("goal")),
        }
        start = parse_date(fields.get("start_date"), "start_date")
        end = parse_date(fields.get("end_date"), "end_date")
        check_dates(start, end)
        checked |= {name: fields.get(name) for name in DATES}
        item, operations = new_sprint(self._ctx, access, checked, self._ctx.timestamp())
        await self._ctx.table.transact(operations)
        return public_sprint(item, key)

    async def update(
        self,
        user_id: str,
        sprint_id: str,
        changes: dict[str, Any],
        *,
        if_match: int | None = None,
    ) -> dict[str, Any]:
        """Change the name, goal or dates; once completing, only the name and goal."""
        ref = await self.find(user_id, sprint_id, Action.MANAGE_SPRINTS)
        new: dict[str, Any] = {}
        if "name" in changes:
            new["name"] = check_name(changes["name"])
        if "goal" in changes:
            new["goal"] = check_goal(changes["goal"])
        for name in DATES:
            if name in changes:
                parse_date(changes[name], name)
                new[name] = changes[name]
        for _ in range(MAX_ATTEMPTS):
            item = ref.item
            if if_match is not None and if_match != item["version"]:
                raise_stale(item["version"])
            check_edit(ref.state, [name for name in new if new[name] != item.get(name)])
            merged = {**item, **new}
            start = parse_date(merged["start_date"], "start_date")
            end = parse_date(merged["end_date"], "end_date")
            if ref.state is SprintState.ACTIVE:
                check_startable_dates(start, end)
            else:
                check_dates(start, end)
            now = self._ctx.timestamp()
            after = {**merged, "updated_at": now, "version": item["version"] + 1}
            try:
                await self._ctx.table.transact(
                    [
                        Put(after, Condition(equals={"version": item["version"]})),
                        sprint_event(self._ctx, ref.access, "sprint.updated", after, now),
                    ]
                )
            except TransactionConflict:
                ref = await self._reread(ref)
                continue
            return public_sprint(after, ref.access.project["key"])
        raise _changed_meanwhile()

    async def delete(self, user_id: str, sprint_id: str, *, if_match: int | None = None) -> None:
        """Delete a planned sprint; its issues return to the backlog."""
        ref = await self.find(user_id, sprint_id, Action.MANAGE_SPRINTS)
        access = ref.access
        workflow = parse_workflow(access.project["workflow"])
        for _ in range(MAX_ATTEMPTS):
            item = ref.item
            if if_match is not None and if_match != item["version"]:
                raise_stale(item["version"])
            check_can_delete(ref.state)
            now = self._ctx.timestamp()
            issues = await sprint_issues(self._ctx, access.project_id, ref.id)
            numbers = [int(i["number"]) for i in issues]
            await move_issues(
                self._ctx, access, workflow, numbers=numbers, out_of=ref.id, to=None, at=now
            )
            try:
                await self._ctx.table.transact(
                    [
                        Delete(
                            item["pk"], item["sk"], Condition(equals={"version": item["version"]})
                        ),
                        Delete(*keys.sprint_pointer(ref.id)),
                        sprint_event(self._ctx, access, "sprint.deleted", item, now),
                    ]
                )
            except TransactionConflict:
                ref = await self._reread(ref)
                continue
            return
        raise _changed_meanwhile()

    async def start(self, user_id: str, sprint_id: str, dates: dict[str, Any]) -> dict[str, Any]:
        """Start a planned sprint with its dates set: it becomes the project's one active
        sprint, and its issues now are its committed scope."""
        ref = await self.find(user_id, sprint_id, Action.MANAGE_SPRINTS)
        access = ref.access
        for name in DATES:
            parse_date(dates.get(name), name)
        for _ in range(MAX_ATTEMPTS):
            item = {**ref.item, **{k: v for k, v in dates.items() if v is not None}}
            start = parse_date(item["start_date"], "start_date")
            end = parse_date(item["end_date"], "end_date")
            check_can_start(ref.state, start, end)
            active = access.project.get("active_sprint")
            if active and active != ref.id:
                raise await self._active_conflict(access.project_id)
            issues = await sprint_issues(self._ctx, access.project_id, ref.id)
            now = self._ctx.timestamp()
            after = {
                **item,
                "state": SprintState.ACTIVE,
                "committed": scope([issue_facts(i) for i in issues]),
                "started_at": now,
                "updated_at": now,
                "version": item["version"] + 1,
            }
            claim = UpdateItem(
                *keys.project(access.project_id),
                set={"active_sprint": ref.id},
                condition=Condition(equals={"active_sprint": None}),
            )
            try:
                await self._ctx.table.transact(
                    [
                        Put(after, Condition(equals={"version": item["version"]})),
                        claim,
                        sprint_event(self._ctx, access, "sprint.started", after, now),
                    ]
                )
            except TransactionConflict as error:
                if error.failed(1):
                    raise await self._active_conflict(access.project_id) from error
                ref = await self._reread(ref)
                continue
            return public_sprint(after, access.project["key"])
        raise _changed_meanwhile()

    async def _active_conflict(self, project_id: str) -> Exception:
        """The 409 naming the sprint that is already active."""
        project = await self._ctx.table.get(*keys.project(project_id))
        active = (project or {}).get("active_sprint")
        if project is None or active is None:
            return NotFound("no such sprint")
        other: Item = await self._ctx.table.get(*keys.sprint(project_id, active)) or {}
        name = other.get("name", active)
        return Conflict(
            f"the sprint '{name}' is active; complete it before starting another",
            [FieldError("active_sprint", f"{active} ({name}) is active")],
        )

    async def complete(self, user_id: str, sprint_id: str, target: str) -> dict[str, Any]:
        """Complete the active sprint (or resume an interrupted completion): see
        `sprint_completion.complete_sprint`."""
        ref = await self.find(user_id, sprint_id, Action.MANAGE_SPRINTS)
        return await complete_sprint(self._ctx, ref, target)
