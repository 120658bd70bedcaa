"""Time tracking through the API: worklogs and the issue's spent and remaining minutes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import Api

V1 = "/api/v1"
TODAY = dt.datetime.now(dt.UTC).date()


def _log(client: TestClient, user: dict[str, Any], key: str = "WEB-1", **body: Any) -> Any:
    body = {"minutes": 30, "date": TODAY.isoformat(), **body}
    return client.post(f"{V1}/issues/{key}/worklogs", json=body, headers=user["headers"])


def _issue(client: TestClient, user: dict[str, Any]) -> Any:
    return client.get(f"{V1}/issues/WEB-1", headers=user["headers"]).json()


def test_logging_time_keeps_spent_and_remaining_minutes(api: Api, client: TestClient) -> None:
    owner = api.user()
    api.project(owner)
    api.issue(owner, estimate_minutes=240, remaining_minutes=240)
    first = _log(client, owner, minutes=90, note="pairing")
    assert first.status_code == 201, first.text
    assert first.json()["note"] == "pairing"
    _log(client, owner, minutes=60)
    issue = _issue(client, owner)
    assert (issue["spent_minutes"], issue["remaining_minutes"]) == (150, 90)
    _log(client, owner, minutes=120, remaining_minutes=200)
    assert _issue(client, owner)["remaining_minutes"] == 200

    worklog_id = first.json()["id"]
    edited = client.patch(
        f"{V1}/issues/WEB-1/worklogs/{worklog_id}", json={"minutes": 30}, headers=owner["headers"]
    )
    assert edited.status_code == 200, edited.text
    issue = _issue(client, owner)
    assert (issue["spent_minutes"], issue["remaining_minutes"]) == (210, 260)
    deleted = client.delete(f"{V1}/issues/WEB-1/worklogs/{worklog_id}", headers=owner["headers"])
    assert deleted.status_code == 204
    assert _issue(client, owner)["spent_minutes"] == 180
    listed = client.get(f"{V1}/issues/WEB-1/worklogs", headers=owner["headers"]).json()["items"]
    assert [w["minutes"] for w in listed] == [60, 120]
    history = client.get(f"{V1}/issues/WEB-1/history", headers=owner["headers"]).json()["items"]
    assert ("spent_minutes", 0, 90) in [(h["field"], h["from"], h["to"]) for h in history]


def test_bad_worklogs_are_422_and_change_nothing(api: Api, client: TestClient) -> None:
    owner = api.user()
    api.project(owner)
    api.issue(owner)
    later = (TODAY + dt.timedelta(days=2)).isoformat()
    for body in (
        {"minutes": 0},
        {"minutes": -5},
        {"minutes": 1441},
        {"minutes": "lots"},
        {"date": later},
        {"date": "yesterday"},
        {"note": "x" * 2001},
    ):
        response = _log(client, owner, **body)
        assert response.status_code == 422, (body, response.text)
    assert _log(client, owner, date=(TODAY + dt.timedelta(days=1)).isoformat()).status_code == 201
    assert _issue(client, owner)["spent_minutes"] == 30


def test_only_the_author_or_an_admin_changes_a_worklog(api: Api, client: TestClient) -> None:
    owner, ann, bob, viewer = api.user(), api.user(), api.user(), api.user()
    api.project(owner)
    api.member(owner, "WEB", ann)
    api.member(owner, "WEB", bob)
    api.member(owner, "WEB", viewer, "viewer")
    api.issue(owner)
    worklog = _log(client, ann).json()
    path = f"{V1}/issues/WEB-1/worklogs/{worklog['id']}"
    assert client.patch(path, json={"minutes": 5}, headers=bob["headers"]).status_code == 403
    assert client.delete(path, headers=bob["headers"]).status_code == 403
    assert _log(client, viewer).status_code == 403
    assert client.patch(path, json={"minutes": 5}, headers=ann["headers"]).status_code == 200
    assert client.delete(path, headers=owner["headers"]).status_code == 204
    assert client.delete(path, headers=owner["headers"]).status_code == 404
    assert _issue(client, owner)["spent_minutes"] == 0
