"""The scheduled queue pass: due webhook deliveries (first tries and retries), due email
batches, and the purge of deleted projects and issues, once per invocation.

Locally the loops of `taskdeck work` do these every second; on Lambda an EventBridge
schedule invokes this handler (any event: the payload is not read). Each step is safe
to run in several processes at once (claims and conditional writes), so an overlapping
invocation doubles nothing.

Metrics (EMF): `WebhooksSent` (deliveries attempted), `WebhookFailures` (attempts that
failed: refused, unreachable or not a 2xx; retried later), `WebhooksGivenUp` (failed
deliveries past their last retry), `EmailsSent`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from taskdeck.aws import runtime

if TYPE_CHECKING:
    from taskdeck.bootstrap import Container
    from taskdeck.config import Settings

SERVICE: Final = "queues"
MAX_ROUNDS: Final = 50
"""Rounds of due webhook deliveries per pass (each up to the deliverer's concurrency):
a delivery that fails before it is claimed stays due, and must not keep a pass going."""


async def send_due(container: Container) -> dict[str, int]:
    """Send the webhook deliveries and the emails due now, waiting until each is done."""
    deliverer = container.webhook_deliverer
    before = dict(deliverer.outcomes)
    webhooks = 0
    for _ in range(MAX_ROUNDS):
        started = await deliverer.send_due()
        await deliverer.settle()
        if started == 0:
            break
        webhooks += started
    emails = await container.emails.send_due() if container.emails.enabled else 0
    return {
        "WebhooksSent": webhooks,
        "WebhookFailures": deliverer.outcomes["failed"] - before.get("failed", 0),
        "WebhooksGivenUp": deliverer.outcomes["given_up"] - before.get("given_up", 0),
        "EmailsSent": emails,
    }


async def queue_pass(container: Container) -> dict[str, int]:
    """Send what is due, then purge what was deleted."""
    sent = await send_due(container)
    await container.projects.purge_deleted()
    return sent


def build(settings: Settings | None = None) -> runtime.Entry:
    """The Lambda handler over a container built from `settings` (the environment's by
    default)."""
    return runtime.scheduled(SERVICE, settings, queue_pass)


handler = runtime.lazily(build)
"""The Lambda entry point: one pass over the queues."""
