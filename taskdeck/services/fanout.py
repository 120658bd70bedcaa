"""Fanning one outbox event out: to the inbox of each person it concerns, to the email
channel for those who chose email, and to every listener of all events (webhooks, live
updates).

Kept apart from how events arrive: the dispatcher in `taskdeck serve` reads them from the
outbox, and a Lambda fed by DynamoDB Streams can call `deliver` the same way. Delivery is
at least once, so every step is idempotent by event id: a notification's key is the
event's id, and the channels dedupe by it too.

Where live streams run beside it (`taskdeck serve`), the fan-out also writes, in the
transaction that adds notifications, an `INBOX_CHANGED` event naming whose inbox
changed: a stream hands it to those people only, so a bell refetches its count when
there is a notification to count, never before it is written.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Final, NamedTuple

from taskdeck.domain.issues import split_issue_key
from taskdeck.domain.notifications import (
    REMINDERS,
    Channel,
    Kind,
    audience,
    channels_for,
    may_notify,
    summary,
)
from taskdeck.ports import MAX_TRANSACTION_ITEMS, MUST_NOT_EXIST, Item, Put, TransactionConflict
from taskdeck.services import keys
from taskdeck.services.context import Context
from taskdeck.services.events import SYSTEM_ACTOR, outbox_put
from taskdeck.services.notifications import notification_item

ISSUE_EVENTS: Final = frozenset(
    {
        "issue.created",
        "issue.updated",
        "comment.added",
        "comment.edited",
        "attachment.added",
        *REMINDERS,
    }
)
"""The events people are notified of (the rest reach only the all-events listeners)."""
NOTES_PER_TRANSACTION: Final = MAX_TRANSACTION_ITEMS - 1
"""Notifications written per transaction: a transaction's items, less the announcement."""
INBOX_CHANGED: Final = "inbox.changed"
"""The event announcing new notifications; `data.users` names whose inbox changed."""


class Recipient(NamedTuple):
    """One person an event concerns, what it is to them, and what they chose to get."""

    user: Item
    """Their profile (`id`, `name`, `email`)."""
    kind: Kind
    channels: dict[Channel, bool]
    note: dict[str, Any]
    """The notification: `id` (the event's), `kind`, `issue`, `project`, `actor`,
    `summary`, `created_at`, plus `title`, `project_name` and `actor_name` for emails."""


class Reads:
    """The items read for a group of events, each key read once: the events of a group
    mostly concern the same issue, people and settings."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx
        self._known: dict[tuple[str, str], Item | None] = {}

    async def get_many(self, wanted: Sequence[tuple[str, str]]) -> list[Item]:
        """The items that exist among `wanted`, from the store the first time."""
        missing = [k for k in dict.fromkeys(wanted) if k not in self._known]
        if missing:
            self._known.update(dict.fromkeys(missing))
            for item in await self._ctx.get_many(missing):
                self._known[item["pk"], item["sk"]] = item
        found = (self._known[key] for key in wanted)
        return [item for item in found if item is not None]


EventListener = Callable[[Item], Awaitable[None]]
EmailSink = Callable[[Item, Sequence[Recipient]], Awaitable[None]]


class Fanout:
    """Deliver events to the inbox and the channels."""

    def __init__(
        self,
        ctx: Context,
        *,
        listeners: Sequence[EventListener] = (),
        email: EmailSink | None = None,
    ) -> None:
        self._ctx = ctx
        self._listeners = list(listeners)
        self._email = email
        self._announce = False

    def listen(self, listener: EventListener) -> None:
        """Also hand every event to `listener`."""
        self._listeners.append(listener)

    def send_email_with(self, sink: EmailSink) -> None:
        """Hand the recipients who chose email to `sink`."""
        self._email = sink

    def announce_inbox_changes(self) -> None:
        """Write an `INBOX_CHANGED` event with the notifications added, for live streams
        (on AWS, where no stream listens, it is not written)."""
        self._announce = True

    @staticmethod
    def wrote(event: Item) -> bool:
        """Whether `event` is one the fan-out wrote itself (an inbox announcement, for live
        streams): there is nothing to deliver of it."""
        return bool(event["kind"] == INBOX_CHANGED)

    async def deliver(self, event: Item) -> None:
        """Deliver one event to everyone and everything it concerns (safe to repeat)."""
        await self.deliver_many([event])

    async def deliver_many(self, events: Sequence[Item]) -> None:
        """Deliver `events` (in outbox order) together: their writes run concurrently, so
        the store groups their commits, and the inbox notifications of all of them go out
        in shared transactions. Safe to repeat, like `deliver`."""
        events = [event for event in events if not self.wrote(event)]
        for listener in self._listeners:
            await asyncio.gather(*(listener(event) for event in events))
        found, reads = [], Reads(self._ctx)
        for event in events:
            found.append(await self.recipients(event, reads))
            # Finding recipients is a millisecond or two of reads and Python that never
            # waits on SQLite: let the requests ready meanwhile go first, one event at a
            # time, rather than after the whole group.
            await asyncio.sleep(0)
        in_app = [r for recipients in found for r in recipients if r.channels[Channel.IN_APP]]
        await self._write_inbox(in_app)
        if self._email is None:
            return
        # One event after the other: an email batch gathers one person's notices of an
        # issue in the order they happened.
        for event, recipients in zip(events, found, strict=True):
            emailed = [r for r in recipients if r.channels[Channel.EMAIL]]
            if emailed:
                await self._email(event, emailed)

    async def recipients(self, event: Item, reads: Reads | None = None) -> list[Recipient]:
        """Who hears of `event`: by the rules, among those still members of its project
        (read through `reads`, when the events of a group share them)."""
        reads = reads or Reads(self._ctx)
        if event["kind"] not in ISSUE_EVENTS or not may_notify(event):
            return []
        key = event["data"]["key"]
        parts = split_issue_key(key)
        if parts is None:
            return []
        project_id = event["project_id"]
        found = await reads.get_many([keys.issue(project_id, parts[1]), keys.project(project_id)])
        issue = next((i for i in found if i["sk"] != "META"), None)
        project = next((i for i in found if i["sk"] == "META"), None)
        if issue is None or project is None:
            return []  # deleted since: nobody is told of what they can no longer open
        heard = audience(event, issue)
        if not heard:
            return []
        people = list(heard)
        members = await reads.get_many([keys.member(project_id, p) for p in people])
        still_members = {m["user_id"] for m in members}
        people = [p for p in people if p in still_members]
        wanted = [keys.user(event["actor"])]
        wanted += [keys.user(p) for p in people] + [keys.notification_settings(p) for p in people]
        items = await reads.get_many(wanted)
        profiles = {i["id"]: i for i in items if i["sk"] == "PROFILE"}
        settings = {i["pk"]: i.get("kinds") for i in items if i["sk"] != "PROFILE"}
        actor = profiles.get(event["actor"], {}).get("name") or "Someone"
        statuses = {s["id"]: s["name"] for s in project.get("workflow", [])}
        result = []
        for person in people:
            profile = profiles.get(person)
            if profile is None:
                continue  # a deleted account
            kind = heard[person]
            channels = channels_for(settings.get(profile["pk"]), kind)
            note = {
                "id": event["id"],
                "kind": kind.value,
                "issue": key,
                "project": project["key"],
                "actor": event["actor"],
                "summary": summary(kind, event, actor=actor, status_names=statuses),
                "created_at": event["at"],
                "title": issue.get("title", ""),
                "project_name": project.get("name", ""),
                "actor_name": actor,
            }
            result.append(Recipient(profile, kind, channels, note))
        return result

    async def _write_inbox(self, recipients: Sequence[Recipient]) -> None:
        """One notification per recipient; those delivered before are left as they are."""
        writing = []
        for start in range(0, len(recipients), NOTES_PER_TRANSACTION):
            batch = recipients[start : start + NOTES_PER_TRANSACTION]
            writing.append(asyncio.ensure_future(self._write_batch(batch)))
            await asyncio.sleep(0)  # made and queued one batch at a time, between requests
        await asyncio.gather(*writing)

    async def _write_batch(self, recipients: Sequence[Recipient]) -> None:
        batch = [Put(notification_item(r.user["id"], r.note), MUST_NOT_EXIST) for r in recipients]
        try:
            await self._ctx.table.transact([*batch, *self._announcement(recipients)])
        except TransactionConflict:
            # Delivered before (at least once): write each that is still missing, with its
            # own announcement (the rare retry costs an event per notification, and a crash
            # part-way never leaves a notification unannounced).
            for put, recipient in zip(batch, recipients, strict=True):
                with contextlib.suppress(TransactionConflict):
                    await self._ctx.table.transact([put, *self._announcement([recipient])])

    def _announcement(self, recipients: Sequence[Recipient]) -> list[Put]:
        """The `INBOX_CHANGED` event for the recipients' new notifications, if announced."""
        if not self._announce:
            return []
        users = sorted({r.user["id"] for r in recipients})
        return [
            outbox_put(
                self._ctx,
                event_id=self._ctx.ids.new(),
                kind=INBOX_CHANGED,
                project_id="",
                actor=SYSTEM_ACTOR,
                at=self._ctx.timestamp(),
                data={"users": users},
            )
        ]
