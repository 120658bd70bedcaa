"""The notification rows of the bench: a burst of changes fanned out to watchers and a
webhook, and what it does to the API's latency.

Target: with `WATCHERS` watchers on one issue and a webhook subscribed, `BURST` comments
on the issue are fully delivered (every watcher's inbox written, the webhook called once
per event) within `DELIVERY_TARGET_S` of the first; and the p99 latency of a GET of
another issue, probed one request at a time during the burst and its delivery, stays
within twice its p99 while idle.

For reference, the same burst of comments goes first (before the watchers are seeded) to
an issue of another project with nobody to notify and no webhook, probed the same way: the
p99 while those comments are sent is what the burst's own requests cost the probe,
delivery apart (the probe waits behind up to `CONCURRENCY` requests on the server's event
loop).

The webhook's receiver is an HTTP server in this process on 127.0.0.1, so the server
under test must run with `TASKDECK_WEBHOOK_ALLOW_PRIVATE=true` (`servers.taskdeck`
sets it). Run on its own: `.venv/bin/python bench/notifications.py`.
"""

from __future__ import annotations

import asyncio
import contextlib
import http.server
import json
import multiprocessing
import statistics
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import servers
from alone import run_alone
from seed import CONCURRENCY, SeedError, expect

PROJECT = "NOTE"
QUIET_PROJECT = "QUIET"
"""The reference burst's project: no webhook, and only its owner, who sends the comments
(nobody hears of their own action)."""
WATCHERS = 50
BURST = 1_000
DELIVERY_TARGET_S = 10.0
LATENCY_FACTOR = 2.0
IDLE_PROBE_S = 5.0
DELIVERY_TIMEOUT_S = 120.0
POLL_S = 0.5
"""How often delivery is checked: paging through a watcher's 1,000 notifications is
load of its own on the server under test."""
PASSWORD = "bench-Password-1234"


class Receiver(http.server.ThreadingHTTPServer):
    """A webhook receiver that records the event ids it was sent."""

    request_queue_size = 256
    """The listen backlog: the default 5 refuses connections under the deliverer's 64
    concurrent sends, which then wait out a retry's backoff."""

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


def project_of_two(client: httpx.Client, owner: dict[str, str], key: str, first: str) -> None:
    """Project `key` with issue 1 titled `first` (the burst's) and issue 2 (the probe's)."""
    expect(client.post("/api/v1/projects", json={"key": key, "name": key}, headers=owner), 201)
    for title in (first, "Probed"):
        issue = {"type": "task", "title": title}
        expect(client.post(f"/api/v1/projects/{key}/issues", json=issue, headers=owner), 201)


def seed(client: httpx.Client, token: str, hook_url: str) -> list[dict[str, str]]:
    """The project, its watchers (signed-up members watching NOTE-1), a second issue to
    probe and the webhook; the watchers' auth headers."""
    owner = {"Authorization": f"Bearer {token}"}
    project_of_two(client, owner, PROJECT, "Watched")
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


def _probe(url: str, headers: dict[str, str], ready: Any, stop: Any, out: Any) -> None:
    """GET `url` one request at a time until `stop` is set; send back when each started
    (`time.monotonic()`, the same clock in every process) and how long it took (ms)."""
    started: list[float] = []
    latencies: list[float] = []
    with httpx.Client(headers=headers, timeout=30.0) as client:
        expect(client.get(url), 200)  # connected, and the first request's costs paid
        ready.set()
        while not stop.is_set():
            began, at = time.perf_counter(), time.monotonic()
            expect(client.get(url), 200)
            latencies.append((time.perf_counter() - began) * 1000)
            started.append(at)
            time.sleep(0.005)
    out.send((started, latencies))


class Probe:
    """GETs of one issue, one at a time, recording each latency: in a process of its own,
    so that this one's threads (the webhook receiver, the burst) never hold the GIL the
    probe waits for, which added up to the 5 ms switch interval to its figures."""

    def __init__(self, base_url: str, token: str, issue: str = f"{PROJECT}-2") -> None:
        url = f"{base_url}/api/v1/issues/{issue}"
        headers = {"Authorization": f"Bearer {token}"}
        context = multiprocessing.get_context("spawn")
        self._ready, self._stop = context.Event(), context.Event()
        self._results, sender = context.Pipe(duplex=False)
        self._process = context.Process(
            target=_probe, args=(url, headers, self._ready, self._stop, sender), daemon=True
        )
        self.latencies_ms: list[float] = []
        self.started: list[float] = []
        """When each probe started (`time.monotonic()`), in step with `latencies_ms`."""

    def __enter__(self) -> Probe:
        self._process.start()
        if not self._ready.wait(30.0):
            raise SeedError("the latency probe did not start")
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self.started, self.latencies_ms = self._results.recv()
        self._process.join()

    def between(self, start: float, end: float) -> list[float]:
        """The latencies of the probes started between two `time.monotonic()` times."""
        pairs = zip(self.started, self.latencies_ms, strict=True)
        return [latency for at, latency in pairs if start <= at < end]


def seconds(value: float | None) -> str:
    """A time in seconds, or that it never came."""
    return "never" if value is None else f"{value:.1f} s"


def milliseconds(value: float | None) -> str:
    """A p99 in milliseconds, or that there were no probes."""
    return "no probes" if value is None else f"{value:.1f} ms"


def p99(values: list[float]) -> float:
    """The 99th percentile."""
    return statistics.quantiles(values, n=100)[98] if len(values) > 1 else values[0]


async def burst(base_url: str, token: str, issue: str = f"{PROJECT}-1") -> None:
    """BURST comments on `issue` over CONCURRENCY connections."""
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=base_url, headers=headers, timeout=60.0) as client:

        async def comment(numbers: range) -> None:
            for number in numbers:
                body = {"body": f"Change {number}"}
                response = await client.post(f"/api/v1/issues/{issue}/comments", json=body)
                expect(response, 201)

        await asyncio.gather(*(comment(range(i, BURST, CONCURRENCY)) for i in range(CONCURRENCY)))


def quiet_burst(client: httpx.Client, base_url: str, token: str) -> float | None:
    """The reference: the p99 of the probe while BURST comments go to an issue with
    nobody to notify and no webhook."""
    project_of_two(client, {"Authorization": f"Bearer {token}"}, QUIET_PROJECT, "Unwatched")
    with Probe(base_url, token, f"{QUIET_PROJECT}-2") as probe:
        started = time.monotonic()
        asyncio.run(burst(base_url, token, f"{QUIET_PROJECT}-1"))
        sent_s = time.monotonic() - started
    sending = probe.between(started, started + sent_s)
    return p99(sending) if sending else None


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
        # First, so that its events are long delivered (with nobody to tell) when the
        # watched burst starts: seeding the watchers takes seconds of password hashing.
        print(f"a burst of {BURST} comments with nobody to notify", file=sys.stderr)
        quiet_p99 = quiet_burst(client, base_url, token)
        watchers = seed(client, token, receiver.url)
        with Probe(base_url, token) as idle:
            time.sleep(IDLE_PROBE_S)
        print(f"a burst of {BURST} comments", file=sys.stderr)
        with Probe(base_url, token) as busy:
            started = time.monotonic()
            asyncio.run(burst(base_url, token))
            sent_s = time.monotonic() - started
            last = watchers[-1]
            inbox_s = webhook_s = None
            while time.monotonic() - started < DELIVERY_TIMEOUT_S:
                if webhook_s is None and len(receiver.events) >= BURST:
                    webhook_s = time.monotonic() - started
                # Paging through 1,000 notifications is load of its own, which the idle
                # probes did not have: count only once the webhook has every event (an
                # upper bound on when the inboxes were complete).
                if webhook_s is not None and inbox_size(client, last) >= BURST:
                    inbox_s = time.monotonic() - started
                if inbox_s is not None and webhook_s is not None:
                    break
                time.sleep(POLL_S)
            delivered_s = time.monotonic() - started
        inboxes = [inbox_size(client, headers) for headers in watchers]
        hooked = len(receiver.events)
    complete = hooked >= BURST and all(size >= BURST for size in inboxes)
    idle_p99, busy_p99 = p99(idle.latencies_ms), p99(busy.latencies_ms)
    sending = busy.between(started, started + sent_s)
    delivering = busy.between(started + sent_s, started + delivered_s)
    figures: dict[str, Any] = {
        "burst_sent_seconds": sent_s,
        "delivered_seconds": delivered_s,
        "inbox_seconds": inbox_s,
        "webhook_seconds": webhook_s,
        "webhook_events": hooked,
        "smallest_inbox": min(inboxes),
        "idle_p99_ms": idle_p99,
        "busy_p99_ms": busy_p99,
        "probes": [len(idle.latencies_ms), len(busy.latencies_ms)],
        "sending_p99_ms": p99(sending) if sending else None,
        "delivering_p99_ms": p99(delivering) if delivering else None,
        "undelivered_sending_p99_ms": quiet_p99,
    }
    delivery = "pass" if complete and delivered_s < DELIVERY_TARGET_S else "miss"
    latency = "pass" if busy_p99 <= LATENCY_FACTOR * idle_p99 else "miss"
    lines = [
        f"notifications: {BURST} comments to {WATCHERS} watchers and a webhook, sent in "
        f"{sent_s:.1f} s, all delivered in {delivered_s:.1f} s "
        f"(inboxes {seconds(inbox_s)}, webhook {seconds(webhook_s)}) "
        f"(target < {DELIVERY_TARGET_S:.0f} s; "
        f"webhook got {hooked}, smallest inbox {min(inboxes)}): {delivery}",
        f"notifications: GET p99 during the burst {busy_p99:.1f} ms vs idle "
        f"{idle_p99:.1f} ms (target <= {LATENCY_FACTOR:.0f}x; while the comments were sent "
        f"{milliseconds(figures['sending_p99_ms'])}, "
        f"after {milliseconds(figures['delivering_p99_ms'])}): {latency}",
        f"notifications: for reference, GET p99 while the same burst went to an issue with "
        f"nobody to notify and no webhook {milliseconds(quiet_p99)}",
    ]
    for line in lines:
        print(f"  {line}", file=sys.stderr)
    return {"lines": lines, "figures": figures, "verdicts": [delivery, latency]}


def main() -> int:
    """Start a server of its own and print the notification rows."""
    return run_alone(run_notifications)


if __name__ == "__main__":
    sys.exit(main())
