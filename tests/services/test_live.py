"""Live streams and late commits: an event whose id is older than one already sent still
reaches the open stream, and a stream resumed from a position sent before it appeared.
New notifications are announced on their reader's streams only."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from taskdeck.bootstrap import Container
from taskdeck.domain.errors import BadRequest
from taskdeck.domain.roles import Role
from taskdeck.ports import Item
from taskdeck.services.dispatcher import Dispatcher
from taskdeck.services.events import outbox_put
from taskdeck.services.live import LiveStream
from tests.conftest import PASSWORD

pytestmark = pytest.mark.anyio
ARRIVAL_TIMEOUT_S = 10.0


async def next_event(events: AsyncIterator[Item | None]) -> Item:
    """The next event a stream sends (heartbeats skipped)."""
    async with asyncio.timeout(ARRIVAL_TIMEOUT_S):
        async for event in events:
            if event is not None:
                return event
    raise AssertionError("the stream ended")


class Listening:
    """A stream and its events, closed by `close`."""

    def __init__(self, stream: LiveStream) -> None:
        self.stream = stream
        self.events = stream.events(heartbeat_seconds=0.2)

    async def next(self) -> Item:
        """The next event sent."""
        return await next_event(self.events)

    async def close(self) -> None:
        """End the stream, as a client's disconnect does."""
        await self.events.aclose()  # type: ignore[attr-defined]


async def test_an_event_committed_after_a_later_one_is_neither_lost_nor_repeated(
    container: Container,
) -> None:
    user = await container.accounts.sign_up(email="l@example.com", password=PASSWORD, name="L")
    project = await container.projects.create(user["id"], key="WEB", name="Web")
    live = container.live
    listening = Listening(await live.open(user["id"], "WEB", resume=None))
    try:
        # An id made before the next change's, whose transaction commits after it.
        late_id = container.context.ids.new()
        await container.issues.create(user["id"], "WEB", {"title": "first"})
        assert (await listening.next())["kind"] == "issue.created"
        before_late = listening.stream.token()
        late = outbox_put(
            container.context,
            event_id=late_id,
            kind="comment.added",
            project_id=project["id"],
            actor=user["id"],
            at=container.context.timestamp(),
            data={"key": "WEB-1"},
        )
        await container.table.transact([late])
        assert (await listening.next())["id"] == late_id
        after_late = listening.stream.token()
    finally:
        await listening.close()

    resumed = Listening(await live.open(user["id"], "WEB", resume=before_late))
    try:
        assert (await resumed.next())["id"] == late_id
        await container.issues.create(user["id"], "WEB", {"title": "second"})
        assert (await resumed.next())["data"]["key"] == "WEB-2"
    finally:
        await resumed.close()

    resumed = Listening(await live.open(user["id"], "WEB", resume=after_late))
    try:
        assert (await resumed.next())["data"]["key"] == "WEB-2"
    finally:
        await resumed.close()
    await live.stop()


async def test_a_position_no_stream_gave_is_refused(container: Container) -> None:
    user = await container.accounts.sign_up(email="p@example.com", password=PASSWORD, name="P")
    await container.projects.create(user["id"], key="WEB", name="Web")
    for token in ("nope", "01ARZ3NDEKTSV4RRFFQ69G5FAV.x", "0" * 5000):
        with pytest.raises(BadRequest):
            await container.live.open(user["id"], "WEB", resume=token)


async def test_new_notifications_are_announced_on_their_readers_streams_only(
    container: Container,
) -> None:
    """The fan-out's inbox event reaches each stream of the people it notified, whatever
    project the stream is of, once the notification is there to count; it names nobody,
    and it reaches nobody else."""
    container.fanout.announce_inbox_changes()
    owner = await container.accounts.sign_up(email="o@example.com", password=PASSWORD, name="O")
    bo = await container.accounts.sign_up(email="bo@example.com", password=PASSWORD, name="Bo")
    await container.projects.create(owner["id"], key="WEB", name="Web")
    await container.members.add(owner["id"], "WEB", who=bo["id"], email=None, role=Role.MEMBER)
    await container.projects.create(bo["id"], key="OWN", name="Own")
    await container.issues.create(owner["id"], "WEB", {"title": "Login"})
    dispatcher = Dispatcher(container.context, container.fanout)
    while await dispatcher.run_once():
        pass
    live = container.live
    bos_other_project = Listening(await live.open(bo["id"], "OWN", resume=None))
    owners = Listening(await live.open(owner["id"], "WEB", resume=None))
    try:
        before = bos_other_project.stream.token()
        await container.comments.add(owner["id"], "WEB-1", "@bo could you review this?")
        assert (await owners.next())["kind"] == "comment.added"
        await dispatcher.run_once()

        announced = await bos_other_project.next()
        assert (announced["kind"], announced["data"]) == ("inbox.changed", {})
        assert await container.notifications.unread_count(bo["id"]) == 1

        # The owner was told of nothing: the next event on their stream is the next change.
        await container.issues.create(owner["id"], "WEB", {"title": "Logout"})
        assert (await owners.next())["kind"] == "issue.created"
    finally:
        await bos_other_project.close()
        await owners.close()

    resumed = Listening(await live.open(bo["id"], "OWN", resume=before))
    try:
        again = await resumed.next()
        assert (again["id"], again["data"]) == (announced["id"], {})
    finally:
        await resumed.close()
    await dispatcher.stop()
    await live.stop()
