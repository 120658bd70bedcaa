"""The permission matrix's rows: each project- or issue-scoped endpoint with the weakest
role allowed to call it (`tests/api/test_permissions.py`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi.testclient import TestClient

from tests.api.permission_team import (
    KEY,
    V1,
    WEBHOOK,
    Team,
    made_attachment,
    made_comment,
    made_link,
    made_webhook,
    made_worklog,
    owner_watches,
    second_issue,
    start_sprint,
)

STRENGTH = {"viewer": 0, "member": 1, "admin": 2, "owner": 3}
CALLERS = ("anonymous", "forged", "outsider", "viewer", "member", "admin", "owner")
Body = Callable[[Team], dict[str, Any] | None]


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
    # No sprint of the team is active (nor completed): an allowed caller gets the 422
    # naming `sprint` (or `last`), checked after access (tests/api/reports/ reads real
    # burndowns and forecasts).
    Endpoint("GET", "/api/v1/projects/{key}/reports/burndown", "viewer", 422),
    Endpoint("GET", "/api/v1/projects/{key}/reports/forecast", "viewer", 422),
    Endpoint("GET", "/api/v1/projects/{key}/reports/backlog-forecast", "viewer", 422),
    Endpoint("GET", "/api/v1/projects/{key}/reports/cumulative-flow", "viewer", 200),
    Endpoint("GET", "/api/v1/projects/{key}/reports/cycle-time", "viewer", 200),
    Endpoint("GET", "/api/v1/projects/{key}/reports/aging-wip", "viewer", 200),
    Endpoint("GET", "/api/v1/projects/{key}/reports/time-tracking", "viewer", 200),
    Endpoint("GET", "/api/v1/projects/{key}/reports/timesheet", "viewer", 200),
    Endpoint("GET", "/api/v1/projects/{key}/reports/team", "viewer", 200),
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
