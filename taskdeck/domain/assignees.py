"""The assignee filter the issue list, the board and the reports share: a user id, `me`
(whoever asks) or `none` (issues nobody is assigned to)."""

from __future__ import annotations

from typing import Any, Final

ME: Final = "me"
"""The filter value that stands for the caller."""
UNASSIGNED: Final = "none"
"""The filter value that asks for the issues nobody is assigned to."""


def resolve_me(wanted: str | None, caller: str) -> str | None:
    """The filter as `caller` meant it: `me` is their user id; a user id, `none` and None
    (anyone) stay as they are."""
    return caller if wanted == ME else wanted


def matches_assignee(assignee: Any, wanted: str | None) -> bool:
    """Whether an issue assigned to `assignee` (None: nobody) passes the filter `wanted`
    (a user id or `none`, `me` already resolved; None: anyone)."""
    return wanted is None or (assignee or UNASSIGNED) == wanted


def indexed_assignee(wanted: str | None) -> str | None:
    """The user whose issues the filter keeps, to read from the assignee index (gsi1,
    `USER#<id>`); None when it keeps anyone's or nobody's issues."""
    return None if wanted in (None, UNASSIGNED) else wanted
