"""Problem details for every kind of bad request, and the operational endpoints."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from taskdeck.api.app import create_app
from taskdeck.bootstrap import bootstrap
from taskdeck.logs import JsonFormatter, request_id
from tests.conftest import Api, make_settings

PROBLEM = "application/problem+json"


def assert_problem(response: object, status: int) -> dict[str, object]:
    """The response is a problem-details document with `status`."""
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    assert response.headers["content-type"] == PROBLEM  # type: ignore[attr-defined]
    body: dict[str, object] = response.json()  # type: ignore[attr-defined]
    assert body["status"] == status
    assert body["title"]
    assert body["detail"]
    return body


def test_unknown_routes_and_methods(client: TestClient) -> None:
    assert_problem(client.get("/api/v1/nothing-here"), 404)
    # Other paths are the web app's (tests/api/test_web_app.py), but not missing files.
    assert_problem(client.get("/nothing.txt"), 404)
    assert_problem(client.put("/api/v1/health"), 405)
    assert_problem(client.delete("/api/v1/auth/login"), 405)


def test_malformed_and_mistyped_bodies(client: TestClient) -> None:
    url = "/api/v1/auth/signup"
    json_header = {"content-type": "application/json"}
    assert_problem(client.post(url, content=b"{not json", headers=json_header), 400)
    assert_problem(client.post(url, content=b"", headers=json_header), 422)
    assert_problem(client.post(url, content=b"[1, 2]", headers=json_header), 422)
    assert_problem(client.post(url, content=b"\xff\xfe", headers=json_header), 400)
    assert_problem(
        client.post(
            url, content=b"email=a", headers={"content-type": "application/x-www-form-urlencoded"}
        ),
        415,
    )
    assert_problem(client.post(url, content=b"{}", headers={"content-type": "text/plain"}), 415)
    assert_problem(client.post(url, content=b"{}"), 415)
    body = assert_problem(client.post(url, json={"email": 5, "password": None}), 422)
    fields = {e["field"] for e in body["errors"]}  # type: ignore[attr-defined]
    assert {"email", "password", "name"} <= fields


def test_bodies_over_the_limit_are_413(client: TestClient) -> None:
    huge = b'{"email": "' + b"a" * 2_000_000 + b'"}'
    assert_problem(
        client.post(
            "/api/v1/auth/signup", content=huge, headers={"content-type": "application/json"}
        ),
        413,
    )

    def chunks() -> object:
        for _ in range(40):
            yield b"a" * 65_536

    streamed = client.post(
        "/api/v1/auth/signup",
        content=chunks(),
        headers={"content-type": "application/json"},  # type: ignore[arg-type]
    )
    assert_problem(streamed, 413)


@pytest.mark.parametrize("length", ["-1", "abc", "99999999999"])
def test_bad_content_length_is_refused(client: TestClient, length: str) -> None:
    response = client.post(
        "/api/v1/auth/login",
        content=b"{}",
        headers={"content-type": "application/json", "content-length": length},
    )
    assert response.status_code in (400, 413)


def test_health_openapi_docs_and_metrics(api: Api, client: TestClient) -> None:
    assert client.get("/api/v1/health").json() == {"status": "ok", "store": "ok"}
    document = client.get("/api/openapi.json").json()
    assert document["info"]["title"] == "Taskdeck"
    assert "/api/v1/issues/{issue_key}" in document["paths"]
    assert document["paths"]["/api/v1/issues/{issue_key}"]["get"]["operationId"] == "get_issue"
    assert client.get("/api/docs").status_code == 200
    api.user()
    metrics = client.get("/metrics").text
    assert "taskdeck_http_requests_total" in metrics
    assert 'route="/auth/signup"' in metrics or 'route="/api/v1/auth/signup"' in metrics
    assert "taskdeck_http_request_duration_seconds_bucket" in metrics


def test_every_answer_has_a_request_id(client: TestClient) -> None:
    generated = client.get("/api/v1/health").headers["x-request-id"]
    assert len(generated) >= 16
    assert (
        client.get("/api/v1/health", headers={"X-Request-ID": "abc-123"}).headers["x-request-id"]
        == "abc-123"
    )
    unsafe = client.get("/api/v1/health", headers={"X-Request-ID": "bad id;"}).headers[
        "x-request-id"
    ]
    assert unsafe != "bad id;"


def test_log_lines_are_json_with_the_request_id() -> None:
    token = request_id.set("rid-1")
    try:
        record = logging.LogRecord(
            "taskdeck.test", logging.INFO, __file__, 1, "hello %s", ("x",), None
        )
        line = json.loads(JsonFormatter().format(record))
    finally:
        request_id.reset(token)
    assert (line["message"], line["level"], line["request_id"]) == ("hello x", "info", "rid-1")


def test_each_request_writes_one_json_access_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    built = bootstrap(make_settings(tmp_path / "data", access_log=True))
    with TestClient(create_app(built)) as logged:
        logged.get("/api/v1/issues/WEB-1", headers={"X-Request-ID": "trace-7"})
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines() if "trace-7" in line]
    assert len(lines) == 1
    line = lines[0]
    assert (line["logger"], line["status"], line["route"]) == (
        "taskdeck.access",
        401,
        "/api/v1/issues/{issue_key}",
    )
    assert line["request_id"] == "trace-7"
    assert line["duration_ms"] >= 0
