"""Completing a sprint: to the backlog, a planned sprint or a new one, with what was done
and what carried over recorded; an interrupted completion resumes; a large one is fast."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi.testclient import TestClient

from taskdeck.bootstrap import Container
from taskdeck.domain.roles import Action
from taskdeck.domain.workflow import parse_workflow
from taskdeck.services.sprint_completion import record_plan
from taskdeck.services.sprint_items import move_issues
from tests.api.sprints.helpers import (
    UNKNOWN,
    V1,
    User,
    complete,
    completed_ok,
    dated,
    get,
    into_sprint,
    keys_in,
    running_sprint,
    sprint,
    sprint_of,
    start,
)
from tests.conftest import Api

# --- completing ----------------------------------------------------------------------------


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
    active, done, open_ = running_sprint(api, client, owner)
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
    active, _, open_ = running_sprint(api, client, owner)
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
    active, _, open_ = running_sprint(api, client, owner)
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
    active, _, _ = running_sprint(api, client, owner)
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
    active, done, open_ = running_sprint(api, client, owner)
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


def test_completing_a_large_sprint_carries_every_issue_over(
    client: TestClient, container: Container, owner: User
) -> None:
    """200 issues on SQLite (several transactions of at most 100 items); fewer on moto.
    How fast it is, `make bench` measures."""
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
    response = complete(client, owner, active["id"], "new")
    assert response.status_code == 200, response.text
    made = response.json()["new_sprint"]
    assert response.json()["sprint"]["carried_over"]["issue_count"] == count
    assert set(keys_in(client, owner, made["id"])) == set(keys)
    assert keys_in(client, owner, active["id"]) == []


# --- access and records --------------------------------------------------------------------
