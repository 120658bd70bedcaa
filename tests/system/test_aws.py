"""`taskdeck aws-init` then `taskdeck serve`, as a user starts them, against the test
run's moto server; and a server on a missing table refuses to start."""

from __future__ import annotations

import os
import subprocess
import uuid
from pathlib import Path

import httpx
import pytest

from tests.system.server import (
    BIN_DIR,
    FAST_SERVER_ENV,
    HOST,
    create_project,
    free_port,
    running_server,
    sign_up_and_log_in,
)

TASKDECK = str(BIN_DIR / "taskdeck")
COMMAND_TIMEOUT_S = 60.0


def _environment(table: str, **names: str) -> dict[str, str]:
    """The test process's AWS_* variables (the moto server's), and the AWS backend."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("TASKDECK_")}
    environment.update(FAST_SERVER_ENV)
    environment.update({"TASKDECK_BACKEND": "aws", "TASKDECK_TABLE": table, **names})
    return environment


def _exports(stdout: str) -> dict[str, str]:
    """The `TASKDECK_NAME=value` lines `aws-init` prints for the app's configuration."""
    lines = (line.strip() for line in stdout.splitlines())
    return dict(line.split("=", 1) for line in lines if line.startswith("TASKDECK_"))


@pytest.mark.usefixtures("moto_endpoint")
def test_aws_init_then_serve_runs_requests_on_the_new_table_and_pool(tmp_path: Path) -> None:
    table = f"taskdeck-{uuid.uuid4().hex[:12]}"
    environment = _environment(table, TASKDECK_USER_POOL=table)
    initialised = subprocess.run(
        [TASKDECK, "aws-init"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=COMMAND_TIMEOUT_S,
        check=False,
    )
    assert initialised.returncode == 0, initialised.stderr
    assert f"DynamoDB table {table}: created" in initialised.stdout
    assert f"Cognito user pool {table}: created" in initialised.stdout

    # What aws-init printed is all the server needs: the pool's ids and, on an
    # emulator, where its keys are.
    backend = {"TASKDECK_BACKEND": "aws", "TASKDECK_TABLE": table, **_exports(initialised.stdout)}
    assert set(backend) >= {"TASKDECK_USER_POOL_ID", "TASKDECK_USER_POOL_CLIENT_ID"}
    with (
        running_server(tmp_path / "data", log=tmp_path / "server.log", env=backend) as server,
        httpx.Client(base_url=server.url, timeout=30.0) as client,
    ):
        headers = sign_up_and_log_in(client, "ada@example.com")
        create_project(client, headers, "AWS")
        created = client.post(
            "/api/v1/projects/AWS/issues", json={"title": "Stored in DynamoDB"}, headers=headers
        )
        assert created.status_code == 201, created.text
        read = client.get(f"/api/v1/issues/{created.json()['key']}", headers=headers)
        assert read.status_code == 200, read.text
        assert read.json()["title"] == "Stored in DynamoDB"
        assert client.get("/api/v1/me", headers=headers).json()["email"] == "ada@example.com"
    # The data went to the table, not to a SQLite file.
    assert not (tmp_path / "data" / "taskdeck.db").exists()


@pytest.mark.usefixtures("moto_endpoint")
def test_serve_on_a_missing_table_exits_naming_it_and_aws_init(tmp_path: Path) -> None:
    table = f"taskdeck-missing-{uuid.uuid4().hex[:12]}"
    command = [TASKDECK, "serve", "--host", HOST, "--port", str(free_port())]
    command += ["--data-dir", str(tmp_path / "data")]

    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        env=_environment(table),
        timeout=COMMAND_TIMEOUT_S,
        check=False,
    )

    assert result.returncode != 0
    assert table in result.stderr
    assert "taskdeck aws-init" in result.stderr
    assert "Traceback" not in result.stderr
