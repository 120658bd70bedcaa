"""History items and outbox events, written in the same transaction as each change.

The outbox is partitioned by UTC day and sorted by event id (a ULID), so a consumer
reads it in order with `read_outbox(after=<last event id seen>)`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from ulid import ULID

from taskdeck.ports import MUST_NOT_EXIST, Item, KeyCondition, Put, Table
from taskdeck.services import keys
from taskdeck.services.context import Context


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
    day = ULID.from_str(event_id).datetime.date().isoformat()
    item = {
        "pk": keys.outbox_partition(day),
        "sk": event_id,
        "id": event_id,
        "kind": kind,
        "project_id": project_id,
        "actor": actor,
        "at": at,
        "data": data,
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
