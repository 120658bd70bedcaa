"""Webhook deliveries on each store, to a real HTTP receiver on 127.0.0.1: signed, once
per event, retried with backoff, given up on, and shared safely between processes.

The dispatcher's part is played by reading the outbox and calling `enqueue`, as it does.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from taskdeck.adapters.notify.webhook import HttpWebhookTransport
from taskdeck.bootstrap import Container, bootstrap
from taskdeck.config import Settings
from taskdeck.domain.retry import Backoff
from taskdeck.domain.webhooks import RetryPolicy
from taskdeck.services.events import read_outbox
from taskdeck.services.webhook_delivery import LEASE_SECONDS, WebhookDeliverer
from tests.conftest import PASSWORD
from tests.webhook_receiver import Receiver, webhook_receiver

pytestmark = [pytest.mark.anyio, pytest.mark.local_accounts]
FAST = RetryPolicy(
    Backoff(first=timedelta(seconds=0.05), cap=timedelta(seconds=1), attempts=3), disable_after=2
)


@pytest.fixture
def private_settings(settings: Settings) -> Settings:
    """The test's store, with webhooks to 127.0.0.1 allowed."""
    return settings.model_copy(update={"webhook_allow_private": True})


@pytest.fixture
def container(private_settings: Settings) -> Iterator[Container]:
    """Every service, on a store where webhooks may reach 127.0.0.1."""
    built = bootstrap(private_settings)
    yield built
    built.close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    """A receiver that checks signatures and answers 200."""
    with webhook_receiver() as running:
        yield running


@asynccontextmanager
async def delivering(
    container: Container, policy: RetryPolicy = FAST, *, allow_private: bool = True
) -> AsyncIterator[WebhookDeliverer]:
    """A deliverer of its own (a process's worth) that polls often."""
    deliverer = WebhookDeliverer(
        container.context,
        HttpWebhookTransport(),
        allow_private=allow_private,
        policy=policy,
        poll_seconds=0.02,
    )
    deliverer.start()
    try:
        yield deliverer
    finally:
        await deliverer.stop()


async def owner_and_hook(
    container: Container, receiver: Receiver, events: list[str] | None = None
) -> tuple[str, dict[str, Any]]:
    """A user owning project WEB with a webhook to the receiver."""
    user = await container.accounts.sign_up(email="o@example.com", password=PASSWORD, name="O")
    await container.projects.create(user["id"], key="WEB", name="Web")
    hook = await container.webhooks.create(
        user["id"], "WEB", url=receiver.url, secret=receiver.secret, events=events
    )
    return str(user["id"]), hook


async def hook_and_change(
    container: Container, receiver: Receiver, title: str = "A change"
) -> tuple[str, dict[str, Any]]:
    """`owner_and_hook`, then an issue created and its event handed to `enqueue`."""
    user, hook = await owner_and_hook(container, receiver)
    await container.issues.create(user, "WEB", {"title": title})
    await dispatch(container)
    return user, hook


async def dispatch(container: Container) -> list[dict[str, Any]]:
    """Hand every event in the outbox to `enqueue`, as the dispatcher does; the events."""
    now = container.context.clock.now()
    events = await read_outbox(container.table, after=None, now=now, limit=1000)
    for event in events:
        await container.webhooks.enqueue(event)
    return events


async def deliveries(container: Container, user: str, hook: dict[str, Any]) -> list[Any]:
    """The webhook's deliveries, newest first, as the API lists them."""
    page = await container.webhooks.deliveries(user, "WEB", hook["id"], limit=200, cursor=None)
    return page.items


async def settled(container: Container, user: str, hook: dict[str, Any], count: int) -> list[Any]:
    """The webhook's deliveries once `count` of them are no longer pending."""
    for _ in range(1500):
        found = await deliveries(container, user, hook)
        if len([d for d in found if d["state"] != "pending"]) >= count:
            return found
        await asyncio.sleep(0.01)
    raise AssertionError(f"deliveries still pending: {found}")


async def test_a_change_is_delivered_once_signed_and_recorded(
    container: Container, receiver: Receiver
) -> None:
    user, hook = await hook_and_change(container, receiver, "Broken login")
    events = await dispatch(container)
    async with delivering(container):
        [got] = await receiver.arrived(1)
        [delivery] = await settled(container, user, hook, 1)
    created = next(e for e in events if e["kind"] == "issue.created")
    assert got.signed
    assert got.body == {
        "id": created["id"],
        "kind": "issue.created",
        "project": "WEB",
        "at": created["at"],
        "actor": user,
        "data": created["data"],
    }
    assert got.headers["Content-Type"] == "application/json"
    assert got.headers["X-Taskdeck-Event"] == "issue.created"
    assert got.headers["X-Taskdeck-Delivery"] == delivery["id"]
    assert delivery["state"] == "delivered"
    assert (delivery["attempts"], delivery["last_status"], delivery["event"]) == (
        1,
        200,
        created["id"],
    )
    shown = await container.webhooks.get(user, "WEB", hook["id"])
    assert (shown["last_status"], shown["consecutive_failures"]) == (200, 0)
    assert shown["last_delivery_at"] is not None
    assert len(receiver.received) == 1, "the project.created event came before the webhook"


async def test_enqueueing_an_event_twice_delivers_it_once(
    container: Container, receiver: Receiver
) -> None:
    user, hook = await hook_and_change(container, receiver, "Once")
    await dispatch(container)
    assert len(await deliveries(container, user, hook)) == 1
    async with delivering(container):
        await settled(container, user, hook, 1)
        await dispatch(container)
        await asyncio.sleep(0.1)
    assert len(receiver.received) == 1


async def test_only_the_subscribed_kinds_are_sent(container: Container, receiver: Receiver) -> None:
    user, hook = await owner_and_hook(container, receiver, events=["comment.added"])
    await container.issues.create(user, "WEB", {"title": "Quiet"})
    await container.comments.add(user, "WEB-1", "Loud")
    await dispatch(container)
    [delivery] = await deliveries(container, user, hook)
    assert delivery["kind"] == "comment.added"


async def test_a_failing_receiver_is_retried_with_backoff_until_it_answers(
    container: Container, receiver: Receiver
) -> None:
    receiver.answers = [500, 503]
    user, hook = await hook_and_change(container, receiver, "Flaky")
    async with delivering(container) as deliverer:
        got = await receiver.arrived(3)
        [delivery] = await settled(container, user, hook, 1)
        # The delivery's state commits before its task counts the outcome: stopping the
        # deliverer at once could cancel the task in between.
        await deliverer.settle()
    assert deliverer.outcomes == {"failed": 2, "delivered": 1, "given_up": 0}
    assert (delivery["state"], delivery["attempts"], delivery["last_status"]) == (
        "delivered",
        3,
        200,
    )
    assert len({r.headers["X-Taskdeck-Delivery"] for r in got}) == 1, "the same delivery"
    assert all(r.signed and r.body == got[0].body for r in got)
    # Each retry waited at least half its backoff (the jitter spreads the other half).
    first = FAST.backoff.first.total_seconds()
    assert got[1].at - got[0].at >= first / 2 - 0.01
    assert got[2].at - got[1].at >= first - 0.01
    shown = await container.webhooks.get(user, "WEB", hook["id"])
    assert (shown["last_status"], shown["consecutive_failures"], shown["enabled"]) == (
        200,
        0,
        True,
    )


async def test_repeated_failure_disables_the_webhook(
    container: Container, receiver: Receiver
) -> None:
    receiver.default = 500
    user, hook = await owner_and_hook(container, receiver)
    await container.issues.create(user, "WEB", {"title": "One"})
    await container.issues.create(user, "WEB", {"title": "Two"})
    await dispatch(container)
    async with delivering(container) as deliverer:
        found = await settled(container, user, hook, 2)
        for _ in range(500):
            shown = await container.webhooks.get(user, "WEB", hook["id"])
            if not shown["enabled"]:
                break
            await asyncio.sleep(0.01)
        await deliverer.settle()  # each outcome counted (see the test above)
    assert [(d["state"], d["attempts"]) for d in found] == [("failed", 3), ("failed", 3)]
    assert deliverer.outcomes == {"failed": 6, "given_up": 2}
    assert found[0]["last_error"] == "answered HTTP 500"
    assert len(receiver.received) == 6
    assert shown["disabled_at"] is not None
    assert (shown["last_status"], shown["failed_deliveries"]) == (500, 2)
    outbox = await dispatch(container)
    assert [e["data"]["webhook"] for e in outbox if e["kind"] == "webhook.disabled"] == [hook["id"]]
    # A disabled webhook hears of nothing more.
    await container.issues.create(user, "WEB", {"title": "Three"})
    await dispatch(container)
    assert len(await deliveries(container, user, hook)) == 2


async def test_two_processes_send_each_delivery_once(
    container: Container, private_settings: Settings, receiver: Receiver
) -> None:
    if private_settings.storage_adapter == "dynamodb":
        pytest.skip("moto applies concurrent conditional writes to one item without a lock")
    user, hook = await owner_and_hook(container, receiver)
    for number in range(20):
        await container.issues.create(user, "WEB", {"title": f"Issue {number}"})
    await dispatch(container)
    other = bootstrap(private_settings)
    try:
        async with delivering(container), delivering(other):
            await receiver.arrived(20)
            await settled(container, user, hook, 20)
            await asyncio.sleep(0.1)
    finally:
        other.close()
    sent = [r.headers["X-Taskdeck-Delivery"] for r in receiver.received]
    assert len(sent) == len(set(sent)) == 20


async def test_a_restarted_process_sends_what_was_pending(
    container: Container, private_settings: Settings, receiver: Receiver
) -> None:
    user, hook = await hook_and_change(container, receiver, "Before the crash")
    container.close()
    restarted = bootstrap(private_settings)
    try:
        async with delivering(restarted):
            [got] = await receiver.arrived(1)
            [delivery] = await settled(restarted, user, hook, 1)
    finally:
        restarted.close()
    assert got.body["kind"] == "issue.created"
    assert delivery["state"] == "delivered"


class Later:
    """A clock `seconds` ahead of the real one."""

    def __init__(self, seconds: float) -> None:
        self.ahead = timedelta(seconds=seconds)

    def now(self) -> datetime:
        """The real time plus the lead."""
        return datetime.now(UTC) + self.ahead


async def test_a_delivery_cut_short_by_a_crash_is_sent_again_after_its_lease(
    container: Container, private_settings: Settings, receiver: Receiver
) -> None:
    receiver.stall_seconds = 2.0
    user, hook = await hook_and_change(container, receiver, "Interrupted")
    async with delivering(container):
        await receiver.arrived(1)  # claimed and sent; the process "dies" before the answer
    receiver.stall_seconds = 0.0
    async with delivering(container):
        await asyncio.sleep(0.2)
    assert len(receiver.received) == 1, "the claim holds while its lease runs"
    after_the_lease = bootstrap(private_settings, clock=Later(LEASE_SECONDS + 1))
    try:
        async with delivering(after_the_lease):
            got = await receiver.arrived(2)
            [delivery] = await settled(after_the_lease, user, hook, 1)
    finally:
        after_the_lease.close()
    assert got[0].headers["X-Taskdeck-Delivery"] == got[1].headers["X-Taskdeck-Delivery"]
    assert (delivery["state"], delivery["attempts"]) == ("delivered", 1)


async def test_a_private_address_is_refused_again_when_sending(
    container: Container, receiver: Receiver
) -> None:
    user, hook = await hook_and_change(container, receiver, "Rebound")
    policy = RetryPolicy(Backoff(first=timedelta(seconds=0.01), attempts=1))
    async with delivering(container, policy, allow_private=False):
        [delivery] = await settled(container, user, hook, 1)
    assert delivery["state"] == "failed"
    assert "refused" in delivery["last_error"]
    assert "loopback" in delivery["last_error"]
    assert receiver.received == []


async def test_deleting_a_webhook_cancels_its_pending_deliveries(
    container: Container, receiver: Receiver
) -> None:
    user, hook = await hook_and_change(container, receiver, "Never sent")
    await container.webhooks.delete(user, "WEB", hook["id"])
    async with delivering(container) as deliverer:
        await asyncio.sleep(0.2)
        assert await deliverer.send_due() == 0
    assert receiver.received == []
