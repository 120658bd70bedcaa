"""The team the permission matrix is tried on, what some rows make first, and how a
call's effect is checked (`tests/api/test_permissions.py`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi.testclient import TestClient

V1 = "/api/v1"
KEY = "WEB"
UNKNOWN_SPRINT = "01JD0000000000000000000000"
User = dict[str, Any]


@dataclass
class Team:
    """Project WEB with one user per role, a member to act on, a stranger to add, WEB-1
    and a planned sprint with its dates set."""

    users: dict[str, User]
    issue: dict[str, Any]
    sprint: dict[str, Any]
    made: dict[str, str] = field(default_factory=dict)
    """Ids of things a row's `prepare` made (a link, a worklog), by path parameter."""

    def headers(self, caller: str) -> dict[str, str]:
        if caller == "anonymous":
            return {}
        if caller == "forged":
            return {"Authorization": "Bearer not-a-real-token"}
        return dict(self.users[caller]["headers"])

    def path_values(self, *, missing: bool = False) -> dict[str, str]:
        key = "NOPE" if missing else KEY
        return {
            "key": key,
            "issue_key": f"{key}-1",
            "member_id": self.users["target"]["id"],
            "sprint_id": UNKNOWN_SPRINT if missing else self.sprint["id"],
            **self.made,
        }


def make_team(api: Any) -> Team:
    """Project WEB: its owner, an admin, a member, a viewer, a member to act on (`target`),
    an outsider and a newcomer to add; WEB-1 and a planned sprint with dates."""
    owner = api.user("owner")
    api.project(owner, KEY)
    users = {"owner": owner}
    for role in ("admin", "member", "viewer"):
        users[role] = api.user(role)
        api.member(owner, KEY, users[role], role)
    users["target"] = api.user("target")
    api.member(owner, KEY, users["target"], "member")
    users["outsider"] = api.user("outsider")
    users["newcomer"] = api.user("newcomer")
    issue = api.issue(owner, KEY, description="Some words", labels=["x"])
    sprint = api.client.post(
        f"{V1}/projects/{KEY}/sprints",
        json={"name": "Sprint 1", "start_date": "2027-01-04", "end_date": "2027-01-15"},
        headers=owner["headers"],
    )
    assert sprint.status_code == 201, sprint.text
    return Team(users, issue, sprint.json())


def start_sprint(client: TestClient, team: Team) -> None:
    """Start the team's sprint, so that it can be completed."""
    started = client.post(
        f"{V1}/sprints/{team.sprint['id']}/start", json={}, headers=team.headers("owner")
    )
    assert started.status_code == 200, started.text


def made_comment(client: TestClient, team: Team) -> None:
    """A comment on WEB-1 by the owner."""
    body = {"body": "A comment"}
    made = client.post(f"{V1}/issues/{KEY}-1/comments", json=body, headers=team.headers("owner"))
    assert made.status_code == 201, made.text
    team.made["comment_id"] = made.json()["id"]


def owner_watches(client: TestClient, team: Team) -> None:
    """The watcher to remove: the owner, who watches WEB-1 as its reporter."""
    issue = client.get(f"{V1}/issues/{KEY}-1", headers=team.headers("owner")).json()
    assert team.users["owner"]["id"] in issue["watchers"]
    team.made["user_id"] = team.users["owner"]["id"]


def made_attachment(client: TestClient, team: Team) -> None:
    """A file on WEB-1, uploaded by the owner."""
    made = client.post(
        f"{V1}/issues/{KEY}-1/attachments",
        files={"file": ("a.txt", b"a file", "text/plain")},
        headers=team.headers("owner"),
    )
    assert made.status_code == 201, made.text
    team.made["attachment_id"] = made.json()["id"]


def second_issue(client: TestClient, team: Team) -> None:
    """WEB-2, for a link from WEB-1."""
    body = {"title": "Another"}
    made = client.post(f"{V1}/projects/{KEY}/issues", json=body, headers=team.headers("owner"))
    assert made.status_code == 201, made.text


def made_link(client: TestClient, team: Team) -> None:
    """A link from WEB-1 to WEB-2, made by the owner."""
    second_issue(client, team)
    body = {"type": "blocks", "issue": f"{KEY}-2"}
    link = client.post(f"{V1}/issues/{KEY}-1/links", json=body, headers=team.headers("owner"))
    assert link.status_code == 201, link.text
    team.made["link_id"] = link.json()["id"]


WEBHOOK = {
    "url": "https://93.184.215.14/hooks",  # public, and never sent to (no sprint is deleted)
    "secret": "a-secret-of-16-chars",
    "events": ["sprint.deleted"],
}


def made_webhook(client: TestClient, team: Team) -> None:
    """A webhook of WEB, registered by the owner."""
    made = client.post(f"{V1}/projects/{KEY}/webhooks", json=WEBHOOK, headers=team.headers("owner"))
    assert made.status_code == 201, made.text
    team.made["webhook_id"] = made.json()["id"]


def made_worklog(client: TestClient, team: Team) -> None:
    """Half an hour logged on WEB-1 by the owner."""
    body = {"minutes": 30, "date": "2026-01-05"}
    worklog = client.post(f"{V1}/issues/{KEY}-1/worklogs", json=body, headers=team.headers("owner"))
    assert worklog.status_code == 201, worklog.text
    team.made["worklog_id"] = worklog.json()["id"]


def snapshot(client: TestClient, team: Team) -> list[tuple[int, Any]]:
    """Everything a write in this table could change, read as the owner."""
    headers = team.headers("owner")
    reads = [
        f"{V1}/projects/{KEY}",
        f"{V1}/projects/{KEY}/members",
        f"{V1}/projects/{KEY}/issues",
        f"{V1}/issues/{KEY}-1",
        f"{V1}/issues/{KEY}-1/history",
        f"{V1}/issues/{KEY}-1/attachments",
        f"{V1}/projects/{KEY}/sprints",
        f"{V1}/projects/{KEY}/webhooks",
    ]
    answers = [client.get(path, headers=headers) for path in reads]
    return [(a.status_code, a.json()) for a in answers]


def assert_problem(response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["type"]
    assert body["title"]
    assert body["detail"]
    return body
