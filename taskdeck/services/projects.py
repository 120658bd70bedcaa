"""Projects: create, list, read, edit and delete, and the access check every area uses."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple, NoReturn

from taskdeck.domain.errors import (
    Conflict,
    FieldError,
    Forbidden,
    NotFound,
    StaleVersion,
    ValidationFailed,
)
from taskdeck.domain.issues import PROJECT_KEY
from taskdeck.domain.roles import Action, Role, allows
from taskdeck.domain.workflow import DEFAULT_WORKFLOW, Status, validate_workflow
from taskdeck.ports import (
    MUST_EXIST,
    MUST_NOT_EXIST,
    NOTHING,
    Adjacent,
    Check,
    Condition,
    Delete,
    Item,
    KeyCondition,
    Operation,
    Page,
    Put,
    TransactionConflict,
    Update,
)
from taskdeck.services import keys
from taskdeck.services.context import Context
from taskdeck.services.events import outbox_put
from taskdeck.services.notifications import EmailSubscribers
from taskdeck.services.partitions import delete_partition
from taskdeck.services.report_reads import every_item

NAME_MAX = 200
DESCRIPTION_MAX = 65_536
DEFAULT_SETTINGS = {
    "acceptance_criteria_gate": True,
    "done_requires_closed_children": False,
    "done_requires_unblocked": False,
}
_PROJECTS = KeyCondition.begins_with(keys.MEMBERSHIP_PREFIX)
KEY_CACHE_SIZE = 10_000


class Beside(NamedTuple):
    """The places to read of issue `anchor` in its plan list and of the issue next to it
    there, below it or above it, never counting issue `moving` (the one a move places
    beside the anchor)."""

    anchor: int
    below: bool
    moving: int


class Access(NamedTuple):
    """A project as seen by one of its members."""

    project: Item
    user_id: str
    role: Role
    issues: Mapping[int, Item] = NOTHING
    """Issues of the project read with the access check (by number), when asked for."""
    beside: tuple[Item, ...] = ()
    """With `Beside`: the gsi2 entries (`Adjacent`) of the anchor and of the issue next
    to it in its plan list, read with the check too."""

    @property
    def project_id(self) -> str:
        """The project's id."""
        return str(self.project["id"])


def public_project(project: Item, role: Role | None = None) -> dict[str, Any]:
    """A project as the API shows it, with the caller's role."""
    shown = {
        k: project[k]
        for k in (
            "id",
            "key",
            "name",
            "description",
            "workflow",
            "created_at",
            "updated_at",
            "version",
        )
    }
    shown["settings"] = {**DEFAULT_SETTINGS, **project.get("settings", {})}
    shown["active_sprint"] = project.get("active_sprint")
    shown["role"] = role
    return shown


def check_project_name(name: str) -> str:
    """A project name: trimmed, 1 to 200 characters."""
    name = name.strip()
    if not 1 <= len(name) <= NAME_MAX:
        raise ValidationFailed(
            "the name is not valid", [FieldError("name", f"1-{NAME_MAX} characters")]
        )
    return name


class Projects:
    """The project use cases."""

    def __init__(self, ctx: Context, subscribers: EmailSubscribers) -> None:
        self._ctx = ctx
        self._subscribers = subscribers
        self._purges: set[asyncio.Task[None]] = set()
        # Project key -> id as last read. A key moves to another project only after its
        # project is deleted, and then the stale id finds nothing and is read again.
        self._ids: dict[str, str] = {}

    async def project_id(self, key: str) -> str | None:
        """The id of the project with this key, or None."""
        claim = await self._ctx.table.get(*keys.project_key(key))
        return None if claim is None else str(claim["project_id"])

    async def access(
        self,
        user_id: str,
        key: str,
        action: Action,
        *,
        issues: Sequence[int] = (),
        beside: Beside | None = None,
    ) -> Access:
        """The project if `user_id` may take `action` in it, with the issues numbered
        `issues` that exist, read in the same request as the check; `beside` adds the
        places (gsi2 entries) of an issue and of the one next to it in its plan list.

        404 for a non-member exactly as for a missing project, so nobody learns that a
        project exists; 403 for a member whose role does not allow the action.
        """
        if not PROJECT_KEY.match(key):
            raise NotFound("no such project")
        known = self._ids.get(key)
        if known is not None:
            try:
                access = await self.access_by_id(
                    user_id, known, action, issues=issues, beside=beside
                )
            except NotFound:
                self._ids.pop(key, None)
            else:
                if access.project["key"] == key:
                    return access
                self._ids.pop(key, None)
        project_id = await self.project_id(key)
        if project_id is None:
            raise NotFound("no such project")
        if len(self._ids) >= KEY_CACHE_SIZE:
            self._ids.clear()
        self._ids[key] = project_id
        return await self.access_by_id(user_id, project_id, action, issues=issues, beside=beside)

    async def access_by_id(
        self,
        user_id: str,
        project_id: str,
        action: Action,
        *,
        issues: Sequence[int] = (),
        beside: Beside | None = None,
    ) -> Access:
        """As `access`, for a project known by id."""
        wanted = [keys.project(project_id), keys.member(project_id, user_id)]
        wanted += [keys.issue(project_id, number) for number in issues]
        adjacent = None
        if beside is not None:
            adjacent = Adjacent(
                keys.issue(project_id, beside.anchor),
                "gsi2",
                below=beside.below,
                limit=1,
                skip=keys.issue(project_id, beside.moving),
            )
        project = membership = None
        found: dict[int, Item] = {}
        entries: list[Item] = []
        # Only `adjacent` brings what was not asked for (every access check comes here).
        asked = set(wanted) if adjacent is not None else None
        for item in await self._ctx.table.batch_get(wanted, adjacent=adjacent):
            if asked is not None and (item["pk"], item["sk"]) not in asked:
                entries.append(item)
            elif item["sk"] == "META":
                project = item
            elif item["sk"].startswith("MEMBER#"):
                membership = item
            else:
                found[int(item["number"])] = item
        if project is None or membership is None:
            raise NotFound("no such project")
        role = Role(membership["role"])
        if not allows(role, action):
            raise Forbidden(f"a {role} of this project cannot do this")
        return Access(project, user_id, role, found, tuple(entries))

    async def create(
        self, user_id: str, *, key: str, name: str, description: str = ""
    ) -> dict[str, Any]:
        """A new project owned by its creator; 409 if the key is taken."""
        if not PROJECT_KEY.match(key):
            raise ValidationFailed(
                "the project key is not valid",
                [FieldError("key", "2-10 uppercase letters or digits, starting with a letter")],
            )
        name = check_project_name(name)
        check_description(description)
        now = self._ctx.timestamp()
        project_id = self._ctx.ids.new()
        pk, sk = keys.project(project_id)
        project = {
            "pk": pk,
            "sk": sk,
            "id": project_id,
            "key": key,
            "name": name,
            "description": description,
            "workflow": [s.as_json() for s in DEFAULT_WORKFLOW],
            "settings": dict(DEFAULT_SETTINGS),
            "created_at": now,
            "updated_at": now,
            "created_by": user_id,
            "version": 1,
            "members_version": 1,
        }
        claim_pk, claim_sk = keys.project_key(key)
        counter_pk, counter_sk = keys.project_counter(project_id)
        operations: list[Operation] = [
            Put({"pk": claim_pk, "sk": claim_sk, "project_id": project_id}, MUST_NOT_EXIST),
            Put(project, MUST_NOT_EXIST),
            Put({"pk": counter_pk, "sk": counter_sk, "last_number": 0, "bottom_rank": None}),
            Put(membership_item(project_id, user_id, Role.OWNER, now), MUST_NOT_EXIST),
            Check(*keys.user(user_id), MUST_EXIST),
            outbox_put(
                self._ctx,
                event_id=self._ctx.ids.new(),
                kind="project.created",
                project_id=project_id,
                actor=user_id,
                at=now,
                data={"key": key, "name": name},
            ),
        ]
        try:
            await self._ctx.table.transact(operations)
        except TransactionConflict as error:
            if error.failed(0):
                raise Conflict(
                    f"the key {key} is taken", [FieldError("key", "is already taken")]
                ) from error
            raise NotFound("your account no longer exists") from error
        await self._subscribers.refresh(user_id)
        return public_project(project, Role.OWNER)

    async def list_mine(self, user_id: str, *, limit: int, cursor: str | None) -> Page:
        """The projects the user is a member of, oldest first."""
        page = await self._ctx.table.query(
            keys.memberships(user_id), index="gsi1", sk=_PROJECTS, limit=limit, cursor=cursor
        )
        roles = {m["project_id"]: Role(m["role"]) for m in page.items}
        found = await self._ctx.get_many([keys.project(pid) for pid in roles])
        by_id = {p["id"]: p for p in found}
        items = [public_project(by_id[pid], roles[pid]) for pid in roles if pid in by_id]
        return Page(items, page.cursor)

    async def get(self, user_id: str, key: str) -> dict[str, Any]:
        """One project, for a member."""
        access = await self.access(user_id, key, Action.READ)
        return public_project(access.project, access.role)

    async def update(
        self,
        user_id: str,
        key: str,
        changes: dict[str, Any],
        *,
        if_match: int | None = None,
    ) -> dict[str, Any]:
        """Change name, description, workflow or settings (admins and owners)."""
        access = await self.access(user_id, key, Action.EDIT_PROJECT)
        project = access.project
        if if_match is not None and if_match != project["version"]:
            raise_stale(project["version"])
        new: dict[str, Any] = {}
        checks: list[Operation] = []
        if "name" in changes:
            new["name"] = check_project_name(changes["name"])
        if "description" in changes:
            new["description"] = check_description(changes["description"])
        if "settings" in changes:
            new["settings"] = {**project.get("settings", {}), **changes["settings"]}
        if "workflow" in changes:
            statuses: list[Status] = changes["workflow"]
            validate_workflow(statuses)
            checks = await self._check_removed_statuses_empty(project, statuses)
            new["workflow"] = [s.as_json() for s in statuses]
        now = self._ctx.timestamp()
        updated = {**project, **new, "updated_at": now, "version": project["version"] + 1}
        event = outbox_put(
            self._ctx,
            event_id=self._ctx.ids.new(),
            kind="project.updated",
            project_id=access.project_id,
            actor=user_id,
            at=now,
            data={"key": key, "fields": sorted(new)},
        )
        update = Update(
            project["pk"],
            project["sk"],
            set={**new, "updated_at": now},
            add={"version": 1},
            condition=Condition(equals={"version": project["version"]}),
        )
        try:
            await self._ctx.table.transact([update, *checks, event])
        except TransactionConflict as error:
            raise Conflict("the project changed meanwhile; reload and try again") from error
        return public_project(updated, access.role)

    async def _check_removed_statuses_empty(
        self, project: Item, statuses: list[Status]
    ) -> list[Operation]:
        """Refuse to remove a status that holds issues (409 naming it, and how to move
        them); else a check that none entered it meanwhile, for the transaction."""
        kept = {s.id for s in statuses}
        removed = [s for s in project["workflow"] if s["id"] not in kept]
        if not removed:
            return []
        counter = await self._ctx.table.get(*keys.project_counter(project["id"])) or {}
        errors = []
        for status in removed:
            holding = await self._ctx.table.query(
                keys.status_list(project["id"], status["id"]), index="gsi3", limit=1
            )
            if holding.items or counter.get(keys.status_count(status["id"])):
                errors.append(
                    FieldError(
                        "move_issues",
                        f"status {status['id']} holds issues: name the status they move to",
                    )
                )
        if errors:
            raise Conflict("removed statuses still hold issues; say where they go", errors)
        expected = {
            keys.status_count(s["id"]): counter.get(keys.status_count(s["id"])) for s in removed
        }
        return [Check(*keys.project_counter(project["id"]), Condition(equals=expected))]

    async def delete(self, user_id: str, key: str) -> None:
        """Delete a project (owners only); its items are then removed in the background."""
        access = await self.access(user_id, key, Action.DELETE_PROJECT)
        project_id = access.project_id
        purge_pk, purge_sk = keys.purge(project_id)
        now = self._ctx.timestamp()
        await self._ctx.table.transact(
            [
                Delete(*keys.project(project_id), MUST_EXIST),
                Delete(*keys.project_key(key)),
                Put({"pk": purge_pk, "sk": purge_sk, "project_id": project_id, "at": now}),
                outbox_put(
                    self._ctx,
                    event_id=self._ctx.ids.new(),
                    kind="project.deleted",
                    project_id=project_id,
                    actor=user_id,
                    at=now,
                    data={"key": key},
                ),
            ]
        )
        self.start_purges()

    def start_purges(self) -> None:
        """Remove the items of deleted projects in the background."""
        task = asyncio.get_running_loop().create_task(self.purge_deleted())
        self._purges.add(task)
        task.add_done_callback(self._purges.discard)

    async def purge_deleted(self) -> None:
        """Delete every item of every deleted project or issue, in small transactions."""
        table = self._ctx.table
        while True:
            pending = await table.query("PURGE", limit=10)
            if not pending.items:
                return
            for marker in pending.items:
                if "partition" in marker:  # a deleted issue's own items
                    await delete_partition(self._ctx.table, marker["partition"])
                else:
                    await self._purge(marker["project_id"])
                await table.transact([Delete(marker["pk"], marker["sk"])])

    async def _purge(self, project_id: str) -> None:
        counter = await self._ctx.table.get(*keys.project_counter(project_id))
        last = int(counter["last_number"]) if counter else 0
        for number in range(1, last + 1):
            await delete_partition(self._ctx.table, keys.issue_partition(project_id, number))
        sprints = await every_item(self._ctx.table, f"PROJ#{project_id}", keys.SPRINTS)
        for sprint in sprints:
            await delete_partition(
                self._ctx.table, keys.sprint_scope_partition(project_id, sprint["id"])
            )
        await delete_partition(self._ctx.table, keys.flow_partition(project_id))
        await delete_partition(self._ctx.table, keys.resolutions(project_id))
        members = await every_item(self._ctx.table, f"PROJ#{project_id}", keys.MEMBERS)
        await delete_partition(self._ctx.table, f"PROJ#{project_id}")
        # Memberships are gone with the partition: whoever now belongs to no project is
        # unsubscribed from published email (a no-op where email is not published).
        for member in members:
            await self._subscribers.refresh(str(member["user_id"]))


def check_description(description: str) -> str:
    """A Markdown description of at most 65,536 characters."""
    if len(description) > DESCRIPTION_MAX:
        raise ValidationFailed(
            "the description is too long",
            [FieldError("description", f"at most {DESCRIPTION_MAX} characters")],
        )
    return description


def membership_item(project_id: str, user_id: str, role: Role, now: str) -> Item:
    """The item that makes `user_id` a member of a project with `role`."""
    pk, sk = keys.member(project_id, user_id)
    return {
        "pk": pk,
        "sk": sk,
        "gsi1pk": keys.memberships(user_id),
        "gsi1sk": f"{keys.MEMBERSHIP_PREFIX}{project_id}",
        "project_id": project_id,
        "user_id": user_id,
        "role": role,
        "joined_at": now,
        "version": 1,
    }


def raise_stale(current: int) -> NoReturn:
    """Refuse a write whose `If-Match` names an older version."""
    raise StaleVersion(f"the current version is {current}; reload and try again")
