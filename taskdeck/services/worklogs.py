"""Time logged on issues: each worklog and the issue's totals change in one transaction.

An issue's `spent_minutes` is the sum of its worklogs, and its `remaining_minutes` goes
down by what is logged (never below zero) unless the client sets it; both are written
with the worklog, conditional on the issue's version, so a concurrent log is never lost.
Worklogs are indexed by author and day (gsi1) and by project and day (gsi2), which is
what timesheets and the time report read.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Final

from taskdeck.domain.errors import Conflict, FieldError, Forbidden, NotFound, ValidationFailed
from taskdeck.domain.roles import Action, allows
from taskdeck.ports import (
    MUST_NOT_EXIST,
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
from taskdeck.services.events import recorded_change
from taskdeck.services.issue_parts import issue_page
from taskdeck.services.issues import IssueRef, Issues

MAX_MINUTES: Final = 24 * 60
NOTE_MAX: Final = 2_000
MAX_ATTEMPTS: Final = 8
WORKLOGS: Final = KeyCondition.begins_with("W#")
SHOWN: Final = ("id", "issue", "author", "minutes", "date", "note", "created_at", "version")


def public_worklog(item: Item) -> dict[str, Any]:
    """A worklog as the API shows it."""
    return {k: item.get(k) for k in SHOWN}


class Worklogs:
    """The time-tracking use cases."""

    def __init__(self, ctx: Context, issues: Issues) -> None:
        self._ctx = ctx
        self._issues = issues

    def _check(self, minutes: int, day: str, note: str | None) -> None:
        errors = []
        if not 1 <= minutes <= MAX_MINUTES:
            errors.append(FieldError("minutes", f"1 to {MAX_MINUTES} minutes per entry"))
        tomorrow = self._ctx.clock.now().date() + timedelta(days=1)
        try:
            if date.fromisoformat(day) > tomorrow:
                errors.append(FieldError("date", "not later than tomorrow"))
        except ValueError:
            errors.append(FieldError("date", "an ISO date, YYYY-MM-DD"))
        if note is not None and len(note) > NOTE_MAX:
            errors.append(FieldError("note", f"at most {NOTE_MAX} characters"))
        if errors:
            raise ValidationFailed("the worklog is not valid", errors)

    async def log(
        self,
        user_id: str,
        issue_key: str,
        *,
        minutes: int,
        day: str,
        note: str | None,
        remaining: int | None = None,
    ) -> dict[str, Any]:
        """Log time; the issue's spent and remaining minutes change with it."""
        self._check(minutes, day, note)
        worklog_id = self._ctx.ids.new()
        for _ in range(MAX_ATTEMPTS):
            ref = await self._issues.find(user_id, issue_key, Action.EDIT_ISSUES)
            now = self._ctx.timestamp()
            item = {
                "id": worklog_id,
                "issue": ref.item["key"],
                "author": user_id,
                "minutes": minutes,
                "date": day,
                "note": note,
                "created_at": now,
                "version": 1,
            }
            item.update(self._keys(ref, item))
            try:
                await self._ctx.table.transact(
                    [
                        Put(item, MUST_NOT_EXIST),
                        *self._totals(ref, minutes, remaining, user_id, now, "worklog.added", item),
                    ]
                )
            except TransactionConflict:
                continue
            return public_worklog(item)
        raise Conflict("the issue is changing too often; try again")

    async def list_worklogs(
        self, user_id: str, issue_key: str, *, limit: int, cursor: str | None
    ) -> Page:
        """An issue's worklogs, oldest first."""
        ref = await self._issues.find(user_id, issue_key, Action.READ)
        return await issue_page(
            self._ctx, ref, WORKLOGS, public_worklog, limit=limit, cursor=cursor
        )

    async def edit(
        self, user_id: str, issue_key: str, worklog_id: str, changes: dict[str, Any]
    ) -> dict[str, Any]:
        """Change a worklog's minutes, date or note (its author or an admin)."""
        for _ in range(MAX_ATTEMPTS):
            ref, worklog = await self._own(user_id, issue_key, worklog_id)
            after = {**worklog, **changes, "version": worklog["version"] + 1}
            self._check(after["minutes"], after["date"], after.get("note"))
            after.update(self._keys(ref, after))
            now = self._ctx.timestamp()
            delta = after["minutes"] - worklog["minutes"]
            operations: list[Operation] = [
                Put(after, Condition(equals={"version": worklog["version"]}))
            ]
            operations += self._totals(ref, delta, None, user_id, now, "worklog.edited", after)
            try:
                await self._ctx.table.transact(operations)
            except TransactionConflict:
                continue
            return public_worklog(after)
        raise Conflict("the worklog or its issue is changing too often; try again")

    async def delete(self, user_id: str, issue_key: str, worklog_id: str) -> None:
        """Remove a worklog (its author or an admin); its minutes leave the issue's total."""
        for _ in range(MAX_ATTEMPTS):
            ref, worklog = await self._own(user_id, issue_key, worklog_id)
            now = self._ctx.timestamp()
            operations: list[Operation] = [
                Delete(
                    worklog["pk"], worklog["sk"], Condition(equals={"version": worklog["version"]})
                )
            ]
            operations += self._totals(
                ref, -worklog["minutes"], None, user_id, now, "worklog.deleted", worklog
            )
            try:
                await self._ctx.table.transact(operations)
            except TransactionConflict:
                continue
            return
        raise Conflict("the worklog or its issue is changing too often; try again")

    async def _own(self, user_id: str, issue_key: str, worklog_id: str) -> tuple[IssueRef, Item]:
        ref = await self._issues.find(user_id, issue_key, Action.EDIT_ISSUES)
        partition = keys.issue_partition(ref.access.project_id, ref.number)
        worklog = await self._ctx.table.get(partition, f"W#{worklog_id}")
        if worklog is None:
            raise NotFound("no such worklog")
        if worklog["author"] != user_id and not allows(ref.access.role, Action.EDIT_PROJECT):
            raise Forbidden("only its author or an admin may change a worklog")
        return ref, worklog

    @staticmethod
    def _keys(ref: IssueRef, worklog: Item) -> Item:
        project_id = ref.access.project_id
        return {
            "pk": keys.issue_partition(project_id, ref.number),
            "sk": f"W#{worklog['id']}",
            "gsi1pk": f"WORKLOG#{worklog['author']}",
            "gsi1sk": f"{worklog['date']}#{worklog['id']}",
            "gsi2pk": f"WORKLOGS#{project_id}",
            "gsi2sk": f"{worklog['date']}#{worklog['id']}",
        }

    def _totals(
        self,
        ref: IssueRef,
        delta: int,
        remaining: int | None,
        actor: str,
        at: str,
        kind: str,
        worklog: Item,
    ) -> list[Operation]:
        """The issue's new spent and remaining minutes, conditional on its version, and
        the history and event of the change."""
        issue = ref.item
        spent = int(issue.get("spent_minutes") or 0) + delta
        before_remaining = issue.get("remaining_minutes")
        if remaining is None and before_remaining is not None:
            remaining = max(0, int(before_remaining) - delta)
        entries: list[tuple[str, Any, Any]] = [
            ("spent_minutes", issue.get("spent_minutes") or 0, spent)
        ]
        if remaining != before_remaining:
            entries.append(("remaining_minutes", before_remaining, remaining))
        return [
            Update(
                issue["pk"],
                issue["sk"],
                set={"spent_minutes": spent, "remaining_minutes": remaining, "updated_at": at},
                add={"version": 1},
                condition=Condition(equals={"version": issue["version"]}),
            ),
            *recorded_change(
                self._ctx,
                project_id=ref.access.project_id,
                partition=keys.issue_partition(ref.access.project_id, ref.number),
                kind=kind,
                actor=actor,
                at=at,
                entries=entries,
                data={"key": issue["key"], "worklog": public_worklog(worklog)},
            ),
        ]
