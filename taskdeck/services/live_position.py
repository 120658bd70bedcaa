"""Where a live-event stream stands: what its client has received, as a resume token.

An event's id (a ULID) is made just before its transaction commits, so an event can
become visible after one with a later id was already sent. The id of the last event sent
therefore cannot say what the client has: resuming after it could skip such a late
event. A position says it exactly: every event of the project up to `floor`, and the
events `recent` after it. The floor only passes instants older than the settle window
(by which every commit is visible), so `recent` holds only the last few seconds' events.

The token is `<floor>` or `<floor>.<id>.<id>...`; a plain event id is a valid token too
(everything up to that event).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

from ulid import ULID

from taskdeck.domain.errors import BadRequest

MAX_RECENT_IN_TOKEN: Final = 40
"""At most this many recent ids go into a token: a token leaving some out makes a resumed
stream send those again (duplicates a client drops by id), never skip one."""
MAX_TOKEN_LENGTH: Final = 27 * (MAX_RECENT_IN_TOKEN + 1)


def id_floor(seconds: float) -> str:
    """The smallest ULID of the millisecond `seconds` (a Unix time) falls in."""
    return str(ULID.from_bytes(int(seconds * 1000).to_bytes(6, "big") + bytes(10)))


@dataclass(slots=True)
class Position:
    """What a stream's client has received."""

    floor: str
    recent: set[str] = field(default_factory=set)

    @classmethod
    def parse(cls, token: str) -> Position:
        """The position a resume token names; 400 if it is not one."""
        parts = token.strip().split(".")
        if len(token) > MAX_TOKEN_LENGTH:
            raise BadRequest("the Last-Event-ID is too long")
        try:
            ids = [str(ULID.from_str(part)) for part in parts]
        except ValueError as error:
            raise BadRequest("the Last-Event-ID is not one this stream gave") from error
        return cls(ids[0], {i for i in ids[1:] if i > ids[0]})

    def has(self, event_id: str) -> bool:
        """Whether the client has this event."""
        return event_id <= self.floor or event_id in self.recent

    def add(self, event_id: str) -> None:
        """Record that the client got this event."""
        if event_id > self.floor:
            self.recent.add(event_id)

    def raise_floor(self, floor: str) -> None:
        """Everything up to `floor` has been received: forget the ids it covers."""
        if floor > self.floor:
            self.floor = floor
            self.recent = {i for i in self.recent if i > floor}

    def token(self) -> str:
        """The resume token (the newest recent ids when there are too many)."""
        return ".".join([self.floor, *sorted(self.recent)[-MAX_RECENT_IN_TOKEN:]])
