"""The board through the API: columns in workflow order with cards by rank, counts and
WIP limits, filters, swimlanes, and columns a page at a time on a project board."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import Api

V1 = "/api/v1"


def _board(client: TestClient, user: dict[str, Any], query: str = "") -> Any:
    response = client.get(f"{V1}/projects/WEB/board{query}", headers=user["headers"])
    assert response.status_code == 200, response.text
    return response.json()


def _keys(board: Any) -> dict[str, list[str]]:
    return {c["status"]: [card["key"] for card in c["issues"]] for c in board["columns"]}


def test_a_project_board_has_a_column_per_status_with_cards_by_rank(
    api: Api, client: TestClient
) -> None:
    owner = api.user()
    api.project(owner)
    api.issue(owner, title="first")
    api.issue(owner, title="second", status="in_progress")
    api.issue(owner, title="third")
    client.post(f"{V1}/issues/WEB-3/move", json={"before": "WEB-1"}, headers=owner["headers"])
    board = _board(client, owner)
    assert board["sprint"] is None
    assert [c["status"] for c in board["columns"]] == ["todo", "in_progress", "in_review", "done"]
    assert _keys(board) == {
        "todo": ["WEB-3", "WEB-1"],
        "in_progress": ["WEB-2"],
        "in_review": [],
        "done": [],
    }
    todo = board["columns"][0]
    assert (todo["count"], todo["wip_count"], todo["wip_limit"], todo["over_limit"]) == (
        2,
        2,
        None,
        False,
    )
    assert "description" not in todo["issues"][0]


def test_filters_and_swimlanes(api: Api, client: TestClient) -> None:
    owner, ann = api.user(), api.user()
    api.project(owner)
    api.member(owner, "WEB", ann)
    api.issue(owner, type="epic", title="Epic")
    api.issue(owner, type="story", parent="WEB-1", assignee=ann["id"], priority="high")
    api.issue(owner, type="task", parent="WEB-2", labels=["ui"], priority="urgent")
    api.issue(owner, type="bug", assignee=ann["id"])
    assert _keys(_board(client, owner, f"?assignee={ann['id']}"))["todo"] == ["WEB-2", "WEB-4"]
    assert _keys(_board(client, ann, "?assignee=me"))["todo"] == ["WEB-2", "WEB-4"]
    assert _keys(_board(client, owner, "?type=bug"))["todo"] == ["WEB-4"]
    assert _keys(_board(client, owner, "?label=ui"))["todo"] == ["WEB-3"]

    by_epic = _board(client, owner, "?group_by=epic&type=story")["lanes"]
    assert [(lane["id"], lane["columns"]["todo"]) for lane in by_epic] == [("WEB-1", ["WEB-2"])]
    by_epic = _board(client, owner, "?group_by=epic")["lanes"]
    assert [(lane["id"], lane["count"]) for lane in by_epic] == [("WEB-1", 3), (None, 1)]
    by_priority = _board(client, owner, "?group_by=priority")["lanes"]
    assert [lane["id"] for lane in by_priority] == ["urgent", "high", "none"]
    by_assignee = _board(client, owner, "?group_by=assignee")["lanes"]
    assert [(lane["id"], lane["count"]) for lane in by_assignee] == [(ann["id"], 2), (None, 2)]


def test_a_project_column_comes_a_page_at_a_time(api: Api, client: TestClient) -> None:
    owner = api.user()
    api.project(owner)
    for _ in range(5):
        api.issue(owner)
    board = _board(client, owner, "?limit=2")
    todo = board["columns"][0]
    assert [card["key"] for card in todo["issues"]] == ["WEB-1", "WEB-2"]
    assert todo["count"] == 5
    rest = client.get(
        f"{V1}/projects/WEB/issues",
        params={"status": "todo", "cursor": todo["next_cursor"], "limit": 10},
        headers=owner["headers"],
    ).json()
    assert [issue["key"] for issue in rest["items"]] == ["WEB-3", "WEB-4", "WEB-5"]


def test_bad_board_requests_are_4xx(api: Api, client: TestClient) -> None:
    owner, stranger = api.user(), api.user()
    api.project(owner)
    assert client.get(f"{V1}/projects/WEB/board", headers=stranger["headers"]).status_code == 404
    for query in ("?group_by=colour", "?limit=0", "?limit=201", "?type=nonsense"):
        response = client.get(f"{V1}/projects/WEB/board{query}", headers=owner["headers"])
        assert response.status_code == 422, query


def test_the_board_of_an_active_sprint_shows_its_issues_only(api: Api, client: TestClient) -> None:
    owner = api.user()
    api.project(owner)
    for _ in range(4):
        api.issue(owner)
    sprint = client.post(
        f"{V1}/projects/WEB/sprints",
        json={"name": "Sprint 1", "start_date": "2027-01-04", "end_date": "2027-01-15"},
        headers=owner["headers"],
    ).json()
    for key in ("WEB-2", "WEB-3", "WEB-4"):
        moved = client.post(
            f"{V1}/issues/{key}/move", json={"sprint": sprint["id"]}, headers=owner["headers"]
        )
        assert moved.status_code == 200
    started = client.post(f"{V1}/sprints/{sprint['id']}/start", json={}, headers=owner["headers"])
    assert started.status_code == 200, started.text
    client.post(
        f"{V1}/issues/WEB-4/move",
        json={"status": "in_progress", "before": "WEB-2"},
        headers=owner["headers"],
    )
    board = _board(client, owner)
    assert board["sprint"] == sprint["id"]
    assert _keys(board) == {
        "todo": ["WEB-2", "WEB-3"],
        "in_progress": ["WEB-4"],
        "in_review": [],
        "done": [],
    }
    todo = board["columns"][0]
    # The column shows the sprint's cards; its WIP count is the project's.
    assert (todo["count"], todo["wip_count"], todo["next_cursor"]) == (2, 3, None)
    # Moving into a completed sprint, or one that is no more, is refused.
    completed = client.post(
        f"{V1}/sprints/{sprint['id']}/complete",
        json={"move_open_issues_to": "backlog"},
        headers=owner["headers"],
    )
    assert completed.status_code == 200, completed.text
    refused = client.post(
        f"{V1}/issues/WEB-1/move", json={"sprint": sprint["id"]}, headers=owner["headers"]
    )
    assert refused.status_code == 409
    assert _board(client, owner)["sprint"] is None
