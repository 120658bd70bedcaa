"""Comments on issues: add, list, edit (the author, keeping each previous body) and delete.

A comment is an item `C#<ulid>` in its issue's partition, so a query of `C#` lists the
comments oldest first. Each edit keeps the body it replaces as an item
`CE#<comment id>#<ulid>` (separate items: 32,000-character bodies would soon pass the
store's 400 KB per item if kept inside the comment). Every write carries its history
entry and outbox event in its transaction and is conditional: new items must not exist,
edits and deletes must find the version read.
"""

from __future__ import annotations

from typing import Any, Final

from taskdeck.domain.comments import check_comment_body
from taskdeck.domain.errors import Conflict, Forbidden, NotFound, StaleVersion
from taskdeck.domain.roles import Action, allows
from taskdeck.ports import (
    MAX_TRANSACTION_ITEMS,
    MUST_EXIST,
    MUST_NOT_EXIST,
    Check,
    Condition,
    Delete,
    Item,
    KeyCondition,
    Operation,
    Page,
    Put,
    TransactionConflict,
)
from taskdeck.services import keys
from taskdeck.services.context import Context
from taskdeck.services.events import recorded_change
from taskdeck.services.issue_parts import issue_page
from taskdeck.services.issues import IssueRef, Issues
from taskdeck.services.mentions import mentioned_members
from taskdeck.services.report_facts import comment_flow

COMMENTS: Final = KeyCondition.begins_with("C#")
SHOWN: Final = ("id", "issue", "author", "body", "mentions", "created_at", "edited_at", "version")
EDIT_SHOWN: Final = ("id", "comment", "body", "version", "written_at", "replaced_at")


def public_comment(item: Item) -> dict[str, Any]:
    """A comment as the API shows it."""
    return {k: item.get(k) for k in SHOWN}


class Comments:
    """The comment use cases. Members comment; viewers read; the author edits; the
    author or an admin deletes."""

    def __init__(self, ctx: Context, issues: Issues) -> None:
        self._ctx = ctx
        self._issues = issues

    async def list_comments(
        self, user_id: str, issue_key: str, *, limit: int, cursor: str | None
    ) -> Page:
        """The issue's comments, oldest first."""
        ref = await self._issues.find(user_id, issue_key, Action.READ)
        return await issue_page(
            self._ctx, ref, COMMENTS, public_comment, limit=limit, cursor=cursor
        )

    async def edits(
        self, user_id: str, issue_key: str, comment_id: str, *, limit: int, cursor: str | None
    ) -> Page:
        """The bodies a comment had before its edits, oldest first."""
        ref = await self._issues.find(user_id, issue_key, Action.READ)
        await self._comment(ref, comment_id)
        return await issue_page(
            self._ctx, ref, _edits_of(comment_id), _public_edit, limit=limit, cursor=cursor
        )

    async def add(self, user_id: str, issue_key: str, body: str) -> dict[str, Any]:
        """A new comment by the caller, with the members it mentions."""
        check_comment_body(body)
        ref = await self._issues.find(user_id, issue_key, Action.EDIT_ISSUES)
        project_id = ref.access.project_id
        mentions = await mentioned_members(self._ctx, project_id, body)
        comment_id, now = self._ctx.ids.new(), self._ctx.timestamp()
        pk, sk = keys.comment(project_id, ref.number, comment_id)
        item: Item = {
            "pk": pk,
            "sk": sk,
            "id": comment_id,
            "issue": ref.item["key"],
            "author": user_id,
            "body": body,
            "mentions": mentions,
            "created_at": now,
            "edited_at": None,
            "version": 1,
        }
        shown = public_comment(item)
        operations: list[Operation] = [
            Check(ref.item["pk"], ref.item["sk"], MUST_EXIST),
            Put(item, MUST_NOT_EXIST),
            comment_flow(project_id, now[:10], user_id, 1),
            *self._recorded(
                ref, "comment.added", ("comment", None, comment_id), at=now, comment=shown
            ),
        ]
        try:
            await self._ctx.table.transact(operations)
        except TransactionConflict as error:
            if error.failed(0):
                raise NotFound("no such issue") from error
            raise Conflict("the comment could not be saved; try again") from error
        return shown

    async def edit(
        self,
        user_id: str,
        issue_key: str,
        comment_id: str,
        body: str,
        *,
        if_match: int | None = None,
    ) -> dict[str, Any]:
        """A new body for the caller's own comment; the previous one is kept.

        Conditional on the version read: a concurrent edit or delete makes this one fail
        (412 with `If-Match`, else 409, or 404 once deleted), never overwrite silently.
        """
        check_comment_body(body)
        ref = await self._issues.find(user_id, issue_key, Action.EDIT_ISSUES)
        current = await self._comment(ref, comment_id)
        if current["author"] != user_id:
            raise Forbidden("only the author of a comment may edit it")
        _check_version(current, if_match)
        if body == current["body"]:
            return public_comment(current)
        project_id = ref.access.project_id
        now = self._ctx.timestamp()
        after: Item = {
            **current,
            "body": body,
            "mentions": await mentioned_members(self._ctx, project_id, body),
            "edited_at": now,
            "version": current["version"] + 1,
        }
        edit_id = self._ctx.ids.new()
        pk, sk = keys.comment_edit(project_id, ref.number, comment_id, edit_id)
        previous: Item = {
            "pk": pk,
            "sk": sk,
            "id": edit_id,
            "comment": comment_id,
            "body": current["body"],
            "version": current["version"],
            "written_at": current["edited_at"] or current["created_at"],
            "replaced_at": now,
        }
        shown = public_comment(after)
        operations: list[Operation] = [
            Put(after, Condition(equals={"version": current["version"]})),
            Put(previous, MUST_NOT_EXIST),
            *self._recorded(
                ref, "comment.edited", ("comment", comment_id, comment_id), at=now, comment=shown
            ),
        ]
        await self._write_or_explain(ref, comment_id, operations, if_match)
        return shown

    async def delete(
        self, user_id: str, issue_key: str, comment_id: str, *, if_match: int | None = None
    ) -> None:
        """Remove a comment (its author, or an admin), leaving a tombstone in the history;
        its previous bodies go with it."""
        ref = await self._issues.find(user_id, issue_key, Action.EDIT_ISSUES)
        current = await self._comment(ref, comment_id)
        if current["author"] != user_id and not allows(ref.access.role, Action.EDIT_PROJECT):
            raise Forbidden("only the author of a comment or an admin may delete it")
        _check_version(current, if_match)
        operations: list[Operation] = [
            Delete(current["pk"], current["sk"], Condition(equals={"version": current["version"]})),
            # Written no more: the day it was written counts one comment fewer.
            comment_flow(
                ref.access.project_id, str(current["created_at"])[:10], current["author"], -1
            ),
            *self._recorded(
                ref,
                "comment.deleted",
                ("comment", comment_id, None),
                at=self._ctx.timestamp(),
                comment={"id": comment_id, "author": current["author"]},
            ),
        ]
        await self._write_or_explain(ref, comment_id, operations, if_match)
        await self._purge_edits(ref, comment_id)

    # --- helpers -------------------------------------------------------------------------

    async def _comment(self, ref: IssueRef, comment_id: str) -> Item:
        item = await self._ctx.table.get(
            *keys.comment(ref.access.project_id, ref.number, comment_id)
        )
        if item is None:
            raise NotFound("no such comment")
        return item

    def _recorded(
        self,
        ref: IssueRef,
        kind: str,
        entry: tuple[str, Any, Any],
        *,
        at: str,
        comment: dict[str, Any],
    ) -> list[Put]:
        data: dict[str, Any] = {"key": ref.item["key"], "comment": comment}
        if "mentions" in comment:
            data["mentions"] = comment["mentions"]
        return recorded_change(
            self._ctx,
            project_id=ref.access.project_id,
            partition=keys.issue_partition(ref.access.project_id, ref.number),
            kind=kind,
            actor=ref.access.user_id,
            at=at,
            entries=[entry],
            data=data,
        )

    async def _write_or_explain(
        self, ref: IssueRef, comment_id: str, operations: list[Operation], if_match: int | None
    ) -> None:
        """Write an edit or delete of a comment; a lost race says what happened instead."""
        try:
            await self._ctx.table.transact(operations)
        except TransactionConflict as error:
            await self._comment(ref, comment_id)  # 404 once someone deleted it
            if if_match is not None:
                raise StaleVersion("the comment changed meanwhile; reload it") from error
            raise Conflict("someone changed the comment meanwhile; reload it") from error

    async def _purge_edits(self, ref: IssueRef, comment_id: str) -> None:
        """Remove a deleted comment's previous bodies. Nothing reads them once the comment
        is gone, so one left behind by an interrupted purge is unreachable, not wrong."""
        partition = keys.issue_partition(ref.access.project_id, ref.number)
        while True:
            page = await self._ctx.table.query(
                partition, sk=_edits_of(comment_id), limit=MAX_TRANSACTION_ITEMS
            )
            if not page.items:
                return
            await self._ctx.table.transact([Delete(e["pk"], e["sk"]) for e in page.items])
            if page.cursor is None:
                return


def _public_edit(item: Item) -> dict[str, Any]:
    return {k: item.get(k) for k in EDIT_SHOWN}


def _edits_of(comment_id: str) -> KeyCondition:
    return KeyCondition.begins_with(f"CE#{comment_id}#")


def _check_version(comment: Item, if_match: int | None) -> None:
    if if_match is not None and if_match != comment["version"]:
        raise StaleVersion(f"the comment is at version {comment['version']}; reload it")
