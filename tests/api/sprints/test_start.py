"""Starting a sprint: it needs dates, one runs at a time (even when two start at once),
and it snapshots the committed scope."""

from __future__ import annotations

import asyncio

import httpx
from fastapi.testclient import TestClient

from taskdeck.bootstrap import Container
from tests.api.sprints.helpers import (
    V1,
    User,
    dated,
    get,
    into_sprint,
    issues,
    sprint,
    start,
)
from tests.conftest import Api


def test_start_needs_both_dates(client: TestClient, owner: User) -> None:
    planned = sprint(client, owner)
    refused = start(client, owner, planned["id"])
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == ["start_date", "end_date"]
    backwards = start(client, owner, planned["id"], start_date="2027-02-01", end_date="2027-01-01")
    assert backwards.status_code == 422
    assert [e["field"] for e in backwards.json()["errors"]] == ["end_date"]
    assert get(client, owner, f"/sprints/{planned['id']}")["state"] == "planned"
    started = start(client, owner, planned["id"], start_date="2027-01-04", end_date="2027-01-15")
    assert started.status_code == 200, started.text
    body = started.json()
    assert (body["state"], body["start_date"], body["end_date"]) == (
        "active",
        "2027-01-04",
        "2027-01-15",
    )
    assert body["started_at"] is not None
    assert get(client, owner, "/projects/WEB")["active_sprint"] == planned["id"]
    again = start(client, owner, planned["id"])
    assert again.status_code == 409
    assert "active" in again.json()["detail"]


def test_one_active_sprint_per_project(client: TestClient, owner: User) -> None:
    first, second = dated(client, owner, "Alpha"), dated(client, owner, "Beta")
    assert start(client, owner, first["id"]).status_code == 200
    refused = start(client, owner, second["id"])
    assert refused.status_code == 409
    assert "Alpha" in refused.json()["detail"]
    assert get(client, owner, f"/sprints/{second['id']}")["state"] == "planned"
    assert get(client, owner, "/projects/WEB")["active_sprint"] == first["id"]


def test_concurrent_starts_of_two_sprints_one_wins(client: TestClient, owner: User) -> None:
    first, second = dated(client, owner, "Alpha"), dated(client, owner, "Beta")

    async def both() -> list[int]:
        transport = httpx.ASGITransport(app=client.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as http:
            answers = await asyncio.gather(
                *(
                    http.post(f"{V1}/sprints/{s['id']}/start", json={}, headers=owner["headers"])
                    for s in (first, second)
                )
            )
        return [a.status_code for a in answers]

    statuses = client.portal.call(both)  # type: ignore[union-attr]
    assert sorted(statuses) == [200, 409]
    winner = (first, second)[statuses.index(200)]
    states = {s["id"]: s["state"] for s in get(client, owner, "/projects/WEB/sprints")["items"]}
    assert sorted(states.values()) == ["active", "planned"]
    assert states[winner["id"]] == "active"
    assert get(client, owner, "/projects/WEB")["active_sprint"] == winner["id"]


def test_start_snapshots_the_committed_scope(
    api: Api, client: TestClient, container: Container, owner: User
) -> None:
    planned = dated(client, owner)
    keys = issues(api, owner, 3, 5, None)
    into_sprint(client, owner, planned["id"], keys)
    body = start(client, owner, planned["id"]).json()
    assert body["committed"] == {
        "issues": [
            {"key": keys[0], "points": 3, "status": "todo"},
            {"key": keys[1], "points": 5, "status": "todo"},
            {"key": keys[2], "points": None, "status": "todo"},
        ],
        "issue_count": 3,
        "points": 8,
    }
    # Scope added later is recorded as a change, not as commitment.
    later = issues(api, owner, 2)
    into_sprint(client, owner, planned["id"], later)
    assert get(client, owner, f"/sprints/{planned['id']}")["committed"] == body["committed"]
    changes = get(client, owner, f"/sprints/{planned['id']}/scope-changes")
    assert [(c["issue"], c["change"], c["points"]) for c in changes["items"]] == [
        (later[0], "added", 2)
    ]
    assert changes["items"][0]["actor"] == owner["id"]
