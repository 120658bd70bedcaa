"""A rank move against a POST of an issue, in one process, through the ASGI app.

Not a row of the bench: a tool for issue 4's speed target (a move at least as fast as a
POST). It calls the app directly (no HTTP, no load generator sharing the two cores),
32 requests in flight, as the bench's wrk does, on a real SQLite store seeded like the
bench's board (an active sprint of 500 issues, each move placing a random card before
another), and prints each kind's requests per second and CPU per request (all threads,
the writer's included), alternating. With `--profile` it writes cProfile stats of each
to `move.prof` and `post.prof` in the current directory instead.

What it showed (2026-11-27): through the app, moves ran at 0.92-0.95 of POSTs, as in
`make bench`; at the service layer alone (`Moves.move` against `Issues.create`) they ran
as fast. Timing the parts with `time.thread_time` under this load put the move's extra
CPU in its access check's read (about 118 µs against a POST's 60: three more rows, two
of them parsed whole) and in `fractional-indexing` (17 µs against 6). Reading the
neighbours as index entries and ranking with `taskdeck/services/ranking.py` took those
to about 110 and 7 µs, and moves to 1.02-1.06 of POSTs here.

Run: `.venv/bin/python bench/move_vs_post.py [--profile]` (about a minute).
"""

from __future__ import annotations

import asyncio
import cProfile
import json
import os
import random
import resource
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from typing import Any

CARDS = 500
IN_FLIGHT = 32
REQUESTS = 4_000
ROUNDS = 3
EMAIL, PASSWORD = "bench@example.com", "correct horse battery staple"

Send = Callable[[str, str, dict[str, Any]], Awaitable[int]]


async def _seed(container: Any) -> tuple[str, list[str]]:
    """A user's access token and the keys of the active sprint's cards."""
    from taskdeck.services.moves import Move

    user = await container.accounts.sign_up(email=EMAIL, password=PASSWORD, name="Bench")
    await container.projects.create(user["id"], key="PLAN", name="Plan")
    sprint = await container.sprints.create(user["id"], "PLAN", {"name": "Sprint 1"})
    keys = []
    for number in range(CARDS):
        issue = await container.issues.create(user["id"], "PLAN", {"title": f"Card {number}"})
        await container.moves.move(user["id"], issue["key"], Move(sprint=sprint["id"]))
        keys.append(issue["key"])
    dates = {"start_date": "2026-11-23", "end_date": "2026-12-04"}
    await container.sprints.start(user["id"], sprint["id"], dates)
    session = await container.accounts.log_in(email=EMAIL, password=PASSWORD)
    return str(session["access_token"]), keys


def _sender(app: Any, token: str) -> Send:
    """A function that sends one JSON request to the app and gives its status."""

    async def send(method: str, path: str, body: dict[str, Any]) -> int:
        raw = json.dumps(body).encode()
        headers = [
            (b"host", b"bench"),
            (b"authorization", f"Bearer {token}".encode()),
            (b"content-type", b"application/json"),
            (b"content-length", str(len(raw)).encode()),
        ]
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": method,
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "query_string": b"",
            "root_path": "",
            "headers": headers,
            "client": ("127.0.0.1", 1),
            "server": ("127.0.0.1", 80),
            "state": {},
        }
        given = False
        statuses: list[int] = []

        async def receive() -> dict[str, Any]:
            nonlocal given
            if given:
                await asyncio.Event().wait()  # no disconnect while the app answers
            given = True
            return {"type": "http.request", "body": raw, "more_body": False}

        async def reply(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                statuses.append(message["status"])

        await app(scope, receive, reply)
        return statuses[0]

    return send


async def _load(request: Callable[[], Awaitable[None]], total: int) -> tuple[float, float]:
    """`total` requests, `IN_FLIGHT` at a time: requests per second, CPU µs per request."""
    room = asyncio.Semaphore(IN_FLIGHT)

    async def one() -> None:
        async with room:
            await request()

    before, started = resource.getrusage(resource.RUSAGE_SELF), time.perf_counter()
    await asyncio.gather(*(one() for _ in range(total)))
    elapsed, after = time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return total / elapsed, cpu / total * 1e6


async def main(profile: bool) -> None:
    from taskdeck.api.app import create_app
    from taskdeck.background import freeze_heap
    from taskdeck.bootstrap import bootstrap

    container = bootstrap()
    app = create_app(container)
    token, keys = await _seed(container)
    freeze_heap(container.settings)  # the collector's settings of `taskdeck serve`
    send, chooser = _sender(app, token), random.Random(4)
    body = {"type": "task", "title": "Bench issue", "description": "some text"}

    async def post() -> None:
        status = await send("POST", "/api/v1/projects/PLAN/issues", body)
        assert status == 201, status

    async def move() -> None:
        moved, before = chooser.sample(keys, 2)
        status = await send("POST", f"/api/v1/issues/{moved}/move", {"before": before})
        assert status == 200, status

    kinds = {"post": post, "move": move}
    for request in kinds.values():
        await _load(request, REQUESTS // 8)  # warm up: routes made, caches filled
    if profile:
        for name, request in kinds.items():
            profiler = cProfile.Profile()
            profiler.enable()
            await _load(request, REQUESTS)
            profiler.disable()
            profiler.dump_stats(f"{name}.prof")
            print(f"wrote {name}.prof ({REQUESTS} requests)")
    else:
        for _ in range(ROUNDS):
            rates = {name: await _load(request, REQUESTS) for name, request in kinds.items()}
            print(
                "  ".join(f"{n} {r:5.0f}/s {cpu:4.0f} µs CPU" for n, (r, cpu) in rates.items())
                + f"  move/post {rates['move'][0] / rates['post'][0]:.2f}",
                flush=True,
            )
    container.close()


if __name__ == "__main__":
    os.environ["TASKDECK_DATA_DIR"] = tempfile.mkdtemp(prefix="taskdeck-move-")
    os.environ.setdefault("TASKDECK_ACCESS_LOG", "false")
    asyncio.run(main("--profile" in sys.argv[1:]))
