"""Forecasts through the API: a past so regular that every sample agrees, so each
probability and percentile is worked out by hand; CSV against JSON; the same seed, the
same answer; and the problems a client can cause."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.reports.conftest import V1, PinnedClock, User, ok, read
from tests.conftest import Api


@dataclass
class Scenario:
    """Project WEB on Sunday 8 March 2026, who is who and the active sprint."""

    owner: User
    viewer: User
    outsider: User
    sprint: str


def _sprint(client: TestClient, owner: User, name: str, start: str, end: str) -> str:
    body = {"name": name, "start_date": start, "end_date": end}
    response = client.post(f"{V1}/projects/WEB/sprints", json=body, headers=owner["headers"])
    assert response.status_code == 201, response.text
    sprint_id: str = response.json()["id"]
    return sprint_id


@pytest.fixture
def scenario(api: Api, client: TestClient, clock: PinnedClock) -> Scenario:
    """Sprint 0 (23 to 27 Feb) completes WEB-1 and WEB-2 (2 points each) on 24 and 25 Feb.
    From 1 to 7 March one backlog issue of 2 points is done each day (WEB-3..WEB-9).
    Sprint 1 (8 to 11 March) starts on the 8th with WEB-10..WEB-14 (1, 1, 2, 2, 2 points);
    the backlog holds WEB-15..WEB-17 (3, 3, 5 points)."""
    owner, viewer, outsider = api.user("owner"), api.user("viewer"), api.user("outsider")
    api.project(owner, "WEB")
    api.member(owner, "WEB", viewer, "viewer")
    clock.at("2026-02-20T09:00:00")
    for points in (2,) * 9 + (1, 1, 2, 2, 2) + (3, 3, 5):
        api.issue(owner, points=points)
    zero = _sprint(client, owner, "Sprint 0", "2026-02-23", "2026-02-27")
    first = _sprint(client, owner, "Sprint 1", "2026-03-08", "2026-03-11")
    for number in (1, 2):
        ok(client, owner, f"/issues/WEB-{number}/move", {"sprint": zero})
    for number in range(10, 15):
        ok(client, owner, f"/issues/WEB-{number}/move", {"sprint": first})
    clock.at("2026-02-23T09:00:00")
    ok(client, owner, f"/sprints/{zero}/start", {})
    for number, day in ((1, 24), (2, 25)):
        clock.at(f"2026-02-{day}T10:00:00")
        ok(client, owner, f"/issues/WEB-{number}/move", {"status": "done"})
    clock.at("2026-02-27T16:00:00")
    ok(client, owner, f"/sprints/{zero}/complete", {"move_open_issues_to": "backlog"})
    for day in range(1, 8):
        clock.at(f"2026-03-0{day}T11:00:00")
        ok(client, owner, f"/issues/WEB-{day + 2}/move", {"status": "done"})
    clock.at("2026-03-08T09:00:00")
    ok(client, owner, f"/sprints/{first}/start", {})
    clock.at("2026-03-08T12:00:00")
    return Scenario(owner, viewer, outsider, first)


def _csv(client: TestClient, user: User, path: str) -> list[dict[str, str]]:
    response = client.get(f"{V1}/projects/WEB/reports/{path}", headers=user["headers"])
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.text)))


def _as_csv(rows: list[dict[str, Any]]) -> list[dict[str, str]]:
    return [{name: str(value) for name, value in row.items()} for row in rows]


def test_a_steady_week_forecasts_the_sprint_exactly(client: TestClient, scenario: Scenario) -> None:
    # One issue and 2 points a day: the 5 issues left take 5 days, one more than the 4
    # left (8 to 11 March), and the 8 points left take 4 days.
    forecast = read(client, scenario.viewer, "forecast?history=7&samples=500&seed=3")
    assert forecast["sprint"]["id"] == scenario.sprint
    assert {name: forecast[name] for name in ("today", "days_left", "samples", "seed")} == {
        "today": "2026-03-08",
        "days_left": 4,
        "samples": 500,
        "seed": 3,
    }
    assert (forecast["remaining_issues"], forecast["remaining_points"]) == (5, 8)
    assert forecast["throughput"] == {
        "first_day": "2026-03-01",
        "last_day": "2026-03-07",
        "days": 7,
        "resolved_issues": 7,
        "resolved_points": 14,
        "mean_issues_per_day": 1,
        "mean_points_per_day": 2,
        "days_without_resolution": 0,
    }
    assert forecast["issues"] == {"probability": 0, "p50": 5, "p85": 5, "p95": 5}
    assert forecast["points"] == {"probability": 1, "p50": 4, "p85": 4, "p95": 4}
    assert forecast["distribution"] == [
        {"days": days, "date": f"2026-03-{days + 7:02d}", **chances}
        for days, chances in enumerate(
            (
                {"issues_probability": 0, "points_probability": 0},
                {"issues_probability": 0, "points_probability": 0},
                {"issues_probability": 0, "points_probability": 0},
                {"issues_probability": 0, "points_probability": 1},
                {"issues_probability": 1, "points_probability": 1},
            ),
            start=1,
        )
    ]
    csv_rows = _csv(client, scenario.viewer, "forecast?history=7&samples=500&seed=3&format=csv")
    assert csv_rows == _as_csv(forecast["distribution"])


def test_the_default_window_counts_empty_days_and_a_seed_repeats(
    client: TestClient, scenario: Scenario
) -> None:
    # 90 days before the 8th: 9 issues (18 points) on 9 days, the other 81 empty.
    forecast = read(client, scenario.viewer, f"forecast?sprint={scenario.sprint}&seed=7")
    assert forecast["samples"] == 10_000
    assert forecast["throughput"] == {
        "first_day": "2025-12-08",
        "last_day": "2026-03-07",
        "days": 90,
        "resolved_issues": 9,
        "resolved_points": 18,
        "mean_issues_per_day": 0.1,
        "mean_points_per_day": 0.2,
        "days_without_resolution": 81,
    }
    # At most one issue was resolved on any day: 5 issues cannot be done in 4 days.
    assert forecast["issues"]["probability"] == 0
    assert 5 <= forecast["issues"]["p50"] <= forecast["issues"]["p85"] <= forecast["issues"]["p95"]
    chances = [row["issues_probability"] for row in forecast["distribution"]]
    assert chances == sorted(chances)
    assert chances[-1] == 1
    assert read(client, scenario.viewer, f"forecast?sprint={scenario.sprint}&seed=7") == forecast


def test_a_steady_velocity_forecasts_the_backlog_exactly(
    client: TestClient, scenario: Scenario
) -> None:
    # Sprint 0 completed 2 issues and 4 points: the 3 backlog issues take 2 sprints,
    # their 11 points 3; the top 2 (6 points) take 1 sprint and 2.
    forecast = read(client, scenario.viewer, "backlog-forecast?samples=200")
    assert forecast["sprints"] == [
        {"id": forecast["sprints"][0]["id"], "name": "Sprint 0"}
        | {"completed_issues": 2, "completed_points": 4}
    ]
    assert {name: forecast[name] for name in ("top", "issues", "points", "samples", "seed")} == {
        "top": 20,
        "issues": 3,
        "points": 11,
        "samples": 200,
        "seed": 1,
    }
    assert forecast["issue_sprints"] == {"p50": 2, "p85": 2, "p95": 2}
    assert forecast["point_sprints"] == {"p50": 3, "p85": 3, "p95": 3}
    assert forecast["distribution"] == [
        {"sprints": 1, "issues_probability": 0, "points_probability": 0},
        {"sprints": 2, "issues_probability": 1, "points_probability": 0},
        {"sprints": 3, "issues_probability": 1, "points_probability": 1},
    ]
    assert _csv(client, scenario.viewer, "backlog-forecast?samples=200&format=csv") == _as_csv(
        forecast["distribution"]
    )
    top = read(client, scenario.viewer, "backlog-forecast?top=2&last=1")
    assert (top["issues"], top["points"]) == (2, 6)
    assert (top["issue_sprints"]["p95"], top["point_sprints"]["p95"]) == (1, 2)


def _problem(client: TestClient, user: User, path: str) -> tuple[int, Any]:
    response = client.get(f"{V1}/projects/{path}", headers=user["headers"])
    assert response.headers["content-type"].startswith("application/problem+json")
    return response.status_code, response.json()


def test_bad_requests_and_outsiders_get_problems(client: TestClient, scenario: Scenario) -> None:
    viewer = scenario.viewer
    for query in (
        "forecast?format=xml",
        "forecast?samples=99",
        "forecast?samples=100001",
        "forecast?seed=-1",
        f"forecast?seed={2**32}",
        "forecast?history=6",
        "forecast?history=366",
        "backlog-forecast?top=0",
        "backlog-forecast?top=501",
        "backlog-forecast?last=51",
        "backlog-forecast?format=xml",
    ):
        assert _problem(client, viewer, f"WEB/reports/{query}")[0] == 422, query
    unknown = "01JD0000000000000000000000"
    assert _problem(client, viewer, f"WEB/reports/forecast?sprint={unknown}")[0] == 404
    for report in ("forecast", "backlog-forecast"):
        seen = _problem(client, scenario.outsider, f"WEB/reports/{report}")
        assert seen == _problem(client, scenario.outsider, f"NOPE/reports/{report}")
        assert seen[0] == 404


def test_a_backlog_forecast_needs_a_completed_sprint(api: Api, client: TestClient) -> None:
    owner = api.user("owner")
    api.project(owner, "NEW")
    api.issue(owner, "NEW", points=3)
    status, problem = _problem(client, owner, "NEW/reports/backlog-forecast")
    assert status == 422
    assert [e["field"] for e in problem["errors"]] == ["last"]
    status, problem = _problem(client, owner, "NEW/reports/forecast")
    assert status == 422
    assert [e["field"] for e in problem["errors"]] == ["sprint"]
