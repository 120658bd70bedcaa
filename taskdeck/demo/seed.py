"""Fill the demo project through the services, as its two members would by hand: the
history, the sprint reports and the board then look like a real team's."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from taskdeck.bootstrap import Container
from taskdeck.demo import content
from taskdeck.demo.content import DemoIssue
from taskdeck.domain.errors import Conflict
from taskdeck.domain.links import LinkType
from taskdeck.domain.roles import Role
from taskdeck.services.issue_listing import IssueFilter
from taskdeck.services.moves import Move

# Statuses are set in this order so that sub-tasks are done before their stories, and a
# story's criteria are met before it enters Done.
_TYPE_ORDER = {"subtask": 0, "bug": 1, "task": 2, "story": 3, "epic": 4}


class ProjectExists(Exception):
    """The demo project's key is taken already."""


@dataclass(frozen=True)
class Account:
    """A demo account: its id, and its password when the demo made it."""

    user_id: str
    email: str
    password: str | None
    confirmation_required: bool


@dataclass(frozen=True)
class Demo:
    """What was made."""

    owner: Account
    member: Account
    issues: int
    active_sprint: str
    completed_sprint: str


def key(number: int) -> str:
    """The demo issue key of a number in `content.ISSUES` (1-based)."""
    return f"{content.KEY}-{number}"


async def _account(container: Container, email: str, password: str | None, name: str) -> Account:
    """The account with this address, made if it does not exist yet."""
    existing = await container.accounts.user_by_email(email)
    if existing is not None:
        return Account(existing["id"], existing["email"], None, False)
    password = password or secrets.token_urlsafe(12)
    user = await container.accounts.sign_up(email=email, password=password, name=name)
    return Account(user["id"], user["email"], password, user["confirmation_required"])


async def fill_demo(container: Container, *, email: str, password: str | None, today: date) -> Demo:
    """Make the demo project `DEMO` with its accounts; `ProjectExists` if it exists."""
    if await container.projects.project_id(content.KEY) is not None:
        raise ProjectExists(content.KEY)
    owner = await _account(container, email, password, content.OWNER_NAME)
    member = await _account(container, content.MEMBER_EMAIL, None, content.MEMBER_NAME)
    users = {"owner": owner.user_id, "member": member.user_id}
    me = owner.user_id
    try:
        await container.projects.create(
            me, key=content.KEY, name=content.NAME, description=content.DESCRIPTION
        )
    except Conflict as error:
        raise ProjectExists(content.KEY) from error
    await container.members.add(me, content.KEY, who=member.user_id, email=None, role=Role.MEMBER)
    for issue in content.ISSUES:
        await container.issues.create(me, content.KEY, _draft(issue, users))
    numbered = list(enumerate(content.ISSUES, start=1))
    in_first = [(n, i) for n, i in numbered if i.plan in ("done1", "carried")]
    in_active = [(n, i) for n, i in numbered if i.plan == "sprint2"]
    first = await _sprint(container, me, content.FIRST_SPRINT, content.FIRST_SPRINT_DAYS, today)
    active = await _sprint(container, me, content.ACTIVE_SPRINT, content.ACTIVE_SPRINT_DAYS, today)
    await _plan(container, me, first["id"], in_first)
    await container.sprints.start(me, first["id"], {})
    await _set_statuses(container, me, in_first)
    await _log_time(container, users, today, sprint="first")
    # The open issues of the first sprint carry over into the next one.
    await container.sprints.complete(me, first["id"], active["id"])
    await _plan(container, me, active["id"], in_active)
    await container.sprints.start(me, active["id"], {})
    await _set_statuses(container, me, in_active)
    await _log_time(container, users, today, sprint="active")
    for comment in content.COMMENTS:
        await container.comments.add(users[comment.author], key(comment.number), comment.body)
    for number, link_type, other in content.LINKS:
        await container.links.add(me, key(number), LinkType(link_type), key(other))
    await _rank_backlog(container, me)
    return Demo(owner, member, len(content.ISSUES), active["id"], first["id"])


def _draft(issue: DemoIssue, users: dict[str, str]) -> dict[str, Any]:
    """The fields `Issues.create` takes for a demo issue (created in the backlog, To Do)."""
    draft: dict[str, Any] = {
        "type": issue.type,
        "title": issue.title,
        "description": issue.description,
        "priority": issue.priority,
        "labels": list(issue.labels),
        # A done story's criteria are ticked just before it enters Done (`_set_statuses`),
        # as a team would; one in progress has some met already.
        "acceptance_criteria": [
            {"text": text, "done": done and issue.status not in ("todo", "done")}
            for text, done in issue.criteria
        ],
    }
    optional = {
        "assignee": users[issue.assignee] if issue.assignee else None,
        "parent": key(issue.parent) if issue.parent else None,
        "points": issue.points,
        "estimate_minutes": issue.estimate_minutes,
        "remaining_minutes": issue.estimate_minutes,
    }
    return draft | {name: value for name, value in optional.items() if value is not None}


async def _sprint(
    container: Container, me: str, fields: dict[str, str], days: tuple[int, int], today: date
) -> dict[str, Any]:
    """A planned sprint running from `days[0]` to `days[1]` days after today."""
    start, end = (today + timedelta(days=offset) for offset in days)
    dates = {"start_date": start.isoformat(), "end_date": end.isoformat()}
    return await container.sprints.create(me, content.KEY, {**fields, **dates})


async def _plan(
    container: Container, me: str, sprint_id: str, issues: list[tuple[int, DemoIssue]]
) -> None:
    """Move the issues into the sprint, in this order."""
    for number, _ in issues:
        await container.moves.move(me, key(number), Move(sprint=sprint_id))


async def _set_statuses(container: Container, me: str, issues: list[tuple[int, DemoIssue]]) -> None:
    """Each issue to its final status (through In Progress, as work goes)."""
    for number, issue in sorted(issues, key=lambda pair: _TYPE_ORDER[pair[1].type]):
        if issue.status == "todo":
            continue
        await container.issues.update(me, key(number), {"status": "in_progress"})
        if issue.status == "done" and issue.criteria:
            criteria = (await container.issues.get(me, key(number)))["acceptance_criteria"]
            ticked = [{**criterion, "done": True} for criterion in criteria]
            await container.issues.update(me, key(number), {"acceptance_criteria": ticked})
        if issue.status != "in_progress":
            await container.issues.update(me, key(number), {"status": issue.status})


async def _log_time(
    container: Container, users: dict[str, str], today: date, *, sprint: str
) -> None:
    """The worklogs of one sprint: those older than the active sprint's start, or not."""
    active_start = -content.ACTIVE_SPRINT_DAYS[0]
    for worklog in content.WORKLOGS:
        if (worklog.days_ago > active_start) != (sprint == "first"):
            continue
        await container.worklogs.log(
            users[worklog.author],
            key(worklog.number),
            minutes=worklog.minutes,
            day=(today - timedelta(days=worklog.days_ago)).isoformat(),
            note=worklog.note or None,
        )


async def _rank_backlog(container: Container, me: str) -> None:
    """Put the most pressing backlog issues on top, in order."""
    backlog = await container.listing.list(
        me, content.KEY, IssueFilter(sprint="backlog"), limit=1, cursor=None
    )
    previous: str | None = None
    for number in content.BACKLOG_TOP:
        where = Move(before=backlog.items[0]["key"]) if previous is None else Move(after=previous)
        await container.moves.move(me, key(number), where)
        previous = key(number)
