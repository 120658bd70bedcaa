"""Links through the API: both sides in one write, across projects one can see, no
duplicates, no self-links, and done rules that follow `is blocked by`."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from taskdeck.bootstrap import Container
from tests.conftest import Api

V1 = "/api/v1"


def _link(client: TestClient, user: dict[str, Any], key: str, kind: str, other: str) -> Any:
    return client.post(
        f"{V1}/issues/{key}/links", json={"type": kind, "issue": other}, headers=user["headers"]
    )


def _links(client: TestClient, user: dict[str, Any], key: str) -> list[tuple[str, str]]:
    items = client.get(f"{V1}/issues/{key}/links", headers=user["headers"]).json()["items"]
    return [(link["type"], link["issue"]) for link in items]


def test_a_link_shows_on_both_issues_and_goes_from_both(api: Api, client: TestClient) -> None:
    owner = api.user()
    api.project(owner)
    api.issue(owner)
    api.issue(owner)
    created = _link(client, owner, "WEB-1", "blocks", "WEB-2")
    assert created.status_code == 201, created.text
    assert created.json()["type"] == "blocks"
    assert _links(client, owner, "WEB-1") == [("blocks", "WEB-2")]
    assert _links(client, owner, "WEB-2") == [("is_blocked_by", "WEB-1")]
    history = client.get(f"{V1}/issues/WEB-2/history", headers=owner["headers"]).json()["items"]
    assert (history[-1]["field"], history[-1]["to"]) == ("link", "is_blocked_by WEB-1")

    link_id = created.json()["id"]
    gone = client.delete(f"{V1}/issues/WEB-2/links/{link_id}", headers=owner["headers"])
    assert gone.status_code == 204
    assert _links(client, owner, "WEB-1") == _links(client, owner, "WEB-2") == []
    again = client.delete(f"{V1}/issues/WEB-1/links/{link_id}", headers=owner["headers"])
    assert again.status_code == 404


def test_duplicates_self_links_and_unknown_issues_are_refused(api: Api, client: TestClient) -> None:
    owner = api.user()
    api.project(owner)
    api.issue(owner)
    api.issue(owner)
    assert _link(client, owner, "WEB-1", "duplicates", "WEB-2").status_code == 201
    for kind, other in (("duplicates", "WEB-2"), ("relates_to", "WEB-2")):
        assert _link(client, owner, "WEB-1", kind, other).status_code == 409
    assert _link(client, owner, "WEB-2", "blocks", "WEB-1").status_code == 409
    assert _link(client, owner, "WEB-1", "relates_to", "WEB-1").status_code == 422
    assert _link(client, owner, "WEB-1", "relates_to", "WEB-99").status_code == 404
    assert _link(client, owner, "WEB-1", "relates_to", "nonsense").status_code == 404
    assert _link(client, owner, "WEB-1", "likes", "WEB-2").status_code == 422
    assert _links(client, owner, "WEB-1") == [("duplicates", "WEB-2")]


def test_links_across_projects_need_sight_of_both(api: Api, client: TestClient) -> None:
    owner, other_owner, viewer = api.user(), api.user(), api.user()
    api.project(owner)
    api.project(other_owner, key="OPS")
    api.member(owner, "WEB", viewer, "viewer")
    api.issue(owner)
    api.issue(other_owner, key="OPS")
    # The owner of WEB cannot see OPS: as if OPS-1 did not exist.
    assert _link(client, owner, "WEB-1", "relates_to", "OPS-1").status_code == 404
    api.member(other_owner, "OPS", owner, "viewer")
    assert _link(client, owner, "WEB-1", "relates_to", "OPS-1").status_code == 201
    assert _links(client, other_owner, "OPS-1") == [("relates_to", "WEB-1")]
    assert _link(client, viewer, "WEB-1", "blocks", "OPS-1").status_code == 403


def test_done_can_require_every_blocker_done(api: Api, client: TestClient) -> None:
    owner = api.user()
    api.project(owner)
    api.project(owner, key="OPS")
    rule = {"settings": {"done_requires_unblocked": True}}
    assert (
        client.patch(f"{V1}/projects/WEB", json=rule, headers=owner["headers"]).status_code == 200
    )
    api.issue(owner)
    api.issue(owner, key="OPS")
    assert _link(client, owner, "WEB-1", "is_blocked_by", "OPS-1").status_code == 201
    move = {"status": "done"}
    refused = client.post(f"{V1}/issues/WEB-1/move", json=move, headers=owner["headers"])
    assert refused.status_code == 409
    assert refused.json()["errors"] == [
        {"field": "links", "message": "blocked by OPS-1, which is not done"}
    ]
    done = client.post(f"{V1}/issues/OPS-1/move", json=move, headers=owner["headers"])
    assert done.status_code == 200
    assert (
        client.post(f"{V1}/issues/WEB-1/move", json=move, headers=owner["headers"]).status_code
        == 200
    )


def test_deleting_an_issue_removes_its_links_from_the_other_side_and_its_items(
    api: Api, client: TestClient, container: Container
) -> None:
    owner = api.user()
    api.project(owner)
    api.issue(owner)
    api.issue(owner)
    assert _link(client, owner, "WEB-1", "blocks", "WEB-2").status_code == 201
    comment = {"body": "soon gone"}
    client.post(f"{V1}/issues/WEB-2/comments", json=comment, headers=owner["headers"])
    assert client.delete(f"{V1}/issues/WEB-2", headers=owner["headers"]).status_code == 204
    assert _links(client, owner, "WEB-1") == []
    project_id = client.get(f"{V1}/projects/WEB", headers=owner["headers"]).json()["id"]

    async def leftovers() -> list[Any]:
        await container.projects.purge_deleted()
        page = await container.table.query(f"ISSUE#{project_id}#2", limit=50)
        return page.items

    assert client.portal.call(leftovers) == []  # type: ignore[union-attr]
