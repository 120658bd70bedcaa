"""Every change writes one outbox event in its transaction, readable in order."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from ulid import ULID

from taskdeck.bootstrap import Container
from taskdeck.domain.errors import ValidationFailed
from taskdeck.ports import EXPIRES_AT, Put
from taskdeck.services import keys
from taskdeck.services.dispatcher import Dispatcher
from taskdeck.services.events import RETENTION_DAYS, outbox_put, read_outbox, trim_outbox
from tests.conftest import PASSWORD

pytestmark = pytest.mark.anyio


async def test_each_change_writes_one_event_and_the_outbox_reads_in_order(
    container: Container,
) -> None:
    user = await container.accounts.sign_up(email="o@example.com", password=PASSWORD, name="O")
    await container.projects.create(user["id"], key="WEB", name="Web")
    await container.issues.create(user["id"], "WEB", {"title": "First"})
    await container.issues.update(user["id"], "WEB-1", {"title": "Renamed", "priority": "high"})
    await container.issues.create(user["id"], "WEB", {"title": "Second"})
    await container.issues.delete(user["id"], "WEB-2")
    now = container.context.clock.now()
    events = await read_outbox(container.table, after=None, now=now, limit=100)
    assert [e["kind"] for e in events] == [
        "project.created",
        "issue.created",
        "issue.updated",
        "issue.created",
        "issue.deleted",
    ]
    ids = [e["id"] for e in events]
    assert ids == sorted(ids)
    updated = events[2]
    assert updated["actor"] == user["id"]
    assert updated["data"]["changes"] == [
        {"field": "title", "from": "First", "to": "Renamed"},
        {"field": "priority", "from": "none", "to": "high"},
    ]
    # A consumer resumes after the last event it handled, in pages.
    first_two = await read_outbox(container.table, after=None, now=now, limit=2)
    rest = await read_outbox(container.table, after=first_two[-1]["id"], now=now, limit=100)
    assert [e["id"] for e in first_two + rest] == ids


async def test_a_refused_change_writes_no_event(container: Container) -> None:
    user = await container.accounts.sign_up(email="o@example.com", password=PASSWORD, name="O")
    await container.projects.create(user["id"], key="WEB", name="Web")
    with pytest.raises(ValidationFailed, match="no such status"):
        await container.issues.create(user["id"], "WEB", {"title": "x", "status": "nowhere"})
    events = await read_outbox(container.table, after=None, now=container.context.clock.now())
    assert [e["kind"] for e in events] == ["project.created"]


async def test_fields_that_are_ours_cannot_be_set_through_the_service(container: Container) -> None:
    user = await container.accounts.sign_up(email="o@example.com", password=PASSWORD, name="O")
    await container.projects.create(user["id"], key="WEB", name="Web")
    for forged in ({"id": "forged"}, {"reporter": "someone"}, {"version": 9}, {"number": 7}):
        with pytest.raises(ValidationFailed, match="cannot be set"):
            await container.issues.create(user["id"], "WEB", {"title": "x", **forged})
    assert (await container.issues.create(user["id"], "WEB", {"title": "x"}))["key"] == "WEB-1"


def _event_on(container: Container, day: date, n: int) -> Put:
    """An outbox event written at noon UTC of `day` (plus `n` ms), of an issue gone."""
    at = datetime.combine(day, time(12), UTC) + timedelta(milliseconds=n)
    event_id = str(ULID.from_datetime(at))
    return outbox_put(
        container.context,
        event_id=event_id,
        kind="issue.updated",
        project_id="no-such-project",
        actor="nobody",
        at=at.isoformat(),
        data={"key": "GONE-1", "changes": []},
    )


async def _outbox_days(container: Container, today: date, back: int) -> list[int]:
    """How many days before `today` each kept outbox event was written, oldest first."""
    start = str(ULID.from_datetime(datetime.combine(today - timedelta(days=back), time(), UTC)))
    now = datetime.combine(today, time(23), UTC)
    events = await read_outbox(container.table, after=start, now=now, limit=1_000)
    return [(today - ULID.from_str(e["id"]).datetime.date()).days for e in events]


async def test_events_expire_a_week_after_their_day_and_the_trim_keeps_the_undelivered(
    container: Container,
) -> None:
    user = await container.accounts.sign_up(email="o@example.com", password=PASSWORD, name="O")
    await container.projects.create(user["id"], key="WEB", name="Web")
    now = container.context.clock.now()
    (event,) = await read_outbox(container.table, after=None, now=now)
    midnight = datetime.combine(now.date(), time(), UTC)
    assert event[EXPIRES_AT] == int((midnight + timedelta(days=RETENTION_DAYS + 1)).timestamp())

    today = now.date()
    ages = [30, 9, 8, 8, 7, 2]
    puts = [_event_on(container, today - timedelta(days=age), n) for n, age in enumerate(ages)]
    await container.table.transact(puts)
    # Delivered up to the event of 8 days ago: a day is trimmed once it is past keeping
    # (8 days and more) and wholly delivered (before the cursor's day).
    cursor = puts[2].item["id"]
    trimmed = await trim_outbox(container.table, today=today, delivered_up_to=cursor)
    assert trimmed == 2
    assert await _outbox_days(container, today, 40) == [8, 8, 7, 2, 0]
    # The next trim starts after the last day trimmed, and finds nothing new yet.
    assert await trim_outbox(container.table, today=today, delivered_up_to=cursor) == 0
    later = today + timedelta(days=1)
    last = puts[-1].item["id"]
    assert await trim_outbox(container.table, today=later, delivered_up_to=last) == 3
    assert await _outbox_days(container, today, 40) == [2, 0]


async def test_the_dispatcher_trims_what_it_delivered(container: Container) -> None:
    today = container.context.clock.now().date()
    puts = [_event_on(container, today - timedelta(days=age), n) for n, age in enumerate([12, 10])]
    # The dispatcher had delivered everything up to two weeks ago.
    before = datetime.combine(today - timedelta(days=14), time(), UTC)
    pk, sk = keys.dispatcher_cursor()
    cursor = Put({"pk": pk, "sk": sk, "after": str(ULID.from_datetime(before))})
    await container.table.transact([*puts, cursor])
    dispatcher = Dispatcher(container.context, container.fanout)
    assert await dispatcher.run_once() == 2
    assert await _outbox_days(container, today, 40) == [10]
