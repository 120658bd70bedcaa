"""Deadline reminders: the scheduler that tells the assignee and the watchers of an open
issue that its due date is near ("due soon") or has passed ("overdue"), once per issue,
due date and kind.

Each pass reads the due-date markers (`services/due_markers.py`) up to the last due date
that calls for a reminder now (`domain/deadlines.py`): a query or two when nothing is due,
and never a marker of a date still beyond the window. It re-reads the issues and their
projects, drops markers whose issue is gone or no longer has that date, and for each
reminder that is due writes **one transaction**:

- a check that the issue is still at the version read (still open, still due then);
- the marker's update ("due soon": `notified` set, on the condition that it is absent) or
  removal ("overdue": conditional on the marker read);
- an outbox event `issue.due_soon` or `issue.overdue` (actor `system`).

So a reminder is recorded exactly once: a second pass, or a second process racing this
one, finds the marker already moved on and its transaction refused, and writes nothing.
From the outbox the dispatcher delivers the event like any other: to the inbox of each
member the rules name (`domain/notifications.audience`), keyed by the event's id (a ULID
of when the reminder fired, so the inbox sorts it by time and a repeated delivery writes
it once), and to email by each person's choice. No lease is needed: every process may run
the scheduler, and the conditions keep them from doubling anything.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final

from taskdeck.aio import cancel_and_wait
from taskdeck.domain.deadlines import due_at, last_due_date_to_remind, reminder_due
from taskdeck.domain.notifications import REMINDERS, Kind
from taskdeck.domain.workflow import Category, category_of, parse_workflow
from taskdeck.ports import (
    Check,
    Condition,
    Delete,
    Item,
    KeyCondition,
    Operation,
    TransactionConflict,
    Update,
)
from taskdeck.services import keys
from taskdeck.services.context import Context, iso
from taskdeck.services.events import SYSTEM_ACTOR, outbox_put

log = logging.getLogger("taskdeck.reminders")

INTERVAL_SECONDS: Final = 60.0
"""How often a process looks for reminders to send (due dates are days: a minute late is
on time)."""
PAGE: Final = 50
"""Markers per query: their issues and projects fit one batch get (at most 100 keys)."""
EVENT_OF: Final = {kind: event for event, kind in REMINDERS.items()}


@dataclass(slots=True)
class ReminderPass:
    """What one pass did."""

    markers_read: int = 0
    reminded: int = 0
    dropped: int = 0
    """Markers removed without a reminder: issue gone, date changed, or resolved and past."""


class Reminders:
    """Find due and overdue issues and record one reminder event per issue, date and kind."""

    def __init__(
        self, ctx: Context, *, window: timedelta, interval_seconds: float = INTERVAL_SECONDS
    ) -> None:
        self._ctx = ctx
        self._window = window
        self._interval = interval_seconds
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Run a pass now and then every interval, in the background, until `stop`."""
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        """Stop the background passes (a pass cut short leaves nothing half-written)."""
        task, self._task = self._task, None
        await cancel_and_wait(task)

    async def _run(self) -> None:
        while True:
            try:
                done = await self.run_once()
                if done.reminded or done.dropped:
                    log.info(
                        "reminders recorded: %d; stale due-date markers removed: %d",
                        done.reminded,
                        done.dropped,
                    )
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("the reminder pass failed; trying again")
            await asyncio.sleep(self._interval)

    async def run_once(self, now: datetime | None = None) -> ReminderPass:
        """One pass at `now` (the clock's time by default)."""
        now = now or self._ctx.clock.now()
        last = last_due_date_to_remind(now, self._window)
        # Sort keys start with the due date: everything before the day after `last`.
        upto = KeyCondition("lt", (last + timedelta(days=1)).isoformat())
        done = ReminderPass()
        cursor: str | None = None
        while True:
            page = await self._ctx.table.query(keys.DUE_MARKERS, sk=upto, limit=PAGE, cursor=cursor)
            done.markers_read += len(page.items)
            await self._handle(page.items, now, done)
            if page.cursor is None:
                return done
            cursor = page.cursor

    async def _handle(self, markers: Sequence[Item], now: datetime, done: ReminderPass) -> None:
        wanted = [keys.issue(m["project_id"], int(m["number"])) for m in markers]
        wanted += [keys.project(p) for p in {m["project_id"] for m in markers}]
        found = {(i["pk"], i["sk"]): i for i in await self._ctx.get_many(wanted)}
        for marker in markers:
            project_id = marker["project_id"]
            issue = found.get(keys.issue(project_id, int(marker["number"])))
            project = found.get(keys.project(project_id))
            if issue is None or project is None or issue.get("due_date") != marker["due_date"]:
                await self._drop(marker, done)
                continue
            due = date.fromisoformat(marker["due_date"])
            workflow = parse_workflow(project["workflow"])
            if category_of(workflow, issue["status"]) is Category.DONE:
                if now >= due_at(due):
                    await self._drop(marker, done)
                continue
            sent = Kind(marker["notified"]) if marker.get("notified") else None
            kind = reminder_due(due, now=now, window=self._window, sent=sent)
            if kind is not None:
                await self._remind(marker, issue, kind, now, done)

    async def _remind(
        self, marker: Item, issue: Item, kind: Kind, now: datetime, done: ReminderPass
    ) -> None:
        step: Operation
        if kind is Kind.OVERDUE:
            step = Delete(marker["pk"], marker["sk"], _unchanged(marker))
        else:
            step = Update(
                marker["pk"],
                marker["sk"],
                set={"notified": kind.value},
                condition=_unchanged(marker),
            )
        operations = [
            Check(issue["pk"], issue["sk"], Condition(equals={"version": issue["version"]})),
            step,
            outbox_put(
                self._ctx,
                event_id=self._ctx.ids.new(),
                kind=EVENT_OF[kind],
                project_id=marker["project_id"],
                actor=SYSTEM_ACTOR,
                at=iso(now),
                data={"key": issue["key"], "due_date": marker["due_date"]},
            ),
        ]
        try:
            await self._ctx.table.transact(operations)
        except TransactionConflict:
            return  # another pass got there first, or the issue changed: the next pass sees
        done.reminded += 1

    async def _drop(self, marker: Item, done: ReminderPass) -> None:
        try:
            await self._ctx.table.transact([Delete(marker["pk"], marker["sk"], _unchanged(marker))])
        except TransactionConflict:
            return  # rewritten meanwhile (the date set back to this one): it stays
        done.dropped += 1


def _unchanged(marker: Item) -> Condition:
    """The marker is still the one read: same incarnation, same reminder sent."""
    return Condition(
        equals={"issue_version": marker["issue_version"], "notified": marker.get("notified")}
    )
