"""Webhooks through the API: admins register, list, read and delete them; the secret is
never shown again; bad URLs, secrets and kinds are refused with nothing stored."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.discussion import User, make_team
from tests.conftest import Api

pytestmark = pytest.mark.local_accounts
V1 = "/api/v1"
PUBLIC_URL = "https://93.184.215.14/hooks/taskdeck"
"""A public address: accepted without a name to resolve, and never sent to here (the
webhooks below hear only of deleted sprints)."""
QUIET = ["sprint.deleted"]
SECRET = "s" * 16


@pytest.fixture
def team(api: Api) -> dict[str, User]:
    """See `make_team`."""
    return make_team(api)


def create(client: TestClient, user: User, **body: Any) -> Any:
    """POST a webhook to WEB."""
    body = {"url": PUBLIC_URL, "secret": SECRET, "events": QUIET, **body}
    return client.post(f"{V1}/projects/WEB/webhooks", json=body, headers=user["headers"])


def listed(client: TestClient, user: User) -> list[dict[str, Any]]:
    """WEB's webhooks, as `user` sees them."""
    response = client.get(f"{V1}/projects/WEB/webhooks", headers=user["headers"])
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def test_an_admin_registers_reads_lists_and_deletes_a_webhook(
    client: TestClient, team: dict[str, User]
) -> None:
    adam = team["adam"]
    created = create(client, adam, secret="x" * 40, events=None)
    assert created.status_code == 201, created.text
    hook = created.json()
    assert "secret" not in hook
    assert hook["secret_set"] is True
    assert "x" * 40 not in created.text
    assert hook["url"] == PUBLIC_URL
    assert (hook["events"], hook["enabled"], hook["project"]) == (["*"], True, "WEB")
    assert (hook["last_status"], hook["consecutive_failures"]) == (None, 0)
    path = f"{V1}/projects/WEB/webhooks/{hook['id']}"
    shown = client.get(path, headers=team["owner"]["headers"])
    assert shown.json() == hook
    assert listed(client, team["owner"]) == [hook]
    deliveries = client.get(f"{path}/deliveries", headers=adam["headers"])
    assert deliveries.json() == {"items": [], "next_cursor": None}
    assert client.delete(path, headers=adam["headers"]).status_code == 204
    assert client.get(path, headers=adam["headers"]).status_code == 404
    assert client.delete(path, headers=adam["headers"]).status_code == 404
    assert listed(client, adam) == []


def test_kinds_are_kept_in_a_stable_order(client: TestClient, team: dict[str, User]) -> None:
    created = create(client, team["owner"], events=["comment.added", "issue.created"])
    assert created.json()["events"] == ["issue.created", "comment.added"]


def test_members_and_viewers_are_refused_and_outsiders_see_nothing(
    client: TestClient, team: dict[str, User]
) -> None:
    hook = create(client, team["owner"]).json()
    path = f"{V1}/projects/WEB/webhooks"
    one = f"{path}/{hook['id']}"
    for name, status in (("ann", 403), ("vic", 403), ("olga", 404)):
        headers = team[name]["headers"]
        assert create(client, team[name]).status_code == status, name
        assert client.get(path, headers=headers).status_code == status, name
        assert client.get(one, headers=headers).status_code == status, name
        assert client.get(f"{one}/deliveries", headers=headers).status_code == status, name
        assert client.delete(one, headers=headers).status_code == status, name
    assert client.get(path).status_code == 401
    assert [h["id"] for h in listed(client, team["owner"])] == [hook["id"]]


BAD: list[tuple[dict[str, Any], str]] = [
    ({"url": "not a url"}, "url"),
    ({"url": "hooks.example.com/taskdeck"}, "url"),
    ({"url": "ftp://93.184.215.14/hook"}, "url"),
    ({"url": "http://"}, "url"),
    ({"url": "https://user:pw@93.184.215.14/"}, "url"),
    ({"url": "http://93.184.215.14:99999/"}, "url"),
    ({"url": "http://127.0.0.1:8000/hook"}, "url"),
    ({"url": "http://10.1.2.3/hook"}, "url"),
    ({"url": "http://192.168.0.10/hook"}, "url"),
    ({"url": "http://169.254.169.254/latest/meta-data"}, "url"),
    ({"url": "http://[::1]/hook"}, "url"),
    ({"url": "http://[::ffff:127.0.0.1]/hook"}, "url"),
    ({"url": "http://0.0.0.0/hook"}, "url"),
    ({"url": "http://224.0.0.1/hook"}, "url"),
    ({"url": "http://localhost:8000/hook"}, "url"),
    ({"url": "http://nothing.invalid/hook"}, "url"),
    ({"url": "https://93.184.215.14/" + "a" * 2048}, "url"),
    ({"url": ""}, "url"),
    ({"secret": "too-short"}, "secret"),
    ({"secret": "s" * 257}, "secret"),
    ({"secret": None}, "secret"),
    ({"events": ["issue.exploded"]}, "events"),
    ({"events": []}, "events"),
    ({"events": "issue.created"}, "events"),
]
"""Bodies refused, each with the field at fault."""


def test_bad_webhooks_are_refused_and_nothing_is_stored(client: TestClient, api: Api) -> None:
    owner = api.user("owner")
    api.project(owner, "WEB")
    for body, field in BAD:
        response = create(client, owner, **body)
        assert response.status_code == 422, (body, response.text)
        assert response.headers["content-type"] == "application/problem+json"
        fields = [e["field"].split(".")[0] for e in response.json()["errors"]]
        assert field in fields, (body, fields)
    assert listed(client, owner) == []


def test_a_missing_secret_is_refused(client: TestClient, api: Api) -> None:
    owner = api.user("owner")
    api.project(owner, "WEB")
    response = client.post(
        f"{V1}/projects/WEB/webhooks", json={"url": PUBLIC_URL}, headers=owner["headers"]
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["secret"]
