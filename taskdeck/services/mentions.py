"""Who a text mentions: `@name` tokens matched against the project's members.

A name matches a member whose email address has that part before the `@` (without
regard to case), or whose user id it is exactly. A name that matches no member mentions
nobody; a name that several members share mentions each of them. Nothing is cached
across requests: membership is read afresh each time a text is written.
"""

from __future__ import annotations

from typing import Final

from taskdeck.domain.mentions import mention_tokens
from taskdeck.services import keys
from taskdeck.services.context import Context

MAX_MEMBER_PAGES: Final = 50
"""Pages of 200 members read at most (10,000 members)."""


async def member_ids(ctx: Context, project_id: str) -> list[str]:
    """The ids of the project's members, in id order."""
    partition = keys.project(project_id)[0]
    found: list[str] = []
    cursor = None
    for _ in range(MAX_MEMBER_PAGES):
        page = await ctx.table.query(partition, sk=keys.MEMBERS, limit=200, cursor=cursor)
        found += [m["user_id"] for m in page.items]
        cursor = page.cursor
        if cursor is None:
            break
    return found


async def mentioned_members(ctx: Context, project_id: str, text: str) -> list[str]:
    """The user ids of the members `text` mentions, each once, in order of mention."""
    tokens = mention_tokens(text)
    if not tokens:
        return []
    ids = await member_ids(ctx, project_id)
    users = await ctx.get_many([keys.user(uid) for uid in ids])
    by_local_part: dict[str, list[str]] = {}
    for user in sorted(users, key=lambda u: str(u["id"])):
        local_part = str(user["email"]).rpartition("@")[0].casefold()
        by_local_part.setdefault(local_part, []).append(user["id"])
    members = set(ids)
    mentioned: dict[str, None] = {}
    for token in tokens:
        if token in members:
            mentioned.setdefault(token, None)
        for user_id in by_local_part.get(token.casefold(), ()):
            mentioned.setdefault(user_id, None)
    return list(mentioned)
