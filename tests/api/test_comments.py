"""Comments through the API: order and pages, body limits, edits with their history,
deletes with a tombstone, mentions (in comments and in descriptions) and who may do what."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from taskdeck.bootstrap import Container
from taskdeck.services import keys
from tests.api.discussion import User, events, make_team
from tests.conftest import Api

V1 = "/api/v1"
UNKNOWN = "01JD0000000000000000000000"


@pytest.fixture
def team(api: Api) -> dict[str, User]:
    """See `make_team`."""
    return make_team(api)


def comment(client: TestClient, user: User, body: str, key: str = "WEB-1") -> Any:
    """POST a comment."""
    return client.post(f"{V1}/issues/{key}/comments", json={"body": body}, headers=user["headers"])


def added(client: TestClient, user: User, body: str, key: str = "WEB-1") -> dict[str, Any]:
    """A comment that was added."""
    response = comment(client, user, body, key)
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


def edit(client: TestClient, user: User, comment_id: str, body: str, **headers: str) -> Any:
    """PATCH a comment of WEB-1."""
    return client.patch(
        f"{V1}/issues/WEB-1/comments/{comment_id}",
        json={"body": body},
        headers={**user["headers"], **headers},
    )


def remove(client: TestClient, user: User, comment_id: str, **headers: str) -> Any:
    """DELETE a comment of WEB-1."""
    return client.delete(
        f"{V1}/issues/WEB-1/comments/{comment_id}", headers={**user["headers"], **headers}
    )


def listed(client: TestClient, user: User, path: str) -> list[Any]:
    """Every item of a list, page after page."""
    items: list[Any] = []
    cursor = None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        response = client.get(f"{V1}{path}", params=params, headers=user["headers"])
        assert response.status_code == 200, response.text
        items += response.json()["items"]
        cursor = response.json()["next_cursor"]
        if cursor is None:
            return items


def test_comments_are_listed_oldest_first_in_pages(
    client: TestClient, team: dict[str, User]
) -> None:
    first = comment(client, team["ann"], "First")
    assert first.status_code == 201, first.text
    assert first.headers["ETag"] == '"1"'
    shown = first.json()
    assert shown["issue"] == "WEB-1"
    assert shown["author"] == team["ann"]["id"]
    assert (shown["body"], shown["mentions"], shown["edited_at"], shown["version"]) == (
        "First",
        [],
        None,
        1,
    )
    assert shown["created_at"].endswith("Z")
    added(client, team["bob"], "Second")
    added(client, team["owner"], "Third")
    page = client.get(f"{V1}/issues/WEB-1/comments?limit=2", headers=team["vic"]["headers"])
    assert [c["body"] for c in page.json()["items"]] == ["First", "Second"]
    assert page.json()["next_cursor"]
    everything = listed(client, team["vic"], "/issues/WEB-1/comments")
    assert [c["body"] for c in everything] == ["First", "Second", "Third"]
    assert everything[0] == shown
    history = client.get(f"{V1}/issues/WEB-1/history", headers=team["ann"]["headers"]).json()
    entries = [(h["field"], h["from"], h["to"]) for h in history["items"]]
    assert ("comment", None, shown["id"]) in entries


def test_body_limits(client: TestClient, team: dict[str, User]) -> None:
    for body in ("", " ", "  \n\t "):
        response = comment(client, team["ann"], body)
        assert response.status_code == 422, response.text
        assert [e["field"] for e in response.json()["errors"]] == ["body"]
    longest = added(client, team["ann"], "é" * 32_000)
    assert len(longest["body"]) == 32_000
    too_long = comment(client, team["ann"], "x" * 32_001)
    assert too_long.status_code == 422, too_long.text
    assert [e["field"] for e in too_long.json()["errors"]] == ["body"]
    huge = comment(client, team["ann"], "x" * 1_100_000)
    assert huge.status_code == 413, huge.text
    assert edit(client, team["ann"], longest["id"], "   ").status_code == 422
    assert edit(client, team["ann"], longest["id"], "y" * 32_001).status_code == 422
    everything = listed(client, team["ann"], "/issues/WEB-1/comments")
    assert [len(c["body"]) for c in everything] == [32_000]


def test_only_the_author_edits_and_the_previous_bodies_are_kept(
    client: TestClient, team: dict[str, User]
) -> None:
    original = added(client, team["ann"], "Frist")
    for other in ("bob", "adam", "owner"):
        refused = edit(client, team[other], original["id"], "Hijacked")
        assert refused.status_code == 403, refused.text
    first = edit(client, team["ann"], original["id"], "First")
    assert first.status_code == 200, first.text
    assert first.headers["ETag"] == '"2"'
    assert first.json()["edited_at"] is not None
    assert first.json()["created_at"] == original["created_at"]
    second = edit(client, team["ann"], original["id"], "First!", **{"If-Match": '"2"'})
    assert second.status_code == 200, second.text
    assert (second.json()["body"], second.json()["version"]) == ("First!", 3)
    edits = listed(client, team["vic"], f"/issues/WEB-1/comments/{original['id']}/edits")
    assert [(e["body"], e["version"]) for e in edits] == [("Frist", 1), ("First", 2)]
    assert edits[0]["written_at"] == original["created_at"]
    assert edits[1]["written_at"] == first.json()["edited_at"]
    assert edits[1]["replaced_at"] == second.json()["edited_at"]
    assert listed(client, team["ann"], "/issues/WEB-1/comments") == [second.json()]
    history = client.get(f"{V1}/issues/WEB-1/history", headers=team["ann"]["headers"]).json()
    edited = [h for h in history["items"] if h["from"] == original["id"]]
    assert [(h["field"], h["to"]) for h in edited] == [("comment", original["id"])] * 2


def test_a_stale_if_match_changes_nothing(client: TestClient, team: dict[str, User]) -> None:
    original = added(client, team["ann"], "One")
    assert edit(client, team["ann"], original["id"], "Two").status_code == 200
    stale = edit(client, team["ann"], original["id"], "Three", **{"If-Match": '"1"'})
    assert stale.status_code == 412, stale.text
    assert remove(client, team["ann"], original["id"], **{"If-Match": '"1"'}).status_code == 412
    assert [c["body"] for c in listed(client, team["ann"], "/issues/WEB-1/comments")] == ["Two"]
    assert remove(client, team["ann"], original["id"], **{"If-Match": '"2"'}).status_code == 204


def test_the_author_or_an_admin_deletes_leaving_a_tombstone(
    client: TestClient, container: Container, team: dict[str, User]
) -> None:
    mine = added(client, team["ann"], "Mine")
    other = added(client, team["ann"], "Also mine")
    assert edit(client, team["ann"], mine["id"], "Mine, edited").status_code == 200
    for refused in ("bob", "vic"):
        assert remove(client, team[refused], mine["id"]).status_code == 403
    assert remove(client, team["ann"], mine["id"]).status_code == 204
    assert remove(client, team["adam"], other["id"]).status_code == 204
    assert listed(client, team["ann"], "/issues/WEB-1/comments") == []
    again = remove(client, team["ann"], mine["id"])
    assert again.status_code == 404, again.text
    gone = client.get(
        f"{V1}/issues/WEB-1/comments/{mine['id']}/edits", headers=team["ann"]["headers"]
    )
    assert gone.status_code == 404, gone.text
    history = client.get(f"{V1}/issues/WEB-1/history", headers=team["ann"]["headers"]).json()
    tombstones = [
        (h["actor"], h["from"])
        for h in history["items"]
        if h["field"] == "comment" and h["to"] is None
    ]
    assert tombstones == [(team["ann"]["id"], mine["id"]), (team["adam"]["id"], other["id"])]
    kinds = [e["kind"] for e in events(client, container, "comment.")]
    assert kinds == [
        "comment.added",
        "comment.added",
        "comment.edited",
        "comment.deleted",
        "comment.deleted",
    ]


def test_mentions_by_email_local_part_or_id_of_members_only(
    client: TestClient, container: Container, team: dict[str, User]
) -> None:
    body = (
        f"@ANN, please ask @{team['bob']['id']}. Not @olga, not @nobody, not ann@example.com,"
        " not `@adam` nor\n```\n@vic\n```\nbut @ann again and @vic."
    )
    created = added(client, team["owner"], body)
    assert created["mentions"] == [team["ann"]["id"], team["bob"]["id"], team["vic"]["id"]]
    edited = edit(client, team["owner"], created["id"], "Only @adam now")
    assert edited.json()["mentions"] == [team["adam"]["id"]]
    written = events(client, container, "comment.")
    assert [e["kind"] for e in written] == ["comment.added", "comment.edited"]
    assert written[0]["data"]["key"] == "WEB-1"
    assert written[0]["data"]["comment"] == created
    assert written[0]["data"]["mentions"] == created["mentions"]
    assert written[1]["data"]["mentions"] == [team["adam"]["id"]]
    assert written[1]["data"]["comment"] == edited.json()


def test_mentions_in_descriptions_are_stored_and_in_the_events(
    api: Api, client: TestClient, container: Container, team: dict[str, User]
) -> None:
    project = client.get(f"{V1}/projects/WEB", headers=team["owner"]["headers"]).json()
    issue = api.issue(team["owner"], description="For @ann and @olga")

    async def stored_mentions() -> Any:
        item = await container.table.get(*keys.issue(project["id"], issue["number"]))
        assert item is not None
        return item["mentions"]

    assert client.portal.call(stored_mentions) == [team["ann"]["id"]]  # type: ignore[union-attr]
    changed = client.patch(
        f"{V1}/issues/{issue['key']}",
        json={"description": f"Now @bob and @{team['vic']['id']}"},
        headers=team["owner"]["headers"],
    )
    assert changed.status_code == 200, changed.text
    assert "mentions" not in changed.json()
    assert client.portal.call(stored_mentions) == [team["bob"]["id"], team["vic"]["id"]]  # type: ignore[union-attr]
    retitled = client.patch(
        f"{V1}/issues/{issue['key']}", json={"title": "Renamed"}, headers=team["owner"]["headers"]
    )
    assert retitled.status_code == 200, retitled.text
    written = [e for e in events(client, container, "issue.") if e["data"]["key"] == issue["key"]]
    assert [e["kind"] for e in written] == ["issue.created", "issue.updated", "issue.updated"]
    assert written[0]["data"]["mentions"] == [team["ann"]["id"]]
    assert written[1]["data"]["mentions"] == [team["bob"]["id"], team["vic"]["id"]]
    assert "mentions" not in written[2]["data"]


def test_viewers_read_outsiders_and_other_issues_get_404(
    api: Api, client: TestClient, team: dict[str, User]
) -> None:
    mine = added(client, team["ann"], "Hello")
    viewer = team["vic"]
    assert comment(client, viewer, "Me too").status_code == 403
    assert edit(client, viewer, mine["id"], "Changed").status_code == 403
    assert remove(client, viewer, mine["id"]).status_code == 403
    listing = client.get(f"{V1}/issues/WEB-1/comments", headers=viewer["headers"])
    assert [c["body"] for c in listing.json()["items"]] == ["Hello"]
    outsider = team["olga"]
    for response in (
        comment(client, outsider, "Hi"),
        client.get(f"{V1}/issues/WEB-1/comments", headers=outsider["headers"]),
        edit(client, outsider, mine["id"], "Hi"),
        remove(client, outsider, mine["id"]),
    ):
        assert response.status_code == 404, response.text
    assert comment(client, team["ann"], "Hi", key="WEB-99").status_code == 404
    # A comment is found only under its own issue, even in the same project.
    api.issue(team["owner"], title="Second")
    path = f"{V1}/issues/WEB-2/comments/{mine['id']}"
    assert client.patch(path, json={"body": "x"}, headers=team["ann"]["headers"]).status_code == 404
    assert client.delete(path, headers=team["owner"]["headers"]).status_code == 404
    assert client.get(f"{path}/edits", headers=team["ann"]["headers"]).status_code == 404
    # Another project's comment is not reachable through WEB either.
    api.project(outsider, "APP")
    api.issue(outsider, "APP")
    theirs = added(client, outsider, "Elsewhere", key="APP-1")
    assert edit(client, team["ann"], theirs["id"], "x").status_code == 404
    assert remove(client, team["owner"], theirs["id"]).status_code == 404
    assert comment(client, team["ann"], "Hi", key="APP-1").status_code == 404
    for unknown in (UNKNOWN, "not-an-id"):
        assert edit(client, team["ann"], unknown, "x").status_code == 404
        assert remove(client, team["owner"], unknown).status_code == 404
    assert listed(client, team["ann"], "/issues/WEB-1/comments") == [mine]
