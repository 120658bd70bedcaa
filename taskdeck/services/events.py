"""History items and outbox events, written in the same transaction as each change.

The outbox is partitioned by UTC day and sorted by event id (a ULID), so a consumer
reads it in order with `read_outbox(after=<last event id seen>)`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Final

from ulid import ULID

from taskdeck.ports import EXPIRES_AT, MUST_NOT_EXIST, Item, KeyCondition, Put, Table
from taskdeck.services import keys
from taskdeck.services.context import Context
from taskdeck.services.partitions import delete_partition

RETENTION_DAYS: Final = 7
"""Whole UTC days an outbox event is kept after the day it was written: a dispatcher that
was stopped, or a live stream resumed, finds it within that. DynamoDB's TTL deletes older
events (`EXPIRES_AT`); on every store, the dispatcher trims the days it has delivered."""
FIRST_TRIM_DAYS: Final = 400
"""How far back the first trim of a store looks for outbox days."""
SETTLE_SECONDS: Final = 5.0
"""Longer than any commit takes: an event's id is made just before its transaction
commits, so a reader in order (the dispatcher, a live stream) passes an event for good
only once it is this old."""
BATCH: Final = 200
"""Events a reader of the outbox reads at a time."""
FAILURE_PAUSE_SECONDS: Final = 1.0
"""How long a reader of the outbox waits after a failed read before reading again."""
SYSTEM_ACTOR: Final = "system"
"""The actor of the events Taskdeck writes by itself (reminders, sweeps, webhook failures)."""


def history_puts(
    ctx: Context,
    *,
    partition: str,
    actor: str,
    at: str,
    event_id: str,
    entries: Iterable[tuple[str, Any, Any]],
) -> list[Put]:
    """One history item per (field, from, to), in the partition of the thing changed."""
    puts = []
    for field, before, after in entries:
        history_id = ctx.ids.new()
        puts.append(
            Put(
                {
                    "pk": partition,
                    "sk": f"H#{history_id}",
                    "id": history_id,
                    "actor": actor,
                    "at": at,
                    "field": field,
                    "from": before,
                    "to": after,
                    "event": event_id,
                },
                MUST_NOT_EXIST,
            )
        )
    return puts


def outbox_put(
    ctx: Context,
    *,
    event_id: str,
    kind: str,
    project_id: str,
    actor: str,
    at: str,
    data: dict[str, Any],
) -> Put:
    """The outbox event of one change."""
    written = ULID.from_str(event_id).datetime
    expires = datetime.combine(written.date(), time(), UTC) + timedelta(days=RETENTION_DAYS + 1)
    item = {
        "pk": keys.outbox_partition(written.date().isoformat()),
        "sk": event_id,
        "id": event_id,
        "kind": kind,
        "project_id": project_id,
        "actor": actor,
        "at": at,
        "data": data,
        EXPIRES_AT: int(expires.timestamp()),
    }
    return Put(item, MUST_NOT_EXIST)


def recorded_change(
    ctx: Context,
    *,
    project_id: str,
    partition: str,
    kind: str,
    actor: str,
    at: str,
    entries: Iterable[tuple[str, Any, Any]],
    data: dict[str, Any],
) -> list[Put]:
    """The history entries and the one outbox event that go with a change."""
    event_id = ctx.ids.new()
    return [
        *history_puts(
            ctx, partition=partition, actor=actor, at=at, event_id=event_id, entries=entries
        ),
        outbox_put(
            ctx,
            event_id=event_id,
            kind=kind,
            project_id=project_id,
            actor=actor,
            at=at,
            data=data,
        ),
    ]


async def read_outbox(
    table: Table, *, after: str | None, now: datetime, limit: int = 100
) -> list[Item]:
    """Up to `limit` events after the event id `after` (or from today), in order."""
    day = ULID.from_str(after).datetime.date() if after else now.date()
    last_day: date = now.date()
    events: list[Item] = []
    while day <= last_day and len(events) < limit:
        condition = KeyCondition("gt", after) if after else None
        page = await table.query(
            keys.outbox_partition(day.isoformat()), sk=condition, limit=limit - len(events)
        )
        events.extend(page.items)
        if page.items:
            after = page.items[-1]["id"]
        if page.cursor is None:
            day += timedelta(days=1)
    return events


async def trim_outbox(table: Table, *, today: date, delivered_up_to: str) -> int:
    """Delete the outbox days older than `RETENTION_DAYS` before `today` and before the
    day of `delivered_up_to` (an event id: everything up to it was delivered), from the
    day after the last trim on; how many events it deleted."""
    last = min(
        today - timedelta(days=RETENTION_DAYS + 1),
        ULID.from_str(delivered_up_to).datetime.date() - timedelta(days=1),
    )
    marker = await table.get(*keys.outbox_trimmed())
    if marker is not None:
        day = date.fromisoformat(str(marker["through"])) + timedelta(days=1)
    else:
        day = last - timedelta(days=FIRST_TRIM_DAYS)
    if day > last:
        return 0
    deleted = 0
    while day <= last:
        deleted += await delete_partition(table, keys.outbox_partition(day.isoformat()))
        day += timedelta(days=1)
    pk, sk = keys.outbox_trimmed()
    await table.transact([Put({"pk": pk, "sk": sk, "through": last.isoformat()})])
    return deleted
