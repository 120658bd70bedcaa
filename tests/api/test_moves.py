"""Moving issues through the API: ranks between neighbours, sprints and the backlog, board
columns with hard and soft WIP limits, and the definition of done."""

from __future__ import annotations

import random
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import Api

V1 = "/api/v1"


def _move(client: TestClient, user: dict[str, Any], key: str, **body: Any) -> Any:
    return client.post(f"{V1}/issues/{key}/move", json=body, headers=user["headers"])


def _backlog(client: TestClient, user: dict[str, Any]) -> list[str]:
    page = client.get(f"{V1}/projects/WEB/backlog", headers=user["headers"]).json()
    return [issue["key"] for issue in page["items"]]


def _set_workflow(client: TestClient, owner: dict[str, Any], **limits: Any) -> None:
    """The default workflow, with WIP limits on some statuses."""
    workflow = [
        {"id": "todo", "name": "To Do", "category": "todo"},
        {"id": "in_progress", "name": "In Progress", "category": "in_progress"},
        {"id": "in_review", "name": "In Review", "category": "in_progress"},
        {"id": "done", "name": "Done", "category": "done"},
    ]
    for status in workflow:
        status.update(limits.get(status["id"], {}))
    response = client.patch(
        f"{V1}/projects/WEB", json={"workflow": workflow}, headers=owner["headers"]
    )
    assert response.status_code == 200, response.text


def test_new_issues_go_to_the_bottom_and_moves_rank_between_neighbours(
    api: Api, client: TestClient
) -> None:
    owner = api.user()
    api.project(owner)
    for n in range(4):
        api.issue(owner, title=f"Issue {n + 1}")
    assert _backlog(client, owner) == ["WEB-1", "WEB-2", "WEB-3", "WEB-4"]

    moved = _move(client, owner, "WEB-4", before="WEB-2")
    assert moved.status_code == 200, moved.text
    assert _backlog(client, owner) == ["WEB-1", "WEB-4", "WEB-2", "WEB-3"]
    assert _move(client, owner, "WEB-1", after="WEB-3").status_code == 200
    assert _backlog(client, owner) == ["WEB-4", "WEB-2", "WEB-3", "WEB-1"]
    assert _move(client, owner, "WEB-3", after="WEB-4", before="WEB-2").status_code == 200
    assert _backlog(client, owner) == ["WEB-4", "WEB-3", "WEB-2", "WEB-1"]
    # A rank move is not history, and changed only the moved issue.
    history = client.get(f"{V1}/issues/WEB-3/history", headers=owner["headers"]).json()
    assert [h["field"] for h in history["items"]] == ["created"]
    assert client.get(f"{V1}/issues/WEB-2", headers=owner["headers"]).json()["version"] == 1


def test_moving_between_the_same_neighbours_again_keeps_the_same_rank(
    api: Api, client: TestClient
) -> None:
    owner = api.user()
    api.project(owner)
    for _ in range(3):
        api.issue(owner)
    ranks = set()
    for _ in range(20):
        moved = _move(client, owner, "WEB-3", after="WEB-1", before="WEB-2").json()
        ranks.add(moved["rank"])
        assert _move(client, owner, "WEB-3", after="WEB-2").status_code == 200
    assert len(ranks) == 1


def test_moves_next_to_one_neighbour_land_right_beside_it(api: Api, client: TestClient) -> None:
    """Moves naming one neighbour, checked against a list kept here: the other neighbour
    is the issue next to the named one (read with it), skipping the moved issue, also
    when that is the moved issue itself or when the list ends there."""
    owner = api.user()
    api.project(owner)
    for n in range(6):
        api.issue(owner, title=f"Issue {n + 1}")
    expected = [f"WEB-{n}" for n in range(1, 7)]
    rng = random.Random(7)
    moves = [("WEB-2", "before", "WEB-3"), ("WEB-3", "after", "WEB-2"), ("WEB-1", "after", "WEB-6")]
    moves += [(*rng.sample(expected, 1), rng.choice(["before", "after"]), "") for _ in range(40)]
    for moved, side, named in moves:
        neighbour = named or rng.choice([k for k in expected if k != moved])
        assert _move(client, owner, moved, **{side: neighbour}).status_code == 200
        expected.remove(moved)
        expected.insert(expected.index(neighbour) + (side == "after"), moved)
        assert _backlog(client, owner) == expected, (moved, side, neighbour)

    # A neighbour in another list (a sprint): the rank is found in the moved issue's list.
    sprint = client.post(
        f"{V1}/projects/WEB/sprints", json={"name": "One"}, headers=owner["headers"]
    ).json()
    assert _move(client, owner, expected[2], sprint=sprint["id"]).status_code == 200
    in_sprint = expected.pop(2)
    moved = _move(client, owner, expected[0], before=in_sprint).json()
    assert moved["sprint"] is None
    above = client.get(f"{V1}/issues/{in_sprint}", headers=owner["headers"]).json()["rank"]
    page = client.get(f"{V1}/projects/WEB/backlog", headers=owner["headers"]).json()
    between = [i["key"] for i in page["items"] if moved["rank"] < i["rank"] < above]
    assert moved["rank"] < above
    assert between == []

    # A neighbour in no list (done, in no sprint, so out of the backlog): read whole for
    # its rank, and the moved issue lands right above that rank in its own list.
    done = expected.pop(1)
    assert _move(client, owner, done, status="done").status_code == 200
    assert done not in _backlog(client, owner)
    moved = _move(client, owner, expected[-1], before=done).json()
    above = client.get(f"{V1}/issues/{done}", headers=owner["headers"]).json()["rank"]
    page = client.get(f"{V1}/projects/WEB/backlog", headers=owner["headers"]).json()
    assert moved["rank"] < above
    assert [i["key"] for i in page["items"] if moved["rank"] < i["rank"] < above] == []
    assert _backlog(client, owner).index(moved["key"]) == 1


def test_bad_moves_are_clear_4xx_and_change_nothing(api: Api, client: TestClient) -> None:
    owner, stranger = api.user(), api.user()
    api.project(owner)
    api.project(stranger, key="OTHER")
    api.issue(owner)
    api.issue(owner)
    api.issue(stranger, key="OTHER")
    cases = [
        ({"before": "OTHER-1"}, 422, "before"),
        ({"before": "WEB-1"}, 422, "before"),
        ({"after": "WEB-99"}, 422, "after"),
        ({"sprint": "01NOSUCHSPRINT"}, 422, "sprint"),
        ({"status": "gone"}, 422, "status"),
        ({"after": "WEB-2", "before": "WEB-2"}, 422, "after"),
    ]
    for body, status, field in cases:
        response = _move(client, owner, "WEB-1", **body)
        assert response.status_code == status, (body, response.text)
        assert response.json()["errors"][0]["field"] == field, body
    assert _move(client, stranger, "WEB-1", before="WEB-2").status_code == 404
    assert _move(client, owner, "WEB-1", unknown=True).status_code == 422
    issue = client.get(f"{V1}/issues/WEB-1", headers=owner["headers"]).json()
    assert issue["version"] == 1


def test_a_viewer_cannot_move_and_a_member_can(api: Api, client: TestClient) -> None:
    owner, viewer, member = api.user(), api.user(), api.user()
    api.project(owner)
    api.member(owner, "WEB", viewer, "viewer")
    api.member(owner, "WEB", member, "member")
    api.issue(owner)
    api.issue(owner)
    assert _move(client, viewer, "WEB-2", before="WEB-1").status_code == 403
    assert _move(client, member, "WEB-2", before="WEB-1").status_code == 200


def test_a_move_across_columns_and_within_one_is_one_call_with_history(
    api: Api, client: TestClient
) -> None:
    owner = api.user()
    api.project(owner)
    for _ in range(3):
        api.issue(owner)
    assert _move(client, owner, "WEB-1", status="in_progress").status_code == 200
    assert _move(client, owner, "WEB-2", status="in_progress").status_code == 200
    moved = _move(client, owner, "WEB-3", status="in_progress", before="WEB-1")
    assert moved.status_code == 200
    board = client.get(f"{V1}/projects/WEB/board", headers=owner["headers"]).json()
    columns = {c["status"]: c for c in board["columns"]}
    assert [c["key"] for c in columns["in_progress"]["issues"]] == ["WEB-3", "WEB-1", "WEB-2"]
    assert columns["in_progress"]["count"] == columns["in_progress"]["wip_count"] == 3
    assert columns["todo"]["count"] == 0
    history = client.get(f"{V1}/issues/WEB-3/history", headers=owner["headers"]).json()
    assert [(h["field"], h["from"], h["to"]) for h in history["items"]][-1] == (
        "status",
        "todo",
        "in_progress",
    )


def test_a_hard_wip_limit_refuses_and_an_admin_may_override_in_the_history(
    api: Api, client: TestClient
) -> None:
    owner, member = api.user(), api.user()
    api.project(owner)
    api.member(owner, "WEB", member, "member")
    _set_workflow(client, owner, in_progress={"wip_limit": 1})
    api.issue(owner)
    api.issue(owner)
    assert _move(client, member, "WEB-1", status="in_progress").status_code == 200
    refused = _move(client, member, "WEB-2", status="in_progress")
    assert refused.status_code == 409
    assert "In Progress" in refused.json()["detail"]
    assert "1" in refused.json()["detail"]
    patched = client.patch(
        f"{V1}/issues/WEB-2", json={"status": "in_progress"}, headers=member["headers"]
    )
    assert patched.status_code == 409
    forbidden = _move(client, member, "WEB-2", status="in_progress", override_wip=True)
    assert forbidden.status_code == 403
    assert client.get(f"{V1}/issues/WEB-2", headers=owner["headers"]).json()["status"] == "todo"

    overridden = _move(client, owner, "WEB-2", status="in_progress", override_wip=True)
    assert overridden.status_code == 200
    assert overridden.json()["wip_exceeded"] == "in_progress"
    history = client.get(f"{V1}/issues/WEB-2/history", headers=owner["headers"]).json()
    assert ("wip_override", None, "in_progress") in [
        (h["field"], h["from"], h["to"]) for h in history["items"]
    ]
    board = client.get(f"{V1}/projects/WEB/board", headers=owner["headers"]).json()
    column = next(c for c in board["columns"] if c["status"] == "in_progress")
    assert (column["wip_count"], column["wip_limit"], column["over_limit"]) == (2, 1, True)


def test_a_soft_wip_limit_lets_the_move_through_and_says_so(api: Api, client: TestClient) -> None:
    owner = api.user()
    api.project(owner)
    _set_workflow(client, owner, in_review={"wip_limit": 1, "wip_mode": "soft"})
    api.issue(owner)
    api.issue(owner, status="in_review")
    moved = _move(client, owner, "WEB-1", status="in_review")
    assert moved.status_code == 200
    assert moved.json()["wip_exceeded"] == "in_review"
    board = client.get(f"{V1}/projects/WEB/board", headers=owner["headers"]).json()
    column = next(c for c in board["columns"] if c["status"] == "in_review")
    assert column["over_limit"] is True
    assert column["wip_mode"] == "soft"


def test_creating_into_a_full_hard_column_is_refused(api: Api, client: TestClient) -> None:
    owner = api.user()
    api.project(owner)
    _set_workflow(client, owner, in_progress={"wip_limit": 1})
    api.issue(owner, status="in_progress")
    refused = client.post(
        f"{V1}/projects/WEB/issues",
        json={"title": "One too many", "status": "in_progress"},
        headers=owner["headers"],
    )
    assert refused.status_code == 409
    # Leaving the column frees the place.
    assert _move(client, owner, "WEB-1", status="done").status_code == 200
    api.issue(owner, status="in_progress")


def test_done_can_require_closed_children(api: Api, client: TestClient) -> None:
    owner = api.user()
    api.project(owner)
    rule = {"settings": {"done_requires_closed_children": True}}
    response = client.patch(f"{V1}/projects/WEB", json=rule, headers=owner["headers"])
    assert response.status_code == 200
    api.issue(owner, type="story", title="Story")
    api.issue(owner, type="task", parent="WEB-1")
    api.issue(owner, type="task", parent="WEB-1", status="done")
    refused = _move(client, owner, "WEB-1", status="done")
    assert refused.status_code == 409
    assert refused.json()["errors"] == [{"field": "children", "message": "WEB-2 is not done"}]
    assert _move(client, owner, "WEB-2", status="done").status_code == 200
    assert _move(client, owner, "WEB-1", status="done").status_code == 200


def test_rules_for_entering_a_status_do_not_stop_reordering_it(
    api: Api, client: TestClient
) -> None:
    """A story done before the project required its criteria met may still be re-ranked;
    it may not leave done and come back without them."""
    owner = api.user()
    api.project(owner)
    gate = {"settings": {"acceptance_criteria_gate": False}}
    assert client.patch(f"{V1}/projects/WEB", json=gate, headers=owner["headers"]).is_success
    for _ in range(2):
        api.issue(owner, type="story", acceptance_criteria=[{"text": "Open"}], status="done")
    gate["settings"]["acceptance_criteria_gate"] = True
    assert client.patch(f"{V1}/projects/WEB", json=gate, headers=owner["headers"]).is_success

    moved = _move(client, owner, "WEB-2", before="WEB-1")
    assert moved.status_code == 200, moved.text
    first = client.get(f"{V1}/issues/WEB-1", headers=owner["headers"]).json()
    assert moved.json()["rank"] < first["rank"]
    assert _move(client, owner, "WEB-2", status="todo").status_code == 200
    assert _move(client, owner, "WEB-2", status="done").status_code == 409


def test_epics_and_stories_show_their_progress(api: Api, client: TestClient) -> None:
    owner = api.user()
    api.project(owner)
    api.issue(owner, type="epic", title="Epic")
    api.issue(owner, type="story", parent="WEB-1", points=5)
    api.issue(owner, type="story", parent="WEB-1", points=3, status="done")
    api.issue(owner, type="task", parent="WEB-2", points=1.5)

    def progress(key: str) -> Any:
        return client.get(f"{V1}/issues/{key}", headers=owner["headers"]).json()["progress"]

    assert progress("WEB-1") == {
        "children_done": 1,
        "children_total": 2,
        "points_done": 3,
        "points_total": 8,
    }
    assert _move(client, owner, "WEB-4", status="done").status_code == 200
    assert progress("WEB-2")["children_done"] == 1
    patched = client.patch(f"{V1}/issues/WEB-2", json={"points": 8}, headers=owner["headers"])
    assert patched.status_code == 200
    assert progress("WEB-1")["points_total"] == 11
    assert _move(client, owner, "WEB-2", status="done").status_code == 200
    assert progress("WEB-1") == {
        "children_done": 2,
        "children_total": 2,
        "points_done": 11,
        "points_total": 11,
    }
    task = client.get(f"{V1}/issues/WEB-4", headers=owner["headers"]).json()
    assert "progress" not in task


def test_a_move_honours_if_match(api: Api, client: TestClient) -> None:
    """A move with the version read succeeds; a stale, malformed or oversized `If-Match`
    is refused (412, 400, 400) and the issue stays where it was."""
    owner = api.user()
    api.project(owner)
    for n in range(3):
        api.issue(owner, title=f"Issue {n + 1}")

    def move(version: str) -> Any:
        return client.post(
            f"{V1}/issues/WEB-3/move",
            json={"before": "WEB-1"},
            headers={**owner["headers"], "If-Match": version},
        )

    for stale, status in (('"2"', 412), ("nonsense", 400), ("9" * 5_000, 400)):
        refused = move(stale)
        assert refused.status_code == status, refused.text
        assert refused.headers["content-type"] == "application/problem+json"
        assert _backlog(client, owner) == ["WEB-1", "WEB-2", "WEB-3"]
    moved = move('W/"1"')
    assert moved.status_code == 200, moved.text
    assert moved.headers["etag"] == '"2"'
    assert _backlog(client, owner) == ["WEB-3", "WEB-1", "WEB-2"]
