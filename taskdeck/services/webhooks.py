"""Webhooks: a project's admins register URLs that hear of its events, and each event
becomes one pending delivery per subscribed webhook (sent by `webhook_delivery`).

A webhook is an item in its project's partition, so the project's purge removes it, and
`enqueue` finds a project's webhooks with one strongly consistent query. There is no
cache in front of that query: the dispatcher's lease moves between worker processes, so
a process could miss the change of another and drop an event; the query costs a few
microseconds on SQLite and one small read on DynamoDB, and only projects with webhooks
pay for more.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, Final

import orjson

from taskdeck.domain.errors import Conflict, FieldError, NotFound, ValidationFailed
from taskdeck.domain.roles import Action
from taskdeck.domain.webhooks import (
    EVENT_KINDS,
    check_events,
    check_secret,
    check_url,
    subscribed,
)
from taskdeck.ports import (
    MUST_EXIST,
    MUST_NOT_EXIST,
    Check,
    Delete,
    Item,
    KeyCondition,
    Page,
    Put,
    TransactionConflict,
    WebhookTransport,
    WebhookUnreachable,
)
from taskdeck.services import keys
from taskdeck.services.context import Context
from taskdeck.services.events import outbox_put
from taskdeck.services.projects import Projects
from taskdeck.services.webhook_items import (
    checked_address,
    delivery_item,
    public_delivery,
    public_webhook,
)

MAX_WEBHOOKS: Final = 20
"""Webhooks one project may have."""
KEY_CACHE_SIZE: Final = 10_000
_WEBHOOKS: Final = KeyCondition.begins_with(keys.WEBHOOKS)


class Webhooks:
    """The webhook use cases, and the step that turns events into pending deliveries."""

    def __init__(
        self,
        ctx: Context,
        projects: Projects,
        transport: WebhookTransport,
        *,
        allow_private: bool = False,
        on_enqueued: Callable[[], None] = lambda: None,
    ) -> None:
        self._ctx, self._projects, self._transport = ctx, projects, transport
        self._allow_private = allow_private
        self._on_enqueued = on_enqueued
        # Project id -> key: a project's key never changes, and a deleted project's id is
        # never reused, so entries never go stale.
        self._project_keys: dict[str, str] = {}

    async def create(
        self, user_id: str, key: str, *, url: str, secret: str, events: list[str] | None
    ) -> dict[str, Any]:
        """Register a webhook (admins and owners); it hears of events from now on."""
        access = await self._projects.access(user_id, key, Action.EDIT_PROJECT)
        target = check_url(url)
        check_secret(secret)
        kinds = check_events(events)
        try:
            await checked_address(self._transport, target, allow_private=self._allow_private)
        except WebhookUnreachable as error:
            raise ValidationFailed(
                "the webhook URL cannot be used", [FieldError("url", str(error))]
            ) from error
        project_id = access.project_id
        if len(await self._hooks_of(project_id)) >= MAX_WEBHOOKS:
            raise Conflict(f"a project has at most {MAX_WEBHOOKS} webhooks")
        webhook_id, now = self._ctx.ids.new(), self._ctx.timestamp()
        pk, sk = keys.webhook(project_id, webhook_id)
        item = {
            "pk": pk,
            "sk": sk,
            "id": webhook_id,
            "project_id": project_id,
            "url": url,
            "secret": secret,
            "events": kinds,
            "enabled": True,
            "created_at": now,
            "created_by": user_id,
            "last_status": None,
            "last_error": None,
            "last_delivery_at": None,
            "consecutive_failures": 0,
            "failed_deliveries": 0,
            "disabled_at": None,
        }
        event = self._event("webhook.created", access.project_id, user_id, now, item)
        try:
            await self._ctx.table.transact(
                [Put(item, MUST_NOT_EXIST), Check(*keys.project(project_id), MUST_EXIST), event]
            )
        except TransactionConflict as error:
            raise NotFound("no such project") from error
        return public_webhook(item, key)

    async def list_webhooks(self, user_id: str, key: str) -> Page:
        """A project's webhooks, oldest first (admins and owners)."""
        access = await self._projects.access(user_id, key, Action.EDIT_PROJECT)
        hooks = await self._hooks_of(access.project_id)
        return Page([public_webhook(i, key) for i in hooks], None)

    async def get(self, user_id: str, key: str, webhook_id: str) -> dict[str, Any]:
        """One webhook (admins and owners)."""
        _, item = await self._find(user_id, key, webhook_id)
        return public_webhook(item, key)

    async def delete(self, user_id: str, key: str, webhook_id: str) -> None:
        """Remove a webhook; its pending deliveries are dropped, its records purged."""
        project_id, item = await self._find(user_id, key, webhook_id)
        now = self._ctx.timestamp()
        deliveries = keys.webhook_deliveries(webhook_id)
        try:
            await self._ctx.table.transact(
                [
                    Delete(item["pk"], item["sk"], MUST_EXIST),
                    Put({"pk": "PURGE", "sk": deliveries, "partition": deliveries, "at": now}),
                    self._event("webhook.deleted", project_id, user_id, now, item),
                ]
            )
        except TransactionConflict as error:
            raise NotFound("no such webhook") from error
        self._projects.start_purges()

    async def deliveries(
        self, user_id: str, key: str, webhook_id: str, *, limit: int, cursor: str | None
    ) -> Page:
        """A webhook's deliveries, newest first: state, attempts, last status and error."""
        await self._find(user_id, key, webhook_id)
        page = await self._ctx.table.query(
            keys.webhook_deliveries(webhook_id), forward=False, limit=limit, cursor=cursor
        )
        return Page([public_delivery(i) for i in page.items], page.cursor)

    async def enqueue(self, event: Item) -> None:
        """Record one pending delivery of `event` per enabled webhook of its project that
        subscribes to its kind. Safe to repeat: a (webhook, event) pair is recorded once."""
        if event["kind"] not in EVENT_KINDS:
            return
        project_id = event["project_id"]
        # Ids are ULIDs: an event older than a webhook (delivered again after a restart)
        # is not the webhook's to hear of.
        hooks = [
            h
            for h in await self._hooks_of(project_id)
            if h["enabled"] and h["id"] < event["id"] and subscribed(h["events"], event["kind"])
        ]
        if not hooks:
            return
        project_key = await self._project_key(project_id, event)
        if project_key is None:
            return  # the project is gone
        body = orjson.dumps(
            {
                "id": event["id"],
                "kind": event["kind"],
                "project": project_key,
                "at": event["at"],
                "actor": event["actor"],
                "data": event["data"],
            }
        ).decode()
        now = self._ctx.timestamp()
        await asyncio.gather(*(self._record(hook, event, body, now) for hook in hooks))
        self._on_enqueued()

    async def _record(self, webhook: Item, event: Item, body: str, now: str) -> None:
        item = delivery_item(
            delivery_id=self._ctx.ids.new(), webhook=webhook, event=event, body=body, now=now
        )
        try:
            await self._ctx.table.transact([Put(item, MUST_NOT_EXIST)])
        except TransactionConflict:
            return  # recorded before: the event is being delivered again

    async def _project_key(self, project_id: str, event: Item) -> str | None:
        known = self._project_keys.get(project_id)
        if known is not None:
            return known
        project = await self._ctx.table.get(*keys.project(project_id))
        if project is None:
            deleted = event["kind"] == "project.deleted"
            return str(event["data"]["key"]) if deleted else None
        if len(self._project_keys) >= KEY_CACHE_SIZE:
            self._project_keys.clear()
        self._project_keys[project_id] = project["key"]
        return str(project["key"])

    async def _hooks_of(self, project_id: str) -> list[Item]:
        page = await self._ctx.table.query(
            keys.project(project_id)[0], sk=_WEBHOOKS, limit=MAX_WEBHOOKS
        )
        return page.items

    async def _find(self, user_id: str, key: str, webhook_id: str) -> tuple[str, Item]:
        access = await self._projects.access(user_id, key, Action.EDIT_PROJECT)
        item = await self._ctx.table.get(*keys.webhook(access.project_id, webhook_id))
        if item is None:
            raise NotFound("no such webhook")
        return access.project_id, item

    def _event(self, kind: str, project_id: str, actor: str, at: str, webhook: Item) -> Put:
        return outbox_put(
            self._ctx,
            event_id=self._ctx.ids.new(),
            kind=kind,
            project_id=project_id,
            actor=actor,
            at=at,
            data={"webhook": webhook["id"], "url": webhook["url"], "events": webhook["events"]},
        )
