"""What every use case works with: the ports and a few shared helpers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import NamedTuple

from taskdeck.ports import MAX_BATCH_GET, Clock, Item, Table
from taskdeck.services.ids import IdGenerator


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        """The current UTC time."""
        return datetime.now(UTC)


class Context(NamedTuple):
    """The ports a use case may touch."""

    table: Table
    clock: Clock
    ids: IdGenerator

    async def get_many(self, wanted: Sequence[tuple[str, str]]) -> list[Item]:
        """The items that exist among any number of keys, in batches the store accepts."""
        found: list[Item] = []
        for start in range(0, len(wanted), MAX_BATCH_GET):
            found += await self.table.batch_get(wanted[start : start + MAX_BATCH_GET])
        return found

    def timestamp(self) -> str:
        """Now, as the ISO 8601 UTC string stored and shown everywhere."""
        return iso(self.clock.now())


def iso(moment: datetime) -> str:
    """An ISO 8601 UTC string with milliseconds and a `Z` (`isoformat`: `strftime` took
    twice as long, on every write, and left years before 1000 unpadded)."""
    return moment.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="milliseconds") + "Z"
