"""What the sprint tests share: making, starting and completing
sprints and reading them back through the API."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import httpx
from fastapi.testclient import TestClient

from tests.conftest import Api

V1 = "/api/v1"
UNKNOWN = "01JD0000000000000000000000"
User = dict[str, Any]


def sprint(client: TestClient, user: User, name: str = "Sprint 1", **fields: Any) -> Any:
    """A new sprint of WEB."""
    response = client.post(
        f"{V1}/projects/WEB/sprints", json={"name": name, **fields}, headers=user["headers"]
    )
    assert response.status_code == 201, response.text
    return response.json()


def dated(client: TestClient, user: User, name: str = "Sprint 1") -> Any:
    """A new sprint of WEB with both dates set."""
    return sprint(client, user, name, start_date="2027-01-04", end_date="2027-01-15")


def start(client: TestClient, user: User, sprint_id: str, **dates: str) -> httpx.Response:
    return client.post(f"{V1}/sprints/{sprint_id}/start", json=dates, headers=user["headers"])


def complete(client: TestClient, user: User, sprint_id: str, to: str) -> httpx.Response:
    return client.post(
        f"{V1}/sprints/{sprint_id}/complete",
        json={"move_open_issues_to": to},
        headers=user["headers"],
    )


def completed_ok(client: TestClient, user: User, sprint_id: str, to: str) -> Any:
    """The answer of a completion that must succeed."""
    response = complete(client, user, sprint_id, to)
    assert response.status_code == 200, response.text
    return response.json()


def get(client: TestClient, user: User, path: str) -> Any:
    response = client.get(f"{V1}{path}", headers=user["headers"])
    assert response.status_code == 200, response.text
    return response.json()


def sprint_of(client: TestClient, user: User, issue_key: str) -> str | None:
    sprint_id: str | None = get(client, user, f"/issues/{issue_key}")["sprint"]
    return sprint_id


def keys_in(client: TestClient, user: User, where: str) -> list[str]:
    """Issue keys of a sprint (in rank order) or of the backlog."""
    listed = get(client, user, f"/projects/WEB/issues?sprint={where}&limit=200")
    return [i["key"] for i in listed["items"]]


def into_sprint(client: TestClient, user: User, sprint_id: str, keys: Sequence[str]) -> None:
    """Put issues into a sprint through the move endpoint."""
    for key in keys:
        moved = client.post(
            f"{V1}/issues/{key}/move", json={"sprint": sprint_id}, headers=user["headers"]
        )
        assert moved.status_code == 200, moved.text


def issues(api: Api, user: User, *points: float | None, status: str = "todo") -> list[str]:
    return [api.issue(user, points=p, status=status)["key"] for p in points]


# --- planning and editing ------------------------------------------------------------------


def running_sprint(api: Api, client: TestClient, owner: User) -> tuple[Any, list[str], list[str]]:
    """An active sprint with two done issues (3 and 2 points) and two open ones (5, none)."""
    active = dated(client, owner)
    done = issues(api, owner, 3, 2, status="done")
    open_ = [api.issue(owner, points=5, status="in_progress")["key"], *issues(api, owner, None)]
    into_sprint(client, owner, active["id"], [done[0], open_[0], done[1], open_[1]])
    assert start(client, owner, active["id"]).status_code == 200
    return active, done, open_
