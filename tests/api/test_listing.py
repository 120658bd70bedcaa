"""Listing and searching issues: filters, sorting and cursor pagination."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import Api


@pytest.fixture
def board(api: Api) -> dict[str, Any]:
    """Project WEB with 12 issues of mixed types, statuses, assignees and labels."""
    owner, ann = api.user("owner"), api.user("ann")
    api.project(owner, "WEB")
    api.member(owner, "WEB", ann)
    for n in range(1, 13):
        api.issue(
            owner,
            title=f"Issue {n} {'login' if n % 3 == 0 else 'page'}",
            type="bug" if n % 2 else "task",
            status="in_progress" if n % 4 == 0 else "todo",
            assignee=ann["id"] if n % 3 == 0 else None,
            labels=["red"] if n <= 4 else [],
        )
    return {"owner": owner, "ann": ann}


def keys(client: TestClient, user: dict[str, Any], **params: Any) -> list[str]:
    """Every key a listing gives, following cursors."""
    found: list[str] = []
    cursor = None
    for _ in range(100):
        query = {**params, **({"cursor": cursor} if cursor else {})}
        response = client.get("/api/v1/projects/WEB/issues", params=query, headers=user["headers"])
        assert response.status_code == 200, response.text
        page = response.json()
        found += [issue["key"] for issue in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            return found
    raise AssertionError("too many pages")


def numbers(found: list[str]) -> list[int]:
    """The issue numbers of keys."""
    return [int(key.split("-")[1]) for key in found]


def test_pages_cover_every_issue_once(client: TestClient, board: dict[str, Any]) -> None:
    assert numbers(keys(client, board["owner"], limit=5)) == list(range(1, 13))
    assert numbers(keys(client, board["owner"], limit=5, sort="-key")) == list(range(12, 0, -1))


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"type": "bug"}, [1, 3, 5, 7, 9, 11]),
        ({"status": "in_progress"}, [4, 8, 12]),
        ({"label": "red"}, [1, 2, 3, 4]),
        ({"assignee": "none", "status": "in_progress"}, [4, 8]),
        ({"q": "login"}, [3, 6, 9, 12]),
        ({"q": "LOGIN", "type": "task"}, [6, 12]),
        ({"q": "WEB-11"}, [11]),
        ({"sprint": "backlog"}, list(range(1, 13))),
        ({"type": "epic"}, []),
    ],
)
def test_filters(
    client: TestClient, board: dict[str, Any], params: dict[str, Any], expected: list[int]
) -> None:
    assert numbers(keys(client, board["owner"], limit=2, **params)) == expected


def test_assignee_filter_by_id_and_me(client: TestClient, board: dict[str, Any]) -> None:
    ann = board["ann"]
    assert numbers(keys(client, board["owner"], assignee=ann["id"])) == [3, 6, 9, 12]
    assert numbers(keys(client, ann, assignee="me", status="in_progress")) == [12]


def test_backlog_ranks_new_issues_at_the_bottom(client: TestClient, board: dict[str, Any]) -> None:
    page = client.get(
        "/api/v1/projects/WEB/issues",
        params={"sprint": "backlog", "sort": "rank"},
        headers=board["owner"]["headers"],
    ).json()
    ranks = [issue["rank"] for issue in page["items"]]
    assert ranks == sorted(ranks)
    assert numbers([issue["key"] for issue in page["items"]]) == list(range(1, 13))


def test_done_issues_leave_the_backlog(api: Api, client: TestClient, board: dict[str, Any]) -> None:
    owner = board["owner"]
    client.patch("/api/v1/issues/WEB-2", json={"status": "done"}, headers=owner["headers"])
    assert 2 not in numbers(keys(client, owner, sprint="backlog"))


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 201},
        {"limit": "ten"},
        {"type": "feature"},
        {"sort": "priority"},
        {"sort": "rank"},
        {"q": "x" * 201},
    ],
)
def test_bad_listing_parameters_are_422(
    client: TestClient, board: dict[str, Any], params: dict[str, Any]
) -> None:
    response = client.get(
        "/api/v1/projects/WEB/issues", params=params, headers=board["owner"]["headers"]
    )
    assert response.status_code == 422
    assert response.json()["errors"]


@pytest.mark.parametrize("cursor", ["garbage", "AAAA", "%%%", "x" * 5000])
def test_bad_cursors_are_400(client: TestClient, board: dict[str, Any], cursor: str) -> None:
    response = client.get(
        "/api/v1/projects/WEB/issues", params={"cursor": cursor}, headers=board["owner"]["headers"]
    )
    assert response.status_code in (400, 422)
    assert response.headers["content-type"] == "application/problem+json"


def test_a_cursor_from_another_listing_is_400(client: TestClient, board: dict[str, Any]) -> None:
    headers = board["owner"]["headers"]
    cursor = client.get("/api/v1/projects/WEB/issues", params={"limit": 2}, headers=headers).json()[
        "next_cursor"
    ]
    response = client.get(
        "/api/v1/projects/WEB/issues",
        params={"limit": 2, "status": "todo", "cursor": cursor},
        headers=headers,
    )
    assert response.status_code == 400
    members = client.get("/api/v1/projects/WEB/members", params={"cursor": cursor}, headers=headers)
    assert members.status_code == 400
