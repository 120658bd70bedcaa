"""The items of links as an issue's deletion sees them (kept apart from `links.py`, which
needs the issue service, so that the issue service can use these)."""

from __future__ import annotations

from taskdeck.ports import Delete, Item, KeyCondition, Operation
from taskdeck.services import keys
from taskdeck.services.context import Context

LINKS = KeyCondition.begins_with("LINK#")


async def links_of(ctx: Context, project_id: str, number: int, *, limit: int) -> list[Item]:
    """The links of an issue (its own sides), at most `limit`."""
    page = await ctx.table.query(keys.issue_partition(project_id, number), sk=LINKS, limit=limit)
    return page.items


def unlinked(project_id: str, number: int, links: list[Item]) -> list[Operation]:
    """Deletes of both sides of each link of a deleted issue."""
    operations: list[Operation] = []
    for link in links:
        operations.append(Delete(link["pk"], link["sk"]))
        far = keys.link(link["other_project_id"], link["other_number"], project_id, number)
        operations.append(Delete(*far))
    return operations
