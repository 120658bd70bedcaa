"""Velocity and burndown through the API: two sprints driven day by day on a test clock,
every number checked against a table worked out by hand, CSV against JSON, and the
problems a client can cause."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.reports.conftest import V1, PinnedClock, User, ok, read
from tests.conftest import Api

DAY_COLUMNS = (
    "date",
    "remaining_points",
    "remaining_issues",
    "completed_points",
    "completed_issues",
    "added_points",
    "added_issues",
    "removed_points",
    "removed_issues",
    "ideal_points",
)


@dataclass
class Scenario:
    """Project WEB after two sprints: who is who, the sprints, and the answers read on
    the way (the active sprint's burndown mid-sprint)."""

    owner: User
    viewer: User
    outsider: User
    first: str
    second: str
    mid_sprint: Any


@pytest.fixture
def scenario(api: Api, client: TestClient, clock: PinnedClock) -> Scenario:
    """Sprint 1 (Mon 2 to Fri 6 March 2026) commits WEB-1..4 (5, 3, 8, 2 points):
    Tue WEB-1 done and WEB-5 (4) added; Wed WEB-2 to in progress and WEB-4 moved out to
    Sprint 2; Thu WEB-2 and WEB-5 done; Fri completed, WEB-3 carried to Sprint 2.
    Sprint 2 (9 to 13 March) commits WEB-3 and WEB-4: Tue WEB-3 done; Fri completed."""
    owner, viewer, outsider = api.user("owner"), api.user("viewer"), api.user("outsider")
    api.project(owner, "WEB")
    api.member(owner, "WEB", viewer, "viewer")
    clock.at("2026-03-01T09:00:00")
    for points in (5, 3, 8, 2, 4):
        api.issue(owner, points=points)
    dates = {"start_date": "2026-03-02", "end_date": "2026-03-06"}
    first = client.post(
        f"{V1}/projects/WEB/sprints", json={"name": "Sprint 1", **dates}, headers=owner["headers"]
    ).json()["id"]
    dates = {"start_date": "2026-03-09", "end_date": "2026-03-13"}
    second = client.post(
        f"{V1}/projects/WEB/sprints", json={"name": "Sprint 2", **dates}, headers=owner["headers"]
    ).json()["id"]
    for key in ("WEB-1", "WEB-2", "WEB-3", "WEB-4"):
        ok(client, owner, f"/issues/{key}/move", {"sprint": first})
    clock.at("2026-03-02T09:00:00")
    ok(client, owner, f"/sprints/{first}/start", {})
    clock.at("2026-03-03T10:00:00")
    ok(client, owner, "/issues/WEB-1/move", {"status": "done"})
    clock.at("2026-03-03T15:00:00")
    ok(client, owner, "/issues/WEB-5/move", {"sprint": first})
    clock.at("2026-03-04T11:00:00")
    ok(client, owner, "/issues/WEB-2/move", {"status": "in_progress"})
    ok(client, owner, "/issues/WEB-4/move", {"sprint": second})
    clock.at("2026-03-04T18:00:00")
    mid_sprint = read(client, viewer, "burndown")
    clock.at("2026-03-05T12:00:00")
    ok(client, owner, "/issues/WEB-2/move", {"status": "done"})
    ok(client, owner, "/issues/WEB-5/move", {"status": "done"})
    clock.at("2026-03-06T16:00:00")
    ok(client, owner, f"/sprints/{first}/complete", {"move_open_issues_to": second})
    clock.at("2026-03-09T09:00:00")
    ok(client, owner, f"/sprints/{second}/start", {})
    clock.at("2026-03-10T14:00:00")
    ok(client, owner, "/issues/WEB-3/move", {"status": "done"})
    clock.at("2026-03-13T17:00:00")
    ok(client, owner, f"/sprints/{second}/complete", {"move_open_issues_to": "backlog"})
    clock.at("2026-03-20T12:00:00")
    return Scenario(owner, viewer, outsider, first, second, mid_sprint)


def _days(*rows: tuple[Any, ...]) -> list[dict[str, Any]]:
    return [dict(zip(DAY_COLUMNS, row, strict=True)) for row in rows]


# date, remaining pts/issues, completed pts/issues, added pts/issues, removed pts/issues, ideal
SPRINT_1 = _days(
    ("2026-03-02", 18, 4, 0, 0, 0, 0, 0, 0, 18),
    ("2026-03-03", 17, 4, 5, 1, 4, 1, 0, 0, 13.5),
    ("2026-03-04", 15, 3, 5, 1, 0, 0, 2, 1, 9),
    ("2026-03-05", 8, 1, 12, 3, 0, 0, 0, 0, 4.5),
    ("2026-03-06", 8, 1, 12, 3, 0, 0, 0, 0, 0),
)
SPRINT_2 = _days(
    ("2026-03-09", 10, 2, 0, 0, 0, 0, 0, 0, 10),
    ("2026-03-10", 2, 1, 8, 1, 0, 0, 0, 0, 7.5),
    ("2026-03-11", 2, 1, 8, 1, 0, 0, 0, 0, 5),
    ("2026-03-12", 2, 1, 8, 1, 0, 0, 0, 0, 2.5),
    ("2026-03-13", 2, 1, 8, 1, 0, 0, 0, 0, 0),
)


@pytest.fixture
def reports(client: TestClient, scenario: Scenario) -> dict[str, Any]:
    """The JSON of each report, read by the viewer."""
    return {
        "velocity": read(client, scenario.viewer, "velocity"),
        "first": read(client, scenario.viewer, f"burndown?sprint={scenario.first}"),
        "second": read(client, scenario.viewer, f"burndown?sprint={scenario.second}"),
    }


def test_burndown_counts_each_day_of_a_completed_sprint(
    scenario: Scenario, reports: dict[str, Any]
) -> None:
    first = reports["first"]
    assert first["sprint"] == {
        "id": scenario.first,
        "name": "Sprint 1",
        "state": "completed",
        "start_date": "2026-03-02",
        "end_date": "2026-03-06",
        "committed_points": 18,
        "committed_issues": 4,
    }
    assert first["days"] == SPRINT_1
    assert reports["second"]["days"] == SPRINT_2


def test_burndown_of_the_active_sprint_runs_to_today(scenario: Scenario) -> None:
    assert scenario.mid_sprint["sprint"]["state"] == "active"
    assert scenario.mid_sprint["days"] == SPRINT_1[:3]


def test_velocity_lists_completed_sprints_oldest_first(
    client: TestClient, scenario: Scenario, reports: dict[str, Any]
) -> None:
    assert reports["velocity"] == {
        "project": "WEB",
        "sprints": [
            {
                "id": scenario.first,
                "name": "Sprint 1",
                "committed_points": 18,
                "committed_issues": 4,
                "completed_points": 12,
                "completed_issues": 3,
            },
            {
                "id": scenario.second,
                "name": "Sprint 2",
                "committed_points": 10,
                "committed_issues": 2,
                "completed_points": 8,
                "completed_issues": 1,
            },
        ],
        "average_points": 10,
        "standard_deviation_points": 2,  # population: |12 - 10| = |8 - 10| = 2
    }
    last = read(client, scenario.viewer, "velocity?last=1")
    assert [s["id"] for s in last["sprints"]] == [scenario.second]
    assert (last["average_points"], last["standard_deviation_points"]) == (8, 0)


def test_velocity_agrees_with_each_burndown_at_its_end(
    scenario: Scenario, reports: dict[str, Any]
) -> None:
    ends = [reports[name]["days"][-1] for name in ("first", "second")]
    for sprint, end in zip(reports["velocity"]["sprints"], ends, strict=True):
        assert (sprint["completed_points"], sprint["completed_issues"]) == (
            end["completed_points"],
            end["completed_issues"],
        )


def _csv(client: TestClient, user: User, path: str) -> list[dict[str, str]]:
    response = client.get(f"{V1}/projects/WEB/reports/{path}", headers=user["headers"])
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.text)))


def test_csv_holds_the_same_numbers_as_json(
    client: TestClient, scenario: Scenario, reports: dict[str, Any]
) -> None:
    rows = _csv(client, scenario.viewer, f"burndown?sprint={scenario.first}&format=csv")
    assert rows == [{c: str(day[c]) for c in DAY_COLUMNS} for day in reports["first"]["days"]]
    rows = _csv(client, scenario.viewer, "velocity?format=csv")
    assert rows == [{c: str(v) for c, v in s.items()} for s in reports["velocity"]["sprints"]]


def _problem(client: TestClient, user: User, path: str) -> tuple[int, Any]:
    response = client.get(f"{V1}/projects/{path}", headers=user["headers"])
    assert response.headers["content-type"].startswith("application/problem+json")
    return response.status_code, response.json()


def test_bad_requests_get_problems(client: TestClient, scenario: Scenario) -> None:
    viewer = scenario.viewer
    assert _problem(client, viewer, "WEB/reports/nope")[0] == 404
    assert _problem(client, viewer, "WEB/reports/velocity?format=xml")[0] == 422
    assert _problem(client, viewer, "WEB/reports/velocity?last=0")[0] == 422
    assert _problem(client, viewer, "WEB/reports/velocity?last=51")[0] == 422
    unknown = "01JD0000000000000000000000"
    assert _problem(client, viewer, f"WEB/reports/burndown?sprint={unknown}")[0] == 404
    assert _problem(client, viewer, "WEB/reports/burndown?sprint=garbage")[0] == 404
    status, none_active = _problem(client, viewer, "WEB/reports/burndown")
    assert status == 422
    assert [e["field"] for e in none_active["errors"]] == ["sprint"]


def test_a_planned_sprint_has_no_burndown(client: TestClient, scenario: Scenario) -> None:
    planned = client.post(
        f"{V1}/projects/WEB/sprints", json={"name": "Later"}, headers=scenario.owner["headers"]
    ).json()["id"]
    status, problem = _problem(client, scenario.viewer, f"WEB/reports/burndown?sprint={planned}")
    assert status == 422
    assert [e["field"] for e in problem["errors"]] == ["sprint"]


@pytest.mark.parametrize("report", ["velocity", "burndown"])
def test_an_outsider_cannot_tell_the_project_exists(
    client: TestClient, scenario: Scenario, report: str
) -> None:
    seen = _problem(client, scenario.outsider, f"WEB/reports/{report}")
    missing = _problem(client, scenario.outsider, f"NOPE/reports/{report}")
    assert seen == missing
    assert seen[0] == 404
