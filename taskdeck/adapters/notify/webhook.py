"""Webhook deliveries over HTTP with httpx: resolve the host, then POST to the address the
caller checked, so that a name which resolves elsewhere a moment later (DNS rebinding)
cannot turn a delivery towards the host's own network."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Mapping
from typing import Final
from urllib.parse import urlsplit, urlunsplit

import httpx

from taskdeck.ports import WebhookUnreachable

RESOLVE_SECONDS: Final = 5.0
CONNECT_SECONDS: Final = 5.0
READ_SECONDS: Final = 10.0
TOTAL_SECONDS: Final = 30.0
"""The most one delivery may take, whatever the receiver does."""
ANSWER_BYTES: Final = 64 * 1024
"""Read at most this much of an answer (enough to keep the connection for the next)."""


class HttpWebhookTransport:
    """The `WebhookTransport` of httpx: no proxies from the environment, no redirects."""

    def __init__(self) -> None:
        self._client: httpx.AsyncClient | None = None

    def _http(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient(
                timeout=httpx.Timeout(READ_SECONDS, connect=CONNECT_SECONDS),
                follow_redirects=False,
                trust_env=False,
            )
        return self._client

    async def resolve(self, host: str, port: int) -> list[str]:
        """The host's addresses, in the resolver's order, each once."""
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(RESOLVE_SECONDS):
                found = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError, TimeoutError) as error:
            raise WebhookUnreachable(f"{host} does not resolve") from error
        addresses = list(dict.fromkeys(str(info[4][0]) for info in found))
        if not addresses:
            raise WebhookUnreachable(f"{host} does not resolve")
        return addresses

    async def post(self, url: str, *, address: str, body: bytes, headers: Mapping[str, str]) -> int:
        """POST to `url` over a connection to `address`, with the URL's host in `Host` and
        in TLS (server name and certificate check); the status of the answer."""
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port or (443 if parts.scheme == "https" else 80)
        literal = f"[{address}]" if ":" in address else address
        pinned = urlunsplit(parts._replace(netloc=f"{literal}:{port}"))
        try:
            async with asyncio.timeout(TOTAL_SECONDS):
                return await self._send(pinned, {**headers, "Host": parts.netloc}, body, host)
        except (httpx.HTTPError, httpx.InvalidURL, TimeoutError) as error:
            raise WebhookUnreachable(_describe(error)) from error

    async def _send(self, url: str, headers: dict[str, str], body: bytes, host: str) -> int:
        request = self._http().build_request(
            "POST", url, content=body, headers=headers, extensions={"sni_hostname": host}
        )
        response = await self._http().send(request, stream=True)
        try:
            read = 0
            async for chunk in response.aiter_raw():
                read += len(chunk)
                if read > ANSWER_BYTES:
                    break
            return response.status_code
        finally:
            await response.aclose()

    async def close(self) -> None:
        """Close the pooled connections."""
        if self._client is not None:
            await self._client.aclose()
            self._client = None


def _describe(error: Exception) -> str:
    if isinstance(error, TimeoutError | httpx.TimeoutException):
        return "timed out"
    return f"{type(error).__name__}: {error}"[:500]
