"""Live updates: each process tails the outbox while it has open streams and hands every
new event to the streams of its project.

- **Every process.** The dispatcher delivers the outbox in one process; a stream can be
  open in any worker process, so each process with open streams reads the outbox itself
  (one tail per process, every POLL_SECONDS; none while no stream is open), whichever
  process wrote the change.
- **No gaps.** An event's id is made just before its commit, so a later id can become
  visible first: reading only after the newest id seen could skip an event. As the
  dispatcher does, the tail reads again every RESCAN_SECONDS everything since SETTLE
  seconds before its previous rescan, skipping ids it already handed out. After a
  rescan, every event older than SETTLE before it has been handed out: the streams'
  positions (`live_position.py`) move their floor up to there.
- **Bounded.** Each stream buffers at most QUEUE_LIMIT events; a client that reads
  slower than that is disconnected, and resumes from its position without losing any.
- **Your inbox too.** The fan-out's `INBOX_CHANGED` event (written with the notifications
  it adds) goes to every stream of each person it names, whatever its project, without
  the names: a bell refetches its count after the notification exists, never before.
- **Members only.** Opening a stream checks the caller may read the project; an open
  stream checks it again every RECHECK_SECONDS and at every membership event, and ends
  when they no longer may.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any, Final

from taskdeck.aio import cancel_and_wait, wait_event
from taskdeck.domain.errors import NotFound, Unauthenticated
from taskdeck.domain.roles import Action
from taskdeck.ports import Item
from taskdeck.services.context import Context
from taskdeck.services.events import BATCH, FAILURE_PAUSE_SECONDS, SETTLE_SECONDS, read_outbox
from taskdeck.services.fanout import INBOX_CHANGED
from taskdeck.services.live_position import Position, id_floor
from taskdeck.services.projects import Projects
from taskdeck.services.tokens import StreamTickets

log = logging.getLogger("taskdeck.live")

POLL_SECONDS: Final = 0.15
RESCAN_SECONDS: Final = 0.5
QUEUE_LIMIT: Final = 1_000
RECHECK_SECONDS: Final = 10.0
HIDDEN_KINDS: Final = ("webhook.",)
"""Events streams leave out: webhooks are an admin's settings, not every reader's."""


class Subscription:
    """The events of one project, and of one person's inbox, waiting to be sent on one
    stream."""

    def __init__(self, project_id: str, user_id: str) -> None:
        self.project_id = project_id
        self.user_id = user_id
        self.pending: deque[Item] = deque()
        self.wake = asyncio.Event()
        self.ended = False

    def push(self, event: Item) -> None:
        """Queue an event; past QUEUE_LIMIT the stream ends instead."""
        if len(self.pending) >= QUEUE_LIMIT:
            self.ended = True
        else:
            self.pending.append(event)
        self.wake.set()


class LiveStream:
    """One stream: the events of a project its client has not received, as they come."""

    def __init__(self, live: LiveEvents, subscription: Subscription, position: Position) -> None:
        self._live = live
        self._position = position
        self._subscription = subscription
        self._caught_up = False
        self._checked = time.monotonic()

    def token(self) -> str:
        """The resume token of what has been sent so far (the SSE `id`)."""
        settled = self._live.settled
        pending = self._subscription.pending
        if self._caught_up and not any(event["id"] <= settled for event in pending):
            self._position.raise_floor(settled)
        return self._position.token()

    async def events(self, *, heartbeat_seconds: float) -> AsyncIterator[Item | None]:
        """The events to send, in order, or None when `heartbeat_seconds` pass without one;
        ends when the reader loses access, falls too far behind or the server stops."""
        self._live.subscribe(self._subscription)
        try:
            # Read after subscribing, so that an event is in the outbox, or handed out
            # to this stream, or both (and then sent once).
            async for event in self._live.read_since(self._subscription, self._position):
                if not await self._may_send(event):
                    return
                yield as_sent(event)
            self._caught_up = True
            async for live_event in self._live_events(heartbeat_seconds):
                yield None if live_event is None else as_sent(live_event)
        finally:
            self._live.unsubscribe(self._subscription)

    async def _live_events(self, heartbeat_seconds: float) -> AsyncIterator[Item | None]:
        subscription = self._subscription
        while not subscription.ended:
            if not subscription.pending:
                subscription.wake.clear()
                await wait_event(subscription.wake, heartbeat_seconds)
                if not subscription.pending and not subscription.ended:
                    if not await self._may_send(None):
                        return
                    yield None
                continue
            event = subscription.pending.popleft()
            if self._position.has(event["id"]):
                continue
            if not await self._may_send(event):
                return
            yield event

    async def _may_send(self, event: Item | None) -> bool:
        """Whether the reader may still read the project (checked every RECHECK_SECONDS
        and at membership events); records `event` as sent if so."""
        membership_event = event is not None and event["kind"].startswith("member.")
        if membership_event or time.monotonic() - self._checked >= RECHECK_SECONDS:
            self._checked = time.monotonic()
            try:
                subscription = self._subscription
                await self._live.projects.access_by_id(
                    subscription.user_id, subscription.project_id, Action.READ
                )
            except NotFound:
                return False
        if event is not None:
            self._position.add(event["id"])
        return True


class LiveEvents:
    """This process's tail of the outbox and the streams it feeds."""

    def __init__(self, ctx: Context, projects: Projects, tickets: StreamTickets) -> None:
        self._ctx = ctx
        self.projects = projects
        self._tickets = tickets
        self._streams: dict[str, set[Subscription]] = {}
        self._inboxes: dict[str, set[Subscription]] = {}
        """The open streams by their reader's user id."""
        self._task: asyncio.Task[None] | None = None
        self._handed_out: set[str] = set()
        self._read_upto = ""
        self._rescan_from = ""
        self._rescanned = 0.0
        self.settled = ""
        """Every event up to this id has been handed to the streams open when it appeared."""

    async def ticket(self, user_id: str, key: str) -> dict[str, Any]:
        """A ticket that opens the project's stream for the caller (readers of it only)."""
        access = await self.projects.access(user_id, key, Action.READ)
        ticket = self._tickets.issue(user_id, access.project_id, self._ctx.clock.now())
        return {"ticket": ticket, "expires_in": self._tickets.ttl_seconds}

    def ticket_holder(self, ticket: str) -> tuple[str, str]:
        """(user id, project id) of a valid ticket; 401 otherwise."""
        verified = self._tickets.verify(ticket)
        return verified.user_id, verified.project_id

    async def open(
        self, user_id: str, key: str, *, resume: str | None, ticket_project: str | None = None
    ) -> LiveStream:
        """A stream of the project's events after `resume` (a token a stream gave), or
        from now on; 404 for those who may not read the project, 401 for a ticket of
        another project."""
        access = await self.projects.access(user_id, key, Action.READ)
        if ticket_project is not None and ticket_project != access.project_id:
            raise Unauthenticated("the ticket is for another project's stream")
        subscription = Subscription(access.project_id, user_id)
        position = Position.parse(resume) if resume else None
        if position is None:
            # From now on: what is in the outbox already counts as received.
            position = Position(id_floor(time.time() - SETTLE_SECONDS))
            async for event in self.read_since(subscription, position):
                position.add(event["id"])
        return LiveStream(self, subscription, position)

    def subscribe(self, subscription: Subscription) -> None:
        """Hand the project's new events to `subscription`, tailing the outbox if this is
        the first open stream."""
        self._streams.setdefault(subscription.project_id, set()).add(subscription)
        self._inboxes.setdefault(subscription.user_id, set()).add(subscription)
        if self._task is None or self._task.done():
            self._handed_out.clear()
            self._rescanned = 0.0
            self._read_upto = self._rescan_from = self.settled = id_floor(
                time.time() - SETTLE_SECONDS
            )
            self._task = asyncio.get_running_loop().create_task(self._tail())

    def unsubscribe(self, subscription: Subscription) -> None:
        """Stop handing events to `subscription`."""
        for by, key in (
            (self._streams, subscription.project_id),
            (self._inboxes, subscription.user_id),
        ):
            streams = by.get(key)
            if streams is not None:
                streams.discard(subscription)
                if not streams:
                    del by[key]

    async def read_since(
        self, subscription: Subscription, position: Position
    ) -> AsyncIterator[Item]:
        """The events for `subscription` in the outbox that `position` has not received, in
        order."""
        after = position.floor
        while True:
            now = datetime.now(UTC)
            events = await read_outbox(self._ctx.table, after=after, now=now, limit=BATCH)
            for event in events:
                if meant_for(subscription, event) and not position.has(event["id"]):
                    yield event
            if len(events) < BATCH:
                return
            after = events[-1]["id"]

    def end_streams(self) -> None:
        """End every open stream (the server is stopping; clients reconnect elsewhere)."""
        for streams in self._streams.values():
            for subscription in streams:
                subscription.ended = True
                subscription.wake.set()

    async def stop(self) -> None:
        """End every stream and the tail."""
        self.end_streams()
        await cancel_and_wait(self._task)
        self._task = None

    async def _tail(self) -> None:
        """Hand new events to the open streams until none is left."""
        while self._streams:
            try:
                await self._read()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("reading the outbox for live updates failed; trying again")
                await asyncio.sleep(FAILURE_PAUSE_SECONDS)
                continue
            await asyncio.sleep(POLL_SECONDS)

    async def _read(self) -> None:
        """One pass: the events after the newest read, or a rescan of the settle window."""
        started = time.time()
        rescan = started - self._rescanned >= RESCAN_SECONDS
        after = self._rescan_from if rescan else max(self._read_upto, self.settled)
        while True:
            now = datetime.fromtimestamp(time.time(), UTC)
            events = await read_outbox(self._ctx.table, after=after, now=now, limit=BATCH)
            for event in events:
                if event["id"] not in self._handed_out:
                    self._handed_out.add(event["id"])
                    self._hand_out(event)
                self._read_upto = max(self._read_upto, event["id"])
            if len(events) < BATCH:
                break
            after = events[-1]["id"]
        if rescan:
            # Every event SETTLE before this rescan was visible when it read, so it has
            # been handed out; the next rescan starts there.
            self.settled = self._rescan_from = max(
                self._rescan_from, id_floor(started - SETTLE_SECONDS)
            )
            self._handed_out = {i for i in self._handed_out if i > self.settled}
            self._rescanned = started

    def _hand_out(self, event: Item) -> None:
        if event["kind"] == INBOX_CHANGED:
            users = event["data"]["users"]
            streams = {s for user in users for s in self._inboxes.get(user, ())}
        else:
            streams = self._streams.get(event["project_id"], set())
        for subscription in list(streams):
            if not meant_for(subscription, event):
                continue
            subscription.push(event)
            if subscription.ended:
                self.unsubscribe(subscription)  # too far behind: its stream ends


def meant_for(subscription: Subscription, event: Item) -> bool:
    """Whether the stream of `subscription` carries `event`: its project's events but
    the hidden kinds, and the inbox events that name its reader."""
    if event["kind"] == INBOX_CHANGED:
        return subscription.user_id in event["data"]["users"]
    return event["project_id"] == subscription.project_id and not event["kind"].startswith(
        HIDDEN_KINDS
    )


def as_sent(event: Item) -> Item:
    """`event` as a stream sends it: an inbox event without whose inbox it was."""
    return {**event, "data": {}} if event["kind"] == INBOX_CHANGED else event
