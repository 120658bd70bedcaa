"""One ASGI middleware for what every request needs: a request id, a body size limit,
a content-type check, a record of each answer (Prometheus counters on a server,
CloudWatch metrics on Lambda) and a JSON access log line.

Written as plain ASGI rather than Starlette's BaseHTTPMiddleware, which costs a task
and a stream per request: this is on the hot path of every call.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from taskdeck.api.errors import problem
from taskdeck.logs import AccessLog, request_id

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

RequestRecorder = Callable[[str, str, int, float], None]
"""What is told of each answered request: its method, its route's template (`GET
/api/v1/issues/{key}`, never the raw path, so the number of series stays bounded;
"unmatched" if no route matched), its status (500 if the app raised) and its seconds."""
UNMATCHED = "unmatched"
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key == name:
            return str(value.decode("latin-1"))
    return None


def _media(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def _json_ok(content_type: str | None) -> bool:
    media = _media(content_type)
    return media == "application/json" or media.endswith("+json")


def _multipart_ok(content_type: str | None) -> bool:
    return _media(content_type) == "multipart/form-data"


MULTIPART_OVERHEAD = 128 * 1024
"""Room for a multipart body's boundaries and part headers beyond the file's bytes."""


class RequestMiddleware:
    """Request id, limits, metrics and access log around the app."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        record: RequestRecorder,
        max_body_bytes: int,
        log_requests: bool,
        upload_path: re.Pattern[str] | None = None,
        max_upload_bytes: int = 0,
    ) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        # Uploads (POST to `upload_path`) are multipart, up to the upload cap: the route
        # enforces the file's exact size as it streams; this stops bodies far past it.
        self.upload_path = upload_path
        self.max_upload_body = max_upload_bytes + MULTIPART_OVERHEAD
        self.access_log = AccessLog() if log_requests else None
        self.record = record

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Handle one request."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        given = _header(scope, b"x-request-id")
        rid = given if given and _SAFE_ID.match(given) else os.urandom(12).hex()
        token = request_id.set(rid)
        status = 500
        rid_header = (b"x-request-id", rid.encode())

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), rid_header]
            await send(message)

        try:
            if scope["method"] not in _BODY_METHODS:
                await self.app(scope, receive, send_with_id)
                return
            upload = (
                self.upload_path is not None
                and scope["method"] == "POST"
                and self.upload_path.fullmatch(scope["path"]) is not None
            )
            limit = self.max_upload_body if upload else self.max_body_bytes
            if (refusal := self._refusal(scope, limit, upload=upload)) is not None:
                await refusal(scope, receive, send_with_id)
            else:
                await self._call_limited(scope, receive, send_with_id, limit)
        finally:
            self._record(scope, status, time.perf_counter() - started)
            request_id.reset(token)

    def _refusal(self, scope: Scope, limit: int, *, upload: bool) -> ASGIApp | None:
        length = _header(scope, b"content-length")
        if length is not None and (
            not (length.isascii() and length.isdigit()) or int(length) > limit
        ):
            return problem(413, f"the body is over {limit} bytes")
        has_body = length not in (None, "0") or _header(scope, b"transfer-encoding") is not None
        content_type = _header(scope, b"content-type")
        if upload and has_body and not _multipart_ok(content_type):
            return problem(415, "send the file as multipart/form-data")
        if not upload and has_body and not _json_ok(content_type):
            return problem(415, "send the body as application/json")
        return None

    async def _call_limited(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        """Run the app, answering 413 the moment a streamed body goes over the limit.

        The app then sees the client disconnect, and whatever it tries to send after
        the 413 is dropped.
        """
        received = 0
        started = False
        refused = False

        async def limited_receive() -> Message:
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit and not started:
                    refused = True
                    too_large = problem(413, f"the body is over {limit} bytes")
                    await too_large(scope, receive, send)
                    return {"type": "http.disconnect"}
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if refused:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        await self.app(scope, limited_receive, tracking_send)

    def _record(self, scope: Scope, status: int, seconds: float) -> None:
        # Starlette puts the matched route in the scope; its path is the template.
        template = getattr(scope.get("route"), "path", None) or UNMATCHED
        method = scope["method"]
        self.record(method, template, status, seconds)
        if self.access_log is not None:
            path = scope["path"]
            self.access_log.write(
                f"{method} {path} {status}",
                {
                    "method": method,
                    "path": path,
                    "route": template,
                    "status": status,
                    "duration_ms": round(seconds * 1000, 3),
                },
            )
