"""Sign-up, confirmation, sign-in, refresh and sign-out through the API with a Cognito user
pool on the moto server (made as `taskdeck aws-init` makes it): boto3's real requests,
and tokens verified against the keys the pool publishes."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from fastapi.testclient import TestClient

from taskdeck.adapters.identity.cognito import CognitoIdentity
from taskdeck.api.app import create_app
from taskdeck.bootstrap import bootstrap
from taskdeck.ports import IdentityUnavailable
from tests.conftest import PASSWORD, make_settings
from tests.system.server import free_port

SIGNUP = "/api/v1/auth/signup"
CONFIRM = "/api/v1/auth/confirm"
LOGIN = "/api/v1/auth/login"
REFRESH = "/api/v1/auth/refresh"
LOGOUT = "/api/v1/auth/logout"
ANN = {"email": "Ann@example.com", "password": PASSWORD}


@pytest.fixture
def client(tmp_path: Path, user_pool: dict[str, str]) -> Iterator[TestClient]:
    """The API with Cognito sign-in (and SQLite, since the store does not matter here)."""
    settings = make_settings(tmp_path / "data", **user_pool)
    with TestClient(create_app(bootstrap(settings)), raise_server_exceptions=False) as test:
        yield test


def _bearer(tokens: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens['access_token']}"}


def _signed_up(client: TestClient) -> dict[str, Any]:
    created = client.post(SIGNUP, json={**ANN, "name": "Ann"})
    assert created.status_code == 201, created.text
    assert client.post(CONFIRM, json={"email": ANN["email"], "code": "123456"}).status_code == 204
    user: dict[str, Any] = created.json()
    return user


def test_sign_up_confirm_sign_in_and_the_pool_sub_is_the_user_id(
    client: TestClient, user_pool: dict[str, str]
) -> None:
    created = client.post(SIGNUP, json={**ANN, "name": "Ann"})
    assert created.status_code == 201, created.text
    assert created.json()["confirmation_required"] is True
    unconfirmed = client.post(LOGIN, json=ANN)
    assert unconfirmed.status_code == 403
    assert "confirm" in unconfirmed.json()["detail"]

    assert client.post(CONFIRM, json={"email": "ann@EXAMPLE.com", "code": "1"}).status_code == 204
    tokens = client.post(LOGIN, json={**ANN, "email": "ANN@example.com"})
    assert tokens.status_code == 200, tokens.text
    assert tokens.json()["expires_in"] == 3600
    me = client.get("/api/v1/me", headers=_bearer(tokens.json()))
    assert me.status_code == 200
    assert me.json()["email"] == "Ann@example.com"
    pool_user = boto3.client("cognito-idp").admin_get_user(
        UserPoolId=user_pool["user_pool_id"], Username="ann@example.com"
    )
    sub = next(a["Value"] for a in pool_user["UserAttributes"] if a["Name"] == "sub")
    assert me.json()["id"] == created.json()["id"] == sub


def test_refresh_gives_a_working_access_token_and_sign_out_ends_the_session(
    client: TestClient,
) -> None:
    _signed_up(client)
    tokens = client.post(LOGIN, json=ANN).json()
    refreshed = client.post(REFRESH, json={"refresh_token": tokens["refresh_token"]})
    assert refreshed.status_code == 200, refreshed.text
    assert refreshed.json()["refresh_token"] == tokens["refresh_token"]
    assert client.get("/api/v1/me", headers=_bearer(refreshed.json())).status_code == 200

    logout = {"refresh_token": tokens["refresh_token"]}
    assert client.post(LOGOUT, json=logout).status_code == 204
    assert client.post(REFRESH, json=logout).status_code == 401
    assert client.post(LOGOUT, json=logout).status_code == 204
    assert client.post(REFRESH, json={"refresh_token": "not-a-token"}).status_code == 401


def test_wrong_password_unknown_user_and_taken_address_answer_as_locally(
    client: TestClient,
) -> None:
    _signed_up(client)
    wrong = client.post(LOGIN, json={**ANN, "password": "not the password"})
    unknown = client.post(LOGIN, json={**ANN, "email": "nobody@example.com"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json()["detail"] == unknown.json()["detail"]
    taken = client.post(SIGNUP, json={**ANN, "email": "ANN@example.com", "name": "Imposter"})
    assert taken.status_code == 409
    assert taken.json()["errors"] == [{"field": "email", "message": "is already registered"}]


def test_a_password_the_pool_refuses_is_422_naming_the_field(
    tmp_path: Path, user_pool: dict[str, str]
) -> None:
    boto3.client("cognito-idp").update_user_pool(
        UserPoolId=user_pool["user_pool_id"],
        Policies={
            "PasswordPolicy": {
                "MinimumLength": 10,
                "RequireNumbers": True,
                "RequireUppercase": False,
                "RequireLowercase": False,
                "RequireSymbols": False,
            }
        },
    )
    settings = make_settings(tmp_path / "data", **user_pool)
    with TestClient(create_app(bootstrap(settings)), raise_server_exceptions=False) as client:
        refused = client.post(SIGNUP, json={**ANN, "name": "Ann"})
        assert refused.status_code == 422, refused.text
        assert refused.json()["errors"][0]["field"] == "password"
        # Nothing was recorded: the address is still free.
        assert (
            client.post(SIGNUP, json={**ANN, "password": "numbers 1234", "name": "A"}).status_code
            == 201
        )


def test_confirming_an_unknown_address_is_422_on_the_code(client: TestClient) -> None:
    response = client.post(CONFIRM, json={"email": "nobody@example.com", "code": "123456"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "code"


def test_an_account_made_in_the_pool_is_recorded_at_first_sign_in(
    client: TestClient, user_pool: dict[str, str]
) -> None:
    cognito = boto3.client("cognito-idp")
    made = cognito.admin_create_user(
        UserPoolId=user_pool["user_pool_id"],
        Username="bo@example.com",
        UserAttributes=[{"Name": "email", "Value": "bo@example.com"}],
        MessageAction="SUPPRESS",
    )
    cognito.admin_set_user_password(
        UserPoolId=user_pool["user_pool_id"],
        Username="bo@example.com",
        Password=PASSWORD,
        Permanent=True,
    )
    sub = next(a["Value"] for a in made["User"]["Attributes"] if a["Name"] == "sub")
    tokens = client.post(LOGIN, json={"email": "bo@example.com", "password": PASSWORD})
    assert tokens.status_code == 200, tokens.text
    me = client.get("/api/v1/me", headers=_bearer(tokens.json()))
    assert me.json() | {"created_at": None} == {
        "id": sub,
        "email": "bo@example.com",
        "name": "bo",
        "active": True,
        "created_at": None,
        "unread_notifications": 0,
    }
    # The next sign-in finds the account recorded.
    assert (
        client.post(LOGIN, json={"email": "bo@example.com", "password": PASSWORD}).status_code
        == 200
    )


def test_local_accounts_need_no_confirmation(tmp_path: Path) -> None:
    with TestClient(create_app(bootstrap(make_settings(tmp_path)))) as client:
        created = client.post(SIGNUP, json={**ANN, "name": "Ann"})
        assert created.json()["confirmation_required"] is False
        refused = client.post(CONFIRM, json={"email": ANN["email"], "code": "1"})
        assert refused.status_code == 409


def test_an_unreachable_pool_is_identity_unavailable(user_pool: dict[str, str]) -> None:
    dead = f"http://127.0.0.1:{free_port()}"
    identity = CognitoIdentity(
        user_pool["user_pool_id"],
        user_pool["user_pool_client_id"],
        client=lambda: boto3.client("cognito-idp", endpoint_url=dead),
    )
    with pytest.raises(IdentityUnavailable):
        asyncio.run(identity.log_in("ann@example.com", PASSWORD))
