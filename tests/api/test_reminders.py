"""Deadline reminders over HTTP: a due date set through the API brings "due soon" to the
assignee's inbox once; a cleared one brings nothing."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi.testclient import TestClient

from taskdeck.bootstrap import Container
from tests.api.test_notifications import wait_for_inbox
from tests.conftest import Api

DUE_DAY = datetime(2030, 5, 11, tzinfo=UTC)


def test_a_due_date_set_through_the_api_reminds_the_assignee(
    api: Api, client: TestClient, container: Container
) -> None:
    owner, bo = api.user("ada"), api.user("bo")
    api.project(owner)
    api.member(owner, "WEB", bo)
    api.issue(owner, title="Ship", assignee=bo["id"], due_date="2030-05-11")
    cleared = api.issue(owner, title="Someday", assignee=bo["id"], due_date="2030-05-11")
    response = client.patch(
        f"/api/v1/issues/{cleared['key']}", json={"due_date": None}, headers=owner["headers"]
    )
    assert response.status_code == 200, response.text

    for _ in range(2):
        client.portal.call(container.reminders.run_once, DUE_DAY)  # type: ignore[union-attr]
    items = wait_for_inbox(client, bo, 4)
    newest = items[0]
    assert (newest["kind"], newest["issue"]) == ("due_soon", "WEB-1")
    assert newest["summary"] == "WEB-1 is due on 2030-05-11"
    assert sorted(n["kind"] for n in items) == ["assigned", "assigned", "due_soon", "updated"]
