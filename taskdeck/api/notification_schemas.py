"""Request and response bodies of the inbox and notification settings."""

from typing import Annotated, Literal

from pydantic import Field

from taskdeck.api.schemas import Schema, Strict, UserOut
from taskdeck.domain.notifications import Channel, Kind
from taskdeck.services.notifications import UNREAD_COUNT_CAP


class MeOut(UserOut):
    """The caller's account and what waits for them."""

    unread_notifications: int = Field(
        description=f"Unread notifications, counted up to {UNREAD_COUNT_CAP} (that many or more)"
    )


class NotificationOut(Schema):
    """One notification in the caller's inbox."""

    id: str = Field(description="The id of the event it tells of")
    kind: Kind
    issue: str
    project: str
    actor: str
    summary: str
    read: bool
    created_at: str


class MarkRead(Strict):
    """Which notifications to mark read: some by id, or all."""

    ids: (
        Annotated[list[Annotated[str, Field(max_length=26)]], Field(min_length=1, max_length=100)]
        | None
    ) = None
    all: Literal[True] | None = None


class Channels(Strict):
    """Where one kind of notification goes."""

    in_app: bool
    email: bool


class NotificationSettings(Strict):
    """Channels per kind of notification; kinds left out of a PUT keep their defaults."""

    assigned: Channels | None = None
    mentioned: Channels | None = None
    comment: Channels | None = None
    status_change: Channels | None = None
    updated: Channels | None = None
    attachment: Channels | None = None
    due_soon: Channels | None = None
    overdue: Channels | None = None

    def chosen(self) -> dict[Kind, dict[Channel, bool]]:
        """The kinds given, with their channels as the domain names them."""
        return {
            kind: {Channel.IN_APP: choice.in_app, Channel.EMAIL: choice.email}
            for kind in Kind
            if (choice := getattr(self, kind.value)) is not None
        }
