"""Issues through the API: fields, validation, versions, hierarchy and the rules of Done."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import Api


@pytest.fixture
def owner(api: Api) -> dict[str, Any]:
    """A user who owns project WEB."""
    user = api.user("owner")
    api.project(user, "WEB")
    return user


def patch(client: TestClient, user: dict[str, Any], key: str, body: Any, **headers: str) -> Any:
    """PATCH an issue."""
    return client.patch(f"/api/v1/issues/{key}", json=body, headers={**user["headers"], **headers})


def test_create_with_every_field(api: Api, client: TestClient, owner: dict[str, Any]) -> None:
    ann = api.user("ann")
    api.member(owner, "WEB", ann)
    epic = api.issue(owner, type="epic", title="Checkout")
    response = client.post(
        "/api/v1/projects/WEB/issues",
        json={
            "type": "story",
            "title": "  Pay by card  ",
            "description": "As a *buyer* I pay",
            "status": "in_progress",
            "priority": "high",
            "assignee": ann["id"],
            "labels": ["payments", "payments", "q3"],
            "points": 5,
            "estimate_minutes": 480,
            "remaining_minutes": 240,
            "due_date": "2026-12-24",
            "parent": epic["key"],
            "acceptance_criteria": [{"text": "Visa works"}, {"text": "3DS works", "done": True}],
        },
        headers=owner["headers"],
    )
    assert response.status_code == 201, response.text
    issue = response.json()
    assert response.headers["ETag"] == '"1"'
    assert issue["key"] == "WEB-2"
    assert issue["title"] == "Pay by card"
    assert issue["labels"] == ["payments", "q3"]
    assert issue["reporter"] == owner["id"]
    assert issue["parent"] == "WEB-1"
    assert issue["due_date"] == "2026-12-24"
    assert [(c["text"], c["done"]) for c in issue["acceptance_criteria"]] == [
        ("Visa works", False),
        ("3DS works", True),
    ]
    assert all(c["id"] for c in issue["acceptance_criteria"])
    assert issue["resolved_at"] is None
    read = client.get("/api/v1/issues/WEB-2", headers=owner["headers"]).json()
    assert read.pop("progress") == {
        "children_done": 0,
        "children_total": 0,
        "points_done": 0,
        "points_total": 0,
    }
    assert read == issue


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "   "}, "title"),
        ({"title": "x" * 256}, "title"),
        ({"title": 5}, "title"),
        ({"title": "ok", "type": "feature"}, "type"),
        ({"title": "ok", "priority": "asap"}, "priority"),
        ({"title": "ok", "points": -1}, "points"),
        ({"title": "ok", "estimate_minutes": 1.5}, "estimate_minutes"),
        ({"title": "ok", "due_date": "tomorrow"}, "due_date"),
        ({"title": "ok", "status": "nowhere"}, "status"),
        ({"title": "ok", "labels": ["has space"]}, "labels[0]"),
        ({"title": "ok", "labels": ["nul\x00"]}, "labels[0]"),
        ({"title": "two\nlines"}, "title"),
        ({"title": "nul\x00"}, "title"),
        ({"title": "ok", "labels": ["x" * 65]}, "labels.0"),
        ({"title": "ok", "acceptance_criteria": [{"text": "a"}]}, "acceptance_criteria"),
        ({"title": "ok", "assignee": "01NOTAMEMBER"}, "assignee"),
        ({"title": "ok", "parent": "WEB-99"}, "parent"),
        ({"title": "ok", "parent": "OTHER-1"}, "parent"),
        ({"title": "ok", "unknown": 1}, "unknown"),
    ],
)
def test_bad_fields_are_named_and_nothing_is_written(
    client: TestClient, owner: dict[str, Any], body: dict[str, Any], field: str
) -> None:
    response = client.post("/api/v1/projects/WEB/issues", json=body, headers=owner["headers"])
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert field in [e["field"] for e in response.json()["errors"]]
    listed = client.get("/api/v1/projects/WEB/issues", headers=owner["headers"]).json()
    assert listed["items"] == []


def test_a_huge_description_is_413_and_the_largest_allowed_fits(
    client: TestClient, owner: dict[str, Any]
) -> None:
    too_big = client.post(
        "/api/v1/projects/WEB/issues",
        json={"title": "big", "description": "é" * 65_537},
        headers=owner["headers"],
    )
    assert too_big.status_code == 413
    fits = client.post(
        "/api/v1/projects/WEB/issues",
        json={"title": "big", "description": "é" * 65_536},
        headers=owner["headers"],
    )
    assert fits.status_code == 201
    assert fits.json()["key"] == "WEB-1"


def test_patch_changes_only_what_is_sent_and_records_history(
    api: Api, client: TestClient, owner: dict[str, Any]
) -> None:
    issue = api.issue(owner, title="Old", labels=["a"])
    response = patch(client, owner, issue["key"], {"title": "New", "points": 3, "labels": ["a"]})
    assert response.status_code == 200
    changed = response.json()
    assert changed["title"] == "New"
    assert changed["points"] == 3
    assert changed["labels"] == ["a"]
    assert changed["version"] == 2
    assert response.headers["ETag"] == '"2"'
    history = client.get(f"/api/v1/issues/{issue['key']}/history", headers=owner["headers"]).json()
    assert [(h["field"], h["from"], h["to"]) for h in history["items"]] == [
        ("created", None, "WEB-1"),
        ("title", "Old", "New"),
        ("points", None, 3),
    ]
    assert all(h["actor"] == owner["id"] for h in history["items"])
    same = patch(client, owner, issue["key"], {"title": "New"})
    assert same.json()["version"] == 2


def test_if_match_mismatch_is_412_and_changes_nothing(
    api: Api, client: TestClient, owner: dict[str, Any]
) -> None:
    issue = api.issue(owner, title="Start")
    assert patch(client, owner, "WEB-1", {"title": "A"}, **{"If-Match": '"1"'}).status_code == 200
    stale = patch(client, owner, "WEB-1", {"title": "B"}, **{"If-Match": '"1"'})
    assert stale.status_code == 412
    assert stale.headers["content-type"] == "application/problem+json"
    assert (
        patch(client, owner, "WEB-1", {"title": "C"}, **{"If-Match": "nonsense"}).status_code == 400
    )
    current = client.get(f"/api/v1/issues/{issue['key']}", headers=owner["headers"]).json()
    assert (current["title"], current["version"]) == ("A", 2)
    weak = patch(client, owner, "WEB-1", {"title": "D"}, **{"If-Match": 'W/"2"'})
    assert weak.status_code == 200
    stale_delete = client.delete(
        "/api/v1/issues/WEB-1", headers={**owner["headers"], "If-Match": '"2"'}
    )
    assert stale_delete.status_code == 412


def test_nulls_clear_optional_fields_and_are_refused_for_required_ones(
    api: Api, client: TestClient, owner: dict[str, Any]
) -> None:
    api.issue(owner, points=2, due_date="2026-01-01", description="text")
    cleared = patch(client, owner, "WEB-1", {"points": None, "due_date": None, "description": None})
    assert cleared.status_code == 200
    assert (
        cleared.json()["points"],
        cleared.json()["due_date"],
        cleared.json()["description"],
    ) == (None, None, "")
    for field in ("title", "status", "type", "priority", "labels"):
        assert patch(client, owner, "WEB-1", {field: None}).status_code == 422, field


def test_resolved_at_follows_the_done_category(
    api: Api, client: TestClient, owner: dict[str, Any]
) -> None:
    api.issue(owner)
    done = patch(client, owner, "WEB-1", {"status": "done"}).json()
    assert done["resolved_at"] is not None
    assert (
        patch(client, owner, "WEB-1", {"title": "Still done"}).json()["resolved_at"]
        == done["resolved_at"]
    )
    assert patch(client, owner, "WEB-1", {"status": "in_progress"}).json()["resolved_at"] is None


def test_a_story_with_unmet_criteria_cannot_be_done_unless_the_rule_is_off(
    api: Api, client: TestClient, owner: dict[str, Any]
) -> None:
    story = api.issue(
        owner, type="story", acceptance_criteria=[{"text": "Works"}, {"text": "Fast"}]
    )
    refused = patch(client, owner, story["key"], {"status": "done"})
    assert refused.status_code == 409
    assert len(refused.json()["errors"]) == 2
    assert "Works" in refused.json()["errors"][0]["message"]
    criteria = story["acceptance_criteria"]
    met = [{**criteria[0], "done": True}, {**criteria[1], "done": True}]
    assert patch(client, owner, story["key"], {"acceptance_criteria": met}).status_code == 200
    assert patch(client, owner, story["key"], {"status": "done"}).status_code == 200
    other = api.issue(owner, type="story", acceptance_criteria=[{"text": "Open"}])
    client.patch(
        "/api/v1/projects/WEB",
        json={"settings": {"acceptance_criteria_gate": False}},
        headers=owner["headers"],
    )
    assert patch(client, owner, other["key"], {"status": "done"}).status_code == 200
    unknown = patch(
        client, owner, other["key"], {"acceptance_criteria": [{"id": "forged", "text": "x"}]}
    )
    assert unknown.status_code == 422


def test_parents_follow_the_hierarchy(api: Api, client: TestClient, owner: dict[str, Any]) -> None:
    epic = api.issue(owner, type="epic")
    story = api.issue(owner, type="story", parent=epic["key"])
    task = api.issue(owner, type="task", parent=story["key"])
    sub = api.issue(owner, type="subtask", parent=task["key"])

    def create(**fields: Any) -> int:
        body = {"title": "x", **fields}
        return client.post(
            "/api/v1/projects/WEB/issues", json=body, headers=owner["headers"]
        ).status_code

    assert create(type="story", parent=story["key"]) == 422
    assert create(type="epic", parent=epic["key"]) == 422
    assert create(type="subtask", parent=sub["key"]) == 422
    assert create(type="bug", parent=epic["key"]) == 201
    assert patch(client, owner, epic["key"], {"parent": story["key"]}).status_code == 422
    assert patch(client, owner, story["key"], {"parent": story["key"]}).status_code == 422
    # Retyping a parent so that it can no longer hold its children is refused.
    assert patch(client, owner, task["key"], {"type": "subtask"}).status_code == 409
    assert patch(client, owner, story["key"], {"type": "task"}).status_code == 409
    # Retyping a child so that its parent can no longer hold it is refused.
    assert patch(client, owner, sub["key"], {"type": "story"}).status_code == 422
    children = client.get(
        "/api/v1/projects/WEB/issues", params={"parent": story["key"]}, headers=owner["headers"]
    )
    assert [i["key"] for i in children.json()["items"]] == [task["key"]]
    moved = patch(client, owner, task["key"], {"parent": None})
    assert moved.status_code == 200
    assert (
        client.get(
            "/api/v1/projects/WEB/issues", params={"parent": story["key"]}, headers=owner["headers"]
        ).json()["items"]
        == []
    )


def test_deleting_a_parent_unlinks_its_children(
    api: Api, client: TestClient, owner: dict[str, Any]
) -> None:
    epic = api.issue(owner, type="epic")
    story = api.issue(owner, type="story", parent=epic["key"])
    assert (
        client.delete(f"/api/v1/issues/{epic['key']}", headers=owner["headers"]).status_code == 204
    )
    assert client.get(f"/api/v1/issues/{epic['key']}", headers=owner["headers"]).status_code == 404
    orphan = client.get(f"/api/v1/issues/{story['key']}", headers=owner["headers"]).json()
    assert orphan["parent"] is None
    assert orphan["version"] == 2
    assert api.issue(owner)["key"] == "WEB-3"


def test_unknown_and_malformed_issue_keys_are_404(
    client: TestClient, owner: dict[str, Any]
) -> None:
    for key in ("WEB-99", "WEB-0", "web-1", "NOPE-1", "WEB-", "x" * 21):
        assert client.get(f"/api/v1/issues/{key}", headers=owner["headers"]).status_code == 404, key
