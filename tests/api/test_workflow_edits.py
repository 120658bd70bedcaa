"""Editing a project's workflow: add, rename, reorder and remove statuses, moving the
issues of removed statuses where the edit says, with history."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import Api

V1 = "/api/v1"
DEFAULT = [
    {"id": "todo", "name": "To Do", "category": "todo"},
    {"id": "in_progress", "name": "In Progress", "category": "in_progress"},
    {"id": "in_review", "name": "In Review", "category": "in_progress"},
    {"id": "done", "name": "Done", "category": "done"},
]


def _patch(client: TestClient, user: dict[str, Any], **body: Any) -> Any:
    return client.patch(f"{V1}/projects/WEB", json=body, headers=user["headers"])


def _counts(client: TestClient, user: dict[str, Any]) -> dict[str, int]:
    board = client.get(f"{V1}/projects/WEB/board", headers=user["headers"]).json()
    return {c["status"]: c["wip_count"] for c in board["columns"]}


def test_add_rename_and_reorder_keep_the_issues_where_they_are(
    api: Api, client: TestClient
) -> None:
    owner = api.user()
    api.project(owner)
    api.issue(owner, status="in_review")
    workflow = [
        DEFAULT[0],
        {"id": "ready", "name": "Ready", "category": "todo"},
        {"id": "in_review", "name": "Peer review", "category": "in_progress", "wip_limit": 3},
        DEFAULT[1],
        DEFAULT[3],
    ]
    response = _patch(client, owner, workflow=workflow, move_issues={})
    assert response.status_code == 200, response.text
    shown = response.json()["workflow"]
    assert [s["id"] for s in shown] == ["todo", "ready", "in_review", "in_progress", "done"]
    assert shown[2] == {
        "id": "in_review",
        "name": "Peer review",
        "category": "in_progress",
        "wip_limit": 3,
        "wip_mode": "hard",
    }
    assert client.get(f"{V1}/issues/WEB-1", headers=owner["headers"]).json()["status"] == (
        "in_review"
    )


def test_removing_a_status_that_holds_issues_needs_a_target(api: Api, client: TestClient) -> None:
    owner = api.user()
    api.project(owner)
    api.issue(owner, status="in_review")
    refused = _patch(client, owner, workflow=[DEFAULT[0], DEFAULT[1], DEFAULT[3]])
    assert refused.status_code == 409
    assert refused.json()["errors"][0]["field"] == "move_issues"
    assert "in_review" in refused.json()["errors"][0]["message"]
    project = client.get(f"{V1}/projects/WEB", headers=owner["headers"]).json()
    assert len(project["workflow"]) == 4
    # An empty status goes without one.
    removed = _patch(client, owner, workflow=[DEFAULT[0], DEFAULT[2], DEFAULT[3]])
    assert removed.status_code == 200, removed.text


def test_issues_of_removed_statuses_move_in_batches_with_history(
    api: Api, client: TestClient
) -> None:
    owner = api.user()
    api.project(owner)
    for _ in range(35):
        api.issue(owner, status="in_review")
    api.issue(owner, status="in_progress")
    workflow = [DEFAULT[0], {"id": "doing", "name": "Doing", "category": "in_progress"}, DEFAULT[3]]
    response = _patch(
        client, owner, workflow=workflow, move_issues={"in_review": "doing", "in_progress": "doing"}
    )
    assert response.status_code == 200, response.text
    assert [s["id"] for s in response.json()["workflow"]] == ["todo", "doing", "done"]
    assert _counts(client, owner) == {"todo": 0, "doing": 36, "done": 0}
    listed = client.get(
        f"{V1}/projects/WEB/issues",
        params={"status": "doing", "limit": 50},
        headers=owner["headers"],
    ).json()["items"]
    assert len(listed) == 36
    history = client.get(f"{V1}/issues/WEB-7/history", headers=owner["headers"]).json()["items"]
    assert (history[-1]["field"], history[-1]["from"], history[-1]["to"]) == (
        "status",
        "in_review",
        "doing",
    )


def test_bad_workflow_edits_are_clear_and_change_nothing(api: Api, client: TestClient) -> None:
    owner, admin, member, stranger = api.user(), api.user(), api.user(), api.user()
    api.project(owner)
    api.member(owner, "WEB", admin, "admin")
    api.member(owner, "WEB", member, "member")
    api.issue(owner, status="in_review")
    kept = [DEFAULT[0], DEFAULT[1], DEFAULT[3]]
    cases = [
        ({"workflow": kept, "move_issues": {"in_review": "in_review"}}, 422),
        ({"workflow": kept, "move_issues": {"in_review": "nowhere"}}, 422),
        ({"workflow": kept, "move_issues": {"todo": "done", "in_review": "done"}}, 422),
        ({"workflow": kept, "move_issues": {"ghost": "done"}}, 422),
        ({"move_issues": {"in_review": "done"}}, 422),
        ({"workflow": [DEFAULT[0], DEFAULT[1]], "move_issues": {"in_review": "todo"}}, 422),
        ({"workflow": [DEFAULT[1], DEFAULT[3]], "move_issues": {"in_review": "done"}}, 422),
    ]
    for body, status in cases:
        response = _patch(client, owner, **body)
        assert response.status_code == status, (body, response.text)
    for user, status in ((member, 403), (stranger, 404)):
        body = {"workflow": kept, "move_issues": {"in_review": "done"}}
        assert _patch(client, user, **body).status_code == status
    project = client.get(f"{V1}/projects/WEB", headers=owner["headers"]).json()
    assert project["version"] == 1
    assert client.get(f"{V1}/issues/WEB-1", headers=owner["headers"]).json()["status"] == (
        "in_review"
    )
    moved = _patch(client, admin, workflow=kept, move_issues={"in_review": "done"})
    assert moved.status_code == 200, moved.text
    assert client.get(f"{V1}/issues/WEB-1", headers=owner["headers"]).json()["status"] == "done"


def test_issues_moved_between_done_statuses_stay_resolved_whatever_they_write(
    api: Api, client: TestClient
) -> None:
    owner = api.user()
    api.project(owner)
    epic = api.issue(owner, type="epic")
    # Each child writes its parent's link too: more than one transaction's worth.
    for _ in range(35):
        api.issue(owner, status="done", parent=epic["key"])
    before = client.get(f"{V1}/issues/WEB-2", headers=owner["headers"]).json()["resolved_at"]
    workflow = [*DEFAULT[:3], {"id": "closed", "name": "Closed", "category": "done"}]
    response = _patch(client, owner, workflow=workflow, move_issues={"done": "closed"})
    assert response.status_code == 200, response.text
    assert _counts(client, owner) == {"todo": 1, "in_progress": 0, "in_review": 0, "closed": 35}
    moved = client.get(f"{V1}/issues/WEB-2", headers=owner["headers"]).json()
    assert (moved["status"], moved["resolved_at"]) == ("closed", before)
