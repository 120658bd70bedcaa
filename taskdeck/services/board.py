"""The board: a column per status in workflow order, each with its cards by rank, its
count and its WIP limit, optionally filtered and split into swimlanes.

With an active sprint the board is that sprint: every one of its issues is read from the
sprint's index partition (already in rank order) and sorted into columns. Without one it
is the whole project: each column is read from the status index (also in rank order), a
page at a time, since a project may hold tens of thousands of issues; `next_cursor` of a
column continues with `GET /projects/{key}/issues?status=<id>&cursor=...`.

WIP limits count the issues in a status across the project (the counts kept on the
project's counter item): an issue in progress outside the sprint still occupies the team,
and a count kept in the same transaction as every status change is what lets a hard limit
hold under concurrent moves.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final, Literal, NamedTuple

from taskdeck.domain.assignees import matches_assignee, resolve_me
from taskdeck.domain.issues import split_issue_key
from taskdeck.domain.roles import Action
from taskdeck.domain.workflow import Status, parse_workflow
from taskdeck.ports import Item, Page
from taskdeck.services import keys
from taskdeck.services.context import Context
from taskdeck.services.issue_writes import status_counts
from taskdeck.services.projects import Projects

MAX_SPRINT_CARDS: Final = 5_000
PAGE: Final = 500
MAX_READ_PER_COLUMN: Final = 2_000
CARD_FIELDS: Final = (
    "key",
    "id",
    "type",
    "title",
    "status",
    "priority",
    "assignee",
    "labels",
    "points",
    "parent",
    "sprint",
    "rank",
    "due_date",
    "version",
)
PRIORITY_ORDER: Final = ("urgent", "high", "medium", "low", "none")
GroupBy = Literal["assignee", "epic", "priority"]


class BoardFilter(NamedTuple):
    """Which cards to show, and how to split them into lanes."""

    assignee: str | None = None
    type: str | None = None
    label: str | None = None
    group_by: GroupBy | None = None

    def matches(self, issue: Item) -> bool:
        """Whether a card passes every filter (`none` as assignee: unassigned)."""
        return (
            matches_assignee(issue.get("assignee"), self.assignee)
            and (self.type is None or issue["type"] == self.type)
            and (self.label is None or self.label in issue.get("labels", []))
        )


def card(issue: Item) -> dict[str, Any]:
    """An issue as a board card: what a card shows, never the description."""
    return {name: issue.get(name) for name in CARD_FIELDS}


class Board:
    """The board use case."""

    def __init__(self, ctx: Context, projects: Projects) -> None:
        self._ctx = ctx
        self._projects = projects

    async def board(
        self, user_id: str, project_key: str, wanted: BoardFilter, *, limit: int
    ) -> dict[str, Any]:
        """The board of the active sprint, or of the whole project when none is active."""
        access = await self._projects.access(user_id, project_key, Action.READ)
        wanted = wanted._replace(assignee=resolve_me(wanted.assignee, user_id))
        project_id = access.project_id
        workflow = parse_workflow(access.project["workflow"])
        sprint = access.project.get("active_sprint")
        counter = await self._ctx.table.get(*keys.project_counter(project_id))
        wip = status_counts(counter, workflow)
        if sprint:
            cards = await self._sprint_cards(project_id, sprint)
            columns = _sprint_columns(workflow, [i for i in cards if wanted.matches(i)])
        else:
            columns = await self._project_columns(project_id, workflow, wanted, wip, limit)
        shown = [_column(status, columns[status.id], wip[status.id]) for status in workflow]
        board: dict[str, Any] = {"project": project_key, "sprint": sprint, "columns": shown}
        if wanted.group_by is not None:
            issues = [issue for column in columns.values() for issue in column[0]]
            board["lanes"] = await self._lanes(project_id, workflow, issues, wanted.group_by)
        return board

    async def _sprint_cards(self, project_id: str, sprint: str) -> list[Item]:
        cards: list[Item] = []
        cursor: str | None = None
        while len(cards) < MAX_SPRINT_CARDS:
            page = await self._ctx.table.query(
                keys.plan_list(project_id, sprint), index="gsi2", limit=PAGE, cursor=cursor
            )
            cards += page.items
            cursor = page.cursor
            if cursor is None:
                break
        return cards

    async def _project_columns(
        self,
        project_id: str,
        workflow: Sequence[Status],
        wanted: BoardFilter,
        counts: dict[str, int],
        limit: int,
    ) -> dict[str, tuple[list[Item], int, str | None]]:
        columns: dict[str, tuple[list[Item], int, str | None]] = {}
        filtered = wanted != BoardFilter(group_by=wanted.group_by)
        for status in workflow:
            page = await self._column_page(project_id, status.id, wanted, limit)
            count = len(page.items) if filtered and page.cursor is None else counts[status.id]
            columns[status.id] = (page.items, count, page.cursor)
        return columns

    async def _column_page(
        self, project_id: str, status_id: str, wanted: BoardFilter, limit: int
    ) -> Page:
        found: list[Item] = []
        cursor: str | None = None
        read = 0
        while len(found) < limit and read < MAX_READ_PER_COLUMN:
            page = await self._ctx.table.query(
                keys.status_list(project_id, status_id),
                index="gsi3",
                limit=limit - len(found),
                cursor=cursor,
            )
            read += len(page.items)
            found += [i for i in page.items if wanted.matches(i)]
            cursor = page.cursor
            if cursor is None:
                break
        return Page(found, cursor)

    async def _lanes(
        self, project_id: str, workflow: Sequence[Status], issues: list[Item], group_by: GroupBy
    ) -> list[dict[str, Any]]:
        if group_by == "epic":
            epics = await self._epics(project_id, issues)
            lane_of = {issue["key"]: epics.get(issue["key"]) for issue in issues}
        else:
            lane_of = {issue["key"]: issue.get(group_by) for issue in issues}
        order: list[Any] = []
        for issue in issues:
            if lane_of[issue["key"]] not in order:
                order.append(lane_of[issue["key"]])
        if group_by == "priority":
            order.sort(key=lambda p: PRIORITY_ORDER.index(p) if p in PRIORITY_ORDER else 99)
        else:
            order.sort(key=lambda lane: lane is None)  # the lane of "none" comes last
        lanes = []
        for lane in order:
            members = [i for i in issues if lane_of[i["key"]] == lane]
            lanes.append(
                {
                    "id": lane,
                    "count": len(members),
                    "columns": {
                        s.id: [i["key"] for i in members if i["status"] == s.id] for s in workflow
                    },
                }
            )
        return lanes

    async def _epics(self, project_id: str, issues: list[Item]) -> dict[str, str | None]:
        """The epic above each issue (itself for an epic), following parents up to three
        levels (sub-task, task, story), reading the parents not on the board."""
        known = {issue["key"]: issue for issue in issues}
        epic: dict[str, str | None] = {}
        for _ in range(3):
            missing = {
                parent
                for issue in known.values()
                if (parent := issue.get("parent")) and parent not in known
            }
            wanted = [split_issue_key(key) for key in missing]
            found = await self._ctx.get_many(
                [keys.issue(project_id, parts[1]) for parts in wanted if parts is not None]
            )
            known.update({item["key"]: item for item in found})
        for issue in issues:
            current: Item | None = issue
            while current is not None and current["type"] != "epic":
                current = known.get(current.get("parent") or "")
            epic[issue["key"]] = current["key"] if current is not None else None
        return epic


def _sprint_columns(
    workflow: Sequence[Status], issues: list[Item]
) -> dict[str, tuple[list[Item], int, str | None]]:
    by_status: dict[str, list[Item]] = {status.id: [] for status in workflow}
    for issue in issues:
        if issue["status"] in by_status:
            by_status[issue["status"]].append(issue)
    return {status: (cards, len(cards), None) for status, cards in by_status.items()}


def _column(
    status: Status, column: tuple[list[Item], int, str | None], wip_count: int
) -> dict[str, Any]:
    issues, count, cursor = column
    limit = status.wip_limit
    return {
        "status": status.id,
        "name": status.name,
        "category": status.category,
        "wip_limit": limit,
        "wip_mode": status.wip_mode,
        "wip_count": wip_count,
        "over_limit": limit is not None and wip_count > limit,
        "count": count,
        "issues": [card(issue) for issue in issues],
        "next_cursor": cursor,
    }
