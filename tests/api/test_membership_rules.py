"""Membership rules beyond the matrix: who may grant which role, leaving, the last owner,
what a removed member sees, and who an issue may be assigned to."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

V1 = "/api/v1"
KEY = "WEB"
MEMBERS = f"{V1}/projects/{KEY}/members"
User = dict[str, Any]


@pytest.fixture
def team(api: Any) -> dict[str, User]:
    """Project WEB: an owner, an admin, a member, a viewer, and an outsider; issue WEB-1."""
    users = {"owner": api.user("owner")}
    api.project(users["owner"], KEY)
    for role in ("admin", "member", "viewer"):
        users[role] = api.user(role)
        api.member(users["owner"], KEY, users[role], role)
    users["outsider"] = api.user("outsider")
    api.issue(users["owner"], KEY)
    return users


def roles(client: TestClient, owner: User) -> dict[str, str]:
    """The project's members as {user_id: role}, read by `owner`."""
    response = client.get(MEMBERS, headers=owner["headers"])
    assert response.status_code == 200, response.text
    return {m["user_id"]: m["role"] for m in response.json()["items"]}


def assert_problem(response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    return body


def set_role(client: TestClient, caller: User, who: User, role: str):
    return client.patch(f"{MEMBERS}/{who['id']}", json={"role": role}, headers=caller["headers"])


def remove(client: TestClient, caller: User, who: User):
    return client.delete(f"{MEMBERS}/{who['id']}", headers=caller["headers"])


@pytest.mark.parametrize(
    ("role", "wanted"),
    [
        ("viewer", "member"),
        ("viewer", "admin"),
        ("viewer", "owner"),
        ("member", "admin"),
        ("member", "owner"),
        ("admin", "owner"),
    ],
)
def test_nobody_promotes_themselves(
    client: TestClient, team: dict[str, User], role: str, wanted: str
) -> None:
    before = roles(client, team["owner"])
    assert_problem(set_role(client, team[role], team[role], wanted), 403)
    again = client.post(
        MEMBERS, json={"user_id": team[role]["id"], "role": wanted}, headers=team[role]["headers"]
    )
    assert again.status_code in (403, 409), again.text
    assert roles(client, team["owner"]) == before


def test_an_admin_cannot_make_anyone_owner(client: TestClient, team: dict[str, User]) -> None:
    before = roles(client, team["owner"])
    assert_problem(set_role(client, team["admin"], team["member"], "owner"), 403)
    add = client.post(
        MEMBERS,
        json={"user_id": team["outsider"]["id"], "role": "owner"},
        headers=team["admin"]["headers"],
    )
    assert_problem(add, 403)
    assert roles(client, team["owner"]) == before


def test_an_admin_cannot_demote_or_remove_an_owner(
    client: TestClient, team: dict[str, User]
) -> None:
    before = roles(client, team["owner"])
    assert_problem(set_role(client, team["admin"], team["owner"], "admin"), 403)
    assert_problem(remove(client, team["admin"], team["owner"]), 403)
    assert roles(client, team["owner"]) == before


def test_an_admin_manages_members_and_viewers(client: TestClient, team: dict[str, User]) -> None:
    assert set_role(client, team["admin"], team["viewer"], "member").status_code == 200
    assert remove(client, team["admin"], team["member"]).status_code == 204
    after = roles(client, team["owner"])
    assert after[team["viewer"]["id"]] == "member"
    assert team["member"]["id"] not in after


def test_the_last_owner_can_neither_leave_nor_be_demoted(
    client: TestClient, team: dict[str, User]
) -> None:
    owner = team["owner"]
    before = roles(client, owner)
    for role in ("admin", "member", "viewer"):
        assert_problem(set_role(client, owner, owner, role), 409)
    assert_problem(remove(client, owner, owner), 409)
    assert roles(client, owner) == before
    assert client.get(f"{V1}/projects/{KEY}", headers=owner["headers"]).json()["role"] == "owner"


def test_an_owner_may_step_down_once_another_owner_exists(
    client: TestClient, team: dict[str, User]
) -> None:
    owner, admin = team["owner"], team["admin"]
    assert set_role(client, owner, admin, "owner").status_code == 200
    assert set_role(client, owner, owner, "admin").status_code == 200
    assert_problem(set_role(client, admin, admin, "member"), 409)  # admin is now the last owner
    assert set_role(client, admin, owner, "owner").status_code == 200
    assert remove(client, owner, owner).status_code == 204
    assert roles(client, admin)[admin["id"]] == "owner"
    assert_problem(remove(client, admin, admin), 409)


@pytest.mark.parametrize("role", ["viewer", "member", "admin"])
def test_anyone_but_the_last_owner_can_leave(
    client: TestClient, team: dict[str, User], role: str
) -> None:
    leaver = team[role]
    assert remove(client, leaver, leaver).status_code == 204
    assert leaver["id"] not in roles(client, team["owner"])
    gone = assert_problem(client.get(f"{V1}/projects/{KEY}", headers=leaver["headers"]), 404)
    unknown = client.get(f"{V1}/projects/NOPE", headers=leaver["headers"]).json()
    assert gone == unknown
    assert_problem(remove(client, leaver, leaver), 404)


def test_a_removed_member_at_once_sees_nothing(client: TestClient, team: dict[str, User]) -> None:
    member = team["member"]
    assert remove(client, team["owner"], member).status_code == 204
    tries = [
        ("GET", f"{V1}/projects/{{}}", None),
        ("GET", f"{V1}/projects/{{}}/members", None),
        ("GET", f"{V1}/projects/{{}}/issues", None),
        ("POST", f"{V1}/projects/{{}}/issues", {"title": "Still here?"}),
        ("GET", f"{V1}/issues/{{}}-1", None),
        ("PATCH", f"{V1}/issues/{{}}-1", {"title": "Still here?"}),
        ("GET", f"{V1}/issues/{{}}-1/history", None),
    ]
    for method, path, body in tries:
        seen = client.request(method, path.format(KEY), json=body, headers=member["headers"])
        unknown = client.request(method, path.format("NOPE"), json=body, headers=member["headers"])
        assert assert_problem(seen, 404) == assert_problem(unknown, 404), (method, path)
    mine = client.get(f"{V1}/projects", headers=member["headers"]).json()["items"]
    assert KEY not in [p["key"] for p in mine]
    issue = client.get(f"{V1}/issues/{KEY}-1", headers=team["owner"]["headers"]).json()
    assert issue["title"] == "An issue"
    assert issue["version"] == 1


def test_unknown_members_are_404(client: TestClient, team: dict[str, User]) -> None:
    owner = team["owner"]
    assert_problem(set_role(client, owner, team["outsider"], "member"), 404)
    assert_problem(remove(client, owner, team["outsider"]), 404)
    assert_problem(client.delete(f"{MEMBERS}/no-such-user", headers=owner["headers"]), 404)


def test_adding_a_member_twice_is_a_conflict(client: TestClient, team: dict[str, User]) -> None:
    again = client.post(
        MEMBERS,
        json={"user_id": team["viewer"]["id"], "role": "admin"},
        headers=team["owner"]["headers"],
    )
    assert_problem(again, 409)
    assert roles(client, team["owner"])[team["viewer"]["id"]] == "viewer"


@pytest.mark.parametrize("who", ["outsider", "nobody", "removed"])
def test_only_members_can_be_assigned(client: TestClient, team: dict[str, User], who: str) -> None:
    owner = team["owner"]
    if who == "removed":
        assert remove(client, owner, team["viewer"]).status_code == 204
    assignee = {"outsider": team["outsider"]["id"], "nobody": "no-such-user"}.get(
        who, team["viewer"]["id"]
    )
    issue_url = f"{V1}/issues/{KEY}-1"
    before = client.get(issue_url, headers=owner["headers"]).json()

    patched = client.patch(issue_url, json={"assignee": assignee}, headers=owner["headers"])
    assert [e["field"] for e in assert_problem(patched, 422)["errors"]] == ["assignee"]
    assert client.get(issue_url, headers=owner["headers"]).json() == before

    created = client.post(
        f"{V1}/projects/{KEY}/issues",
        json={"title": "Assigned", "assignee": assignee},
        headers=owner["headers"],
    )
    assert [e["field"] for e in assert_problem(created, 422)["errors"]] == ["assignee"]
    listed = client.get(f"{V1}/projects/{KEY}/issues", headers=owner["headers"]).json()
    assert [i["key"] for i in listed["items"]] == [f"{KEY}-1"]

    member_id = team["member"]["id"]
    ok = client.post(
        f"{V1}/projects/{KEY}/issues",
        json={"title": "Assigned", "assignee": member_id},
        headers=owner["headers"],
    )
    assert ok.status_code == 201, ok.text
    assert (ok.json()["key"], ok.json()["assignee"]) == (f"{KEY}-2", member_id)  # no gap
    moved = client.patch(issue_url, json={"assignee": member_id}, headers=owner["headers"])
    assert moved.status_code == 200, moved.text
    assert moved.json()["version"] == before["version"] + 1


def test_a_reused_key_shows_nothing_of_the_deleted_project(
    api: Any, client: TestClient, team: dict[str, User]
) -> None:
    old_member, newcomer = team["member"], team["outsider"]
    assert client.get(f"{V1}/issues/{KEY}-1", headers=old_member["headers"]).status_code == 200
    deleted = client.delete(f"{V1}/projects/{KEY}", headers=team["owner"]["headers"])
    assert deleted.status_code == 204, deleted.text
    assert_problem(client.get(f"{V1}/issues/{KEY}-1", headers=old_member["headers"]), 404)
    api.project(newcomer, KEY)
    fresh = client.get(f"{V1}/projects/{KEY}", headers=newcomer["headers"])
    assert (fresh.status_code, fresh.json()["role"]) == (200, "owner")
    for user in (old_member, team["owner"]):
        assert_problem(client.get(f"{V1}/projects/{KEY}", headers=user["headers"]), 404)
        assert_problem(client.get(f"{V1}/issues/{KEY}-1", headers=user["headers"]), 404)
    assert roles(client, newcomer) == {newcomer["id"]: "owner"}
