"""Every change writes one outbox event in its transaction, readable in order."""

from __future__ import annotations

import pytest

from taskdeck.bootstrap import Container
from taskdeck.domain.errors import ValidationFailed
from taskdeck.services.events import read_outbox
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
