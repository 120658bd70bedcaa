"""The dispatcher delivers the outbox to the inbox by the rules, once per event and person,
to members only, by each person's choice of channels; the inbox marks read."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from taskdeck.bootstrap import Container
from taskdeck.domain.errors import ValidationFailed
from taskdeck.domain.notifications import Channel, Kind
from taskdeck.domain.roles import Role
from taskdeck.ports import Delete, Item
from taskdeck.services import keys
from taskdeck.services.dispatcher import Dispatcher
from taskdeck.services.events import read_outbox
from taskdeck.services.fanout import INBOX_CHANGED, Recipient
from tests.conftest import PASSWORD

pytestmark = pytest.mark.anyio


async def person(container: Container, name: str) -> str:
    user = await container.accounts.sign_up(
        email=f"{name}@example.com", password=PASSWORD, name=name.title()
    )
    return str(user["id"])


async def team(container: Container) -> dict[str, str]:
    """Ada owns WEB; Bo and Cy are members; Di is not."""
    people = {name: await person(container, name) for name in ("ada", "bo", "cy", "di")}
    await container.projects.create(people["ada"], key="WEB", name="Web")
    for name in ("bo", "cy"):
        await container.members.add(
            people["ada"], "WEB", who=people[name], email=None, role=Role.MEMBER
        )
    return people


async def deliver_all(container: Container) -> int:
    """Run a dispatcher until the outbox is delivered; the number of events delivered."""
    dispatcher = Dispatcher(container.context, container.fanout)
    total = 0
    while delivered := await dispatcher.run_once():
        total += delivered
    await dispatcher.stop()
    return total


async def inbox(
    container: Container, user_id: str, *, unread: bool = False
) -> list[dict[str, Any]]:
    page = await container.notifications.list_mine(user_id, unread=unread, limit=200, cursor=None)
    return page.items


async def test_an_assignment_a_comment_and_a_mention_reach_whom_they_concern(
    container: Container,
) -> None:
    people = await team(container)
    await container.issues.create(
        people["ada"], "WEB", {"title": "Login", "assignee": people["bo"]}
    )
    await container.comments.add(people["bo"], "WEB-1", "Looking at it, @cy please review")
    await deliver_all(container)

    bo = await inbox(container, people["bo"])
    assert [(n["kind"], n["summary"]) for n in bo] == [("assigned", "Ada assigned WEB-1 to you")]
    assert bo[0] | {"id": None, "created_at": None} == {
        "id": None,
        "kind": "assigned",
        "issue": "WEB-1",
        "project": "WEB",
        "actor": people["ada"],
        "summary": "Ada assigned WEB-1 to you",
        "read": False,
        "created_at": None,
    }
    cy = await inbox(container, people["cy"])
    assert [(n["kind"], n["summary"]) for n in cy] == [("mentioned", "Bo mentioned you in WEB-1")]
    ada = await inbox(container, people["ada"])  # the reporter hears of the comment
    assert [n["summary"] for n in ada] == ["Bo commented on WEB-1"]
    assert await inbox(container, people["di"]) == []


async def test_delivering_again_writes_nothing_twice(container: Container) -> None:
    people = await team(container)
    await container.issues.create(
        people["ada"], "WEB", {"title": "Login", "assignee": people["bo"]}
    )
    await deliver_all(container)
    events = await read_outbox(container.table, after=None, now=container.context.clock.now())
    for event in events:
        await container.fanout.deliver(event)
    assert await deliver_all(container) > 0  # a new dispatcher starts again from the cursor
    assert len(await inbox(container, people["bo"])) == 1


async def test_a_notification_missing_on_a_second_delivery_is_written_and_announced(
    container: Container,
) -> None:
    """Delivering an event again writes only the notifications still missing, each in a
    transaction with its own inbox announcement, so no crash leaves one unannounced."""
    container.fanout.announce_inbox_changes()
    people = await team(container)
    await container.issues.create(people["ada"], "WEB", {"title": "Login"})
    await container.comments.add(people["ada"], "WEB-1", "@bo and @cy, a look please")
    await deliver_all(container)
    (cys,) = await inbox(container, people["cy"])
    await container.table.transact([Delete(*keys.notification(people["cy"], cys["id"]))])
    now = container.context.clock.now()
    before = await read_outbox(container.table, after=None, now=now)
    (comment,) = [e for e in before if e["kind"] == "comment.added"]

    await container.fanout.deliver(comment)

    assert len(await inbox(container, people["bo"])) == 1
    assert [n["kind"] for n in await inbox(container, people["cy"])] == ["mentioned"]
    after = await read_outbox(container.table, after=before[-1]["id"], now=now)
    assert [(e["kind"], e["data"]["users"]) for e in after] == [(INBOX_CHANGED, [people["cy"]])]


async def test_the_fan_outs_own_announcements_are_not_delivered_again(
    container: Container,
) -> None:
    """Whoever hands the fan-out its own inbox announcement (the dispatcher, or Lambda's
    stream processor reading every outbox event) delivers nothing: no listener hears it."""
    container.fanout.announce_inbox_changes()
    heard: list[str] = []

    async def listener(event: Item) -> None:
        heard.append(event["kind"])

    container.fanout.listen(listener)
    people = await team(container)
    await container.issues.create(people["ada"], "WEB", {"title": "Login"})
    await container.comments.add(people["ada"], "WEB-1", "@bo a look please")
    await deliver_all(container)
    now = container.context.clock.now()
    events = await read_outbox(container.table, after=None, now=now)
    announcements = [e for e in events if e["kind"] == INBOX_CHANGED]
    assert announcements
    heard.clear()

    await container.fanout.deliver_many(announcements)

    assert heard == []


async def test_a_member_who_left_hears_nothing_more(container: Container) -> None:
    people = await team(container)
    await container.issues.create(
        people["ada"], "WEB", {"title": "Login", "assignee": people["bo"]}
    )
    await deliver_all(container)
    await container.members.remove(people["ada"], "WEB", people["bo"])
    await container.issues.update(people["ada"], "WEB-1", {"priority": "high"})
    await deliver_all(container)
    assert [n["kind"] for n in await inbox(container, people["bo"])] == ["assigned"]


async def test_channels_follow_each_persons_choice(container: Container) -> None:
    people = await team(container)
    emailed: list[tuple[str, Kind]] = []

    async def email(event: Item, recipients: Sequence[Recipient]) -> None:
        emailed.extend((r.user["email"], r.kind) for r in recipients)

    container.fanout.send_email_with(email)
    await container.notifications.replace_settings(
        people["cy"], {Kind.COMMENT: {Channel.IN_APP: False, Channel.EMAIL: True}}
    )
    await container.issues.create(
        people["ada"], "WEB", {"title": "Login", "assignee": people["bo"]}
    )
    await container.watchers.add(people["cy"], "WEB-1", None)
    await container.comments.add(people["ada"], "WEB-1", "Any news?")
    await container.issues.update(people["ada"], "WEB-1", {"status": "in_progress"})
    await deliver_all(container)

    assert [n["kind"] for n in await inbox(container, people["cy"])] == ["status_change"]
    assert sorted(emailed) == [
        ("bo@example.com", Kind.ASSIGNED),
        ("bo@example.com", Kind.COMMENT),
        ("cy@example.com", Kind.COMMENT),
    ]
    assert [n["kind"] for n in await inbox(container, people["bo"])] == [
        "status_change",
        "comment",
        "assigned",
    ]


async def test_marking_read_by_id_or_all_and_the_unread_count(container: Container) -> None:
    people = await team(container)
    for number in range(1, 4):
        await container.issues.create(
            people["ada"], "WEB", {"title": f"Issue {number}", "assignee": people["bo"]}
        )
    await deliver_all(container)
    bo = people["bo"]
    newest, middle, oldest = await inbox(container, bo)
    assert await container.notifications.unread_count(bo) == 3

    await container.notifications.mark_read(bo, [middle["id"], middle["id"]])
    assert [n["id"] for n in await inbox(container, bo, unread=True)] == [
        newest["id"],
        oldest["id"],
    ]
    assert [n["read"] for n in await inbox(container, bo)] == [False, True, False]
    assert await container.notifications.unread_count(bo) == 2

    with pytest.raises(ValidationFailed, match="no such notification"):
        await container.notifications.mark_read(bo, [newest["id"], "01JUNKJUNKJUNKJUNKJUNKJUNK"])
    with pytest.raises(ValidationFailed):  # someone else's is not yours to mark
        await container.notifications.mark_read(people["cy"], [newest["id"]])
    assert await container.notifications.unread_count(bo) == 2

    await container.notifications.mark_all_read(bo)
    assert await container.notifications.unread_count(bo) == 0
    assert await inbox(container, bo, unread=True) == []


async def test_one_dispatcher_at_a_time_and_a_stopped_one_hands_over(container: Container) -> None:
    people = await team(container)
    first = Dispatcher(container.context, container.fanout)
    second = Dispatcher(container.context, container.fanout)
    await container.issues.create(people["ada"], "WEB", {"title": "One", "assignee": people["bo"]})
    assert await first.run_once() > 0
    await container.issues.create(people["ada"], "WEB", {"title": "Two", "assignee": people["bo"]})
    assert await second.run_once() == 0  # the first holds the lease
    await first.stop()
    assert await second.run_once() > 0
    await second.stop()
    assert len(await inbox(container, people["bo"])) == 2
