"""Listing and searching a project's issues, every page served by an index.

The most selective indexed filter picks where to read (a parent's child links, the
full-text index, the assignee, status or sprint index, or the project's issues in
number order); the other filters are applied to what is read, as DynamoDB's filter
expressions are, with a cap on items read per page. A page may therefore hold fewer
items than asked for and still have a `next_cursor`.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from taskdeck.domain.assignees import indexed_assignee, matches_assignee, resolve_me
from taskdeck.domain.errors import FieldError, ValidationFailed
from taskdeck.domain.issues import split_issue_key
from taskdeck.domain.roles import Action
from taskdeck.ports import Item, KeyCondition, Page
from taskdeck.services import keys
from taskdeck.services.context import Context
from taskdeck.services.issue_items import public_issue
from taskdeck.services.projects import Projects

MAX_READ_PER_PAGE = 2_000
Sort = Literal["key", "-key", "rank"]


class IssueFilter(NamedTuple):
    """What the caller asked for; None means no condition on that field."""

    type: str | None = None
    status: str | None = None
    assignee: str | None = None
    label: str | None = None
    parent: str | None = None
    sprint: str | None = None
    q: str | None = None
    sort: Sort | None = None

    @property
    def order(self) -> Sort:
        """The sort asked for; by default rank within a sprint, the backlog or a status (as
        on the board), else key."""
        ranked = self.sprint is not None or self.status is not None
        return self.sort or ("rank" if ranked else "key")

    def matches(self, issue: Item) -> bool:
        """Whether an issue passes every filter (the indexed ones hold already)."""
        sprint = None if self.sprint == "backlog" else self.sprint
        return (
            (self.type is None or issue["type"] == self.type)
            and (self.status is None or issue["status"] == self.status)
            and matches_assignee(issue["assignee"], self.assignee)
            and (self.label is None or self.label in issue["labels"])
            and (self.parent is None or issue["parent"] == self.parent)
            and (self.sprint is None or issue["sprint"] == sprint)
        )


class IssueListing:
    """The listing use case."""

    def __init__(self, ctx: Context, projects: Projects) -> None:
        self._ctx = ctx
        self._projects = projects

    async def list(
        self, user_id: str, project_key: str, wanted: IssueFilter, *, limit: int, cursor: str | None
    ) -> Page:
        """One page of the project's issues that pass `wanted`."""
        access = await self._projects.access(user_id, project_key, Action.READ)
        project_id = access.project_id
        wanted = wanted._replace(assignee=resolve_me(wanted.assignee, user_id))
        if wanted.order == "rank" and wanted.sprint is None and wanted.status is None:
            raise ValidationFailed(
                "sorting by rank needs a sprint or status filter",
                [FieldError("sort", "rank needs sprint (an id or 'backlog') or status")],
            )
        items: list[Item] = []
        read = 0
        while len(items) < limit and read < MAX_READ_PER_PAGE:
            page = await self._read(project_id, wanted, limit=limit - len(items), cursor=cursor)
            read += len(page.items)
            items.extend(i for i in page.items if wanted.matches(i))
            cursor = page.cursor
            if cursor is None:
                break
        return Page([public_issue(i) for i in items], cursor)

    async def _read(
        self, project_id: str, wanted: IssueFilter, *, limit: int, cursor: str | None
    ) -> Page:
        table = self._ctx.table
        forward = wanted.order != "-key"
        if wanted.parent is not None:
            return await self._children(project_id, wanted.parent, limit=limit, cursor=cursor)
        if wanted.q and wanted.q.strip():
            return await table.search(f"PROJ#{project_id}", wanted.q, limit=limit, cursor=cursor)
        if wanted.order == "rank" and wanted.sprint is not None:
            sprint = None if wanted.sprint == "backlog" else wanted.sprint
            partition = keys.plan_list(project_id, sprint)
            return await table.query(
                partition, index="gsi2", forward=forward, limit=limit, cursor=cursor
            )
        if (assignee := indexed_assignee(wanted.assignee)) is not None:
            return await table.query(
                f"USER#{assignee}",
                index="gsi1",
                sk=KeyCondition.begins_with(f"ISSUE#{project_id}#"),
                forward=forward,
                limit=limit,
                cursor=cursor,
            )
        if wanted.status is not None and wanted.order == "rank":
            return await table.query(
                keys.status_list(project_id, wanted.status),
                index="gsi3",
                forward=forward,
                limit=limit,
                cursor=cursor,
            )
        return await table.query(
            f"PROJ#{project_id}",
            sk=keys.ISSUES,
            forward=forward,
            limit=limit,
            cursor=cursor,
        )

    async def _children(
        self, project_id: str, parent_key: str, *, limit: int, cursor: str | None
    ) -> Page:
        parts = split_issue_key(parent_key)
        if parts is None:
            return Page([], None)
        links = await self._ctx.table.query(
            keys.issue_partition(project_id, parts[1]),
            sk=keys.CHILDREN,
            limit=limit,
            cursor=cursor,
        )
        found = await self._ctx.get_many(
            [keys.issue(project_id, link["child_number"]) for link in links.items]
        )
        found.sort(key=lambda issue: int(issue["number"]))
        return Page(found, links.cursor)
