"""The API's Lambda handler, called in-process with HTTP API v2 events (JWT authorizer
claims included), answers as the local server does, and emits one EMF document per
request under the route's template."""

from __future__ import annotations

from contextlib import closing
from typing import Any

import jwt
import pytest
from fastapi.testclient import TestClient

from taskdeck.api.app import create_app
from taskdeck.aws import api
from taskdeck.aws.runtime import Entry
from taskdeck.bootstrap import bootstrap
from taskdeck.config import Settings
from tests.aws.lambda_events import (
    LambdaContext,
    emf_documents,
    http_request,
    metric_names,
    response_json,
)
from tests.conftest import PASSWORD


def call(handler: Entry, method: str, path: str, **request: Any) -> tuple[int, Any]:
    """Status and JSON body of one request through the handler."""
    response = handler(http_request(method, path, **request), LambdaContext())
    return response["statusCode"], response_json(response)


def test_the_handler_answers_as_the_local_app_does(
    aws_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    with closing(api.build(aws_settings)) as handler:
        answers(handler, aws_settings)
    check_metrics(emf_documents(capsys.readouterr().out))


def answers(handler: Entry, aws_settings: Settings) -> None:
    """Requests through the handler, then the same reads through the local app."""
    email = "ada@example.com"
    signed_up = call(
        handler,
        "POST",
        "/api/v1/auth/signup",
        body={"email": email, "password": PASSWORD, "name": "Ada"},
    )
    assert signed_up[0] == 201, signed_up
    confirmed = call(
        handler, "POST", "/api/v1/auth/confirm", body={"email": email, "code": "123456"}
    )
    assert confirmed[0] == 204, confirmed
    status, tokens = call(
        handler, "POST", "/api/v1/auth/login", body={"email": email, "password": PASSWORD}
    )
    assert status == 200, tokens
    token = tokens["access_token"]
    project = call(
        handler, "POST", "/api/v1/projects", body={"key": "WEB", "name": "Web"}, token=token
    )
    assert project[0] == 201, project
    issue = call(
        handler, "POST", "/api/v1/projects/WEB/issues", body={"title": "Lambda"}, token=token
    )
    assert issue[0] == 201, issue

    through_lambda = {
        path: call(handler, "GET", path, token=token)
        for path in ("/api/v1/issues/WEB-1", "/api/v1/issues/WEB-9", "/api/v1/projects/WEB")
    }
    through_lambda["anonymous"] = call(handler, "GET", "/api/v1/issues/WEB-1")
    gateway_says(handler, token)
    listed = call(handler, "GET", "/api/v1/projects/WEB/issues", token=token, query="limit=1")

    with TestClient(create_app(bootstrap(aws_settings))) as client:
        headers = {"Authorization": f"Bearer {token}"}
        for path, (status, body) in through_lambda.items():
            if path == "anonymous":
                local = client.get("/api/v1/issues/WEB-1")
            else:
                local = client.get(path, headers=headers)
            assert (status, body) == (local.status_code, local.json()), path
        local_list = client.get("/api/v1/projects/WEB/issues?limit=1", headers=headers)
        assert listed == (200, local_list.json())
    assert through_lambda["/api/v1/issues/WEB-1"][1]["title"] == "Lambda"
    assert through_lambda["/api/v1/issues/WEB-9"][0] == 404
    assert through_lambda["anonymous"][0] == 401


def gateway_says(handler: Entry, token: str) -> None:
    """The handler takes the JWT authorizer's word for a token (no signature is checked
    again: this one is no JWT at all), but not for an ID token, which the authorizer lets
    through since its audience is the app client."""
    said = jwt.decode(token, options={"verify_signature": False})
    assert (
        call(handler, "GET", "/api/v1/projects/WEB", token="gateway-checked", claims=said)[0] == 200
    )
    id_token = {**said, "token_use": "id", "aud": said["client_id"]}
    assert (
        call(handler, "GET", "/api/v1/projects/WEB", token="an-id-token", claims=id_token)[0] == 401
    )


def check_metrics(documents: list[dict[str, Any]]) -> None:
    """One EMF document per request, under its route's template."""
    routes = [d["route"] for d in documents]
    assert routes[:5] == [
        "POST /api/v1/auth/signup",
        "POST /api/v1/auth/confirm",
        "POST /api/v1/auth/login",
        "POST /api/v1/projects",
        "POST /api/v1/projects/{key}/issues",
    ]
    assert routes[5:] == [
        "GET /api/v1/issues/{issue_key}",
        "GET /api/v1/issues/{issue_key}",
        "GET /api/v1/projects/{key}",
        "GET /api/v1/issues/{issue_key}",
        "GET /api/v1/projects/{key}",
        "GET /api/v1/projects/{key}",
        "GET /api/v1/projects/{key}/issues",
    ]
    missing = documents[6]
    (directive,) = missing["_aws"]["CloudWatchMetrics"]
    assert directive["Namespace"] == "Taskdeck"
    assert [sorted(d) for d in directive["Dimensions"]] == [["route", "service"]]
    assert metric_names(missing) == ["Requests", "Latency", "Errors5xx", "Errors4xx"]
    units = {m["Name"]: m["Unit"] for m in directive["Metrics"]}
    assert units["Latency"] == "Milliseconds"
    assert missing["service"] == "api"
    # Powertools writes each value as a list (one entry per value added).
    assert (missing["Requests"], missing["Errors4xx"], missing["Errors5xx"]) == ([1], [1], [0])
    assert missing["Latency"][0] > 0
    assert [d["Errors4xx"] for d in documents] == [[0]] * 6 + [[1], [0], [1], [0], [1], [0]]
    statuses = [201, 204, 200, 201, 201, 200, 404, 200, 401, 200, 401, 200]
    assert [d["status"] for d in documents] == statuses


def test_an_unknown_path_is_counted_under_one_series(
    aws_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    with closing(api.build(aws_settings)) as handler:
        for path in ("/api/v1/nothing/1", "/api/v1/nothing/2"):
            assert call(handler, "GET", path)[0] == 404
    documents = emf_documents(capsys.readouterr().out)
    assert [d["route"] for d in documents] == ["GET unmatched", "GET unmatched"]
