"""Live updates: a project's events as server-sent events, and the tickets that let a
browser's EventSource (which cannot send headers) open the stream."""

from collections.abc import AsyncIterator
from typing import Annotated, Any, Final

import orjson
from fastapi import Depends, Header, Query, Request
from fastapi.security import HTTPBearer
from starlette.responses import Response, StreamingResponse

from taskdeck.api.deps import (
    Authenticated,
    BearerCaller,
    ProjectKeyPath,
    api_router,
    container_of,
    json_response,
)
from taskdeck.api.schemas import Schema
from taskdeck.services.live import LiveStream
from taskdeck.services.live_position import MAX_TOKEN_LENGTH

router = api_router("live")

HEARTBEAT_SECONDS: Final = 15.0
RETRY_MILLISECONDS: Final = 2_000
SHOWN: Final = ("id", "kind", "at", "actor", "data")
EVENT_STREAM: Final = "text/event-stream"


class StreamTicketOut(Schema):
    """A ticket for `?ticket=` on the project's event stream."""

    ticket: str
    expires_in: int


class Listener(HTTPBearer):
    """Who opens a stream: a stream ticket in `?ticket=`, else the bearer token."""

    _bearer = BearerCaller(auto_error=False)

    async def __call__(self, request: Request) -> tuple[str, str | None]:  # type: ignore[override]
        """(user id, the ticket's project id or None); 401 without valid credentials."""
        ticket = request.query_params.get("ticket")
        if ticket is not None:
            user_id, project_id = container_of(request).live.ticket_holder(ticket)
            return user_id, project_id
        caller = await self._bearer(request)
        return caller.user_id, None


ListenerOf = Annotated[
    tuple[str, str | None],
    Depends(Listener(auto_error=False, description="An access or API token (or `?ticket=`)")),
]
Ticket = Annotated[
    str | None,
    Query(max_length=2048, description="From POST .../events/ticket, instead of a bearer token"),
]
ResumeQuery = Annotated[
    str | None,
    Query(max_length=MAX_TOKEN_LENGTH, description="As `Last-Event-ID`, for a new EventSource"),
]
ResumeHeader = Annotated[
    str | None,
    Header(
        alias="Last-Event-ID",
        max_length=MAX_TOKEN_LENGTH,
        description="The `id` of the last event received: the stream sends what came after",
    ),
]
_STREAM: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Server-sent events: `id` (a resume token), `event` (the kind), "
        "`data` (JSON: id, kind, at, actor, data)",
        "content": {EVENT_STREAM: {"schema": {"type": "string"}}},
    }
}


@router.post("/projects/{key}/events/ticket", response_model=StreamTicketOut)
async def create_stream_ticket(key: ProjectKeyPath, caller: Authenticated) -> Response:
    """A ticket, valid for a minute, that opens this project's event stream for the caller
    as `?ticket=` (for EventSource, which cannot send an Authorization header)."""
    return json_response(await caller.services.live.ticket(caller.user_id, key))


@router.get(
    "/projects/{key}/events",
    response_class=Response,
    responses=_STREAM,
)
async def stream_events(
    key: ProjectKeyPath,
    request: Request,
    listener: ListenerOf,
    ticket: Ticket = None,
    last_event_id: ResumeQuery = None,
    last_event_id_header: ResumeHeader = None,
) -> Response:
    """The project's events as they happen (members and viewers), each change within about
    a second whichever worker made it. With `Last-Event-ID` (or `?last_event_id=`), first
    every event after that one, without gaps or repeats."""
    user_id, ticket_project = listener
    stream = await container_of(request).live.open(
        user_id,
        key,
        resume=last_event_id_header or last_event_id,
        ticket_project=ticket_project,
    )
    # Neither caches nor proxies (nginx: X-Accel-Buffering) may hold the events back.
    headers = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
    return StreamingResponse(_server_sent(stream), headers=headers, media_type=EVENT_STREAM)


async def _server_sent(stream: LiveStream) -> AsyncIterator[bytes]:
    """The stream in the `text/event-stream` format, with a comment as heartbeat."""
    yield b"retry: %d\n\n" % RETRY_MILLISECONDS
    async for event in stream.events(heartbeat_seconds=HEARTBEAT_SECONDS):
        if event is None:
            yield b": heartbeat\n\n"
            continue
        data = orjson.dumps({name: event[name] for name in SHOWN})
        yield b"id: %s\nevent: %s\ndata: %s\n\n" % (
            stream.token().encode(),
            event["kind"].encode(),
            data,
        )
