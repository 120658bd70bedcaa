"""Fanning one outbox event out: to the inbox of each person it concerns, to the email
channel for those who chose email, and to every listener of all events (webhooks, live
updates).

Kept apart from how events arrive: the dispatcher in `taskdeck serve` reads them from the
outbox, and a Lambda fed by DynamoDB Streams can call `deliver` the same way. Delivery is
at least once, so every step is idempotent by event id: a notification's key is the
event's id, and the channels dedupe by it too.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final

from taskdeck.domain.issues import split_issue_key
from taskdeck.domain.notifications import (
    REMINDERS,
    Channel,
    Kind,
    Preferences,
    audience,
    preferences_from,
    summary,
)
from taskdeck.ports import MUST_NOT_EXIST, Item, Put, TransactionConflict
from taskdeck.services import keys
from taskdeck.services.context import Context
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
MAX_TRANSACTION: Final = 100


@dataclass(frozen=True, slots=True)
class Recipient:
    """One person an event concerns, what it is to them, and what they chose to get."""

    user: Item
    """Their profile (`id`, `name`, `email`)."""
    kind: Kind
    channels: dict[Channel, bool]
    note: dict[str, Any]
    """The notification: `id` (the event's), `kind`, `issue`, `project`, `actor`,
    `summary`, `created_at`, plus `title`, `project_name` and `actor_name` for emails."""


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

    def listen(self, listener: EventListener) -> None:
        """Also hand every event to `listener`."""
        self._listeners.append(listener)

    def send_email_with(self, sink: EmailSink) -> None:
        """Hand the recipients who chose email to `sink`."""
        self._email = sink

    async def deliver(self, event: Item) -> None:
        """Deliver one event to everyone and everything it concerns (safe to repeat)."""
        for listener in self._listeners:
            await listener(event)
        recipients = await self.recipients(event)
        await self._write_inbox([r for r in recipients if r.channels[Channel.IN_APP]])
        emailed = [r for r in recipients if r.channels[Channel.EMAIL]]
        if emailed and self._email is not None:
            await self._email(event, emailed)

    async def recipients(self, event: Item) -> list[Recipient]:
        """Who hears of `event`: by the rules, among those still members of its project."""
        if event["kind"] not in ISSUE_EVENTS:
            return []
        key = event["data"]["key"]
        parts = split_issue_key(key)
        if parts is None:
            return []
        project_id = event["project_id"]
        found = await self._ctx.get_many(
            [keys.issue(project_id, parts[1]), keys.project(project_id)]
        )
        issue = next((i for i in found if i["sk"] != "META"), None)
        project = next((i for i in found if i["sk"] == "META"), None)
        if issue is None or project is None:
            return []  # deleted since: nobody is told of what they can no longer open
        heard = audience(event, issue)
        if not heard:
            return []
        people = list(heard)
        members = await self._ctx.get_many([keys.member(project_id, p) for p in people])
        people = [p for p in people if p in {m["user_id"] for m in members}]
        wanted = [keys.user(event["actor"])]
        wanted += [keys.user(p) for p in people] + [keys.notification_settings(p) for p in people]
        items = await self._ctx.get_many(wanted)
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
            chosen: Preferences = preferences_from(settings.get(profile["pk"]))
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
            result.append(Recipient(profile, kind, chosen[kind], note))
        return result

    async def _write_inbox(self, recipients: Sequence[Recipient]) -> None:
        """One notification per recipient; those delivered before are left as they are."""
        puts = [Put(notification_item(r.user["id"], r.note), MUST_NOT_EXIST) for r in recipients]
        for start in range(0, len(puts), MAX_TRANSACTION):
            batch = puts[start : start + MAX_TRANSACTION]
            try:
                await self._ctx.table.transact(batch)
            except TransactionConflict:
                # Delivered before (at least once): write each that is still missing.
                for put in batch:
                    try:
                        await self._ctx.table.transact([put])
                    except TransactionConflict:
                        continue
