"""Email about issues: notices queued in the store, sent in batches by a worker.

`enqueue` adds a notice to the batch of its person and issue (`services/email_queue.py`),
a store write and nothing more, so a request never waits on a mail server. The first
notice of a batch sets when it goes out: `email_batch_seconds` later; whatever else
happens to the issue until then goes into the same email.

The worker (`start`, `stop`) looks for due batches every second. It claims each with a
conditional write, so two processes never send the same batch, sends one email through
the `Notifier` port and removes what it sent. A temporary failure puts the batch back
with exponential backoff and jitter; a permanent refusal, or the last of the tries,
drops it with a log line. Without a notifier (no SMTP server configured) nothing is
queued at all.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Sequence
from datetime import timedelta
from typing import Any, Final, NamedTuple

from taskdeck.aio import cancel_and_wait
from taskdeck.domain.notifications import Kind
from taskdeck.domain.retry import Backoff
from taskdeck.ports import DeliveryFailed, Item, Notifier, Put, TransactionConflict, Update
from taskdeck.services import keys
from taskdeck.services.context import Context, iso
from taskdeck.services.email_queue import (
    Sent,
    appended,
    claimed,
    due_batches,
    new_batch,
    rescheduled,
    settled,
)
from taskdeck.services.email_render import compose
from taskdeck.services.fanout import Recipient

EXCERPT_CHARS: Final = 500
WRITE_ATTEMPTS: Final = 10
"""Tries of a conditional write that lost a race (to another notice, or a worker)."""
DEFAULT_BACKOFF: Final = Backoff()
"""30 s, doubling up to an hour, ten tries: about four and a half hours in all."""
log = logging.getLogger("taskdeck.emails")


class EmailNotice(NamedTuple):
    """One thing a person is to hear of by email, as the dispatcher words it."""

    event_id: str
    """The outbox event it comes from: a notice is taken once per event."""
    kind: Kind
    issue_key: str
    issue_title: str
    project_key: str
    project_name: str
    actor_name: str
    summary: str
    """One line saying what happened ("Ada moved TD-4 to Done")."""
    at: str
    """When it happened (ISO 8601 UTC, as events carry it)."""
    excerpt: str | None = None
    """The words of a comment or description, if any (cut to 500 characters)."""


def _stored(notice: EmailNotice) -> dict[str, Any]:
    excerpt = notice.excerpt
    if excerpt and len(excerpt) > EXCERPT_CHARS:
        excerpt = excerpt[: EXCERPT_CHARS - 1].rstrip() + "…"
    return {
        "event_id": notice.event_id,
        "kind": notice.kind.value,
        "actor": notice.actor_name,
        "summary": notice.summary,
        "excerpt": excerpt or None,
        "at": notice.at,
    }


class Emails:
    """Queues notices for email and, in the background, sends them in batches."""

    def __init__(
        self,
        ctx: Context,
        notifier: Notifier | None,
        *,
        public_url: str,
        batch_window: timedelta,
        backoff: Backoff = DEFAULT_BACKOFF,
        lease: timedelta = timedelta(minutes=5),
        poll_seconds: float = 1.0,
        rng: random.Random | None = None,
    ) -> None:
        self._ctx, self._notifier = ctx, notifier
        self._public_url = public_url
        self._window, self._backoff, self._lease = batch_window, backoff, lease
        self._poll = poll_seconds
        self._rng = rng or random.Random()
        self._worker: asyncio.Task[None] | None = None

    @property
    def enabled(self) -> bool:
        """Whether email goes out at all (a notifier is configured)."""
        return self._notifier is not None

    async def take(self, event: Item, recipients: Sequence[Recipient]) -> None:
        """The fan-out's email sink: queue the event for each recipient who chose email."""
        if self._notifier is None:
            return
        comment = (event.get("data") or {}).get("comment") or {}
        for recipient in recipients:
            note = recipient.note
            notice = EmailNotice(
                event_id=note["id"],
                kind=recipient.kind,
                issue_key=note["issue"],
                issue_title=note["title"],
                project_key=note["project"],
                project_name=note["project_name"],
                actor_name=note["actor_name"],
                summary=note["summary"],
                at=note["created_at"],
                excerpt=comment.get("body"),
            )
            await self.enqueue(recipient.user["id"], recipient.user["email"], notice)

    async def enqueue(self, user_id: str, email: str, notice: EmailNotice) -> None:
        """Add `notice` to the email `user_id` (at `email`) gets about its issue; the same
        event twice is taken once. Does nothing when email is off."""
        if self._notifier is None:
            return
        about = {
            "issue": notice.issue_key,
            "issue_title": notice.issue_title,
            "project": notice.project_key,
            "project_name": notice.project_name,
        }
        stored = _stored(notice)
        for attempt in range(WRITE_ATTEMPTS):
            batch = await self._ctx.table.get(*keys.email_batch(user_id, notice.issue_key))
            write: Put | Update | None
            if batch is None:
                due = iso(self._ctx.clock.now() + self._window)
                write = new_batch(user_id, email, about, stored, due)
            else:
                write = appended(batch, email, about, stored)
                if write is None:
                    return
            try:
                await self._ctx.table.transact([write])
                return
            except TransactionConflict:
                if attempt == WRITE_ATTEMPTS - 1:
                    raise

    # --- the worker ----------------------------------------------------------------------

    def start(self) -> None:
        """Send due batches in the background until `stop` (when email is on)."""
        if self._notifier is not None and self._worker is None:
            self._worker = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        """Stop the worker (before the store closes). A send cut short stays claimed
        until its lease ends; then any worker sends it."""
        worker, self._worker = self._worker, None
        await cancel_and_wait(worker)

    async def _run(self) -> None:
        while True:
            try:
                await self.send_due()
            except Exception:
                log.exception("the email worker's pass failed; it tries again")
            await asyncio.sleep(self._poll)

    async def send_due(self) -> int:
        """Send every batch due now, a page at a time; how many emails went out."""
        sent = 0
        async for entries in due_batches(self._ctx.table, self._ctx.timestamp()):
            results = await asyncio.gather(*(self._send(e["pk"], e["sk"]) for e in entries))
            sent += sum(results)
        return sent

    async def _send(self, pk: str, sk: str) -> bool:
        assert self._notifier is not None  # the worker runs only with a notifier
        batch = await self._ctx.table.get(pk, sk)
        now = self._ctx.clock.now()
        if batch is None or batch["due"] > iso(now):
            return False  # sent, or claimed, since the index was read
        token = self._ctx.ids.new()
        try:
            await self._ctx.table.transact([claimed(batch, token, iso(now + self._lease))])
        except TransactionConflict:
            return False  # another worker took it, or a notice came in: next pass
        try:
            await self._notifier.send(compose(batch, self._public_url))
        except DeliveryFailed as failure:
            await self._failed(batch, token, failure)
            return False
        except Exception as error:
            # A fault in an adapter must not stop the queue: treated as temporary.
            log.exception("sending an email about %s failed unexpectedly", batch["issue"])
            await self._failed(batch, token, DeliveryFailed(repr(error), permanent=False))
            return False
        await self._settle(pk, sk, token, Sent.of(batch))
        return True

    async def _failed(self, batch: Item, token: str, failure: DeliveryFailed) -> None:
        failures = batch["failures"] + 1
        who = f"user {batch['user_id']} about {batch['issue']} ({batch['count']} notices)"
        if failure.permanent or self._backoff.gives_up(failures):
            why = "refused" if failure.permanent else f"failed {failures} times"
            log.warning("dropped the email to %s: %s: %s", who, why, failure)
            await self._settle(batch["pk"], batch["sk"], token, Sent.of(batch))
            return
        retry = self._ctx.clock.now() + self._backoff.delay(failures, self._rng)
        log.info("the email to %s failed (%s); trying again at %s", who, failure, iso(retry))
        # A conflict means the lease ran out and another worker took the batch.
        with contextlib.suppress(TransactionConflict):
            await self._ctx.table.transact(
                [rescheduled(batch, token, iso(retry), failures, str(failure))]
            )

    async def _settle(self, pk: str, sk: str, token: str, sent: Sent) -> None:
        """Remove what was sent; notices that came in meanwhile go in the next email."""
        for _ in range(WRITE_ATTEMPTS):
            current = await self._ctx.table.get(pk, sk)
            if current is None or current.get("claim") != token:
                return  # the lease ran out and another worker took the batch
            due = iso(self._ctx.clock.now() + self._window)
            try:
                await self._ctx.table.transact([settled(current, sent, due)])
                return
            except TransactionConflict:
                continue
        log.warning("could not clear the sent email batch %s %s; it may go out again", pk, sk)
