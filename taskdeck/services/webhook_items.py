"""The items of webhooks and their deliveries, as stored and as shown, and the address
check that both registering and sending a webhook make."""

from __future__ import annotations

from typing import Any, Final

from taskdeck.domain.webhooks import Target, is_address, refusal
from taskdeck.ports import Item, WebhookTransport, WebhookUnreachable
from taskdeck.services import keys

_SHOWN: Final = (
    "id",
    "url",
    "events",
    "enabled",
    "created_at",
    "created_by",
    "last_status",
    "last_error",
    "last_delivery_at",
    "consecutive_failures",
    "failed_deliveries",
    "disabled_at",
)
_DELIVERY_SHOWN: Final = (
    "id",
    "event",
    "kind",
    "state",
    "attempts",
    "last_status",
    "last_error",
    "created_at",
    "last_attempt_at",
    "next_attempt_at",
    "delivered_at",
)


def public_webhook(item: Item, project_key: str) -> dict[str, Any]:
    """A webhook as the API shows it: never its secret."""
    return {**{k: item.get(k) for k in _SHOWN}, "project": project_key, "secret_set": True}


def public_delivery(item: Item) -> dict[str, Any]:
    """A delivery as the API shows it (without the body)."""
    return {k: item.get(k) for k in _DELIVERY_SHOWN}


def delivery_item(*, delivery_id: str, webhook: Item, event: Item, body: str, now: str) -> Item:
    """A pending delivery of `event` to `webhook`, due now: in the queue (gsi1) until it
    is delivered or given up on."""
    pk, sk = keys.webhook_delivery(webhook["id"], event["id"])
    return {
        "pk": pk,
        "sk": sk,
        "gsi1pk": keys.WEBHOOK_QUEUE,
        "gsi1sk": keys.webhook_due(now, webhook["id"], event["id"]),
        "id": delivery_id,
        "webhook_id": webhook["id"],
        "project_id": webhook["project_id"],
        "event": event["id"],
        "kind": event["kind"],
        "body": body,
        "state": "pending",
        "attempts": 0,
        "created_at": now,
        "next_attempt_at": now,
        "last_attempt_at": None,
        "last_status": None,
        "last_error": None,
        "delivered_at": None,
        "version": 1,
    }


async def checked_address(
    transport: WebhookTransport, target: Target, *, allow_private: bool
) -> str:
    """The address to send to: the host's first, unless one of its addresses is inside
    the host or its network (refused unless private addresses are allowed)."""
    if is_address(target.host):
        addresses = [target.host]
    else:
        addresses = await transport.resolve(target.host, target.port)
    if not allow_private:
        for address in addresses:
            reason = refusal(address)
            if reason is not None:
                raise WebhookUnreachable(f"refused: {target.host} resolves to {reason}")
    return addresses[0]
