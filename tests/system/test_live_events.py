"""Live updates through real servers: the events of a project reach its members' streams,
from whichever worker process made the change; a stream resumes where it stopped; only
readers of the project may listen."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from taskdeck.bootstrap import deployment_key, derive
from taskdeck.services.tokens import StreamTickets
from tests.system.server import Server, create_project, running_server, sign_up_and_log_in
from tests.system.sse import EventStream, listening

pytestmark = pytest.mark.anyio
MAX_CREATE_ROUNDS = 20
CREATES_PER_ROUND = 8


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One worker: its tests use accounts and projects of their own."""
    tmp_path = tmp_path_factory.mktemp("live")
    with running_server(tmp_path / "data", log=tmp_path / "server.log") as server:
        yield server


def api(server: Server, method: str, path: str, **kwargs: Any) -> httpx.Response:
    """One request on a new connection (with two workers, either may answer)."""
    with httpx.Client(base_url=server.url, timeout=30.0) as client:
        return client.request(method, f"/api/v1{path}", **kwargs)


def account_with_project(server: Server, email: str, *keys: str) -> dict[str, str]:
    """The Authorization header of a new account owning the projects `keys`."""
    with httpx.Client(base_url=server.url, timeout=30.0) as client:
        headers = sign_up_and_log_in(client, email)
        for key in keys:
            create_project(client, headers, key)
    return headers


def create_issue(server: Server, headers: dict[str, str], key: str, title: str) -> str:
    """Create an issue; its key."""
    created = api(server, "POST", f"/projects/{key}/issues", json={"title": title}, headers=headers)
    assert created.status_code == 201, created.text
    return str(created.json()["key"])


async def expect(stream: EventStream, kind: str, **data: Any) -> str:
    """The next event is `kind` with these data fields; its resume id."""
    event = await stream.next()
    assert event is not None, "the stream ended"
    assert (event.kind, {k: event.data["data"].get(k) for k in data}) == (kind, data)
    assert event.data["kind"] == kind
    return event.id


async def test_changes_arrive_and_a_stream_resumes_with_exactly_what_it_missed(
    server: Server,
) -> None:
    headers = account_with_project(server, "listener@example.com", "LIVE", "ELSE")
    path = "/api/v1/projects/LIVE/events"
    async with listening(server.url, path, headers=headers) as stream:
        assert stream.response.status_code == 200
        assert stream.response.headers["content-type"].startswith("text/event-stream")
        create_issue(server, headers, "ELSE", "not for this stream")
        create_issue(server, headers, "LIVE", "first")
        last_seen = await expect(stream, "issue.created", key="LIVE-1")

    create_issue(server, headers, "LIVE", "second")
    edited = api(server, "PATCH", "/issues/LIVE-1", json={"title": "renamed"}, headers=headers)
    assert edited.status_code == 200, edited.text
    commented = api(server, "POST", "/issues/LIVE-1/comments", json={"body": "hi"}, headers=headers)
    assert commented.status_code == 201, commented.text

    resume = {**headers, "Last-Event-ID": last_seen}
    async with listening(server.url, path, headers=resume) as stream:
        await expect(stream, "issue.created", key="LIVE-2")
        await expect(stream, "issue.updated", key="LIVE-1")
        last_seen = await expect(stream, "comment.added", key="LIVE-1")
        create_issue(server, headers, "LIVE", "third")
        await expect(stream, "issue.created", key="LIVE-3")

    # The query parameter does the same, for a new EventSource.
    create_issue(server, headers, "LIVE", "fourth")
    async with listening(server.url, path, headers=headers, last_event_id=last_seen) as stream:
        await expect(stream, "issue.created", key="LIVE-3")
        await expect(stream, "issue.created", key="LIVE-4")


async def test_only_readers_of_the_project_may_listen(server: Server) -> None:
    owner = account_with_project(server, "keeper@example.com", "GUARD", "SIDE")
    stranger = account_with_project(server, "stranger@example.com")
    path = "/api/v1/projects/GUARD/events"

    for headers, status in ((stranger, 404), ({}, 401), ({"Authorization": "Bearer nope"}, 401)):
        async with listening(server.url, path, headers=headers) as stream:
            assert stream.response.status_code == status
            await stream.response.aread()
            assert stream.response.headers["content-type"] == "application/problem+json"
    assert api(server, "POST", "/projects/GUARD/events/ticket", headers=stranger).status_code == 404

    ticket = api(server, "POST", "/projects/GUARD/events/ticket", headers=owner)
    assert ticket.status_code == 200, ticket.text
    assert ticket.json()["expires_in"] == 60
    side = api(server, "POST", "/projects/SIDE/events/ticket", headers=owner).json()["ticket"]
    for refused in ("nope", side, expired_ticket(server, owner, "GUARD")):
        async with listening(server.url, path, ticket=refused) as stream:
            assert stream.response.status_code == 401

    async with listening(server.url, path, ticket=ticket.json()["ticket"]) as stream:
        assert stream.response.status_code == 200
        create_issue(server, owner, "GUARD", "seen through a ticket")
        await expect(stream, "issue.created", key="GUARD-1")


async def test_a_viewer_listens_until_removed_from_the_project(server: Server) -> None:
    owner = account_with_project(server, "host@example.com", "ROOM")
    viewer = account_with_project(server, "guest@example.com")
    added = api(
        server,
        "POST",
        "/projects/ROOM/members",
        json={"email": "guest@example.com", "role": "viewer"},
        headers=owner,
    )
    assert added.status_code == 201, added.text
    viewer_id = added.json()["user_id"]
    async with listening(server.url, "/api/v1/projects/ROOM/events", headers=viewer) as stream:
        assert stream.response.status_code == 200
        create_issue(server, owner, "ROOM", "visible to viewers")
        await expect(stream, "issue.created", key="ROOM-1")
        removed = api(server, "DELETE", f"/projects/ROOM/members/{viewer_id}", headers=owner)
        assert removed.status_code == 204, removed.text
        create_issue(server, owner, "ROOM", "after the viewer left")
        assert await stream.next() is None


def expired_ticket(server: Server, headers: dict[str, str], key: str) -> str:
    """A ticket for `key` that expired a minute ago, signed with the server's own key."""
    user_id = api(server, "GET", "/me", headers=headers).json()["id"]
    project_id = api(server, "GET", f"/projects/{key}", headers=headers).json()["id"]
    tickets = StreamTickets(derive(deployment_key(server.data_dir), "stream-ticket"))
    return tickets.issue(user_id, project_id, datetime.now(UTC) - timedelta(minutes=2))


def served_by_both_workers(server: Server, created: int) -> bool:
    """Whether each of the two workers created some of the `created` issues: a worker's
    /metrics (read on new connections) counting some but not all proves it."""
    pattern = re.compile(
        r'^taskdeck_http_requests_total\{method="POST",route="/api/v1/projects/\{key\}/issues",'
        r'status="201"\} (\S+)$',
        re.M,
    )
    for _ in range(20):
        with httpx.Client(base_url=server.url, timeout=30.0) as client:
            found = pattern.search(client.get("/metrics").text)
        if 0 < (int(float(found.group(1))) if found else 0) < created:
            return True
    return False


async def test_changes_made_by_another_worker_process_arrive_until_the_server_stops(
    tmp_path: Path,
) -> None:
    with running_server(tmp_path / "data", workers=2, log=tmp_path / "server.log") as server:
        headers = account_with_project(server, "workers@example.com", "BOTH")
        async with listening(server.url, "/api/v1/projects/BOTH/events", headers=headers) as stream:
            assert stream.response.status_code == 200
            created = 0
            for _ in range(MAX_CREATE_ROUNDS):
                for _ in range(CREATES_PER_ROUND):
                    created += 1
                    create_issue(server, headers, "BOTH", f"issue {created}")
                    await expect(stream, "issue.created", key=f"BOTH-{created}")
                if served_by_both_workers(server, created):
                    break
            else:
                pytest.fail(f"one worker served all {created} creates")
            # Stopping the server ends the stream cleanly, rather than cutting it off.
            stopping = threading.Thread(target=server.stop)
            stopping.start()
            assert await stream.next() is None
            stopping.join()
