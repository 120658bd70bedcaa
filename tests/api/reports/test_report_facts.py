"""The facts reports read, written with the changes they record: an issue's stamps, its
resolution fact while done, and the daily rollup of status moves and comments. Driven
through the API on a pinned clock, then read from the store as the reports read them."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from taskdeck.bootstrap import Container
from taskdeck.ports import Item
from taskdeck.services import keys
from taskdeck.services.report_reads import every_item
from tests.api.reports.conftest import V1, PinnedClock, User, ok
from tests.conftest import Api


class Store:
    """The test's store, read on the app's event loop."""

    def __init__(self, client: TestClient, container: Container) -> None:
        self._client = client
        self._table = container.table

    def items(self, partition: str) -> list[Item]:
        """Every item of a partition."""
        found: list[Item] = self._client.portal.call(every_item, self._table, partition)  # type: ignore[union-attr]
        return found

    def issue(self, project_id: str, number: int) -> Item:
        """An issue as stored."""
        found = self._client.portal.call(self._table.get, *keys.issue(project_id, number))  # type: ignore[union-attr]
        assert found is not None
        return dict(found)

    def rollup(self, project_id: str) -> dict[str, dict[str, Any]]:
        """The daily rollup by day, without its zero counts."""
        return {
            i["sk"]: {k: v for k, v in i.items() if k not in ("pk", "sk") and v}
            for i in self.items(keys.flow_partition(project_id))
        }


def _project_id(client: TestClient, owner: User) -> str:
    shown = client.get(f"{V1}/projects/WEB", headers=owner["headers"]).json()
    return str(shown["id"])


def _comment(client: TestClient, user: User, key: str, body: str) -> Any:
    response = client.post(
        f"{V1}/issues/{key}/comments", json={"body": body}, headers=user["headers"]
    )
    assert response.status_code == 201, response.text
    return response.json()


def test_status_moves_stamp_the_issue_and_keep_one_fact_while_done(
    api: Api, client: TestClient, container: Container, clock: PinnedClock
) -> None:
    owner = api.user("owner")
    api.project(owner, "WEB")
    project_id = _project_id(client, owner)
    store = Store(client, container)
    clock.at("2026-03-02T09:00:00")
    api.issue(owner, points=3, type="story")
    clock.at("2026-03-03T10:00:00")
    ok(client, owner, "/issues/WEB-1/move", {"status": "in_progress"})
    clock.at("2026-03-04T11:00:00")
    ok(client, owner, "/issues/WEB-1/move", {"status": "in_review"})
    clock.at("2026-03-05T12:00:00")
    ok(client, owner, "/issues/WEB-1/move", {"status": "done"})
    issue = store.issue(project_id, 1)
    assert (issue["started_at"], issue["status_since"], issue["resolved_at"]) == (
        "2026-03-03T10:00:00.000Z",
        "2026-03-05T12:00:00.000Z",
        "2026-03-05T12:00:00.000Z",
    )
    facts = store.items(keys.resolutions(project_id))
    assert [(f["sk"], f["key"], f["points"], f["started_at"]) for f in facts] == [
        ("2026-03-05T12:00:00.000Z#0000000001", "WEB-1", 3, "2026-03-03T10:00:00.000Z")
    ]
    # Reopened: no fact; the first start stays. Resolved again: a new fact.
    clock.at("2026-03-06T09:00:00")
    ok(client, owner, "/issues/WEB-1/move", {"status": "todo"})
    assert store.items(keys.resolutions(project_id)) == []
    reopened = store.issue(project_id, 1)
    assert (reopened["started_at"], reopened["resolved_at"]) == ("2026-03-03T10:00:00.000Z", None)
    clock.at("2026-03-07T09:00:00")
    response = client.patch(
        f"{V1}/issues/WEB-1", json={"status": "done", "points": 5}, headers=owner["headers"]
    )
    assert response.status_code == 200, response.text
    facts = store.items(keys.resolutions(project_id))
    assert [(f["sk"], f["points"]) for f in facts] == [("2026-03-07T09:00:00.000Z#0000000001", 5)]
    # Changed while done: the fact follows; deleted: it goes.
    response = client.patch(f"{V1}/issues/WEB-1", json={"points": 8}, headers=owner["headers"])
    assert response.status_code == 200, response.text
    assert [f["points"] for f in store.items(keys.resolutions(project_id))] == [8]
    clock.at("2026-03-08T09:00:00")
    assert client.delete(f"{V1}/issues/WEB-1", headers=owner["headers"]).status_code == 204
    assert store.items(keys.resolutions(project_id)) == []
    assert store.rollup(project_id) == {
        "2026-03-02": {"s_todo": 1},
        "2026-03-03": {"s_todo": -1, "s_in_progress": 1},
        "2026-03-04": {"s_in_progress": -1, "s_in_review": 1},
        "2026-03-05": {"s_in_review": -1, "s_done": 1},
        "2026-03-06": {"s_done": -1, "s_todo": 1},
        "2026-03-07": {"s_todo": -1, "s_done": 1},
        "2026-03-08": {"s_done": -1},
    }


def test_the_rollup_counts_comments_and_workflow_moves(
    api: Api, client: TestClient, container: Container, clock: PinnedClock
) -> None:
    owner, member = api.user("owner"), api.user("member")
    api.project(owner, "WEB")
    api.member(owner, "WEB", member, "member")
    project_id = _project_id(client, owner)
    store = Store(client, container)
    clock.at("2026-04-01T09:00:00")
    api.issue(owner, status="in_review")
    api.issue(owner, status="done")
    _comment(client, owner, "WEB-1", "one")
    second = _comment(client, member, "WEB-1", "two")
    _comment(client, member, "WEB-2", "three")
    facts = store.items(keys.resolutions(project_id))
    assert [f["sk"] for f in facts] == ["2026-04-01T09:00:00.000Z#0000000002"]
    clock.at("2026-04-02T09:00:00")
    deleted = client.delete(f"{V1}/issues/WEB-1/comments/{second['id']}", headers=member["headers"])
    assert deleted.status_code == 204, deleted.text
    workflow = [
        {"id": "todo", "name": "To Do", "category": "todo"},
        {"id": "doing", "name": "Doing", "category": "in_progress"},
        {"id": "done", "name": "Done", "category": "done"},
    ]
    response = client.patch(
        f"{V1}/projects/WEB",
        json={"workflow": workflow, "move_issues": {"in_review": "doing", "in_progress": "doing"}},
        headers=owner["headers"],
    )
    assert response.status_code == 200, response.text
    assert store.rollup(project_id) == {
        "2026-04-01": {
            "s_in_review": 1,
            "s_done": 1,
            f"c_{owner['id']}": 1,
            f"c_{member['id']}": 1,  # two written, the second deleted the next day
        },
        "2026-04-02": {"s_in_review": -1, "s_doing": 1},
    }
