"""The inbox and notification settings over HTTP: the caller's own only, bad input refused
with nothing changed."""

from __future__ import annotations

import time
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import Api


def wait_for_inbox(client: TestClient, user: dict[str, Any], count: int) -> list[dict[str, Any]]:
    """The caller's notifications once the server's dispatcher has delivered `count`."""
    deadline = time.monotonic() + 10
    while True:
        items: list[dict[str, Any]] = client.get(
            "/api/v1/me/notifications", headers=user["headers"]
        ).json()["items"]
        if len(items) >= count or time.monotonic() > deadline:
            return items
        time.sleep(0.05)


def assigned_twice(api: Api) -> tuple[dict[str, Any], dict[str, Any], list[dict[str, Any]]]:
    owner, bo = api.user("ada"), api.user("bo")
    api.project(owner)
    api.member(owner, "WEB", bo)
    api.issue(owner, assignee=bo["id"])
    api.issue(owner, assignee=bo["id"])
    return owner, bo, wait_for_inbox(api.client, bo, 2)


def test_the_server_delivers_to_the_inbox_and_me_counts_the_unread(api: Api) -> None:
    _, bo, items = assigned_twice(api)
    assert [n["summary"] for n in items] == [
        "ada assigned WEB-2 to you",
        "ada assigned WEB-1 to you",
    ]
    me = api.client.get("/api/v1/me", headers=bo["headers"]).json()
    assert me["unread_notifications"] == 2

    read = api.client.post(
        "/api/v1/me/notifications/read", json={"ids": [items[0]["id"]]}, headers=bo["headers"]
    )
    assert read.status_code == 204
    unread = api.client.get("/api/v1/me/notifications?unread=true", headers=bo["headers"]).json()
    assert [n["issue"] for n in unread["items"]] == ["WEB-1"]
    everything = api.client.post(
        "/api/v1/me/notifications/read", json={"all": True}, headers=bo["headers"]
    )
    assert everything.status_code == 204
    assert api.client.get("/api/v1/me", headers=bo["headers"]).json()["unread_notifications"] == 0


def test_marking_unknown_or_others_notifications_is_refused_and_marks_nothing(api: Api) -> None:
    owner, bo, items = assigned_twice(api)
    for body in (
        {"ids": [items[0]["id"], "01HZZZZZZZZZZZZZZZZZZZZZZZ"]},
        {"ids": []},
        {"ids": ["x" * 27]},
        {},
        {"ids": [items[0]["id"]], "all": True},
        {"all": False},
        {"all": "yes"},
        {"ids": "all"},
    ):
        refused = api.client.post("/api/v1/me/notifications/read", json=body, headers=bo["headers"])
        assert refused.status_code == 422, (body, refused.text)
        assert refused.headers["content-type"] == "application/problem+json"
    others = api.client.post(
        "/api/v1/me/notifications/read", json={"ids": [items[0]["id"]]}, headers=owner["headers"]
    )
    assert others.status_code == 422
    assert api.client.get("/api/v1/me", headers=bo["headers"]).json()["unread_notifications"] == 2


def test_settings_have_defaults_and_keep_what_is_chosen(api: Api) -> None:
    ada = api.user("ada")
    shown = api.client.get("/api/v1/me/notification-settings", headers=ada["headers"]).json()
    assert shown["assigned"] == {"in_app": True, "email": True}
    assert shown["updated"] == {"in_app": True, "email": False}
    assert set(shown) == {
        "assigned",
        "mentioned",
        "comment",
        "status_change",
        "updated",
        "attachment",
        "due_soon",
        "overdue",
    }
    chosen = {
        "comment": {"in_app": True, "email": False},
        "updated": {"in_app": False, "email": False},
    }
    put = api.client.put("/api/v1/me/notification-settings", json=chosen, headers=ada["headers"])
    assert put.status_code == 200
    again = api.client.get("/api/v1/me/notification-settings", headers=ada["headers"]).json()
    assert again == put.json()
    assert again["comment"] == {"in_app": True, "email": False}
    assert again["updated"] == {"in_app": False, "email": False}
    assert again["assigned"] == shown["assigned"]


def test_bad_settings_are_refused_and_nothing_is_stored(api: Api) -> None:
    ada = api.user("ada")
    before = api.client.get("/api/v1/me/notification-settings", headers=ada["headers"]).json()
    for body in (
        {"paged": {"in_app": True, "email": True}},
        {"comment": {"in_app": True, "email": True, "sms": True}},
        {"comment": {"in_app": True}},
        {"comment": {"in_app": "maybe", "email": True}},
        {"comment": True},
        [],
    ):
        refused = api.client.put(
            "/api/v1/me/notification-settings", json=body, headers=ada["headers"]
        )
        assert refused.status_code == 422, (body, refused.text)
    after = api.client.get("/api/v1/me/notification-settings", headers=ada["headers"]).json()
    assert after == before


def test_the_inbox_needs_a_signed_in_caller(api: Api) -> None:
    for method, path in (
        ("GET", "/api/v1/me/notifications"),
        ("POST", "/api/v1/me/notifications/read"),
        ("GET", "/api/v1/me/notification-settings"),
        ("PUT", "/api/v1/me/notification-settings"),
    ):
        assert api.client.request(method, path, json={"all": True}).status_code == 401
