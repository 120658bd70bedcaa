"""Watchers through the API: watching as yourself, admins adding members, the reporter and
the assignee watching by themselves, and the issue JSON listing them."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from taskdeck.bootstrap import Container
from tests.api.discussion import User, events, make_team
from tests.conftest import Api

V1 = "/api/v1"


@pytest.fixture
def team(api: Api) -> dict[str, User]:
    """See `make_team`."""
    return make_team(api)


def watch(client: TestClient, user: User, body: dict[str, Any], key: str = "WEB-1") -> Any:
    """POST a watcher."""
    return client.post(f"{V1}/issues/{key}/watchers", json=body, headers=user["headers"])


def unwatch(client: TestClient, user: User, who: User, key: str = "WEB-1") -> Any:
    """DELETE a watcher."""
    return client.delete(f"{V1}/issues/{key}/watchers/{who['id']}", headers=user["headers"])


def watchers(client: TestClient, user: User, key: str = "WEB-1") -> list[str]:
    """The ids of the issue's watchers, as its JSON lists them."""
    issue = client.get(f"{V1}/issues/{key}", headers=user["headers"])
    assert issue.status_code == 200, issue.text
    result: list[str] = issue.json()["watchers"]
    return result


def test_watch_and_unwatch_as_yourself(
    client: TestClient, container: Container, team: dict[str, User]
) -> None:
    owner, ann, vic = team["owner"], team["ann"], team["vic"]
    assert watchers(client, ann) == [owner["id"]]
    watched = watch(client, ann, {})
    assert watched.status_code == 200, watched.text
    assert watched.json()["watchers"] == [owner["id"], ann["id"]]
    assert watched.json()["version"] == 2
    assert watched.headers["ETag"] == '"2"'
    again = watch(client, ann, {"user_id": ann["id"]})
    assert again.status_code == 200, again.text
    assert again.json()["version"] == 2, "watching twice changes nothing"
    assert watch(client, vic, {}).status_code == 200, "viewers may watch"
    listing = client.get(f"{V1}/issues/WEB-1/watchers", headers=vic["headers"])
    assert listing.json() == {
        "items": [
            {"id": owner["id"], "name": "owner"},
            {"id": ann["id"], "name": "ann"},
            {"id": vic["id"], "name": "vic"},
        ],
        "next_cursor": None,
    }
    assert unwatch(client, ann, ann).status_code == 204
    assert unwatch(client, ann, ann).status_code == 204, "unwatching is idempotent"
    assert unwatch(client, vic, vic).status_code == 204
    assert watchers(client, ann) == [owner["id"]]
    history = client.get(f"{V1}/issues/WEB-1/history", headers=ann["headers"]).json()["items"]
    changes = [(h["from"], h["to"]) for h in history if h["field"] == "watcher"]
    assert changes == [(None, ann["id"]), (None, vic["id"]), (ann["id"], None), (vic["id"], None)]
    kinds = [e["kind"] for e in events(client, container, "issue.watcher")]
    assert kinds == ["issue.watcher_added"] * 2 + ["issue.watcher_removed"] * 2


def test_admins_add_and_remove_members_others_may_not(
    client: TestClient, team: dict[str, User]
) -> None:
    owner, adam, ann, bob, olga = (team[n] for n in ("owner", "adam", "ann", "bob", "olga"))
    refused = watch(client, ann, {"user_id": bob["id"]})
    assert refused.status_code == 403, refused.text
    assert watch(client, team["vic"], {"user_id": bob["id"]}).status_code == 403
    added = watch(client, adam, {"user_id": bob["id"]})
    assert added.status_code == 200, added.text
    assert added.json()["watchers"] == [owner["id"], bob["id"]]
    stranger = watch(client, adam, {"user_id": olga["id"]})
    assert stranger.status_code == 422, stranger.text
    assert [e["field"] for e in stranger.json()["errors"]] == ["user_id"]
    unknown = watch(client, owner, {"user_id": "01JD0000000000000000000000"})
    assert unknown.status_code == 422, unknown.text
    assert unwatch(client, ann, bob).status_code == 403
    assert unwatch(client, adam, bob).status_code == 204
    assert unwatch(client, adam, owner).status_code == 204
    assert watchers(client, ann) == []


def test_outsiders_and_unknown_issues_get_404(client: TestClient, team: dict[str, User]) -> None:
    olga = team["olga"]
    assert watch(client, olga, {}).status_code == 404
    assert unwatch(client, olga, olga).status_code == 404
    assert client.get(f"{V1}/issues/WEB-1/watchers", headers=olga["headers"]).status_code == 404
    assert watch(client, team["ann"], {}, key="WEB-99").status_code == 404
    assert watchers(client, team["ann"]) == [team["owner"]["id"]]


def test_the_reporter_and_the_assignee_watch_by_themselves(
    api: Api, client: TestClient, team: dict[str, User]
) -> None:
    ann, bob = team["ann"], team["bob"]
    issue = api.issue(ann, title="Assigned", assignee=bob["id"])
    assert issue["watchers"] == [ann["id"], bob["id"]]
    self_assigned = api.issue(ann, title="Mine", assignee=ann["id"])
    assert self_assigned["watchers"] == [ann["id"]]
    reassigned = client.patch(
        f"{V1}/issues/{self_assigned['key']}",
        json={"assignee": team["adam"]["id"]},
        headers=ann["headers"],
    )
    assert reassigned.status_code == 200, reassigned.text
    assert reassigned.json()["watchers"] == [ann["id"], team["adam"]["id"]]
    # An assignee who stopped watching is added again only when assigned again.
    assert unwatch(client, bob, bob, key=issue["key"]).status_code == 204
    retitled = client.patch(
        f"{V1}/issues/{issue['key']}", json={"title": "Renamed"}, headers=ann["headers"]
    )
    assert retitled.json()["watchers"] == [ann["id"]]
    unassigned = client.patch(
        f"{V1}/issues/{issue['key']}", json={"assignee": None}, headers=ann["headers"]
    )
    assert unassigned.json()["watchers"] == [ann["id"]]
    listed = client.get(f"{V1}/projects/WEB/issues", headers=ann["headers"]).json()["items"]
    assert {i["key"]: i["watchers"] for i in listed}[self_assigned["key"]] == [
        ann["id"],
        team["adam"]["id"],
    ]


def test_a_watch_bumps_the_version_so_a_stale_edit_is_refused(
    client: TestClient, team: dict[str, User]
) -> None:
    ann = team["ann"]
    assert watch(client, ann, {}).status_code == 200
    stale = client.patch(
        f"{V1}/issues/WEB-1", json={"title": "x"}, headers={**ann["headers"], "If-Match": '"1"'}
    )
    assert stale.status_code == 412, stale.text
    merged = client.patch(f"{V1}/issues/WEB-1", json={"title": "x"}, headers=ann["headers"])
    assert merged.status_code == 200, merged.text
    assert merged.json()["watchers"] == [team["owner"]["id"], ann["id"]]
