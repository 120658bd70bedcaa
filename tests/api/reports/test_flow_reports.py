"""Cumulative flow, cycle time and aging work in progress through the API: a fortnight of
work driven on a test clock, every number checked against a table worked out by hand, CSV
against JSON, and the problems a client can cause."""

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
    """Project WEB on 12 March 2026 at noon: who is who."""

    owner: User
    ann: User
    viewer: User
    outsider: User


def _patch(client: TestClient, user: User, key: str, body: dict[str, Any]) -> None:
    response = client.patch(f"{V1}/issues/{key}", json=body, headers=user["headers"])
    assert response.status_code == 200, response.text


@pytest.fixture
def scenario(api: Api, client: TestClient, clock: PinnedClock) -> Scenario:
    """The default workflow (To Do, In Progress, In Review, Done). On Mon 2 March, 09:00:
    WEB-1 epic; WEB-2 story of WEB-1 (Ann, 3 points); WEB-3 bug (owner); WEB-4 task of
    WEB-1 (2 points); WEB-5 sub-task of WEB-2 (Ann); WEB-6 story (Ann). Then:

    - 3 Mar 10:00 WEB-2 and WEB-3 to In Progress
    - 4 Mar 12:00 WEB-2 to In Review, WEB-4 to In Progress
    - 5 Mar 06:00 WEB-3 to Done (PATCH)
    - 6 Mar 17:00 WEB-2 to Done, WEB-5 to In Progress
    - 7 Mar 01:00 WEB-6 to Done, never started (PATCH)
    - 9 Mar 12:00 WEB-4 to In Review
    - 10 Mar 08:00 WEB-3 reopened to In Progress; 09:00 WEB-7 bug (owner) created,
      15:00 to In Progress
    - 11 Mar 09:00 WEB-8 task (Ann) created, 10:00 to In Review; 21:00 WEB-5 and WEB-7
      to Done
    """
    owner, ann = api.user("owner"), api.user("ann")
    viewer, outsider = api.user("viewer"), api.user("outsider")
    api.project(owner, "WEB")
    api.member(owner, "WEB", ann, "member")
    api.member(owner, "WEB", viewer, "viewer")

    def move(key: str, status: str) -> None:
        ok(client, owner, f"/issues/{key}/move", {"status": status})

    clock.at("2026-03-02T09:00:00")
    api.issue(owner, type="epic", title="Checkout")
    api.issue(owner, type="story", parent="WEB-1", assignee=ann["id"], points=3)
    api.issue(owner, type="bug", assignee=owner["id"])
    api.issue(owner, type="task", parent="WEB-1", points=2)
    api.issue(owner, type="subtask", parent="WEB-2", assignee=ann["id"])
    api.issue(owner, type="story", assignee=ann["id"])
    clock.at("2026-03-03T10:00:00")
    move("WEB-2", "in_progress")
    move("WEB-3", "in_progress")
    clock.at("2026-03-04T12:00:00")
    move("WEB-2", "in_review")
    move("WEB-4", "in_progress")
    clock.at("2026-03-05T06:00:00")
    _patch(client, owner, "WEB-3", {"status": "done"})
    clock.at("2026-03-06T17:00:00")
    move("WEB-2", "done")
    move("WEB-5", "in_progress")
    clock.at("2026-03-07T01:00:00")
    _patch(client, owner, "WEB-6", {"status": "done"})
    clock.at("2026-03-09T12:00:00")
    move("WEB-4", "in_review")
    clock.at("2026-03-10T08:00:00")
    move("WEB-3", "in_progress")
    clock.at("2026-03-10T09:00:00")
    api.issue(owner, type="bug", assignee=owner["id"])
    clock.at("2026-03-10T15:00:00")
    move("WEB-7", "in_progress")
    clock.at("2026-03-11T09:00:00")
    api.issue(owner, type="task", assignee=ann["id"])
    clock.at("2026-03-11T10:00:00")
    move("WEB-8", "in_review")
    clock.at("2026-03-11T21:00:00")
    move("WEB-5", "done")
    move("WEB-7", "done")
    clock.at("2026-03-12T12:00:00")
    return Scenario(owner, ann, viewer, outsider)


STATUSES = ("todo", "in_progress", "in_review", "done")
# Day, then the issues at the end of it in To Do, In Progress, In Review, Done.
FLOW = [
    ("2026-03-01", 0, 0, 0, 0),
    ("2026-03-02", 6, 0, 0, 0),
    ("2026-03-03", 4, 2, 0, 0),
    ("2026-03-04", 3, 2, 1, 0),
    ("2026-03-05", 3, 1, 1, 1),
    ("2026-03-06", 2, 2, 0, 2),
    ("2026-03-07", 1, 2, 0, 3),
    ("2026-03-08", 1, 2, 0, 3),
    ("2026-03-09", 1, 1, 1, 3),
    ("2026-03-10", 1, 3, 1, 2),
    ("2026-03-11", 1, 1, 2, 4),
    ("2026-03-12", 1, 1, 2, 4),
]


def _flow_days(rows: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    return [{"date": r[0], "counts": dict(zip(STATUSES, r[1:], strict=True))} for r in rows]


def test_cumulative_flow_counts_each_status_at_the_end_of_each_day(
    client: TestClient, scenario: Scenario
) -> None:
    report = read(client, scenario.viewer, "cumulative-flow?from=2026-03-01&to=2026-03-12")
    assert report["project"] == "WEB"
    assert (report["from"], report["to"]) == ("2026-03-01", "2026-03-12")
    assert report["statuses"] == [
        {"id": "todo", "name": "To Do", "category": "todo"},
        {"id": "in_progress", "name": "In Progress", "category": "in_progress"},
        {"id": "in_review", "name": "In Review", "category": "in_progress"},
        {"id": "done", "name": "Done", "category": "done"},
    ]
    assert report["days"] == _flow_days(FLOW)
    # A range that ends before today takes back what happened after it.
    middle = read(client, scenario.viewer, "cumulative-flow?from=2026-03-04&to=2026-03-06")
    assert middle["days"] == _flow_days(FLOW[3:6])
    # By default, the 30 days that end today: 11 February to 12 March.
    default = read(client, scenario.viewer, "cumulative-flow")
    assert (default["from"], default["to"]) == ("2026-02-11", "2026-03-12")
    assert default["days"][-12:] == report["days"]
    assert default["days"][0] == {"date": "2026-02-11", "counts": dict.fromkeys(STATUSES, 0)}
    assert len(default["days"]) == 30


# Resolved and still done (WEB-3 was reopened), by resolution time then number:
# key, type, assignee, points, created, started, resolved, lead days, cycle days.
RESOLVED = {
    "WEB-2": ("story", "ann", 3.0, "02T09", "03T10", "06T17", 4.33, 3.29),  # 104 h, 79 h
    "WEB-6": ("story", "ann", None, "02T09", None, "07T01", 4.67, None),  # 112 h
    "WEB-5": ("subtask", "ann", None, "02T09", "06T17", "11T21", 9.5, 5.17),  # 228 h, 124 h
    "WEB-7": ("bug", "owner", None, "10T09", "10T15", "11T21", 1.5, 1.25),  # 36 h, 30 h
}


def _resolved(scenario: Scenario, *issue_keys: str) -> list[dict[str, Any]]:
    ids = {"ann": scenario.ann["id"], "owner": scenario.owner["id"]}

    def moment(day_hour: str | None) -> str | None:
        return None if day_hour is None else f"2026-03-{day_hour}:00:00.000Z"

    rows = []
    for key in issue_keys:
        kind, who, points, created, started, resolved, lead, cycle = RESOLVED[key]
        rows.append(
            {
                "key": key,
                "type": kind,
                "assignee": ids[who],
                "points": points,
                "created_at": moment(created),
                "started_at": moment(started),
                "resolved_at": moment(resolved),
                "lead_time_days": lead,
                "cycle_time_days": cycle,
            }
        )
    return rows


def _percentiles(p50: float | None, p85: float | None, p95: float | None) -> dict[str, Any]:
    return {"p50": p50, "p85": p85, "p95": p95}


def test_cycle_time_of_each_issue_resolved_in_the_range(
    client: TestClient, scenario: Scenario
) -> None:
    report = read(client, scenario.viewer, "cycle-time")
    assert (report["from"], report["to"]) == ("2026-02-11", "2026-03-12")
    assert report["issues"] == _resolved(scenario, "WEB-2", "WEB-6", "WEB-5", "WEB-7")
    # Lead: 1.5, 4.33, 4.67, 9.5 (ranks 2, 4, 4); cycle: 1.25, 3.29, 5.17 (ranks 2, 3, 3).
    assert report["lead_time_days"] == _percentiles(4.33, 9.5, 9.5)
    assert report["cycle_time_days"] == _percentiles(3.29, 5.17, 5.17)

    def keys(query: str) -> list[str]:
        return [i["key"] for i in read(client, scenario.viewer, f"cycle-time?{query}")["issues"]]

    # Both ends of the range are whole days.
    assert keys("from=2026-03-07&to=2026-03-07") == ["WEB-6"]
    assert keys("from=2026-03-01&to=2026-03-06") == ["WEB-2"]
    assert keys("from=2026-03-11&to=2026-03-12") == ["WEB-5", "WEB-7"]
    assert keys("type=bug") == ["WEB-7"]
    assert keys("epic=WEB-1") == ["WEB-2", "WEB-5"]  # WEB-5 through its parent WEB-2
    assert keys("epic=WEB-2") == []  # a story is nobody's epic
    ann = read(client, scenario.viewer, f"cycle-time?assignee={scenario.ann['id']}")
    assert [i["key"] for i in ann["issues"]] == ["WEB-2", "WEB-6", "WEB-5"]
    assert ann["lead_time_days"] == _percentiles(4.67, 9.5, 9.5)
    assert ann["cycle_time_days"] == _percentiles(3.29, 5.17, 5.17)
    none = read(client, scenario.viewer, "cycle-time?from=2026-03-08&to=2026-03-10")
    assert (none["issues"], none["cycle_time_days"]) == ([], _percentiles(None, None, None))


def test_aging_wip_lists_the_work_in_progress_oldest_first(
    client: TestClient, scenario: Scenario
) -> None:
    report = read(client, scenario.viewer, "aging-wip")
    assert report["now"] == "2026-03-12T12:00:00.000Z"
    columns = ("key", "status", "status_since", "started_at", "days_in_status", "age_days")
    shown = [tuple(i[c] for c in columns) for i in report["issues"]]
    assert shown == [
        # reopened 10 Mar 08:00 (52 h ago), first started 3 Mar 10:00 (218 h ago)
        (
            "WEB-3",
            "in_progress",
            "2026-03-10T08:00:00.000Z",
            "2026-03-03T10:00:00.000Z",
            2.17,
            9.08,
        ),
        ("WEB-4", "in_review", "2026-03-09T12:00:00.000Z", "2026-03-04T12:00:00.000Z", 3.0, 8.0),
        # created at 09:00, straight to In Review at 10:00: started then (26 h ago)
        ("WEB-8", "in_review", "2026-03-11T10:00:00.000Z", "2026-03-11T10:00:00.000Z", 1.08, 1.08),
    ]
    assert report["issues"][1] == {
        "key": "WEB-4",
        "title": "An issue",
        "type": "task",
        "status": "in_review",
        "assignee": None,
        "points": 2.0,
        "status_since": "2026-03-09T12:00:00.000Z",
        "started_at": "2026-03-04T12:00:00.000Z",
        "days_in_status": 3.0,
        "age_days": 8.0,
    }
    assert report["reference"] == {
        "from": "2026-02-11",
        "to": "2026-03-12",
        "cycle_time_days": _percentiles(3.29, 5.17, 5.17),
    }

    def aging(query: str) -> tuple[list[str], Any]:
        found = read(client, scenario.viewer, f"aging-wip?{query}")
        return [i["key"] for i in found["issues"]], found["reference"]["cycle_time_days"]

    assert aging(f"assignee={scenario.ann['id']}") == (["WEB-8"], _percentiles(3.29, 5.17, 5.17))
    assert aging("type=bug") == (["WEB-3"], _percentiles(1.25, 1.25, 1.25))
    assert aging("epic=WEB-1") == (["WEB-4"], _percentiles(3.29, 5.17, 5.17))


def test_flow_reports_take_me_and_none_as_assignee(client: TestClient, scenario: Scenario) -> None:
    def cycle(user: User, assignee: str) -> list[str]:
        found = read(client, user, f"cycle-time?assignee={assignee}")
        return [i["key"] for i in found["issues"]]

    def aging(user: User, assignee: str) -> tuple[list[str], Any]:
        found = read(client, user, f"aging-wip?assignee={assignee}")
        return [i["key"] for i in found["issues"]], found["reference"]["cycle_time_days"]

    owner, ann = scenario.owner, scenario.ann
    assert cycle(ann, "me") == cycle(owner, ann["id"]) == ["WEB-2", "WEB-6", "WEB-5"]
    assert cycle(owner, "me") == ["WEB-7"]
    assert cycle(scenario.viewer, "me") == []
    assert aging(owner, "me") == (["WEB-3"], _percentiles(1.25, 1.25, 1.25))
    assert aging(ann, "me") == (["WEB-8"], _percentiles(3.29, 5.17, 5.17))
    # WEB-4 is the one unassigned issue in progress; none resolved is unassigned, yet.
    assert aging(owner, "none") == (["WEB-4"], _percentiles(None, None, None))
    assert cycle(owner, "none") == []
    _patch(client, owner, "WEB-6", {"assignee": None})
    assert cycle(owner, "none") == ["WEB-6"]
    assert cycle(ann, "me") == ["WEB-2", "WEB-5"]


def _csv(client: TestClient, user: User, path: str) -> list[list[str]]:
    response = client.get(f"{V1}/projects/WEB/reports/{path}", headers=user["headers"])
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.text)))


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def test_csv_holds_the_same_numbers_as_json(client: TestClient, scenario: Scenario) -> None:
    viewer = scenario.viewer
    flow = "cumulative-flow?from=2026-03-01&to=2026-03-12"
    assert _csv(client, viewer, f"{flow}&format=csv") == [
        ["date", *STATUSES],
        *([str(cell) for cell in row] for row in FLOW),
    ]
    for report in ("cycle-time", "aging-wip"):
        rows = read(client, viewer, report)["issues"]
        header, *lines = _csv(client, viewer, f"{report}?format=csv")
        assert header == list(rows[0])
        assert lines == [[_cell(v) for v in row.values()] for row in rows]


def _problem(client: TestClient, user: User, path: str) -> tuple[int, Any]:
    response = client.get(f"{V1}/projects/{path}", headers=user["headers"])
    assert response.headers["content-type"].startswith("application/problem+json")
    return response.status_code, response.json()


def test_bad_requests_get_problems_naming_the_field(client: TestClient, scenario: Scenario) -> None:
    viewer = scenario.viewer
    cases = {
        "cumulative-flow?from=2026-02-30": ["from"],
        "cycle-time?to=yesterday": ["to"],
        "cumulative-flow?from=2026-03-10&to=2026-03-09": ["from"],
        "cycle-time?from=2024-03-11&to=2026-03-12": ["from"],  # 732 days, both ends in
        "cumulative-flow?to=2026-03-13": ["to"],  # tomorrow
        "cycle-time?type=saga": None,
        "aging-wip?type=saga": None,
        "aging-wip?epic=checkout": ["epic"],
        "cumulative-flow?type=bug&assignee=x": ["assignee", "type"],
        "cumulative-flow?assignee=me": ["assignee"],
        f"aging-wip?assignee={'u' * 65}": ["assignee"],
        "cycle-time?format=xml": None,
    }
    for path, fields in cases.items():
        status, problem = _problem(client, viewer, f"WEB/reports/{path}")
        assert status == 422, path
        if fields is not None:
            assert sorted(e["field"] for e in problem["errors"]) == fields, path
    # The first days there are: the default 30 days shrink to what exists.
    assert read(client, viewer, "cycle-time?to=0001-01-05")["from"] == "0001-01-01"
    # 731 days is the longest range.
    longest = read(client, viewer, "cycle-time?from=2024-03-12&to=2026-03-12")
    assert len(longest["issues"]) == 4


@pytest.mark.parametrize("report", ["cumulative-flow", "cycle-time", "aging-wip"])
def test_an_outsider_cannot_tell_the_project_exists(
    client: TestClient, scenario: Scenario, report: str
) -> None:
    seen = _problem(client, scenario.outsider, f"WEB/reports/{report}")
    missing = _problem(client, scenario.outsider, f"NOPE/reports/{report}")
    assert seen == missing
    assert seen[0] == 404
