"""Reading a server-sent event stream of a real server, as a client would."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import orjson

ARRIVAL_TIMEOUT_S = 10.0
"""Changes arrive within a second; the tests wait longer so a busy machine does not fail."""


@dataclass(frozen=True)
class ServerEvent:
    """One event as the stream sent it."""

    id: str
    kind: str
    data: dict[str, Any]


class EventStream:
    """An open `text/event-stream` response."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response
        self._lines = response.aiter_lines()

    async def next(self) -> ServerEvent | None:
        """The next event (heartbeats and `retry` skipped); None when the stream ends."""
        async with asyncio.timeout(ARRIVAL_TIMEOUT_S):
            return await self._next()

    async def _next(self) -> ServerEvent | None:
        fields: dict[str, str] = {}
        async for line in self._lines:
            if line == "":
                if "event" in fields:
                    return ServerEvent(fields["id"], fields["event"], orjson.loads(fields["data"]))
                fields = {}
            elif not line.startswith(":"):
                name, _, value = line.partition(":")
                fields[name] = value.removeprefix(" ")
        return None


@contextlib.asynccontextmanager
async def listening(
    url: str, path: str, *, headers: dict[str, str] | None = None, **params: str
) -> AsyncIterator[EventStream]:
    """The stream at `path`, open for the block (any status: the test checks it)."""
    async with (
        httpx.AsyncClient(base_url=url, timeout=30.0) as client,
        client.stream("GET", path, headers=headers, params=params) as response,
    ):
        yield EventStream(response)
