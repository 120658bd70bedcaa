"""The in-app inbox and each person's notification settings.

A notification lives in its user's partition, keyed by the id of the event it came from,
so delivering an event twice writes it once. While unread it is also in the sparse gsi1
partition `UNREAD#<user>`, which serves the unread filter, the unread count and "mark
all read" without reading the read ones.

Where email is published to subscribers (SNS) rather than addressed (SMTP), a person's
address must be subscribed to get any: `EmailSubscribers` keeps it subscribed while they
have email on for some kind and belong to some project, and unsubscribes it otherwise.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any, Final

from taskdeck.domain.errors import FieldError, ValidationFailed
from taskdeck.domain.notifications import Channel, Kind, Preferences, preferences_from
from taskdeck.ports import (
    MUST_EXIST,
    Delete,
    DeliveryFailed,
    EmailSubscriptions,
    Item,
    KeyCondition,
    Page,
    Put,
    Table,
    Update,
)
from taskdeck.services import keys
from taskdeck.services.context import Context

NOTES: Final = KeyCondition.begins_with("NOTE#")
UNREAD_COUNT_CAP: Final = 100
"""The unread count stops here (the web app shows "99+"): counting is a query."""
MARK_BATCH: Final = 25
SHOWN: Final = ("id", "kind", "issue", "project", "actor", "summary", "read", "created_at")
MEMBERSHIPS: Final = KeyCondition.begins_with(keys.MEMBERSHIP_PREFIX)
log = logging.getLogger("taskdeck.emails")


def public_notification(item: Item) -> dict[str, Any]:
    """A notification as the API shows it."""
    return {k: item.get(k) for k in SHOWN}


def notification_item(user_id: str, note: Mapping[str, Any]) -> Item:
    """The stored, unread notification `note` (with its `id`) for one user."""
    pk, sk = keys.notification(user_id, note["id"])
    return {
        "pk": pk,
        "sk": sk,
        **note,
        "read": False,
        "gsi1pk": keys.unread_notifications(user_id),
        "gsi1sk": sk,
    }


def read_update(item: Item, at: str) -> Update:
    """Mark one stored notification read: it leaves the unread index."""
    return Update(
        item["pk"],
        item["sk"],
        set={"read": True, "read_at": at},
        remove=("gsi1pk", "gsi1sk"),
        condition=MUST_EXIST,
    )


async def chosen_preferences(table: Table, user_id: str) -> Preferences:
    """A person's channels per kind: their stored choices over the defaults."""
    item = await table.get(*keys.notification_settings(user_id))
    return preferences_from(item.get("kinds") if item else None)


def wants_email(preferences: Preferences) -> bool:
    """Whether some kind of notification is emailed."""
    return any(channels[Channel.EMAIL] for channels in preferences.values())


class EmailSubscribers:
    """Keeps each person's subscription to published email in step with their settings
    and memberships: subscribed while they have email on for some kind and belong to
    some project. Does nothing where email needs no subscription (SMTP, or email off).

    The subscription's id is kept on `USER#<id>` / `EMAIL_SUBSCRIPTION` with the address
    it was made for, so asking twice subscribes once and a new address is subscribed
    anew. A failed request to the service is logged and left for the next change.
    """

    def __init__(self, ctx: Context, subscriptions: EmailSubscriptions | None) -> None:
        self._ctx, self._subscriptions = ctx, subscriptions

    async def refresh(self, user_id: str, *, left_project: str | None = None) -> None:
        """Subscribe or unsubscribe `user_id` as their settings and memberships now ask;
        `left_project`: a project they just left (the membership index may lag)."""
        subscriptions = self._subscriptions
        if subscriptions is None:
            return
        table = self._ctx.table
        current = await table.get(*keys.email_subscription(user_id))
        address = await self._wanted_address(user_id, left_project)
        try:
            if current is not None and current["address"] != address:
                await subscriptions.unsubscribe(current["subscription"])
                await table.transact([Delete(current["pk"], current["sk"])])
                current = None
            if address is not None and current is None:
                subscription = await subscriptions.subscribe(user_id, address)
                await self._keep(user_id, subscription, address)
        except DeliveryFailed as failure:
            log.warning("could not update the email subscription of user %s: %s", user_id, failure)

    async def _wanted_address(self, user_id: str, left_project: str | None) -> str | None:
        """The address to keep subscribed, or None for none."""
        if not wants_email(await chosen_preferences(self._ctx.table, user_id)):
            return None
        page = await self._ctx.table.query(
            keys.memberships(user_id), index="gsi1", sk=MEMBERSHIPS, limit=2
        )
        if all(m["project_id"] == left_project for m in page.items):
            return None
        user = await self._ctx.table.get(*keys.user(user_id))
        return str(user["email"]) if user and user.get("active", True) else None

    async def _keep(self, user_id: str, subscription: str, address: str) -> None:
        pk, sk = keys.email_subscription(user_id)
        item = {
            "pk": pk,
            "sk": sk,
            "subscription": subscription,
            "address": address,
            "subscribed_at": self._ctx.timestamp(),
        }
        await self._ctx.table.transact([Put(item)])


class Notifications:
    """The inbox and settings use cases, each for the caller's own notifications."""

    def __init__(self, ctx: Context, subscribers: EmailSubscribers) -> None:
        self._ctx = ctx
        self._subscribers = subscribers

    async def list_mine(
        self, user_id: str, *, unread: bool, limit: int, cursor: str | None
    ) -> Page:
        """The caller's notifications, newest first (only the unread ones if asked)."""
        if unread:
            page = await self._ctx.table.query(
                keys.unread_notifications(user_id),
                index="gsi1",
                forward=False,
                limit=limit,
                cursor=cursor,
            )
        else:
            pk = keys.notification(user_id, "")[0]
            page = await self._ctx.table.query(
                pk, sk=NOTES, forward=False, limit=limit, cursor=cursor
            )
        return Page([public_notification(item) for item in page.items], page.cursor)

    async def unread_count(self, user_id: str) -> int:
        """How many of the caller's notifications are unread, up to UNREAD_COUNT_CAP."""
        page = await self._ctx.table.query(
            keys.unread_notifications(user_id), index="gsi1", limit=UNREAD_COUNT_CAP
        )
        return len(page.items)

    async def mark_read(self, user_id: str, ids: Sequence[str]) -> None:
        """Mark these notifications of the caller read; an id that is not one of theirs
        is refused (422) and then none is marked."""
        wanted = list(dict.fromkeys(ids))
        found = {
            item["id"]: item
            for item in await self._ctx.get_many([keys.notification(user_id, i) for i in wanted])
        }
        missing = [i for i in wanted if i not in found]
        if missing:
            raise ValidationFailed(
                "no such notification",
                [
                    FieldError(f"ids[{wanted.index(i)}]", "not one of your notifications")
                    for i in missing
                ],
            )
        await self._mark([found[i] for i in wanted if not found[i].get("read")])

    async def mark_all_read(self, user_id: str) -> None:
        """Mark every unread notification of the caller read."""
        while True:
            page = await self._ctx.table.query(
                keys.unread_notifications(user_id), index="gsi1", limit=MARK_BATCH * 4
            )
            if not page.items:
                return
            await self._mark(page.items)

    async def _mark(self, items: Sequence[Item]) -> None:
        at = self._ctx.timestamp()
        for start in range(0, len(items), MARK_BATCH):
            batch = items[start : start + MARK_BATCH]
            await self._ctx.table.transact([read_update(item, at) for item in batch])

    async def settings(self, user_id: str) -> Preferences:
        """The caller's channels per kind, their choices over the defaults."""
        return await chosen_preferences(self._ctx.table, user_id)

    async def replace_settings(
        self, user_id: str, chosen: Mapping[Kind, Mapping[Channel, bool]]
    ) -> Preferences:
        """Store the caller's choices (kinds and channels left out keep their defaults),
        and subscribe or unsubscribe their address as email is now on or off."""
        stored = {
            kind.value: {ch.value: on for ch, on in chs.items()} for kind, chs in chosen.items()
        }
        pk, sk = keys.notification_settings(user_id)
        await self._ctx.table.transact([Put({"pk": pk, "sk": sk, "kinds": stored})])
        await self._subscribers.refresh(user_id)
        return preferences_from(stored)
