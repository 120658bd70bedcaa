"""The permission matrix: every project- or issue-scoped endpoint, tried as every kind of caller.

`ENDPOINTS` names, for each endpoint, the weakest role allowed to call it. A caller
with a weaker role gets 403, a non-member gets exactly the 404 a missing project
gives, an unauthenticated caller gets 401; a refused call changes nothing. A new
endpoint that is not in the table (or in `NOT_PROJECT_SCOPED`) fails
`test_every_endpoint_has_a_permission_row`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

V1 = "/api/v1"
KEY = "WEB"
STRENGTH = {"viewer": 0, "member": 1, "admin": 2, "owner": 3}
CALLERS = ("anonymous", "forged", "outsider", "viewer", "member", "admin", "owner")
METHODS = {"get", "post", "put", "patch", "delete"}

User = dict[str, Any]
Body = Callable[["Team"], dict[str, Any] | None]
UNKNOWN_SPRINT = "01JD0000000000000000000000"


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


@dataclass(frozen=True)
class Endpoint:
    method: str
    path: str  # the route's template, exactly as the OpenAPI document names it
    weakest: str  # the weakest role allowed to call it
    ok: int  # its status on success
    body: Body = field(default=lambda team: None)
    prepare: Callable[[TestClient, Team], None] | None = None
    files: Callable[[Team], dict[str, Any]] | None = None
    """A multipart body (for uploads), sent instead of `body`."""
    also_ok: tuple[int, ...] = ()
    """Other statuses of success (a download may redirect to the blob store: 307)."""
    query: str = ""
    """Appended to the path."""
    writes: bool = True
    """Whether an allowed call (other than a GET) changes something."""
    """What must happen first (as the owner), before anything is compared."""

    def __str__(self) -> str:
        return f"{self.method} {self.path.removeprefix(V1)}"


ENDPOINTS = [
    Endpoint("GET", "/api/v1/projects/{key}", "viewer", 200),
    Endpoint("PATCH", "/api/v1/projects/{key}", "admin", 200, lambda t: {"name": "Renamed"}),
    Endpoint("DELETE", "/api/v1/projects/{key}", "owner", 204),
    Endpoint("GET", "/api/v1/projects/{key}/members", "viewer", 200),
    Endpoint(
        "POST",
        "/api/v1/projects/{key}/members",
        "admin",
        201,
        lambda t: {"user_id": t.users["newcomer"]["id"], "role": "member"},
    ),
    Endpoint(
        "PATCH",
        "/api/v1/projects/{key}/members/{member_id}",
        "admin",
        200,
        lambda t: {"role": "viewer"},
    ),
    Endpoint("DELETE", "/api/v1/projects/{key}/members/{member_id}", "admin", 204),
    Endpoint("GET", "/api/v1/projects/{key}/issues", "viewer", 200),
    Endpoint("POST", "/api/v1/projects/{key}/issues", "member", 201, lambda t: {"title": "New"}),
    Endpoint("GET", "/api/v1/issues/{issue_key}", "viewer", 200),
    Endpoint("PATCH", "/api/v1/issues/{issue_key}", "member", 200, lambda t: {"title": "Changed"}),
    Endpoint("DELETE", "/api/v1/issues/{issue_key}", "member", 204),
    Endpoint("GET", "/api/v1/issues/{issue_key}/history", "viewer", 200),
    Endpoint("GET", "/api/v1/issues/{issue_key}/comments", "viewer", 200),
    Endpoint(
        "POST", "/api/v1/issues/{issue_key}/comments", "member", 201, lambda t: {"body": "Hi"}
    ),
    Endpoint(
        "PATCH",
        "/api/v1/issues/{issue_key}/comments/{comment_id}",
        "owner",  # its author only (here the owner): tests/api/test_comments.py
        200,
        lambda t: {"body": "Edited"},
        prepare=lambda client, team: made_comment(client, team),
    ),
    Endpoint(
        "DELETE",
        "/api/v1/issues/{issue_key}/comments/{comment_id}",
        "admin",  # or its author (here the owner): tests/api/test_comments.py
        204,
        prepare=lambda client, team: made_comment(client, team),
    ),
    Endpoint(
        "GET",
        "/api/v1/issues/{issue_key}/comments/{comment_id}/edits",
        "viewer",
        200,
        prepare=lambda client, team: made_comment(client, team),
    ),
    Endpoint("GET", "/api/v1/issues/{issue_key}/watchers", "viewer", 200),
    Endpoint(
        "POST",
        "/api/v1/issues/{issue_key}/watchers",
        "admin",  # with another member's id; anyone who reads may watch: test_watchers.py
        200,
        lambda t: {"user_id": t.users["target"]["id"]},
    ),
    Endpoint(
        "DELETE",
        "/api/v1/issues/{issue_key}/watchers/{user_id}",
        "admin",  # removing the owner; anyone may unwatch: tests/api/test_watchers.py
        204,
        prepare=lambda client, team: owner_watches(client, team),
    ),
    Endpoint(
        "POST", "/api/v1/issues/{issue_key}/move", "member", 200, lambda t: {"status": "done"}
    ),
    Endpoint("GET", "/api/v1/projects/{key}/backlog", "viewer", 200),
    Endpoint(
        "POST",
        "/api/v1/issues/{issue_key}/links",
        "member",
        201,
        lambda t: {"type": "relates_to", "issue": f"{KEY}-2"},
        prepare=lambda client, team: second_issue(client, team),
    ),
    Endpoint("GET", "/api/v1/issues/{issue_key}/links", "viewer", 200),
    Endpoint(
        "DELETE",
        "/api/v1/issues/{issue_key}/links/{link_id}",
        "member",
        204,
        prepare=lambda client, team: made_link(client, team),
    ),
    Endpoint(
        "POST",
        "/api/v1/issues/{issue_key}/worklogs",
        "member",
        201,
        lambda t: {"minutes": 15, "date": "2026-01-05"},
    ),
    Endpoint("GET", "/api/v1/issues/{issue_key}/worklogs", "viewer", 200),
    Endpoint(
        "PATCH",
        "/api/v1/issues/{issue_key}/worklogs/{worklog_id}",
        "admin",
        200,
        lambda t: {"minutes": 45},
        prepare=lambda client, team: made_worklog(client, team),
    ),
    Endpoint(
        "DELETE",
        "/api/v1/issues/{issue_key}/worklogs/{worklog_id}",
        "admin",
        204,
        prepare=lambda client, team: made_worklog(client, team),
    ),
    Endpoint(
        "POST",
        "/api/v1/issues/{issue_key}/attachments",
        "member",
        201,
        files=lambda t: {"file": ("notes.txt", b"some notes", "text/plain")},
    ),
    Endpoint("GET", "/api/v1/issues/{issue_key}/attachments", "viewer", 200),
    Endpoint(
        "GET",
        "/api/v1/issues/{issue_key}/attachments/{attachment_id}",
        "viewer",
        200,
        prepare=lambda client, team: made_attachment(client, team),
    ),
    Endpoint(
        "GET",
        "/api/v1/issues/{issue_key}/attachments/{attachment_id}/content",
        "viewer",
        200,
        prepare=lambda client, team: made_attachment(client, team),
        also_ok=(307,),
    ),
    Endpoint(
        "DELETE",
        "/api/v1/issues/{issue_key}/attachments/{attachment_id}",
        "admin",  # or its uploader (here the owner): tests/api/test_attachments.py
        204,
        prepare=lambda client, team: made_attachment(client, team),
    ),
    Endpoint("GET", "/api/v1/projects/{key}/board", "viewer", 200),
    Endpoint("GET", "/api/v1/projects/{key}/reports/velocity", "viewer", 200),
    # No sprint of the team is active: an allowed caller gets the 422 naming `sprint`,
    # checked after access (tests/api/test_reports.py reads real burndowns).
    Endpoint("GET", "/api/v1/projects/{key}/reports/burndown", "viewer", 422),
    # A stream never ends, and the test client reads whole bodies: an allowed caller gets
    # the 400 of a bad resume position, checked after access (tests/system opens it).
    Endpoint("GET", "/api/v1/projects/{key}/events", "viewer", 400, query="?last_event_id=x"),
    Endpoint("POST", "/api/v1/projects/{key}/events/ticket", "viewer", 200, writes=False),
    Endpoint("GET", "/api/v1/projects/{key}/webhooks", "admin", 200),
    Endpoint("POST", "/api/v1/projects/{key}/webhooks", "admin", 201, lambda t: WEBHOOK),
    Endpoint(
        "GET",
        "/api/v1/projects/{key}/webhooks/{webhook_id}",
        "admin",
        200,
        prepare=lambda client, team: made_webhook(client, team),
    ),
    Endpoint(
        "GET",
        "/api/v1/projects/{key}/webhooks/{webhook_id}/deliveries",
        "admin",
        200,
        prepare=lambda client, team: made_webhook(client, team),
    ),
    Endpoint(
        "DELETE",
        "/api/v1/projects/{key}/webhooks/{webhook_id}",
        "admin",
        204,
        prepare=lambda client, team: made_webhook(client, team),
    ),
    Endpoint("GET", "/api/v1/projects/{key}/sprints", "viewer", 200),
    Endpoint("POST", "/api/v1/projects/{key}/sprints", "admin", 201, lambda t: {"name": "Next"}),
    Endpoint("GET", "/api/v1/sprints/{sprint_id}", "viewer", 200),
    Endpoint("PATCH", "/api/v1/sprints/{sprint_id}", "admin", 200, lambda t: {"name": "Renamed"}),
    Endpoint("DELETE", "/api/v1/sprints/{sprint_id}", "admin", 204),
    Endpoint("POST", "/api/v1/sprints/{sprint_id}/start", "admin", 200, lambda t: {}),
    Endpoint(
        "POST",
        "/api/v1/sprints/{sprint_id}/complete",
        "admin",
        200,
        lambda t: {"move_open_issues_to": "backlog"},
        prepare=lambda client, team: start_sprint(client, team),
    ),
    Endpoint("GET", "/api/v1/sprints/{sprint_id}/scope-changes", "viewer", 200),
]

NOT_PROJECT_SCOPED = {
    ("GET", "/api/v1/health"),
    ("POST", "/api/v1/auth/signup"),
    ("POST", "/api/v1/auth/confirm"),
    ("POST", "/api/v1/auth/login"),
    ("POST", "/api/v1/auth/refresh"),
    ("POST", "/api/v1/auth/logout"),
    ("POST", "/api/v1/auth/session"),
    ("POST", "/api/v1/auth/session/refresh"),
    ("DELETE", "/api/v1/auth/session"),
    ("GET", "/api/v1/me"),
    ("GET", "/api/v1/me/tokens"),
    ("POST", "/api/v1/me/tokens"),
    ("DELETE", "/api/v1/me/tokens/{token_id}"),
    ("GET", "/api/v1/me/notifications"),  # the caller's own inbox
    ("POST", "/api/v1/me/notifications/read"),
    ("GET", "/api/v1/me/notification-settings"),
    ("PUT", "/api/v1/me/notification-settings"),
    ("GET", "/api/v1/projects"),  # only the caller's own projects
    ("POST", "/api/v1/projects"),  # anyone signed in may create one
}
"""Routes under /api/v1 that read or change no existing project or issue."""


@pytest.fixture
def team(api: Any) -> Team:
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


def call(client: TestClient, team: Team, endpoint: Endpoint, caller: str, *, missing: bool = False):
    """Call `endpoint` as `caller`, on WEB or (with `missing`) on a project that does not exist."""
    path = endpoint.path.format_map(team.path_values(missing=missing)) + endpoint.query
    if endpoint.files is not None:
        files = endpoint.files(team)
        return client.post(path, files=files, headers=team.headers(caller))
    return client.request(
        endpoint.method,
        path,
        json=endpoint.body(team),
        headers=team.headers(caller),
        follow_redirects=False,
    )


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


def test_every_endpoint_has_a_permission_row(client: TestClient) -> None:
    """Routes come from the app (those it holds directly) and from its OpenAPI document
    (which also sees routes mounted through `include_router`)."""
    schema = client.get("/api/openapi.json").json()
    routes = {
        (method.upper(), path)
        for path, operations in schema["paths"].items()
        for method in operations
        if method in METHODS and path.startswith(V1)
    }
    for route in client.app.routes:
        if isinstance(route, APIRoute) and route.path.startswith(V1):
            routes |= {(m, route.path) for m in route.methods if m.lower() in METHODS}
    covered = {(e.method, e.path) for e in ENDPOINTS}
    scoped = {r for r in routes if "{key}" in r[1] or "{issue_key}" in r[1]}
    assert scoped - covered == set(), "add these project/issue endpoints to ENDPOINTS"
    unknown = routes - covered - NOT_PROJECT_SCOPED
    assert unknown == set(), "add these to ENDPOINTS, or to NOT_PROJECT_SCOPED if no project"
    assert covered - routes == set(), "ENDPOINTS names routes that no longer exist"


def refused(endpoint: Endpoint) -> list[str]:
    """The callers `endpoint` turns away: every one weaker than its weakest role."""
    weaker = [c for c in CALLERS[3:] if STRENGTH[c] < STRENGTH[endpoint.weakest]]
    return [*CALLERS[:3], *weaker]


def allowed(endpoint: Endpoint) -> list[str]:
    """The roles `endpoint` serves."""
    return [c for c in CALLERS[3:] if STRENGTH[c] >= STRENGTH[endpoint.weakest]]


def allowed_cases() -> list[Any]:
    """Every allowed (endpoint, role) on SQLite, and on DynamoDB the weakest role of each
    endpoint (the stronger ones take the same path through the service layer)."""
    return [
        pytest.param(store, e, c, id=f"{e} as {c}-{store}")
        for e in ENDPOINTS
        for c in allowed(e)
        for store in ("sqlite", "dynamodb")
        if store == "sqlite" or c == e.weakest
    ]


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=str)
def test_refused(client: TestClient, team: Team, endpoint: Endpoint) -> None:
    """Every caller too weak for `endpoint`, in turn on one team: each gets its problem,
    and none changes anything."""
    if endpoint.prepare is not None:
        endpoint.prepare(client, team)
    before = snapshot(client, team)
    for caller in refused(endpoint):
        response = call(client, team, endpoint, caller)
        if caller in ("anonymous", "forged"):
            body = assert_problem(response, 401)
            assert response.headers["www-authenticate"].startswith("Bearer")
            assert call(client, team, endpoint, caller, missing=True).json() == body
        elif caller == "outsider":
            body = assert_problem(response, 404)
            unknown = assert_problem(call(client, team, endpoint, caller, missing=True), 404)
            assert body == unknown, "a non-member must not learn that the project exists"
        else:
            assert_problem(response, 403)
        assert snapshot(client, team) == before, f"a refused call as {caller} changed something"


@pytest.mark.parametrize(("settings", "endpoint", "caller"), allowed_cases(), indirect=["settings"])
def test_allowed(client: TestClient, team: Team, endpoint: Endpoint, caller: str) -> None:
    if endpoint.prepare is not None:
        endpoint.prepare(client, team)
    before = snapshot(client, team)
    response = call(client, team, endpoint, caller)
    assert response.status_code in (endpoint.ok, *endpoint.also_ok), response.text
    if endpoint.method == "GET" or not endpoint.writes:
        assert snapshot(client, team) == before, "a read changed something"
    else:
        assert snapshot(client, team) != before, "an allowed write changed nothing"
