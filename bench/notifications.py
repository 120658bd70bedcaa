"""The notification rows of the bench: a burst of changes fanned out to watchers and a
webhook, and what it does to the API's latency.

Target: with `WATCHERS` watchers on one issue and a webhook subscribed, `BURST` comments
on the issue are fully delivered (every watcher's inbox written, the webhook called once
per event) within `DELIVERY_TARGET_S` of the first; and the p99 latency of a GET of
another issue, probed one request at a time during the burst and its delivery, stays
within twice its p99 while idle.

The webhook's receiver is an HTTP server in this process on 127.0.0.1, so the server
under test must run with `TASKDECK_WEBHOOK_ALLOW_PRIVATE=true` (`servers.taskdeck`
sets it). Run on its own: `.venv/bin/python bench/notifications.py`.
"""

from __future__ import annotations

import asyncio
import contextlib
import http.server
import json
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import servers
from seed import CONCURRENCY, SeedError, expect, sign_in

PROJECT = "NOTE"
WATCHERS = 50
BURST = 1_000
DELIVERY_TARGET_S = 10.0
LATENCY_FACTOR = 2.0
IDLE_PROBE_S = 5.0
DELIVERY_TIMEOUT_S = 120.0
PASSWORD = "bench-Password-1234"


class Receiver(http.server.ThreadingHTTPServer):
    """A webhook receiver that records the event ids it was sent."""

    def __init__(self) -> None:
        super().__init__((servers.HOST, 0), _Handler)
        self.events: set[str] = set()
        self.lock = threading.Lock()

    @property
    def url(self) -> str:
        """Where the webhook posts."""
        return f"http://{servers.HOST}:{self.server_address[1]}/hook"


class _Handler(http.server.BaseHTTPRequestHandler):
    server: Receiver

    def do_POST(self) -> None:  # the name http.server dispatches on
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with self.server.lock:
            self.server.events.add(json.loads(body)["id"])
        self.send_response(204)
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: a thousand deliveries are not news."""


@contextlib.contextmanager
def receiving() -> Iterator[Receiver]:
    """A receiver serving in a thread for the duration of the block."""
    receiver = Receiver()
    thread = threading.Thread(target=receiver.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        receiver.shutdown()
        receiver.server_close()


def seed(client: httpx.Client, token: str, hook_url: str) -> list[dict[str, str]]:
    """The project, its watchers (signed-up members watching NOTE-1), a second issue to
    probe and the webhook; the watchers' auth headers."""
    owner = {"Authorization": f"Bearer {token}"}
    expect(
        client.post("/api/v1/projects", json={"key": PROJECT, "name": "Notes"}, headers=owner), 201
    )
    for title in ("Watched", "Probed"):
        issue = {"type": "task", "title": title}
        expect(client.post(f"/api/v1/projects/{PROJECT}/issues", json=issue, headers=owner), 201)
    watchers = []
    for number in range(WATCHERS):
        email = f"watcher{number}@example.com"
        user = {"email": email, "password": PASSWORD, "name": f"Watcher {number}"}
        user_id = expect(client.post("/api/v1/auth/signup", json=user), 201)["id"]
        member = {"user_id": user_id, "role": "member"}
        expect(client.post(f"/api/v1/projects/{PROJECT}/members", json=member, headers=owner), 201)
        watch = {"user_id": user_id}
        expect(client.post(f"/api/v1/issues/{PROJECT}-1/watchers", json=watch, headers=owner), 200)
        login = {"email": email, "password": PASSWORD}
        tokens = expect(client.post("/api/v1/auth/login", json=login), 200)
        watchers.append({"Authorization": f"Bearer {tokens['access_token']}"})
    hook = {"url": hook_url, "secret": "bench-secret-0123456789"}
    expect(client.post(f"/api/v1/projects/{PROJECT}/webhooks", json=hook, headers=owner), 201)
    return watchers


class Probe:
    """GETs of one issue, one at a time in a thread, recording each latency."""

    def __init__(self, base_url: str, token: str) -> None:
        self._url = f"{base_url}/api/v1/issues/{PROJECT}-2"
        self._headers = {"Authorization": f"Bearer {token}"}
        self.latencies_ms: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        with httpx.Client(headers=self._headers, timeout=30.0) as client:
            while not self._stop.is_set():
                started = time.perf_counter()
                expect(client.get(self._url), 200)
                self.latencies_ms.append((time.perf_counter() - started) * 1000)
                time.sleep(0.005)

    def __enter__(self) -> Probe:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def p99(values: list[float]) -> float:
    """The 99th percentile."""
    return statistics.quantiles(values, n=100)[98] if len(values) > 1 else values[0]


async def burst(base_url: str, token: str) -> None:
    """BURST comments on NOTE-1 over CONCURRENCY connections."""
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=base_url, headers=headers, timeout=60.0) as client:

        async def comment(numbers: range) -> None:
            for number in numbers:
                body = {"body": f"Change {number}"}
                response = await client.post(f"/api/v1/issues/{PROJECT}-1/comments", json=body)
                expect(response, 201)

        await asyncio.gather(*(comment(range(i, BURST, CONCURRENCY)) for i in range(CONCURRENCY)))


def inbox_size(client: httpx.Client, headers: dict[str, str]) -> int:
    """How many notifications one watcher has."""
    total, cursor = 0, None
    while True:
        params: dict[str, Any] = {"limit": 200, **({"cursor": cursor} if cursor else {})}
        page = expect(client.get("/api/v1/me/notifications", params=params, headers=headers), 200)
        total += len(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return total


def run_notifications(base_url: str, token: str) -> dict[str, Any]:
    """Seed, burst, wait for every delivery; the printed lines and figures for the JSON."""
    print(f"seeding {WATCHERS} watchers and a webhook in {PROJECT}", file=sys.stderr)
    with receiving() as receiver, httpx.Client(base_url=base_url, timeout=30.0) as client:
        watchers = seed(client, token, receiver.url)
        with Probe(base_url, token) as idle:
            time.sleep(IDLE_PROBE_S)
        print(f"a burst of {BURST} comments", file=sys.stderr)
        with Probe(base_url, token) as busy:
            started = time.monotonic()
            asyncio.run(burst(base_url, token))
            sent_s = time.monotonic() - started
            last = watchers[-1]
            while time.monotonic() - started < DELIVERY_TIMEOUT_S:
                if len(receiver.events) >= BURST and inbox_size(client, last) >= BURST:
                    break
                time.sleep(0.1)
            delivered_s = time.monotonic() - started
        inboxes = [inbox_size(client, headers) for headers in watchers]
        hooked = len(receiver.events)
    complete = hooked >= BURST and all(size >= BURST for size in inboxes)
    idle_p99, busy_p99 = p99(idle.latencies_ms), p99(busy.latencies_ms)
    figures: dict[str, Any] = {
        "burst_sent_seconds": sent_s,
        "delivered_seconds": delivered_s,
        "webhook_events": hooked,
        "smallest_inbox": min(inboxes),
        "idle_p99_ms": idle_p99,
        "busy_p99_ms": busy_p99,
        "probes": [len(idle.latencies_ms), len(busy.latencies_ms)],
    }
    delivery = "pass" if complete and delivered_s < DELIVERY_TARGET_S else "miss"
    latency = "pass" if busy_p99 <= LATENCY_FACTOR * idle_p99 else "miss"
    lines = [
        f"notifications: {BURST} comments to {WATCHERS} watchers and a webhook, sent in "
        f"{sent_s:.1f} s, all delivered in {delivered_s:.1f} s "
        f"(target < {DELIVERY_TARGET_S:.0f} s; "
        f"webhook got {hooked}, smallest inbox {min(inboxes)}): {delivery}",
        f"notifications: GET p99 during the burst {busy_p99:.1f} ms vs idle "
        f"{idle_p99:.1f} ms (target <= {LATENCY_FACTOR:.0f}x): {latency}",
    ]
    for line in lines:
        print(f"  {line}", file=sys.stderr)
    return {"lines": lines, "figures": figures, "verdicts": [delivery, latency]}


def main() -> int:
    """Start a server of its own and print the notification rows."""
    with contextlib.ExitStack() as stack:
        work_dir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="taskdeck-note-")))
        try:
            server = stack.enter_context(servers.taskdeck(work_dir))
            with httpx.Client(base_url=server.url, timeout=30.0) as client:
                token = sign_in(client)
            rows = run_notifications(server.url, token)
        except (servers.ServerError, SeedError) as error:
            print(f"bench failed: {error}", file=sys.stderr)
            return 1
    print("\n".join(rows["lines"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
