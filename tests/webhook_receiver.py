"""A real HTTP receiver of webhooks on 127.0.0.1: it checks each delivery's signature as
docs/webhooks.md tells receivers to, records what came, and answers with the statuses it
is told to."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

SECRET = "a-webhook-secret-of-some-length"
TOLERANCE_SECONDS = 300


def verified(secret: str, header: str, body: bytes) -> bool:
    """Whether `X-Taskdeck-Signature` signs `body` with `secret`, recently."""
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    timestamp = parts.get("t", "")
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > TOLERANCE_SECONDS:
        return False
    expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return hmac.compare_digest(expected.hexdigest(), parts.get("v1", ""))


@dataclass(frozen=True)
class Received:
    """One request the receiver got."""

    headers: dict[str, str]
    body: dict[str, Any]
    signed: bool
    at: float


@dataclass
class Receiver:
    """What the receiver got, and what it answers."""

    url: str = ""
    secret: str = SECRET
    answers: list[int] = field(default_factory=list)
    """Statuses to answer with, one per request, before `default`."""
    default: int = 200
    stall_seconds: float = 0.0
    """How long to wait before answering (a receiver that hangs)."""
    received: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def answer(self) -> int:
        """The status for the next request."""
        with self.lock:
            return self.answers.pop(0) if self.answers else self.default

    def wait_for(self, count: int, seconds: float = 15.0) -> list[Received]:
        """Block until `count` requests came (for tests whose app runs in another thread)."""
        deadline = time.monotonic() + seconds
        while len(self.received) < count and time.monotonic() < deadline:
            time.sleep(0.01)
        assert len(self.received) >= count, f"got {len(self.received)} of {count} requests"
        return list(self.received)

    async def arrived(self, count: int, seconds: float = 15.0) -> list[Received]:
        """Wait, without blocking the event loop, until `count` requests came."""
        for _ in range(int(seconds / 0.01)):
            if len(self.received) >= count:
                break
            await asyncio.sleep(0.01)
        assert len(self.received) >= count, f"got {len(self.received)} of {count} requests"
        return list(self.received)


@contextmanager
def webhook_receiver(secret: str = SECRET) -> Iterator[Receiver]:
    """A receiver on a free port of 127.0.0.1, for the duration of the block."""
    receiver = Receiver(secret=secret)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            signed = verified(receiver.secret, self.headers.get("X-Taskdeck-Signature", ""), body)
            status = receiver.answer()
            with receiver.lock:
                receiver.received.append(
                    Received(dict(self.headers.items()), json.loads(body), signed, time.time())
                )
            time.sleep(receiver.stall_seconds)
            with contextlib.suppress(ConnectionError):  # the sender gave up waiting
                self.send_response(status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

        def log_message(self, format: str, *args: Any) -> None:
            return

    class Server(ThreadingHTTPServer):
        daemon_threads = True
        request_queue_size = 256  # the default 5 drops concurrent deliveries' connections

    server = Server(("127.0.0.1", 0), Handler)
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/taskdeck"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
