"""The webhook deliverer: the worker in every process that sends pending deliveries.

- **Queue.** A pending delivery is in the gsi1 partition `HOOKDUE`, sorted by when it is
  due; the worker reads what is due (`sk < now~`), oldest first.
- **Claim.** Before sending, a worker moves the delivery's due time to the end of a
  lease, conditional on the version it read: of two processes, one claims and sends. A
  process that dies while sending leaves the delivery due again when the lease ends,
  so it is sent again (at least once; receivers dedupe by `X-Taskdeck-Delivery` or the
  event id).
- **Retries.** A failed attempt (no answer, a timeout, a refused address, anything but
  2xx) is retried after a wait that doubles (`RetryPolicy.backoff`) up to its cap,
  with jitter, until its attempts run out; then the delivery is `failed`. After
  `disable_after` deliveries in a row have failed so (no success in between), the
  webhook is disabled, with a `webhook.disabled` event.
- **Concurrency.** Up to `concurrency` deliveries are in flight at once, each its own
  task; nothing blocks the event loop (HTTP is asynchronous, reads are single queries).
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import functools
import logging
import random
from datetime import timedelta
from typing import Any, Final

from taskdeck.aio import cancel_and_wait, wait_event
from taskdeck.domain.errors import ValidationFailed
from taskdeck.domain.webhooks import RetryPolicy, check_url, signature
from taskdeck.ports import (
    Condition,
    Item,
    KeyCondition,
    Operation,
    TransactionConflict,
    Update,
    WebhookTransport,
    WebhookUnreachable,
)
from taskdeck.services import keys
from taskdeck.services.context import Context, iso
from taskdeck.services.events import SYSTEM_ACTOR, outbox_put
from taskdeck.services.webhook_items import checked_address

LEASE_SECONDS: Final = 60.0
"""How long a claimed delivery is left to its sender (longer than any send may take)."""
log = logging.getLogger("taskdeck.webhooks")


class WebhookDeliverer:
    """Send due webhook deliveries in the background, from `start` until `stop`."""

    def __init__(
        self,
        ctx: Context,
        transport: WebhookTransport,
        *,
        allow_private: bool = False,
        policy: RetryPolicy | None = None,
        concurrency: int = 8,
        poll_seconds: float = 1.0,
        rng: random.Random | None = None,
    ) -> None:
        self._ctx, self._transport = ctx, transport
        self._allow_private = allow_private
        self._policy = policy or RetryPolicy()
        self._concurrency = concurrency
        self._poll = poll_seconds
        self._rng = rng or random.Random()
        self._woken: asyncio.Event | None = None
        self._in_flight: dict[tuple[str, str], asyncio.Task[None]] = {}
        self._task: asyncio.Task[None] | None = None
        self.outcomes: collections.Counter[str] = collections.Counter()
        """Attempts recorded by this deliverer: `delivered`, `failed` (retried later or
        given up) and `given_up` (of those failed, the last try), for metrics."""

    def start(self) -> None:
        """Start sending in the background."""
        self._woken = asyncio.Event()
        self._task = asyncio.get_running_loop().create_task(self._run())

    def wake(self) -> None:
        """Look for due deliveries now (new ones were recorded)."""
        if self._woken is not None:
            self._woken.set()

    async def stop(self) -> None:
        """Stop sending; deliveries cut short are sent again when their lease ends."""
        await cancel_and_wait(self._task, *self._in_flight.values())
        self._task = None
        await self._transport.close()

    async def _run(self) -> None:
        woken = self._woken
        assert woken is not None  # made by start
        while True:
            woken.clear()
            try:
                started = await self.send_due()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("reading the webhook queue failed; trying again")
                started = 0
            if started == 0:
                await wait_event(woken, self._poll)

    async def send_due(self) -> int:
        """Start sending the deliveries that are due, as many as there is room for; the
        number started."""
        room = self._concurrency - len(self._in_flight)
        if room <= 0:
            return 0
        due = KeyCondition("lt", iso(self._ctx.clock.now()) + "~")
        page = await self._ctx.table.query(keys.WEBHOOK_QUEUE, index="gsi1", sk=due, limit=room)
        started = 0
        for item in page.items:
            key = (item["pk"], item["sk"])
            if key in self._in_flight:
                continue
            task = asyncio.get_running_loop().create_task(self._deliver(item))
            self._in_flight[key] = task
            task.add_done_callback(functools.partial(self._finished, key))
            started += 1
        return started

    async def settle(self) -> None:
        """Wait until the deliveries `send_due` started are done: for a caller with no
        background loop (a scheduled Lambda), before it returns."""
        while self._in_flight:
            await asyncio.gather(*self._in_flight.values())

    def _finished(self, key: tuple[str, str], _: asyncio.Task[None]) -> None:
        self._in_flight.pop(key, None)
        self.wake()

    async def _deliver(self, item: Item) -> None:
        try:
            if not await self._claim(item):
                return
            hook = await self._ctx.table.get(*keys.webhook(item["project_id"], item["webhook_id"]))
            if hook is None or not hook["enabled"]:
                reason = "the webhook was deleted" if hook is None else "the webhook is disabled"
                await self._conclude(item, {"state": "cancelled", "last_error": reason}, None)
                return
            status, error = await self._send(hook, item)
            await self._record(item, hook, status, error)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("delivering %s to webhook %s failed", item["event"], item["webhook_id"])

    async def _claim(self, item: Item) -> bool:
        """Take the delivery for the lease; False if another process has it or it is done."""
        until = iso(self._ctx.clock.now() + timedelta(seconds=LEASE_SECONDS))
        try:
            await self._ctx.table.transact(
                [
                    Update(
                        item["pk"],
                        item["sk"],
                        set={"gsi1sk": keys.webhook_due(until, item["webhook_id"], item["event"])},
                        add={"version": 1},
                        condition=Condition(
                            equals={"version": item["version"], "state": "pending"}
                        ),
                    )
                ]
            )
        except TransactionConflict:
            return False
        item["version"] += 1
        return True

    async def _send(self, hook: Item, item: Item) -> tuple[int | None, str | None]:
        """POST the delivery; the answer's status, or why there was none."""
        body = item["body"].encode()
        headers = {
            "Content-Type": "application/json",
            "User-Agent": "Taskdeck-Webhooks",
            "X-Taskdeck-Event": item["kind"],
            "X-Taskdeck-Delivery": item["id"],
            "X-Taskdeck-Signature": signature(
                hook["secret"], int(self._ctx.clock.now().timestamp()), body
            ),
        }
        try:
            target = check_url(hook["url"])
            address = await checked_address(
                self._transport, target, allow_private=self._allow_private
            )
            status = await self._transport.post(
                hook["url"], address=address, body=body, headers=headers
            )
        except (WebhookUnreachable, ValidationFailed) as error:
            return None, str(error)
        return status, None if 200 <= status < 300 else f"answered HTTP {status}"

    async def _record(self, item: Item, hook: Item, status: int | None, error: str | None) -> None:
        """The attempt's outcome on the delivery (delivered, retried later, or failed) and
        on the webhook; the webhook is disabled after too many failed deliveries."""
        now = self._ctx.clock.now()
        attempts = item["attempts"] + 1
        changes: dict[str, Any] = {
            "attempts": attempts,
            "last_attempt_at": iso(now),
            "last_status": status,
            "last_error": error,
        }
        gave_up = error is not None and self._policy.backoff.gives_up(attempts)
        if error is None:
            changes |= {"state": "delivered", "delivered_at": iso(now), "next_attempt_at": None}
        elif gave_up:
            changes |= {"state": "failed", "next_attempt_at": None}
        else:
            due = iso(now + self._policy.backoff.delay(attempts, self._rng))
            changes |= {
                "next_attempt_at": due,
                "gsi1sk": keys.webhook_due(due, item["webhook_id"], item["event"]),
            }
        failures = {"consecutive_failures": 1, "failed_deliveries": 1 if gave_up else 0}
        on_hook = Update(
            hook["pk"],
            hook["sk"],
            set={
                "last_status": status,
                "last_error": error,
                "last_delivery_at": iso(now),
                **({"consecutive_failures": 0, "failed_deliveries": 0} if error is None else {}),
            },
            add={} if error is None else failures,
        )
        await self._conclude(item, changes, on_hook)
        self.outcomes["delivered" if error is None else "failed"] += 1
        self.outcomes["given_up"] += gave_up
        if gave_up:
            await self._disable_if_failing(hook)

    async def _conclude(self, item: Item, changes: dict[str, Any], on_hook: Update | None) -> None:
        """Write the delivery's new state (out of the queue unless it is due again), on the
        condition that this worker still holds its claim."""
        leaves_queue = "gsi1sk" not in changes
        delivery = Update(
            item["pk"],
            item["sk"],
            set=changes,
            add={"version": 1},
            remove=("gsi1pk", "gsi1sk") if leaves_queue else (),
            condition=Condition(equals={"version": item["version"]}),
        )
        operations: list[Operation] = [delivery] if on_hook is None else [delivery, on_hook]
        try:
            await self._ctx.table.transact(operations)
        except TransactionConflict as error:
            if error.failed(0) or on_hook is None:
                return  # the claim ran out and another process took the delivery
            with contextlib.suppress(TransactionConflict):
                await self._ctx.table.transact([delivery])  # the webhook was deleted

    async def _disable_if_failing(self, hook: Item) -> None:
        current = await self._ctx.table.get(hook["pk"], hook["sk"])
        if current is None or not current["enabled"]:
            return
        if current.get("failed_deliveries", 0) < self._policy.disable_after:
            return
        now = self._ctx.timestamp()
        event = outbox_put(
            self._ctx,
            event_id=self._ctx.ids.new(),
            kind="webhook.disabled",
            project_id=current["project_id"],
            actor=SYSTEM_ACTOR,
            at=now,
            data={
                "webhook": current["id"],
                "url": current["url"],
                "last_error": current["last_error"],
            },
        )
        disable = Update(
            current["pk"],
            current["sk"],
            set={"enabled": False, "disabled_at": now},
            condition=Condition(equals={"enabled": True}),
        )
        with contextlib.suppress(TransactionConflict):
            await self._ctx.table.transact([disable, event])
        log.warning("disabled webhook %s after failed deliveries", current["id"])
