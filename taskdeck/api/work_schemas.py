"""Request and response bodies of links and worklogs."""

import datetime as dt
from typing import Annotated

from pydantic import Field

from taskdeck.api.schemas import Omitted, Schema, Strict
from taskdeck.domain.links import LinkType
from taskdeck.services.worklogs import MAX_MINUTES, NOTE_MAX

Minutes = Annotated[int, Field(ge=1, le=MAX_MINUTES, description="1 to 1,440 per entry")]
Note = Annotated[str, Field(max_length=NOTE_MAX)]


class LinkIn(Strict):
    """A link from this issue to another."""

    type: LinkType
    issue: Annotated[str, Field(min_length=3, max_length=21, description="The other issue's key")]


class LinkOut(Schema):
    """A link, from its issue's side."""

    id: str
    type: LinkType
    issue: str
    created_by: str
    created_at: str


class WorklogIn(Strict):
    """Time spent on an issue."""

    minutes: Minutes
    date: dt.date = Field(description="The day worked; not later than tomorrow")
    note: Note | None = None
    remaining_minutes: Annotated[int, Field(ge=0, le=10_000_000)] | None = Field(
        default=None, description="Set the issue's remaining estimate (else it goes down)"
    )


class WorklogUpdate(Strict):
    """Worklog fields to change."""

    minutes: Minutes | Omitted = None
    date: dt.date | Omitted = None
    note: Note | None = None


class WorklogOut(Schema):
    """A worklog."""

    id: str
    issue: str
    author: str
    minutes: int
    date: str
    note: str | None
    created_at: str
    version: int
