"""Request and response bodies of webhooks and their deliveries."""

from typing import Annotated, Literal

from pydantic import Field

from taskdeck.api.schemas import Schema, Strict
from taskdeck.domain.webhooks import ALL_EVENTS, EVENT_KINDS, SECRET_MAX, SECRET_MIN, URL_MAX

EventKind = Annotated[
    str, Field(max_length=64, json_schema_extra={"enum": [ALL_EVENTS, *EVENT_KINDS]})
]


class WebhookIn(Strict):
    """A URL to POST a project's events to."""

    url: Annotated[
        str,
        Field(
            min_length=1,
            max_length=URL_MAX,
            description="http or https; not an address inside the server's host or network",
        ),
    ]
    secret: Annotated[
        str,
        Field(
            min_length=SECRET_MIN,
            max_length=SECRET_MAX,
            description="Signs each delivery (X-Taskdeck-Signature); never shown again",
        ),
    ]
    events: Annotated[
        list[EventKind] | None,
        Field(max_length=len(EVENT_KINDS) + 1, description='The kinds to send; "*" or none: all'),
    ] = None


class WebhookOut(Schema):
    """A webhook and how its deliveries have gone (never its secret)."""

    id: str
    project: str
    url: str
    events: list[str]
    enabled: bool = Field(description="False once disabled after repeated failed deliveries")
    secret_set: bool
    created_at: str
    created_by: str
    last_status: int | None = Field(description="The HTTP status of the last attempt")
    last_error: str | None
    last_delivery_at: str | None
    consecutive_failures: int = Field(description="Failed attempts since the last success")
    failed_deliveries: int = Field(
        description="Deliveries that used every attempt since the last success"
    )
    disabled_at: str | None


class WebhookDeliveryOut(Schema):
    """One event's delivery to a webhook."""

    id: str = Field(description="Sent as X-Taskdeck-Delivery")
    event: str = Field(description="The event's id (the body's `id`)")
    kind: str
    state: Literal["pending", "delivered", "failed", "cancelled"]
    attempts: int
    last_status: int | None
    last_error: str | None
    created_at: str
    last_attempt_at: str | None
    next_attempt_at: str | None
    delivered_at: str | None
