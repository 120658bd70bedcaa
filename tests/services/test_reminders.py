"""Deadline reminders: an open issue's assignee and watchers who are members hear "due
soon" and then "overdue" once per issue and due date, whatever runs the scheduler how
often; a new date re-arms them; resolved, cleared and deleted issues stay quiet."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from taskdeck.bootstrap import Container
from taskdeck.domain.notifications import Channel, Kind
from taskdeck.domain.roles import Role
from taskdeck.services.events import read_outbox
from taskdeck.services.reminders import Reminders
from tests.services.test_notifications import deliver_all, inbox, team

pytestmark = pytest.mark.anyio

DUE = "2030-05-11"
BEFORE = datetime(2030, 5, 10, 9, 0, tzinfo=UTC)
"""The day before: the end of the due day is 39 hours away, beyond the 24-hour window."""
DUE_DAY = datetime(2030, 5, 11, 0, 0, tzinfo=UTC)
"""The start of the due day: its end is 24 hours away, so it is due soon."""
DAY_AFTER = datetime(2030, 5, 12, 0, 0, tzinfo=UTC)
"""The due day is over: overdue."""


async def due_issue(container: Container, people: dict[str, str], **fields: object) -> None:
    """WEB-1, reported by Ada, assigned to Bo, watched by Cy, due on DUE."""
    draft = {"title": "Ship it", "assignee": people["bo"], "due_date": DUE, **fields}
    await container.issues.create(people["ada"], "WEB", draft)
    await container.watchers.add(people["cy"], "WEB-1", None)


async def kinds(container: Container, user_id: str) -> list[str]:
    """The kinds of a person's notifications, newest first, once the outbox is delivered."""
    await deliver_all(container)
    return [n["kind"] for n in await inbox(container, user_id)]


async def reminders_of(container: Container, user_id: str) -> list[tuple[str, str, str]]:
    """A person's reminders (kind, issue, summary), newest first, once delivered."""
    await deliver_all(container)
    notes = await inbox(container, user_id)
    return [
        (n["kind"], n["issue"], n["summary"]) for n in notes if n["kind"] in ("due_soon", "overdue")
    ]


async def test_due_soon_reaches_the_assignee_and_the_watchers_once(container: Container) -> None:
    people = await team(container)
    await due_issue(container, people)
    await container.watchers.add(people["ada"], "WEB-1", None)  # already watching: the reporter
    reminders = container.reminders

    assert (await reminders.run_once(BEFORE)).reminded == 0
    assert (await reminders.run_once(DUE_DAY)).reminded == 1
    assert (await reminders.run_once(DUE_DAY + timedelta(hours=1))).reminded == 0
    another = Reminders(container.context, window=timedelta(hours=24))  # another process
    assert (await another.run_once(DUE_DAY + timedelta(hours=2))).reminded == 0

    assert await kinds(container, people["bo"]) == ["due_soon", "assigned"]
    assert await kinds(container, people["cy"]) == ["due_soon"]
    assert await kinds(container, people["ada"]) == ["due_soon"]
    assert await kinds(container, people["di"]) == []
    note = (await inbox(container, people["bo"]))[0]
    assert note["summary"] == "WEB-1 is due on 2030-05-11"
    assert (note["issue"], note["project"], note["actor"]) == ("WEB-1", "WEB", "system")


async def test_a_watcher_who_unwatched_or_left_hears_nothing(container: Container) -> None:
    people = await team(container)
    di = people["di"]
    await container.members.add(people["ada"], "WEB", who=di, email=None, role=Role.MEMBER)
    await due_issue(container, people)
    await container.watchers.add(di, "WEB-1", None)
    await container.watchers.remove(people["ada"], "WEB-1", people["ada"])
    await container.members.remove(people["ada"], "WEB", di)

    await container.reminders.run_once(DUE_DAY)
    assert await kinds(container, di) == []
    assert await kinds(container, people["ada"]) == []  # the reporter stopped watching
    assert await kinds(container, people["bo"]) == ["due_soon", "assigned"]


async def test_two_schedulers_at_once_record_one_reminder(container: Container) -> None:
    people = await team(container)
    await due_issue(container, people)
    window = timedelta(hours=24)
    passes = await asyncio.gather(
        *(Reminders(container.context, window=window).run_once(DUE_DAY) for _ in range(3))
    )
    assert sum(done.reminded for done in passes) == 1
    assert await kinds(container, people["cy"]) == ["due_soon"]


async def test_overdue_follows_once_and_a_scheduler_that_was_off_sends_only_overdue(
    container: Container,
) -> None:
    people = await team(container)
    await due_issue(container, people)
    await container.issues.create(
        people["ada"], "WEB", {"title": "Also late", "assignee": people["bo"], "due_date": DUE}
    )
    await container.reminders.run_once(DUE_DAY)
    await container.issues.create(  # set on the due day itself: no "due soon" pass sees it
        people["ada"], "WEB", {"title": "Late too", "assignee": people["cy"], "due_date": DUE}
    )

    done = await container.reminders.run_once(DAY_AFTER)
    assert (done.markers_read, done.reminded) == (3, 3)
    again = await container.reminders.run_once(DAY_AFTER + timedelta(days=3))
    assert (again.markers_read, again.reminded) == (0, 0)  # nothing left to read

    await deliver_all(container)
    cy = await inbox(container, people["cy"])
    assert [(n["kind"], n["issue"]) for n in cy] == [  # newest first
        ("overdue", "WEB-3"),
        ("overdue", "WEB-1"),
        ("assigned", "WEB-3"),
        ("due_soon", "WEB-1"),
    ]
    overdue = next(n for n in cy if n["kind"] == "overdue")
    assert overdue["summary"] == f"{overdue['issue']} is overdue: it was due on 2030-05-11"


async def test_a_new_due_date_rearms_the_reminders(container: Container) -> None:
    people = await team(container)
    await due_issue(container, people)
    await container.reminders.run_once(DUE_DAY)
    await container.issues.update(people["ada"], "WEB-1", {"due_date": "2030-05-13"})

    assert (await container.reminders.run_once(DAY_AFTER)).reminded == 0  # not the old date
    assert (await container.reminders.run_once(DAY_AFTER + timedelta(days=1))).reminded == 1
    assert await reminders_of(container, people["cy"]) == [
        ("due_soon", "WEB-1", "WEB-1 is due on 2030-05-13"),
        ("due_soon", "WEB-1", "WEB-1 is due on 2030-05-11"),
    ]


async def test_resolved_cleared_and_deleted_issues_stay_quiet(container: Container) -> None:
    people = await team(container)
    ada = people["ada"]
    for title in ("Resolved", "Cleared", "Deleted", "Reopened"):
        await container.issues.create(
            ada, "WEB", {"title": title, "assignee": people["bo"], "due_date": DUE}
        )
    await container.issues.update(ada, "WEB-1", {"status": "done"})
    await container.issues.update(ada, "WEB-2", {"due_date": None})
    await container.issues.delete(ada, "WEB-3")
    await container.issues.update(ada, "WEB-4", {"status": "done"})

    done = await container.reminders.run_once(DUE_DAY)
    assert (done.markers_read, done.reminded, done.dropped) == (2, 0, 0)
    await container.issues.update(ada, "WEB-4", {"status": "todo"})  # reopened before the end
    late = await container.reminders.run_once(DAY_AFTER)
    assert (late.markers_read, late.reminded, late.dropped) == (2, 1, 1)
    assert (await container.reminders.run_once(DAY_AFTER)).markers_read == 0

    assert await reminders_of(container, people["bo"]) == [
        ("overdue", "WEB-4", "WEB-4 is overdue: it was due on 2030-05-11")
    ]


async def test_a_pass_reads_only_the_markers_of_due_dates_in_reach(container: Container) -> None:
    people = await team(container)
    ada = people["ada"]
    for number in range(20):
        later = f"2030-06-{number % 28 + 1:02d}"
        await container.issues.create(ada, "WEB", {"title": f"Later {number}", "due_date": later})
    for number in range(20):
        await container.issues.create(ada, "WEB", {"title": f"Undated {number}"})
    await container.issues.create(ada, "WEB", {"title": "Soon", "due_date": DUE})

    assert (await container.reminders.run_once(BEFORE)).markers_read == 0
    done = await container.reminders.run_once(DUE_DAY)
    assert (done.markers_read, done.reminded) == (1, 1)


async def test_reminders_follow_each_persons_channels(container: Container) -> None:
    people = await team(container)
    await container.notifications.replace_settings(
        people["cy"], {Kind.DUE_SOON: {Channel.IN_APP: False, Channel.EMAIL: False}}
    )
    await due_issue(container, people)
    await container.reminders.run_once(DUE_DAY)

    events = await read_outbox(container.table, after=None, now=datetime.now(UTC))
    reminder = next(e for e in events if e["kind"] == "issue.due_soon")
    chosen = {r.user["name"]: r.channels for r in await container.fanout.recipients(reminder)}
    both = {Channel.IN_APP: True, Channel.EMAIL: True}  # by default, reminders are emailed
    assert chosen == {
        "Ada": both,
        "Bo": both,
        "Cy": {Channel.IN_APP: False, Channel.EMAIL: False},
    }
    assert await kinds(container, people["cy"]) == []


async def test_a_wider_window_reminds_earlier(container: Container) -> None:
    people = await team(container)
    await container.issues.create(people["ada"], "WEB", {"title": "Soon", "due_date": DUE})
    wide = Reminders(container.context, window=timedelta(hours=48))
    assert (await wide.run_once(BEFORE)).reminded == 1
    assert await kinds(container, people["ada"]) == ["due_soon"]
