"""The dispatcher: the worker in `taskdeck serve` that reads the outbox in order and hands
each event to the fan-out, at least once, with exactly one process doing it at a time.

- **One at a time.** A lease item in the store names the process delivering and until
  when; it is taken and renewed with conditional writes, so among several worker
  processes (or servers on one store) one delivers and the others wait to take over.
- **Nothing lost.** The cursor item records the event up to which everything was
  delivered; it moves only after delivery, so a process killed between a change and its
  delivery leaves the event after the cursor, and the next holder delivers it.
- **In order, despite late commits.** An event's id (a ULID) is made just before its
  transaction commits, so a later id can become visible before an earlier one. The
  cursor therefore only passes events older than SETTLE (longer than any commit takes),
  and events after it are read again every RESCAN seconds, skipping those delivered in
  this process. After a restart the events after the cursor are delivered again: every
  consumer is idempotent by event id.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from datetime import UTC, datetime
from typing import Final

from taskdeck.aio import cancel_and_wait
from taskdeck.ports import MUST_NOT_EXIST, Condition, Item, Put, TransactionConflict
from taskdeck.services import keys
from taskdeck.services.context import Context
from taskdeck.services.events import (
    BATCH,
    FAILURE_PAUSE_SECONDS,
    SETTLE_SECONDS,
    read_outbox,
    trim_outbox,
)
from taskdeck.services.fanout import Fanout
from taskdeck.services.live_position import id_floor

log = logging.getLogger("taskdeck.dispatch")

LEASE_MS: Final = 15_000
RESCAN_SECONDS: Final = 1.0
POLL_SECONDS: Final = 0.1
GROUP: Final = 20
"""Events delivered together: their writes share commits, while the writes of one group
(20 events to 50 people: 1,000 notifications) stay short enough not to hold up requests."""
TRIM_SECONDS: Final = 3_600.0
"""How often the lease holder deletes the outbox days it delivered that are past keeping."""


def _millis() -> int:
    """Now in milliseconds: the lease's times are whole numbers (DynamoDB takes no floats)."""
    return time.time_ns() // 1_000_000


class Dispatcher:
    """Deliver the outbox to the fan-out while this process holds the lease."""

    def __init__(self, ctx: Context, fanout: Fanout, *, poll_seconds: float = POLL_SECONDS) -> None:
        self._ctx = ctx
        self._fanout = fanout
        self._poll = poll_seconds
        self._holder = uuid.uuid4().hex
        self._lease: Item | None = None
        self._cursor: str | None = None
        self._read_upto: str | None = None
        self._rescanned = 0.0
        self._trimmed = 0.0
        self._delivered: set[str] = set()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Run in the background until `stop`."""
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> None:
        """Stop delivering and let the lease go, so another process takes over at once."""
        await cancel_and_wait(self._task)
        self._task = None
        if self._lease is not None:
            with contextlib.suppress(TransactionConflict):
                await self._put_lease(expires=0)
            self._lease = None

    async def _run(self) -> None:
        while True:
            try:
                delivered = await self.run_once()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("delivering the outbox failed; trying again")
                await asyncio.sleep(FAILURE_PAUSE_SECONDS)
                continue
            if delivered == 0:
                await asyncio.sleep(self._poll)

    async def run_once(self) -> int:
        """One pass: hold the lease, deliver what is new; the number of events delivered."""
        if not await self._hold_lease():
            return 0
        now = time.time()
        if now - self._rescanned >= RESCAN_SECONDS:
            self._read_upto, self._rescanned = self._cursor, now
        events = await read_outbox(
            self._ctx.table,
            after=self._read_upto,
            now=datetime.fromtimestamp(now, UTC),
            limit=BATCH,
        )
        fresh = [e for e in events if e["id"] not in self._delivered]
        # The fan-out's own announcements have nothing to deliver; left in, they would
        # take places in the groups and split the fan-out into more transactions.
        self._delivered.update(e["id"] for e in fresh if self._fanout.wrote(e))
        fresh = [e for e in fresh if not self._fanout.wrote(e)]
        for start in range(0, len(fresh), GROUP):
            group = fresh[start : start + GROUP]
            await self._fanout.deliver_many(group)
            self._delivered.update(e["id"] for e in group)
        if events:
            self._read_upto = events[-1]["id"]
        await self._advance(now - SETTLE_SECONDS)
        if self._cursor is not None and now - self._trimmed >= TRIM_SECONDS:
            self._trimmed = now
            today = datetime.fromtimestamp(now, UTC).date()
            trimmed = await trim_outbox(self._ctx.table, today=today, delivered_up_to=self._cursor)
            if trimmed:
                log.info("deleted %d delivered outbox events past keeping", trimmed)
        return len(fresh)

    async def _advance(self, settled_before: float) -> None:
        """Move the cursor past the delivered events old enough that none can still appear
        before them; forget those."""
        floor = id_floor(settled_before)  # ULIDs order by time as strings: no parsing
        settled = sorted(i for i in self._delivered if i < floor)
        if not settled:
            return
        pk, sk = keys.dispatcher_cursor()
        await self._ctx.table.transact([Put({"pk": pk, "sk": sk, "after": settled[-1]})])
        self._cursor = settled[-1]
        self._delivered.difference_update(settled)

    async def _hold_lease(self) -> bool:
        """Take or renew the lease; False while another process holds it."""
        now = _millis()
        if self._lease is not None and self._lease["expires"] - now > LEASE_MS // 2:
            return True
        current = await self._ctx.table.get(*keys.dispatcher_lease())
        if current is not None and current["holder"] != self._holder and current["expires"] > now:
            self._lease = None
            return False
        try:
            await self._put_lease(expires=now + LEASE_MS, replacing=current)
        except TransactionConflict:
            self._lease = None
            return False
        if current is None or current["holder"] != self._holder:
            # Newly taken: start from the stored cursor, delivering again what is after it.
            stored = await self._ctx.table.get(*keys.dispatcher_cursor())
            self._cursor = self._read_upto = stored["after"] if stored else None
            self._delivered.clear()
        return True

    async def _put_lease(self, *, expires: int, replacing: Item | None = None) -> None:
        pk, sk = keys.dispatcher_lease()
        previous = replacing if replacing is not None else self._lease
        condition = (
            MUST_NOT_EXIST
            if previous is None
            else Condition(equals={"holder": previous["holder"], "expires": previous["expires"]})
        )
        lease = {"pk": pk, "sk": sk, "holder": self._holder, "expires": expires}
        await self._ctx.table.transact([Put(lease, condition)])
        self._lease = lease
