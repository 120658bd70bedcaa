"""Links between issues (blocks, relates to, duplicates), kept on both issues.

A link is two items, one in each issue's partition, written and deleted in one
transaction, each showing the link from its own side (`blocks` on one, `is_blocked_by` on
the other). Their sort key names the other issue, so a pair of issues has at most one
link and a second one is refused by the write's own condition. Linking across projects
needs the right to edit the first issue and to see the second; anything else is a 404,
as for an issue that does not exist.
"""

from __future__ import annotations

from typing import Any

from taskdeck.domain.errors import Conflict, FieldError, NotFound, ValidationFailed
from taskdeck.domain.links import LinkType
from taskdeck.domain.roles import Action
from taskdeck.ports import (
    MUST_EXIST,
    MUST_NOT_EXIST,
    Check,
    Condition,
    Delete,
    Item,
    Operation,
    Page,
    Put,
    TransactionConflict,
)
from taskdeck.services import keys
from taskdeck.services.context import Context
from taskdeck.services.events import history_puts, outbox_put
from taskdeck.services.issue_parts import issue_page
from taskdeck.services.issues import IssueRef, Issues
from taskdeck.services.link_items import LINKS

MAX_LINKS_READ = 1_000


def public_link(item: Item) -> dict[str, Any]:
    """A link as the API shows it, from its issue's side."""
    return {k: item[k] for k in ("id", "type", "issue", "created_by", "created_at")}


class Links:
    """The link use cases."""

    def __init__(self, ctx: Context, issues: Issues) -> None:
        self._ctx = ctx
        self._issues = issues

    async def add(
        self, user_id: str, issue_key: str, link_type: LinkType, other_key: str
    ) -> dict[str, Any]:
        """Link two issues; 409 if they are linked already."""
        ref = await self._issues.find(user_id, issue_key, Action.EDIT_ISSUES)
        if other_key.upper() == ref.item["key"]:
            raise ValidationFailed(
                "an issue cannot be linked to itself", [FieldError("issue", "is this issue")]
            )
        other = await self._issues.find(user_id, other_key, Action.READ)
        now = self._ctx.timestamp()
        link_id = self._ctx.ids.new()
        mine = _side(ref, other, link_id, link_type, user_id, now)
        theirs = _side(other, ref, link_id, link_type.inverse, user_id, now)
        event_id = self._ctx.ids.new()
        operations: list[Operation] = [
            Put(mine, MUST_NOT_EXIST),
            Put(theirs, MUST_NOT_EXIST),
            Check(ref.item["pk"], ref.item["sk"], MUST_EXIST),
            Check(other.item["pk"], other.item["sk"], MUST_EXIST),
            *self._history(ref, event_id, user_id, now, (None, f"{link_type} {other_key}")),
            *self._history(
                other, event_id, user_id, now, (None, f"{link_type.inverse} {ref.item['key']}")
            ),
            self._event(ref, event_id, "link.added", user_id, now, mine),
        ]
        try:
            await self._ctx.table.transact(operations)
        except TransactionConflict as error:
            if error.failed(0) or error.failed(1):
                raise Conflict(
                    f"{ref.item['key']} and {other.item['key']} are linked already",
                    [FieldError("issue", "already linked")],
                ) from error
            raise NotFound("no such issue") from error
        return public_link(mine)

    async def list_links(
        self, user_id: str, issue_key: str, *, limit: int, cursor: str | None
    ) -> Page:
        """An issue's links, in the order of the linked issues."""
        ref = await self._issues.find(user_id, issue_key, Action.READ)
        return await issue_page(self._ctx, ref, LINKS, public_link, limit=limit, cursor=cursor)

    async def delete(self, user_id: str, issue_key: str, link_id: str) -> None:
        """Remove a link from both issues."""
        ref = await self._issues.find(user_id, issue_key, Action.EDIT_ISSUES)
        mine = await self._find(ref, link_id)
        other_pk, other_sk = keys.link(
            mine["other_project_id"], mine["other_number"], ref.access.project_id, ref.number
        )
        now = self._ctx.timestamp()
        event_id = self._ctx.ids.new()
        same = Condition(equals={"id": link_id})
        operations: list[Operation] = [
            Delete(mine["pk"], mine["sk"], same),
            Delete(other_pk, other_sk),
            *self._history(ref, event_id, user_id, now, (f"{mine['type']} {mine['issue']}", None)),
            *history_puts(
                self._ctx,
                partition=other_pk,
                actor=user_id,
                at=now,
                event_id=event_id,
                entries=[("link", f"{LinkType(mine['type']).inverse} {ref.item['key']}", None)],
            ),
            self._event(ref, event_id, "link.deleted", user_id, now, mine),
        ]
        try:
            await self._ctx.table.transact(operations)
        except TransactionConflict as error:
            raise NotFound("no such link") from error

    async def _find(self, ref: IssueRef, link_id: str) -> Item:
        partition = keys.issue_partition(ref.access.project_id, ref.number)
        page = await self._ctx.table.query(partition, sk=LINKS, limit=MAX_LINKS_READ)
        for item in page.items:
            if item["id"] == link_id:
                return item
        raise NotFound("no such link")

    def _history(
        self, ref: IssueRef, event_id: str, actor: str, at: str, change: tuple[Any, Any]
    ) -> list[Put]:
        return history_puts(
            self._ctx,
            partition=keys.issue_partition(ref.access.project_id, ref.number),
            actor=actor,
            at=at,
            event_id=event_id,
            entries=[("link", *change)],
        )

    def _event(
        self, ref: IssueRef, event_id: str, kind: str, actor: str, at: str, link: Item
    ) -> Put:
        return outbox_put(
            self._ctx,
            event_id=event_id,
            kind=kind,
            project_id=ref.access.project_id,
            actor=actor,
            at=at,
            data={"key": ref.item["key"], "link": public_link(link)},
        )


def _side(
    ref: IssueRef, other: IssueRef, link_id: str, link_type: LinkType, actor: str, at: str
) -> Item:
    pk, sk = keys.link(ref.access.project_id, ref.number, other.access.project_id, other.number)
    return {
        "pk": pk,
        "sk": sk,
        "id": link_id,
        "type": link_type,
        "issue": other.item["key"],
        "other_project_id": other.access.project_id,
        "other_number": other.number,
        "created_by": actor,
        "created_at": at,
    }
