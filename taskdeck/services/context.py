"""What every use case works with: the ports and a few shared helpers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from taskdeck.ports import Clock, Table
from taskdeck.services.ids import IdGenerator


class SystemClock:
    """The real clock."""

    def now(self) -> datetime:
        """The current UTC time."""
        return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Context:
    """The ports a use case may touch."""

    table: Table
    clock: Clock
    ids: IdGenerator

    def timestamp(self) -> str:
        """Now, as the ISO 8601 UTC string stored and shown everywhere."""
        return iso(self.clock.now())


def iso(moment: datetime) -> str:
    """An ISO 8601 UTC string with milliseconds and a `Z`."""
    return (
        moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
    )
