"""Fixtures shared by every test: settings on a temporary data dir, the container, the API."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from taskdeck.api.app import create_app
from taskdeck.bootstrap import Container, bootstrap
from taskdeck.config import Settings

PASSWORD = "correct horse battery"


@pytest.fixture
def anyio_backend() -> str:
    """Async tests run on asyncio, as the server does."""
    return "asyncio"


def make_settings(data_dir: Path, **overrides: Any) -> Settings:
    """Settings for tests: a private data dir and a cheap password hash."""
    defaults: dict[str, Any] = {
        "password_time_cost": 1,
        "password_memory_kib": 64,
        "access_log": False,
        "freeze_heap": False,
    }
    return Settings(data_dir=data_dir, **{**defaults, **overrides})


@pytest.fixture(scope="session")
def moto_endpoint() -> Iterator[str]:
    """One moto server for the test run (per xdist worker), reached only through boto3's
    standard environment variables."""
    from moto.server import ThreadedMotoServer

    from tests.moto_cognito import add_revoke_token

    add_revoke_token()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    environment = {
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_REGION": "us-east-1",
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    with pytest.MonkeyPatch.context() as patch:
        for name, value in environment.items():
            patch.setenv(name, value)
        yield endpoint
    server.stop()


@pytest.fixture
def dynamodb_table(moto_endpoint: str) -> Iterator[str]:
    """The name of a fresh, empty DynamoDB table on the moto server, deleted afterwards."""
    from taskdeck.adapters.storage.dynamodb import default_client
    from taskdeck.adapters.storage.dynamodb_schema import create_table

    name = f"taskdeck-{uuid.uuid4().hex[:12]}"
    create_table(default_client(), name)
    yield name
    default_client().delete_table(TableName=name)


@pytest.fixture
def user_pool(moto_endpoint: str, tmp_path: Path) -> Iterator[dict[str, str]]:
    """A fresh Cognito user pool and app client on the moto server, made by the code of
    `taskdeck aws-init`: the settings that sign people in through it."""
    from taskdeck.provision import Report
    from taskdeck.provision.clients import Clients
    from taskdeck.provision.user_pool import ensure_user_pool

    clients, report = Clients(), Report()
    name = f"taskdeck-{uuid.uuid4().hex[:12]}"
    ensure_user_pool(clients, make_settings(tmp_path, user_pool=name), report)
    exported = dict(line.split("=", 1) for line in report.exports)
    yield {
        "identity": "cognito",
        "user_pool_id": exported["TASKDECK_USER_POOL_ID"],
        "user_pool_client_id": exported["TASKDECK_USER_POOL_CLIENT_ID"],
        "jwks_url": exported["TASKDECK_JWKS_URL"],
    }
    clients.cognito.delete_user_pool(UserPoolId=exported["TASKDECK_USER_POOL_ID"])


@pytest.fixture
def s3_bucket(moto_endpoint: str) -> Iterator[str]:
    """The name of a fresh, empty S3 bucket on the moto server, deleted afterwards."""
    from tests.s3_buckets import fresh_bucket

    with fresh_bucket() as name:
        yield name


@pytest.fixture
def topic(moto_endpoint: str) -> Iterator[str]:
    """The ARN of a fresh SNS topic on the moto server, deleted afterwards."""
    from taskdeck.adapters.notify.sns import default_client

    client = default_client()
    arn: str = client.create_topic(Name=f"taskdeck-{uuid.uuid4().hex[:12]}")["TopicArn"]
    yield arn
    client.delete_topic(TopicArn=arn)


@pytest.fixture(params=["sqlite", "dynamodb"])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """Settings on a fresh data dir, with each store in turn: SQLite with local accounts
    and blobs in files, and DynamoDB with Cognito sign-in and blobs in S3, as on AWS
    (tests marked `local_accounts` keep local accounts on DynamoDB too)."""
    if request.param == "dynamodb":
        table = request.getfixturevalue("dynamodb_table")
        s3: dict[str, str] = {"blobs": "s3", "bucket": request.getfixturevalue("s3_bucket")}
        identity: dict[str, str] = {}
        if request.node.get_closest_marker("local_accounts") is None:
            identity = request.getfixturevalue("user_pool")
        return make_settings(tmp_path / "data", storage="dynamodb", table=table, **identity, **s3)
    return make_settings(tmp_path / "data")


@pytest.fixture
def container(settings: Settings) -> Iterator[Container]:
    """Every service on a real store (a SQLite file, or a DynamoDB table on moto)."""
    built = bootstrap(settings)
    yield built
    built.close()


class Api:
    """A test client that knows how to make users and projects."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self._count = 0

    def user(self, name: str | None = None) -> dict[str, Any]:
        """A new account, signed in: its user JSON plus `headers` and `tokens`."""
        self._count += 1
        name = name or f"user{self._count}"
        email = f"{name}@example.com"
        response = self.client.post(
            "/api/v1/auth/signup", json={"email": email, "password": PASSWORD, "name": name}
        )
        assert response.status_code == 201, response.text
        user: dict[str, Any] = response.json()
        if user["confirmation_required"]:
            # moto's Cognito takes any code; tests of real codes are in test_cognito.py.
            confirmed = self.client.post(
                "/api/v1/auth/confirm", json={"email": email, "code": "123456"}
            )
            assert confirmed.status_code == 204, confirmed.text
        tokens = self.client.post(
            "/api/v1/auth/login", json={"email": email, "password": PASSWORD}
        ).json()
        user["tokens"] = tokens
        user["headers"] = {"Authorization": f"Bearer {tokens['access_token']}"}
        return user

    def project(self, owner: dict[str, Any], key: str = "WEB", **fields: Any) -> dict[str, Any]:
        """A new project owned by `owner`."""
        response = self.client.post(
            "/api/v1/projects",
            json={"key": key, "name": f"Project {key}", **fields},
            headers=owner["headers"],
        )
        assert response.status_code == 201, response.text
        result: dict[str, Any] = response.json()
        return result

    def member(
        self, owner: dict[str, Any], key: str, user: dict[str, Any], role: str = "member"
    ) -> None:
        """Add `user` to project `key` with `role`."""
        response = self.client.post(
            f"/api/v1/projects/{key}/members",
            json={"user_id": user["id"], "role": role},
            headers=owner["headers"],
        )
        assert response.status_code == 201, response.text

    def issue(self, user: dict[str, Any], key: str = "WEB", **fields: Any) -> dict[str, Any]:
        """A new issue in project `key`."""
        body = {"title": "An issue", **fields}
        response = self.client.post(
            f"/api/v1/projects/{key}/issues", json=body, headers=user["headers"]
        )
        assert response.status_code == 201, response.text
        result: dict[str, Any] = response.json()
        return result


@pytest.fixture
def client(container: Container) -> Iterator[TestClient]:
    """The ASGI app, with its lifespan running."""
    with TestClient(create_app(container), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def api(client: TestClient) -> Api:
    """Helpers over the test client."""
    return Api(client)
