"""Project members and their roles; the last owner can neither leave nor be demoted.

Joining a project, or leaving one's last, may start or end a person's email subscription
(`EmailSubscribers`, where email is published to subscribers).
"""

from __future__ import annotations

from typing import Any

from taskdeck.domain.errors import Conflict, FieldError, Forbidden, NotFound, ValidationFailed
from taskdeck.domain.roles import Action, Role, outranks_or_equals
from taskdeck.ports import (
    MUST_EXIST,
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
from taskdeck.services.accounts import Accounts
from taskdeck.services.context import Context
from taskdeck.services.events import outbox_put
from taskdeck.services.notifications import EmailSubscribers
from taskdeck.services.projects import Access, Projects, membership_item

MAX_MEMBER_SCAN = 10_000


class Members:
    """The membership use cases."""

    def __init__(
        self, ctx: Context, projects: Projects, accounts: Accounts, subscribers: EmailSubscribers
    ) -> None:
        self._ctx = ctx
        self._projects = projects
        self._accounts = accounts
        self._subscribers = subscribers

    async def list_members(self, user_id: str, key: str, *, limit: int, cursor: str | None) -> Page:
        """The members of a project with their names and roles."""
        access = await self._projects.access(user_id, key, Action.READ)
        page = await self._ctx.table.query(
            access.project["pk"], sk=keys.MEMBERS, limit=limit, cursor=cursor
        )
        users = await self._ctx.get_many([keys.user(m["user_id"]) for m in page.items])
        by_id = {u["id"]: u for u in users}
        return Page([public_member(m, by_id.get(m["user_id"])) for m in page.items], page.cursor)

    async def is_member(self, project_id: str, user_id: str) -> bool:
        """Whether the user belongs to the project."""
        return await self._ctx.table.get(*keys.member(project_id, user_id)) is not None

    async def add(
        self, user_id: str, key: str, *, who: str | None, email: str | None, role: Role
    ) -> dict[str, Any]:
        """Add an existing account to a project (admins; owners alone may add owners)."""
        access = await self._projects.access(user_id, key, Action.MANAGE_MEMBERS)
        self._check_may_grant(access, role)
        user = await self._find_user(who, email)
        item = membership_item(access.project_id, user["id"], role, self._ctx.timestamp())
        try:
            await self._write(
                access, user_id, "member.added", user["id"], [Put(item, MUST_NOT_EXIST)]
            )
        except TransactionConflict as error:
            if error.failed(0):
                raise Conflict(
                    "this user is already a member", [FieldError("user_id", "already a member")]
                ) from error
            raise Conflict("the members changed meanwhile; try again") from error
        await self._subscribers.refresh(user["id"])
        return public_member(item, user)

    async def change_role(
        self, user_id: str, key: str, member_id: str, role: Role
    ) -> dict[str, Any]:
        """Give a member another role."""
        access = await self._projects.access(user_id, key, Action.MANAGE_MEMBERS)
        current = await self._member(access, member_id)
        self._check_may_grant(access, Role(current["role"]))
        self._check_may_grant(access, role)
        if current["role"] == Role.OWNER and role != Role.OWNER:
            await self._check_not_last_owner(access)
        update = Update(
            current["pk"],
            current["sk"],
            set={"role": role},
            add={"version": 1},
            condition=Condition(equals={"version": current["version"]}),
        )
        await self._write_or_conflict(access, user_id, "member.role_changed", member_id, [update])
        user = await self._accounts.user(member_id)
        return public_member({**current, "role": role}, user)

    async def remove(self, user_id: str, key: str, member_id: str) -> None:
        """Remove a member; anyone may leave, admins remove others (owners remove owners)."""
        action = Action.READ if member_id == user_id else Action.MANAGE_MEMBERS
        access = await self._projects.access(user_id, key, action)
        current = await self._member(access, member_id)
        if member_id != user_id:
            self._check_may_grant(access, Role(current["role"]))
        if current["role"] == Role.OWNER:
            await self._check_not_last_owner(access)
        delete = Delete(current["pk"], current["sk"], MUST_EXIST)
        await self._write_or_conflict(access, user_id, "member.removed", member_id, [delete])
        await self._subscribers.refresh(member_id, left_project=access.project_id)

    @staticmethod
    def _check_may_grant(access: Access, role: Role) -> None:
        if not outranks_or_equals(access.role, role):
            raise Forbidden(f"only an {Role.OWNER} can grant or change the role {role}")

    async def _find_user(self, who: str | None, email: str | None) -> Item:
        user = await self._accounts.user(who) if who else None
        if user is None and email:
            user = await self._accounts.user_by_email(email.strip())
        if user is None or not user["active"]:
            field = "user_id" if who else "email"
            raise ValidationFailed("no such account", [FieldError(field, "no account found")])
        return user

    async def _member(self, access: Access, member_id: str) -> Item:
        member = await self._ctx.table.get(*keys.member(access.project_id, member_id))
        if member is None:
            raise NotFound("no such member")
        return member

    async def _check_not_last_owner(self, access: Access) -> None:
        owners = 0
        cursor = None
        for _ in range(MAX_MEMBER_SCAN // 100):
            page = await self._ctx.table.query(
                access.project["pk"], sk=keys.MEMBERS, limit=100, cursor=cursor
            )
            owners += sum(1 for m in page.items if m["role"] == Role.OWNER)
            cursor = page.cursor
            if owners > 1 or cursor is None:
                break
        if owners <= 1:
            raise Conflict("a project needs at least one owner; make someone else owner first")

    async def _write_or_conflict(
        self, access: Access, actor: str, kind: str, subject: str, operations: list[Operation]
    ) -> None:
        try:
            await self._write(access, actor, kind, subject, operations)
        except TransactionConflict as error:
            raise Conflict("the members changed meanwhile; try again") from error

    async def _write(
        self, access: Access, actor: str, kind: str, subject: str, operations: list[Operation]
    ) -> None:
        """Write a membership change, serialised with every other one by the project's
        `members_version`, so two concurrent demotions cannot remove the last owner."""
        project = access.project
        guard = Update(
            project["pk"],
            project["sk"],
            add={"members_version": 1},
            condition=Condition(equals={"members_version": project["members_version"]}),
        )
        event = outbox_put(
            self._ctx,
            event_id=self._ctx.ids.new(),
            kind=kind,
            project_id=access.project_id,
            actor=actor,
            at=self._ctx.timestamp(),
            data={"user_id": subject},
        )
        await self._ctx.table.transact([*operations, guard, event])


def public_member(member: Item, user: Item | None) -> dict[str, Any]:
    """A member as the API shows it."""
    return {
        "user_id": member["user_id"],
        "email": user["email"] if user else None,
        "name": user["name"] if user else None,
        "role": member["role"],
        "joined_at": member["joined_at"],
    }
