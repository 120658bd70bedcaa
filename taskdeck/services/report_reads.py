"""The reads every report shares: whole partitions a page at a time, and the epic each
issue belongs to."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from taskdeck.domain.issues import IssueType, split_issue_key
from taskdeck.ports import Item, KeyCondition, Table
from taskdeck.services import keys
from taskdeck.services.context import Context

PAGE: Final = 1000


async def every_item(
    table: Table, partition: str, sk: KeyCondition | None = None, *, index: str | None = None
) -> list[Item]:
    """Every item of a partition of the table or of an index (with a sort-key condition),
    in sort-key order, a page at a time."""
    items: list[Item] = []
    cursor: str | None = None
    while True:
        page = await table.query(partition, index=index, sk=sk, limit=PAGE, cursor=cursor)
        items += page.items
        cursor = page.cursor
        if cursor is None:
            return items


async def epics_of(ctx: Context, project_id: str, issues: Iterable[Item]) -> dict[str, str | None]:
    """The key of the epic each issue belongs to (None: none), by issue key: the issue
    itself if it is an epic, else its parent's epic, up the hierarchy (epic > story or
    task > sub-task). Reads each ancestor once, whatever the number of issues."""
    known: dict[str, Item] = {}
    wanted = list(issues)
    for issue in wanted:
        known[str(issue["key"])] = issue
    for _ in range(2):  # a sub-task's grandparent is as far as the hierarchy goes
        missing = {
            str(i["parent"]) for i in known.values() if i.get("parent") and i["parent"] not in known
        }
        numbers = [parts[1] for key in sorted(missing) if (parts := split_issue_key(key))]
        for parent in await ctx.get_many([keys.issue(project_id, n) for n in numbers]):
            known[str(parent["key"])] = parent

    def epic(key: str | None, depth: int = 0) -> str | None:
        issue = known.get(key) if key else None
        if issue is None or depth > 2:
            return None
        if issue.get("type") == IssueType.EPIC:
            return str(issue["key"])
        return epic(issue.get("parent"), depth + 1)

    return {str(i["key"]): epic(str(i["key"])) for i in wanted}
