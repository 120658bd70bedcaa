"""Projects and members through the API."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.conftest import Api

WORKFLOW = [
    {"id": "todo", "name": "To Do", "category": "todo"},
    {"id": "doing", "name": "Doing", "category": "in_progress", "wip_limit": 3, "wip_mode": "hard"},
    {"id": "done", "name": "Done", "category": "done"},
]


def test_create_gives_the_default_workflow_and_owner_role(api: Api) -> None:
    project = api.project(api.user(), "WEB", description="The web site")
    assert project["key"] == "WEB"
    assert project["role"] == "owner"
    assert [(s["name"], s["category"]) for s in project["workflow"]] == [
        ("To Do", "todo"),
        ("In Progress", "in_progress"),
        ("In Review", "in_progress"),
        ("Done", "done"),
    ]
    assert project["settings"] == {
        "acceptance_criteria_gate": True,
        "done_requires_closed_children": False,
        "done_requires_unblocked": False,
    }
    assert project["active_sprint"] is None


def test_project_keys_are_validated_and_claimed_once(api: Api, client: TestClient) -> None:
    owner = api.user()
    for bad in ("W", "web", "1AB", "ABCDEFGHIJK", "AB-C", ""):
        response = client.post(
            "/api/v1/projects", json={"key": bad, "name": "x"}, headers=owner["headers"]
        )
        assert response.status_code == 422, bad
    api.project(owner, "AB")
    api.project(owner, "A123456789")
    taken = client.post(
        "/api/v1/projects", json={"key": "AB", "name": "x"}, headers=api.user()["headers"]
    )
    assert taken.status_code == 409
    assert taken.json()["errors"] == [{"field": "key", "message": "is already taken"}]


def test_list_mine_pages_and_shows_only_mine(api: Api, client: TestClient) -> None:
    owner, stranger = api.user(), api.user()
    keys = [f"P{n}X" for n in range(5)]
    for key in keys:
        api.project(owner, key)
    api.project(stranger, "HIDDEN")
    seen, cursor = [], None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/v1/projects", params=params, headers=owner["headers"]).json()
        seen += [p["key"] for p in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == keys


def test_patch_changes_name_settings_and_workflow(api: Api, client: TestClient) -> None:
    owner = api.user()
    api.project(owner, "WEB")
    response = client.patch(
        "/api/v1/projects/WEB",
        json={
            "name": "Website",
            "workflow": WORKFLOW,
            "settings": {"acceptance_criteria_gate": False},
        },
        headers={**owner["headers"], "If-Match": '"1"'},
    )
    assert response.status_code == 200, response.text
    project = response.json()
    assert project["name"] == "Website"
    assert project["version"] == 2
    assert response.headers["ETag"] == '"2"'
    assert [s["id"] for s in project["workflow"]] == ["todo", "doing", "done"]
    assert project["workflow"][1]["wip_limit"] == 3
    assert project["settings"]["acceptance_criteria_gate"] is False
    stale = client.patch(
        "/api/v1/projects/WEB",
        json={"name": "Old"},
        headers={**owner["headers"], "If-Match": '"1"'},
    )
    assert stale.status_code == 412
    assert client.get("/api/v1/projects/WEB", headers=owner["headers"]).json()["name"] == "Website"


def test_a_workflow_needs_todo_and_done_and_unique_ids(api: Api, client: TestClient) -> None:
    owner = api.user()
    api.project(owner, "WEB")
    for workflow in (
        [WORKFLOW[0], WORKFLOW[1]],
        [WORKFLOW[1], WORKFLOW[2]],
        [WORKFLOW[0], WORKFLOW[0], WORKFLOW[2]],
        [],
    ):
        response = client.patch(
            "/api/v1/projects/WEB", json={"workflow": workflow}, headers=owner["headers"]
        )
        assert response.status_code == 422, workflow
    assert len(client.get("/api/v1/projects/WEB", headers=owner["headers"]).json()["workflow"]) == 4


def test_a_status_holding_issues_cannot_be_removed_yet(api: Api, client: TestClient) -> None:
    owner = api.user()
    api.project(owner, "WEB")
    api.issue(owner, status="in_review")
    without_review = [
        s
        for s in api.client.get("/api/v1/projects/WEB", headers=owner["headers"]).json()["workflow"]
        if s["id"] != "in_review"
    ]
    response = client.patch(
        "/api/v1/projects/WEB", json={"workflow": without_review}, headers=owner["headers"]
    )
    assert response.status_code == 409


def test_null_for_a_required_field_is_refused(api: Api, client: TestClient) -> None:
    owner = api.user()
    api.project(owner, "WEB")
    response = client.patch("/api/v1/projects/WEB", json={"name": None}, headers=owner["headers"])
    assert response.status_code == 422


def test_delete_frees_the_key_and_hides_everything(api: Api, client: TestClient) -> None:
    owner = api.user()
    api.project(owner, "WEB")
    issue = api.issue(owner)
    assert client.delete("/api/v1/projects/WEB", headers=owner["headers"]).status_code == 204
    assert client.get("/api/v1/projects/WEB", headers=owner["headers"]).status_code == 404
    assert client.get(f"/api/v1/issues/{issue['key']}", headers=owner["headers"]).status_code == 404
    assert client.get("/api/v1/projects", headers=owner["headers"]).json()["items"] == []
    again = api.project(owner, "WEB")
    assert client.get(f"/api/v1/issues/{issue['key']}", headers=owner["headers"]).status_code == 404
    assert api.issue(owner)["key"] == "WEB-1"
    assert again["id"] != issue["id"]


def test_members_by_email_or_id_with_roles(api: Api, client: TestClient) -> None:
    owner, ann, bob = api.user(), api.user("ann"), api.user("bob")
    api.project(owner, "WEB")
    by_email = client.post(
        "/api/v1/projects/WEB/members",
        json={"email": "ANN@example.com", "role": "admin"},
        headers=owner["headers"],
    )
    assert by_email.status_code == 201
    assert by_email.json()["user_id"] == ann["id"]
    by_id = client.post(
        "/api/v1/projects/WEB/members", json={"user_id": bob["id"]}, headers=ann["headers"]
    )
    assert by_id.json()["role"] == "member"
    again = client.post(
        "/api/v1/projects/WEB/members", json={"user_id": bob["id"]}, headers=owner["headers"]
    )
    assert again.status_code == 409
    nobody = client.post(
        "/api/v1/projects/WEB/members",
        json={"email": "nobody@example.com"},
        headers=owner["headers"],
    )
    assert nobody.status_code == 422
    neither = client.post(
        "/api/v1/projects/WEB/members", json={"role": "member"}, headers=owner["headers"]
    )
    assert neither.status_code == 422
    members = client.get("/api/v1/projects/WEB/members", headers=bob["headers"]).json()["items"]
    assert sorted((m["name"], m["role"]) for m in members) == [
        ("ann", "admin"),
        ("bob", "member"),
        ("user1", "owner"),
    ]
    assert client.get("/api/v1/projects/WEB", headers=bob["headers"]).json()["role"] == "member"
