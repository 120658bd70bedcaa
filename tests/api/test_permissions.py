"""The permission matrix: every project- or issue-scoped endpoint, tried as every kind of caller.

`ENDPOINTS` names, for each endpoint, the weakest role allowed to call it. A caller
with a weaker role gets 403, a non-member gets exactly the 404 a missing project
gives, an unauthenticated caller gets 401; a refused call changes nothing. A new
endpoint that is not in the table (or in `NOT_PROJECT_SCOPED`) fails
`test_every_endpoint_has_a_permission_row`.
"""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from taskdeck.api.deps import DeferredRoute
from tests.api.permission_endpoints import (
    CALLERS,
    ENDPOINTS,
    NOT_PROJECT_SCOPED,
    STRENGTH,
    Endpoint,
    call,
)
from tests.api.permission_team import V1, Team, assert_problem, make_team, snapshot

METHODS = {"get", "post", "put", "patch", "delete"}


@pytest.fixture
def team(api: Any) -> Team:
    return make_team(api)


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
        if isinstance(route, APIRoute | DeferredRoute) and route.path.startswith(V1):
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
