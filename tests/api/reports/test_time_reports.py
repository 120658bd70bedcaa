"""Time tracking, timesheet and team through the API: one project driven day by day on a
test clock, every number checked against values worked out by hand, the groups against
the issue totals, the timesheet against the team report, CSV against JSON, and the
problems a client can cause."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from taskdeck.api.time_schemas import TeamOut, TimesheetOut, TimeTrackingOut
from tests.api.reports.conftest import V1, PinnedClock, User, ok, read
from tests.conftest import Api


@dataclass
class Scenario:
    """Project WEB on Tue 10 March 2026 at noon: who is who."""

    owner: User
    member: User
    viewer: User
    leaver: User
    outsider: User


def _post(client: TestClient, user: User, path: str, body: dict[str, Any]) -> Any:
    response = client.post(f"{V1}{path}", json=body, headers=user["headers"])
    assert response.status_code == 201, response.text
    return response.json()


@pytest.fixture
def scenario(api: Api, client: TestClient, clock: PinnedClock) -> Scenario:
    """Made on Mon 2 March: WEB-1 epic "Checkout"; WEB-2 story of it (owner, 5 points,
    240 min estimated); WEB-3 sub-task of WEB-2 (member, 1 point, 60 min); WEB-4 task
    (member, 3 points, 120 min estimated and remaining); WEB-5 bug (unassigned, no
    estimate); WEB-6 task (owner); WEB-7 task (leaver, 2 points).
    Tue 3 10:00 WEB-2 and WEB-4 start; Wed 4 09:00 WEB-7 starts, 21:00 done; Thu 5 16:00
    WEB-4 done; Fri 6 10:00 WEB-3 done (never started); Sun 8 the leaver leaves; Mon 9
    10:00 WEB-6 starts, 22:00 WEB-2 done. Comments: owner 2 on Wed 4; member 2 on Thu 5,
    the second deleted on Fri 6. Worklogs (day: minutes): owner WEB-2 3rd 120, 4th 60,
    WEB-5 4th 30; member WEB-4 3rd 60, 5th 90, WEB-5 5th 20, WEB-3 6th 45."""
    owner, member, viewer = api.user("owner"), api.user("member"), api.user("viewer")
    leaver, outsider = api.user("leaver"), api.user("outsider")
    api.project(owner, "WEB")
    api.member(owner, "WEB", member, "member")
    api.member(owner, "WEB", viewer, "viewer")
    api.member(owner, "WEB", leaver, "member")
    clock.at("2026-03-02T09:00:00")
    api.issue(owner, type="epic", title="Checkout")
    api.issue(
        owner, type="story", parent="WEB-1", assignee=owner["id"], points=5, estimate_minutes=240
    )
    api.issue(
        owner, type="subtask", parent="WEB-2", assignee=member["id"], points=1, estimate_minutes=60
    )
    api.issue(owner, assignee=member["id"], points=3, estimate_minutes=120, remaining_minutes=120)
    api.issue(owner, type="bug")
    api.issue(owner, assignee=owner["id"])
    api.issue(owner, assignee=leaver["id"], points=2)
    clock.at("2026-03-03T10:00:00")
    ok(client, owner, "/issues/WEB-2/move", {"status": "in_progress"})
    ok(client, owner, "/issues/WEB-4/move", {"status": "in_progress"})
    clock.at("2026-03-04T09:00:00")
    ok(client, owner, "/issues/WEB-7/move", {"status": "in_progress"})
    _post(client, owner, "/issues/WEB-2/comments", {"body": "one"})
    _post(client, owner, "/issues/WEB-4/comments", {"body": "two"})
    clock.at("2026-03-04T21:00:00")
    ok(client, owner, "/issues/WEB-7/move", {"status": "done"})
    clock.at("2026-03-05T16:00:00")
    ok(client, owner, "/issues/WEB-4/move", {"status": "done"})
    _post(client, member, "/issues/WEB-4/comments", {"body": "three"})
    deleted = _post(client, member, "/issues/WEB-4/comments", {"body": "four"})
    clock.at("2026-03-06T10:00:00")
    ok(client, owner, "/issues/WEB-3/move", {"status": "done"})
    path = f"{V1}/issues/WEB-4/comments/{deleted['id']}"
    assert client.delete(path, headers=member["headers"]).status_code == 204
    clock.at("2026-03-08T12:00:00")
    path = f"{V1}/projects/WEB/members/{leaver['id']}"
    assert client.delete(path, headers=owner["headers"]).status_code == 204
    clock.at("2026-03-09T10:00:00")
    ok(client, owner, "/issues/WEB-6/move", {"status": "in_progress"})
    clock.at("2026-03-09T22:00:00")
    ok(client, owner, "/issues/WEB-2/move", {"status": "done"})
    clock.at("2026-03-10T12:00:00")
    for user, key, day, minutes in (
        (owner, "WEB-2", "03", 120),
        (owner, "WEB-2", "04", 60),
        (owner, "WEB-5", "04", 30),
        (member, "WEB-4", "03", 60),
        (member, "WEB-4", "05", 90),
        (member, "WEB-5", "05", 20),
        (member, "WEB-3", "06", 45),
    ):
        _post(
            client, user, f"/issues/{key}/worklogs", {"minutes": minutes, "date": f"2026-03-{day}"}
        )
    return Scenario(owner, member, viewer, leaver, outsider)


def _row(key: str, name: str | None, issues: int, *minutes: int, ratio: float | None) -> Any:
    estimate, logged, remaining = minutes
    fields = {"estimate_minutes": estimate, "logged_minutes": logged}
    fields |= {"remaining_minutes": remaining, "over_minutes": logged - estimate}
    return {"key": key, "name": name, "issues": issues, **fields, "ratio": ratio}


TOTAL = _row("total", None, 4, 420, 425, 75, ratio=1.01)


def _csv(client: TestClient, user: User, path: str) -> list[dict[str, str]]:
    response = client.get(f"{V1}/projects/WEB/reports/{path}", headers=user["headers"])
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.text)))


def _as_text(rows: list[dict[str, Any]]) -> list[dict[str, str]]:
    return [{k: "" if v is None else str(v) for k, v in row.items()} for row in rows]


def test_time_tracking_per_issue_assignee_and_epic(client: TestClient, scenario: Scenario) -> None:
    viewer = scenario.viewer
    by_issue = read(client, viewer, "time-tracking")
    assert by_issue["rows"] == [
        _row("WEB-2", "An issue", 1, 240, 180, 60, ratio=0.75),  # remaining: estimate - logged
        _row("WEB-3", "An issue", 1, 60, 45, 15, ratio=0.75),
        _row("WEB-4", "An issue", 1, 120, 150, 0, ratio=1.25),
        _row("WEB-5", "An issue", 1, 0, 50, 0, ratio=None),
    ]
    by_assignee = read(client, viewer, "time-tracking?group_by=assignee")
    assert by_assignee["rows"] == [
        _row(scenario.member["id"], "member", 2, 180, 195, 15, ratio=1.08),
        _row(scenario.owner["id"], "owner", 1, 240, 180, 60, ratio=0.75),
        _row("none", None, 1, 0, 50, 0, ratio=None),
    ]
    by_epic = read(client, viewer, "time-tracking?group_by=epic")
    assert by_epic["rows"] == [
        _row("WEB-1", "Checkout", 2, 300, 225, 75, ratio=0.75),
        _row("none", None, 2, 120, 200, 0, ratio=1.67),
    ]
    assert by_issue["total"] == by_assignee["total"] == by_epic["total"] == TOTAL
    TimeTrackingOut.model_validate(by_epic)  # as the OpenAPI document says
    for report in (by_issue, by_assignee, by_epic):
        summed = {n: sum(r[n] for r in report["rows"]) for n in ("issues", "logged_minutes")}
        assert summed == {"issues": 4, "logged_minutes": 425}
    assert _csv(client, viewer, "time-tracking?group_by=epic&format=csv") == _as_text(
        by_epic["rows"]
    )


def test_time_tracking_filters(client: TestClient, scenario: Scenario) -> None:
    def keys(query: str) -> list[str]:
        return [r["key"] for r in read(client, scenario.viewer, f"time-tracking?{query}")["rows"]]

    assert keys(f"assignee={scenario.member['id']}") == ["WEB-3", "WEB-4"]
    assert keys("assignee=none") == ["WEB-5"]
    assert keys("epic=WEB-1") == ["WEB-2", "WEB-3"]
    assert keys("epic=none&type=bug") == ["WEB-5"]
    assert keys(f"assignee={scenario.outsider['id']}") == []


def test_time_tracking_takes_me_as_the_caller(client: TestClient, scenario: Scenario) -> None:
    def rows(user: User, query: str) -> list[tuple[str, int]]:
        found = read(client, user, f"time-tracking?assignee=me{query}")
        return [(r["key"], r["logged_minutes"]) for r in found["rows"]]

    assert rows(scenario.member, "") == [("WEB-3", 45), ("WEB-4", 150)]
    assert rows(scenario.owner, "&group_by=assignee") == [(scenario.owner["id"], 180)]
    assert rows(scenario.owner, "&group_by=epic") == [("WEB-1", 180)]
    assert rows(scenario.viewer, "") == []


def test_timesheet_per_person_and_day(client: TestClient, scenario: Scenario) -> None:
    owner, member = scenario.owner, scenario.member
    week = read(client, scenario.viewer, "timesheet?from=2026-03-02&to=2026-03-08")
    assert week == {
        "project": "WEB",
        "from": "2026-03-02",
        "to": "2026-03-08",
        "users": [
            {
                "user_id": member["id"],
                "name": "member",
                "days": [
                    {"date": "2026-03-03", "minutes": 60},
                    {"date": "2026-03-05", "minutes": 110},
                    {"date": "2026-03-06", "minutes": 45},
                ],
                "total_minutes": 215,
            },
            {
                "user_id": owner["id"],
                "name": "owner",
                "days": [
                    {"date": "2026-03-03", "minutes": 120},
                    {"date": "2026-03-04", "minutes": 90},
                ],
                "total_minutes": 210,
            },
        ],
        "total_minutes": 425,
    }
    TimesheetOut.model_validate(week)
    default = read(client, scenario.viewer, "timesheet")  # the 7 days to today
    assert (default["from"], default["to"], default["total_minutes"]) == (
        "2026-03-04",
        "2026-03-10",
        245,
    )
    mine = read(client, owner, f"timesheet?from=2026-03-02&to=2026-03-08&assignee={owner['id']}")
    assert mine["users"] == week["users"][1:]
    me = read(client, member, "timesheet?from=2026-03-02&to=2026-03-08&assignee=me")
    assert (me["users"], me["total_minutes"]) == (week["users"][:1], 215)
    rows = _csv(client, scenario.viewer, "timesheet?from=2026-03-02&to=2026-03-08&format=csv")
    assert rows == _as_text(
        [
            {"user_id": u["user_id"], "name": u["name"], **day}
            for u in week["users"]
            for day in u["days"]
        ]
    )


TEAM_NUMBERS = (
    "issues_resolved",
    "points_completed",
    "minutes_logged",
    "median_cycle_time_days",
    "comments_written",
    "issues_in_progress",
)


def _member(user: User, role: str | None, *numbers: Any) -> dict[str, Any]:
    """A team row: `role` None for a former member, then the numbers in column order."""
    return {
        "user_id": user["id"],
        "name": user["name"],
        "role": role,
        "former_member": role is None,
        **dict(zip(TEAM_NUMBERS, numbers, strict=True)),
    }


def test_team_credits_assignees_and_keeps_former_members(
    client: TestClient, scenario: Scenario
) -> None:
    s = scenario
    team = read(client, s.viewer, "team")  # the 30 days to today
    assert (team["from"], team["to"]) == ("2026-02-09", "2026-03-10")
    TeamOut.model_validate(team)
    assert team["members"] == [
        _member(s.leaver, None, 1, 2, 0, 0.5, 0, 0),
        _member(s.member, "member", 2, 4, 215, 2.25, 1, 0),
        _member(s.owner, "owner", 1, 5, 210, 6.5, 2, 1),
        _member(s.viewer, "viewer", 0, 0, 0, None, 0, 0),
    ]
    later = read(client, s.viewer, "team?from=2026-03-06&to=2026-03-10")
    assert later["members"] == [
        _member(s.member, "member", 1, 1, 45, None, 0, 0),
        _member(s.owner, "owner", 1, 5, 0, 6.5, 0, 1),
        _member(s.viewer, "viewer", 0, 0, 0, None, 0, 0),
    ]
    for query, report in (("from=2026-02-09&to=2026-03-10", team), ("from=2026-03-06", later)):
        sheet = read(client, s.viewer, f"timesheet?{query}")
        logged = {u["user_id"]: u["total_minutes"] for u in sheet["users"]}
        assert logged == {
            m["user_id"]: m["minutes_logged"] for m in report["members"] if m["minutes_logged"]
        }
        assert sheet["total_minutes"] == sum(m["minutes_logged"] for m in report["members"])
    assert _csv(client, s.viewer, "team?format=csv") == _as_text(team["members"])


@pytest.mark.parametrize(
    "query",
    [
        "time-tracking?group_by=sprint",
        "time-tracking?epic=checkout",
        "time-tracking?type=story&format=xml",
        "timesheet?from=2026-02-30",
        "timesheet?from=2026-03-09&to=2026-03-08",
        "team?from=2024-03-01&to=2026-03-08",
        "team?to=2026-03-11",
        "team?format=pdf",
    ],
)
def test_bad_input_is_a_422(client: TestClient, scenario: Scenario, query: str) -> None:
    response = client.get(f"{V1}/projects/WEB/reports/{query}", headers=scenario.viewer["headers"])
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"


def test_the_timesheet_has_no_unassigned_time(client: TestClient, scenario: Scenario) -> None:
    response = client.get(
        f"{V1}/projects/WEB/reports/timesheet?assignee=none", headers=scenario.viewer["headers"]
    )
    assert response.status_code == 422, response.text
    assert [e["field"] for e in response.json()["errors"]] == ["assignee"]


def test_outsiders_learn_nothing(client: TestClient, scenario: Scenario) -> None:
    for name in ("time-tracking", "timesheet", "team"):
        hidden = client.get(
            f"{V1}/projects/WEB/reports/{name}", headers=scenario.outsider["headers"]
        )
        missing = client.get(
            f"{V1}/projects/NOPE/reports/{name}", headers=scenario.outsider["headers"]
        )
        assert hidden.status_code == missing.status_code == 404
        assert hidden.json()["detail"] == missing.json()["detail"]
