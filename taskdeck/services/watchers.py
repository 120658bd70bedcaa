"""Watchers of an issue: the issue item's `watchers` list.

Anyone who may read an issue watches and unwatches it as themselves; admins add any
member and remove anyone. The reporter and the assignee are added by the issue's own
writes. A change of the list is an update of the issue conditional on the version read,
and it bumps that version like any other change of the issue: the whole-item writes of
edits and moves are conditional on the version, so a change that did not bump it could
be overwritten by them. A conflict is read again and retried.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from taskdeck.domain.errors import Conflict, FieldError, Forbidden, NotFound, ValidationFailed
from taskdeck.domain.roles import Action, allows
from taskdeck.ports import MUST_EXIST, Check, Condition, Operation, TransactionConflict, Update
from taskdeck.services import keys
from taskdeck.services.context import Context
from taskdeck.services.events import recorded_change
from taskdeck.services.issue_items import public_issue
from taskdeck.services.issues import IssueRef, Issues

MAX_WATCHERS: Final = 500
"""Watchers an issue may have (the list lives in the issue's item)."""
MAX_ATTEMPTS: Final = 8


class Watchers:
    """The watching use cases."""

    def __init__(self, ctx: Context, issues: Issues) -> None:
        self._ctx = ctx
        self._issues = issues

    async def list_watchers(self, user_id: str, issue_key: str) -> list[dict[str, Any]]:
        """Who watches the issue: each user's id and name (None for a deleted account)."""
        ref = await self._issues.find(user_id, issue_key, Action.READ)
        watchers: list[str] = ref.item.get("watchers", [])
        users = await self._ctx.get_many([keys.user(w) for w in watchers])
        names = {u["id"]: u.get("name") for u in users}
        return [{"id": w, "name": names.get(w)} for w in watchers]

    async def add(self, user_id: str, issue_key: str, watcher: str | None) -> dict[str, Any]:
        """Watch the issue as yourself, or (admins) make a member watch it; the issue."""
        ref = await self._issues.find(user_id, issue_key, Action.READ)
        target = watcher or user_id
        if target != user_id:
            _check_admin(ref, "add other watchers")
            member = await self._ctx.table.get(*keys.member(ref.access.project_id, target))
            if member is None:
                raise _not_a_member()

        def added(watchers: list[str]) -> list[str]:
            if target in watchers:
                return watchers
            if len(watchers) >= MAX_WATCHERS:
                raise Conflict(f"an issue has at most {MAX_WATCHERS} watchers")
            return [*watchers, target]

        return await self._change(ref, target, added, adding=True)

    async def remove(self, user_id: str, issue_key: str, watcher: str) -> None:
        """Stop watching (yourself; admins anyone). Removing a non-watcher changes nothing."""
        ref = await self._issues.find(user_id, issue_key, Action.READ)
        if watcher != user_id:
            _check_admin(ref, "remove other watchers")
        await self._change(ref, watcher, lambda ws: [w for w in ws if w != watcher], adding=False)

    async def _change(
        self,
        ref: IssueRef,
        target: str,
        change: Callable[[list[str]], list[str]],
        *,
        adding: bool,
    ) -> dict[str, Any]:
        project_id, item = ref.access.project_id, ref.item
        for _ in range(MAX_ATTEMPTS):
            before: list[str] = item.get("watchers", [])
            after = change(before)
            if after == before:
                return public_issue(item)
            now = self._ctx.timestamp()
            operations: list[Operation] = [
                Update(
                    item["pk"],
                    item["sk"],
                    set={"watchers": after},
                    add={"version": 1},
                    condition=Condition(equals={"version": item["version"]}),
                ),
                *([Check(*keys.member(project_id, target), MUST_EXIST)] if adding else []),
                *recorded_change(
                    self._ctx,
                    project_id=project_id,
                    partition=keys.issue_partition(project_id, ref.number),
                    kind="issue.watcher_added" if adding else "issue.watcher_removed",
                    actor=ref.access.user_id,
                    at=now,
                    entries=[("watcher", None, target) if adding else ("watcher", target, None)],
                    data={"key": item["key"], "user_id": target, "watchers": after},
                ),
            ]
            try:
                await self._ctx.table.transact(operations)
            except TransactionConflict as error:
                if adding and error.failed(1):
                    raise _not_a_member() from error
                fresh = await self._ctx.table.get(item["pk"], item["sk"])
                if fresh is None:
                    raise NotFound("no such issue") from error
                item = fresh
                continue
            return public_issue({**item, "watchers": after, "version": item["version"] + 1})
        raise Conflict("the issue is changing too often; try again")


def _check_admin(ref: IssueRef, what: str) -> None:
    if not allows(ref.access.role, Action.EDIT_PROJECT):
        raise Forbidden(f"only admins and owners may {what}")


def _not_a_member() -> ValidationFailed:
    return ValidationFailed(
        "the user is not a member of this project", [FieldError("user_id", "not a member")]
    )
