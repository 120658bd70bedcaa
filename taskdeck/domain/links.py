"""Links between issues: each kind and its inverse, as the other issue shows it."""

from __future__ import annotations

from enum import StrEnum


class LinkType(StrEnum):
    """How one issue relates to another, from the first one's side."""

    BLOCKS = "blocks"
    IS_BLOCKED_BY = "is_blocked_by"
    RELATES_TO = "relates_to"
    DUPLICATES = "duplicates"
    IS_DUPLICATED_BY = "is_duplicated_by"

    @property
    def inverse(self) -> LinkType:
        """The same link seen from the other issue."""
        return _INVERSE[self]


_INVERSE = {
    LinkType.BLOCKS: LinkType.IS_BLOCKED_BY,
    LinkType.IS_BLOCKED_BY: LinkType.BLOCKS,
    LinkType.RELATES_TO: LinkType.RELATES_TO,
    LinkType.DUPLICATES: LinkType.IS_DUPLICATED_BY,
    LinkType.IS_DUPLICATED_BY: LinkType.DUPLICATES,
}
