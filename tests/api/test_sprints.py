"""Sprints through the API: planning, editing, starting, completing (and resuming a
completion), deleting, and who may do what."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from taskdeck.bootstrap import Container
from taskdeck.domain.roles import Action
from taskdeck.domain.workflow import parse_workflow
from taskdeck.services.events import read_outbox
from taskdeck.services.sprint_completion import record_plan
from taskdeck.services.sprint_items import move_issues
from tests.conftest import Api

V1 = "/api/v1"
UNKNOWN = "01JD0000000000000000000000"
User = dict[str, Any]


@pytest.fixture
def owner(api: Api) -> User:
    """A user who owns project WEB."""
    user = api.user("owner")
    api.project(user, "WEB")
    return user


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


# --- completing ----------------------------------------------------------------------------


def running_sprint(
    api: Api, client: TestClient, container: Container, owner: User
) -> tuple[Any, list[str], list[str]]:
    """An active sprint with two done issues (3 and 2 points) and two open ones (5, none)."""
    active = dated(client, owner)
    done = issues(api, owner, 3, 2, status="done")
    open_ = [api.issue(owner, points=5, status="in_progress")["key"], *issues(api, owner, None)]
    into_sprint(client, owner, active["id"], [done[0], open_[0], done[1], open_[1]])
    assert start(client, owner, active["id"]).status_code == 200
    return active, done, open_


def assert_completed(client: TestClient, owner: User, body: Any, to: str, open_: list[str]):
    completed = body["sprint"]
    assert completed["state"] == "completed"
    assert completed["completed_at"] is not None
    assert completed["completed"]["issue_count"] == 2
    assert completed["completed"]["points"] == 5
    assert completed["carried_over"] == {
        "to": to,
        "issues": [
            {"key": open_[0], "points": 5, "status": "in_progress"},
            {"key": open_[1], "points": None, "status": "todo"},
        ],
        "issue_count": 2,
        "points": 5,
    }
    assert get(client, owner, f"/sprints/{completed['id']}") == completed
    assert get(client, owner, "/projects/WEB")["active_sprint"] is None


def test_complete_to_the_backlog(
    api: Api, client: TestClient, container: Container, owner: User
) -> None:
    active, done, open_ = running_sprint(api, client, container, owner)
    body = completed_ok(client, owner, active["id"], "backlog")
    assert body["new_sprint"] is None
    assert_completed(client, owner, body, "backlog", open_)
    assert sorted(k["key"] for k in body["sprint"]["completed"]["issues"]) == sorted(done)
    assert [sprint_of(client, owner, k) for k in done] == [active["id"]] * 2
    assert [sprint_of(client, owner, k) for k in open_] == [None, None]
    assert set(open_) <= set(keys_in(client, owner, "backlog"))
    again = complete(client, owner, active["id"], "backlog")
    assert again.status_code == 409
    assert "completed" in again.json()["detail"]
    # The project is free to start the next one.
    assert start(client, owner, dated(client, owner, "Sprint 2")["id"]).status_code == 200


def test_complete_to_a_planned_sprint(
    api: Api, client: TestClient, container: Container, owner: User
) -> None:
    active, _, open_ = running_sprint(api, client, container, owner)
    following = sprint(client, owner, "Sprint 2")
    unknown = complete(client, owner, active["id"], UNKNOWN)
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["field"] == "move_open_issues_to"
    itself = complete(client, owner, active["id"], active["id"])
    assert itself.status_code == 422
    body = completed_ok(client, owner, active["id"], following["id"])
    assert_completed(client, owner, body, following["id"], open_)
    assert keys_in(client, owner, following["id"]) == open_
    # A completed sprint takes no carried-over issues.
    assert start(client, owner, following["id"]).status_code == 422  # no dates yet
    later = dated(client, owner, "Sprint 3")
    assert start(client, owner, later["id"]).status_code == 200
    refused = complete(client, owner, later["id"], active["id"])
    assert refused.status_code == 409
    assert "completed" in refused.json()["detail"]


def test_complete_to_a_new_sprint(
    api: Api, client: TestClient, container: Container, owner: User
) -> None:
    active, _, open_ = running_sprint(api, client, container, owner)
    body = completed_ok(client, owner, active["id"], "new")
    made = body["new_sprint"]
    assert (made["name"], made["state"]) == ("Sprint 2", "planned")
    assert_completed(client, owner, body, made["id"], open_)
    assert keys_in(client, owner, made["id"]) == open_
    listed = get(client, owner, "/projects/WEB/sprints")["items"]
    assert [s["id"] for s in listed] == [active["id"], made["id"]]


def test_only_the_active_sprint_completes(client: TestClient, owner: User) -> None:
    planned = dated(client, owner)
    response = complete(client, owner, planned["id"], "backlog")
    assert response.status_code == 409
    assert "planned" in response.json()["detail"]
    assert get(client, owner, f"/sprints/{planned['id']}") == planned
    assert complete(client, owner, planned["id"], "somewhere").status_code == 409


def test_a_completed_sprint_keeps_its_dates(
    api: Api, client: TestClient, container: Container, owner: User
) -> None:
    active, _, _ = running_sprint(api, client, container, owner)
    assert complete(client, owner, active["id"], "backlog").status_code == 200
    path = f"{V1}/sprints/{active['id']}"
    refused = client.patch(path, json={"end_date": "2027-02-01"}, headers=owner["headers"])
    assert refused.status_code == 409
    renamed = client.patch(path, json={"name": "Done", "goal": "Met"}, headers=owner["headers"])
    assert renamed.status_code == 200, renamed.text
    assert (renamed.json()["name"], renamed.json()["end_date"]) == ("Done", "2027-01-15")


def test_an_interrupted_completion_resumes_from_its_plan(
    api: Api, client: TestClient, container: Container, owner: User
) -> None:
    active, done, open_ = running_sprint(api, client, container, owner)
    following = sprint(client, owner, "Sprint 2")

    async def plan_only() -> None:
        ref = await container.sprints.find(owner["id"], active["id"], Action.MANAGE_SPRINTS)
        await record_plan(container.context, ref, following["id"])

    client.portal.call(plan_only)  # type: ignore[union-attr]
    halfway = get(client, owner, f"/sprints/{active['id']}")
    assert halfway["state"] == "completing"
    assert halfway["carried_over"]["to"] == following["id"]
    assert get(client, owner, "/projects/WEB")["active_sprint"] == active["id"]
    assert [sprint_of(client, owner, k) for k in open_] == [active["id"]] * 2
    # Meanwhile one open issue leaves the sprint: the resumed completion leaves it be.
    moved_away = sprint(client, owner, "Elsewhere")
    into_sprint(client, owner, moved_away["id"], [open_[1]])

    # The resumed call follows the recorded plan, whatever target it names.
    body = completed_ok(client, owner, active["id"], "backlog")
    assert_completed(client, owner, body, following["id"], open_)
    assert sprint_of(client, owner, open_[0]) == following["id"]
    assert sprint_of(client, owner, open_[1]) == moved_away["id"]
    assert [sprint_of(client, owner, k) for k in done] == [active["id"]] * 2


def test_completing_a_large_sprint_is_fast(
    client: TestClient, container: Container, owner: User
) -> None:
    """200 issues on SQLite (several transactions of at most 100 items); fewer on moto."""
    count = 200 if container.settings.storage_adapter == "sqlite" else 34
    active = dated(client, owner)

    async def seed() -> list[str]:
        creates = [
            container.issues.create(owner["id"], "WEB", {"title": f"Issue {n}", "points": 1})
            for n in range(count)
        ]
        made = await asyncio.gather(*creates)
        ref = await container.sprints.find(owner["id"], active["id"], Action.MANAGE_SPRINTS)
        workflow = parse_workflow(ref.access.project["workflow"])
        numbers = [int(i["number"]) for i in made]
        ctx = container.context
        await move_issues(
            ctx,
            ref.access,
            workflow,
            numbers=numbers,
            out_of=None,
            to=active["id"],
            at=ctx.timestamp(),
        )
        return [i["key"] for i in made]

    keys = client.portal.call(seed)  # type: ignore[union-attr]
    assert start(client, owner, active["id"]).json()["committed"]["issue_count"] == count
    began = time.perf_counter()
    response = complete(client, owner, active["id"], "new")
    took = time.perf_counter() - began
    assert response.status_code == 200, response.text
    print(f"completing a sprint of {count} issues took {took:.3f} s")
    made = response.json()["new_sprint"]
    assert response.json()["sprint"]["carried_over"]["issue_count"] == count
    assert set(keys_in(client, owner, made["id"])) == set(keys)
    assert keys_in(client, owner, active["id"]) == []
    if container.settings.storage_adapter == "sqlite":
        assert took < 1.0


# --- access and records --------------------------------------------------------------------


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
    active, _, _ = running_sprint(api, client, container, owner)
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
