"""Sprints through the API: planning, editing, listing and deleting, who may do what,
and the events every write records."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from taskdeck.bootstrap import Container
from taskdeck.services.events import read_outbox
from tests.api.sprints.helpers import (
    UNKNOWN,
    V1,
    User,
    complete,
    dated,
    get,
    into_sprint,
    issues,
    keys_in,
    running_sprint,
    sprint,
    sprint_of,
    start,
)
from tests.conftest import Api


def test_create_list_get_and_patch(client: TestClient, owner: User) -> None:
    response = client.post(
        f"{V1}/projects/WEB/sprints",
        json={"name": "  Sprint 1 ", "goal": "Pay by card", "start_date": "2027-01-04"},
        headers=owner["headers"],
    )
    assert response.status_code == 201, response.text
    created = response.json()
    assert response.headers["ETag"] == '"1"'
    assert created["project"] == "WEB"
    assert (created["name"], created["goal"], created["state"]) == (
        "Sprint 1",
        "Pay by card",
        "planned",
    )
    assert (created["start_date"], created["end_date"]) == ("2027-01-04", None)
    assert created["committed"] is created["completed"] is created["carried_over"] is None
    second = sprint(client, owner, "Sprint 2")
    assert get(client, owner, f"/sprints/{created['id']}") == created

    listed = get(client, owner, "/projects/WEB/sprints")
    assert [s["id"] for s in listed["items"]] == [created["id"], second["id"]]
    first_page = get(client, owner, "/projects/WEB/sprints?limit=1")
    assert [s["id"] for s in first_page["items"]] == [created["id"]]
    rest = get(client, owner, f"/projects/WEB/sprints?limit=1&cursor={first_page['next_cursor']}")
    assert [s["id"] for s in rest["items"]] == [second["id"]]

    path = f"{V1}/sprints/{created['id']}"
    patched = client.patch(
        path, json={"goal": None, "end_date": "2027-01-15"}, headers=owner["headers"]
    )
    assert patched.status_code == 200, patched.text
    assert patched.headers["ETag"] == '"2"'
    assert (patched.json()["goal"], patched.json()["end_date"]) == ("", "2027-01-15")
    stale = client.patch(
        path, json={"name": "Late"}, headers={**owner["headers"], "If-Match": '"1"'}
    )
    assert stale.status_code == 412
    fresh = client.patch(
        path, json={"name": "Renamed"}, headers={**owner["headers"], "If-Match": '"2"'}
    )
    assert fresh.status_code == 200
    assert get(client, owner, f"/sprints/{created['id']}")["name"] == "Renamed"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"name": "S", "goal": "g" * 2001}, "goal"),
        ({"name": "S", "start_date": "04/01/2027"}, "start_date"),
        ({"name": "S", "start_date": "2027-01-15", "end_date": "2027-01-04"}, "end_date"),
    ],
)
def test_create_refuses_bad_fields(
    client: TestClient, owner: User, body: dict[str, Any], field: str
) -> None:
    response = client.post(f"{V1}/projects/WEB/sprints", json=body, headers=owner["headers"])
    assert response.status_code == 422, response.text
    assert field in [e["field"] for e in response.json()["errors"]]
    assert get(client, owner, "/projects/WEB/sprints")["items"] == []


def test_patch_checks_dates_against_the_stored_ones(client: TestClient, owner: User) -> None:
    planned = dated(client, owner)
    path = f"{V1}/sprints/{planned['id']}"
    early = client.patch(path, json={"end_date": "2027-01-01"}, headers=owner["headers"])
    assert early.status_code == 422
    assert [e["field"] for e in early.json()["errors"]] == ["end_date"]
    nameless = client.patch(path, json={"name": None}, headers=owner["headers"])
    assert nameless.status_code == 422
    assert get(client, owner, f"/sprints/{planned['id']}") == planned


def test_list_by_state(client: TestClient, owner: User) -> None:
    first, second = dated(client, owner), sprint(client, owner, "Sprint 2")
    assert start(client, owner, first["id"]).status_code == 200
    active = get(client, owner, "/projects/WEB/sprints?state=active")["items"]
    planned = get(client, owner, "/projects/WEB/sprints?state=planned")["items"]
    assert [s["id"] for s in active] == [first["id"]]
    assert [s["id"] for s in planned] == [second["id"]]


def test_a_light_list_keeps_the_scopes_totals_but_not_their_issues(
    api: Api, client: TestClient, owner: User
) -> None:
    first = dated(client, owner)
    into_sprint(client, owner, first["id"], issues(api, owner, 3, 5))
    assert start(client, owner, first["id"]).status_code == 200
    (full,) = get(client, owner, "/projects/WEB/sprints")["items"]
    assert [i["points"] for i in full["committed"]["issues"]] == [3, 5]
    (light,) = get(client, owner, "/projects/WEB/sprints?issues=false")["items"]
    assert light["committed"] == {**full["committed"], "issues": None}
    assert {**light, "committed": None} == {**full, "committed": None}
    assert light["completed"] is None
    refused = client.get(f"{V1}/projects/WEB/sprints?issues=maybe", headers=owner["headers"])
    assert refused.status_code == 422
    assert [e["field"] for e in refused.json()["errors"]] == ["issues"]


def test_delete_returns_the_issues_to_the_backlog(
    api: Api, client: TestClient, container: Container, owner: User
) -> None:
    planned = sprint(client, owner)
    keys = issues(api, owner, 1, 2)
    into_sprint(client, owner, planned["id"], keys)
    assert keys_in(client, owner, planned["id"]) == keys
    response = client.delete(f"{V1}/sprints/{planned['id']}", headers=owner["headers"])
    assert response.status_code == 204, response.text
    assert client.get(f"{V1}/sprints/{planned['id']}", headers=owner["headers"]).status_code == 404
    assert [sprint_of(client, owner, k) for k in keys] == [None, None]
    assert keys_in(client, owner, "backlog") == keys
    assert get(client, owner, "/projects/WEB/sprints")["items"] == []


def test_only_a_planned_sprint_is_deleted(client: TestClient, owner: User) -> None:
    active = dated(client, owner)
    assert start(client, owner, active["id"]).status_code == 200
    response = client.delete(f"{V1}/sprints/{active['id']}", headers=owner["headers"])
    assert response.status_code == 409
    assert "active" in response.json()["detail"]
    assert get(client, owner, f"/sprints/{active['id']}")["state"] == "active"


# --- starting ------------------------------------------------------------------------------


def test_unknown_and_foreign_sprints_are_not_found(
    api: Api, client: TestClient, owner: User
) -> None:
    mine = sprint(client, owner)
    outsider = api.user("outsider")
    for sprint_id in (UNKNOWN, "not-an-id", mine["id"].lower()):
        response = client.get(f"{V1}/sprints/{sprint_id}", headers=owner["headers"])
        assert response.status_code == 404, sprint_id
    foreign = client.get(f"{V1}/sprints/{mine['id']}", headers=outsider["headers"]).json()
    unknown = client.get(f"{V1}/sprints/{UNKNOWN}", headers=outsider["headers"]).json()
    assert foreign == unknown
    patched = client.patch(
        f"{V1}/sprints/{mine['id']}", json={"name": "Mine"}, headers=outsider["headers"]
    )
    assert patched.status_code == 404


def test_members_may_read_but_not_manage_sprints(api: Api, client: TestClient, owner: User) -> None:
    planned = dated(client, owner)
    for role in ("member", "viewer"):
        user = api.user(role)
        api.member(owner, "WEB", user, role)
        assert get(client, user, f"/sprints/{planned['id']}") == planned
        attempts = [
            client.post(f"{V1}/projects/WEB/sprints", json={"name": "X"}, headers=user["headers"]),
            client.patch(
                f"{V1}/sprints/{planned['id']}", json={"name": "X"}, headers=user["headers"]
            ),
            start(client, user, planned["id"]),
            complete(client, user, planned["id"], "backlog"),
            client.delete(f"{V1}/sprints/{planned['id']}", headers=user["headers"]),
        ]
        assert [a.status_code for a in attempts] == [403] * 5
    assert get(client, owner, f"/sprints/{planned['id']}") == planned


def test_every_sprint_write_records_an_event(
    api: Api, client: TestClient, container: Container, owner: User
) -> None:
    active, _, _ = running_sprint(api, client, owner)
    client.patch(f"{V1}/sprints/{active['id']}", json={"goal": "G"}, headers=owner["headers"])
    assert complete(client, owner, active["id"], "new").status_code == 200
    doomed = sprint(client, owner, "Doomed")
    assert (
        client.delete(f"{V1}/sprints/{doomed['id']}", headers=owner["headers"]).status_code == 204
    )

    async def events() -> list[Any]:
        now = container.context.clock.now()
        return await read_outbox(container.table, after=None, now=now, limit=1000)

    kinds = [e["kind"] for e in client.portal.call(events) if e["kind"].startswith("sprint.")]  # type: ignore[union-attr]
    assert kinds == [
        "sprint.created",
        "sprint.started",
        "sprint.updated",
        "sprint.created",  # the sprint made for the open issues
        "sprint.completed",
        "sprint.created",
        "sprint.deleted",
    ]
