"""Reading the items kept in an issue's partition (comments, worklogs, links, ...)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from taskdeck.ports import Item, KeyCondition, Page
from taskdeck.services import keys
from taskdeck.services.context import Context
from taskdeck.services.issues import IssueRef


async def issue_page(
    ctx: Context,
    ref: IssueRef,
    sk: KeyCondition,
    show: Callable[[Item], dict[str, Any]],
    *,
    limit: int,
    cursor: str | None,
) -> Page:
    """One page of the issue's items whose sort key meets `sk`, in sort-key order, each as
    `show` makes it."""
    partition = keys.issue_partition(ref.access.project_id, ref.number)
    page = await ctx.table.query(partition, sk=sk, limit=limit, cursor=cursor)
    return Page([show(item) for item in page.items], page.cursor)
