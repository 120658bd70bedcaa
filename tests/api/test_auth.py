"""Accounts through the API: sign up, sign in, refresh, sign out, throttling, API tokens."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.conftest import PASSWORD, Api

SIGNUP = "/api/v1/auth/signup"
LOGIN = "/api/v1/auth/login"
CONFIRM = "/api/v1/auth/confirm"


def signup(client: TestClient, email: str, password: str = PASSWORD, name: str = "Ann") -> int:
    """The status of a sign-up."""
    return client.post(
        SIGNUP, json={"email": email, "password": password, "name": name}
    ).status_code


def test_sign_up_then_sign_in_and_read_me(client: TestClient) -> None:
    response = client.post(
        SIGNUP, json={"email": "Ann@Example.com", "password": PASSWORD, "name": " Ann "}
    )
    assert response.status_code == 201
    user = response.json()
    assert user["email"] == "Ann@Example.com"
    assert user["name"] == "Ann"
    assert "password_hash" not in user
    if user["confirmation_required"]:
        confirm = {"email": "ann@example.com", "code": "123456"}
        assert client.post(CONFIRM, json=confirm).status_code == 204
    tokens = client.post(LOGIN, json={"email": "ann@example.COM", "password": PASSWORD}).json()
    assert tokens["token_type"] == "bearer"
    assert tokens["expires_in"] > 0
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert me.status_code == 200
    assert me.json()["id"] == user["id"]


def test_emails_are_unique_whatever_their_case(client: TestClient) -> None:
    assert signup(client, "bob@example.com") == 201
    response = client.post(
        SIGNUP, json={"email": "BOB@example.com", "password": PASSWORD, "name": "B"}
    )
    assert response.status_code == 409
    assert response.json()["errors"][0]["field"] == "email"


def test_weak_passwords_and_bad_emails_are_refused(client: TestClient) -> None:
    assert signup(client, "c@example.com", password="short") == 422
    assert signup(client, "longenough@example.com", password="longenough@example.com") == 422
    assert signup(client, "longenough@example.com", password="LONGENOUGH") == 422
    assert signup(client, "not-an-email") == 422
    assert signup(client, "c@example.com", name="") == 422
    assert signup(client, "c@example.com", name="\x00bad") == 422
    assert signup(client, "c@example.com") == 201


def test_wrong_password_is_401_without_saying_which_part(client: TestClient) -> None:
    signup(client, "d@example.com")
    wrong = client.post(LOGIN, json={"email": "d@example.com", "password": "wrong password!"})
    unknown = client.post(LOGIN, json={"email": "nobody@example.com", "password": PASSWORD})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json()["detail"] == unknown.json()["detail"]


@pytest.mark.local_accounts  # Cognito throttles by its own rules
def test_repeated_failures_are_throttled_with_retry_after(client: TestClient) -> None:
    signup(client, "e@example.com")
    statuses = [
        client.post(
            LOGIN, json={"email": "e@example.com", "password": "wrong password!"}
        ).status_code
        for _ in range(6)
    ]
    assert statuses[:5] == [401] * 5
    assert statuses[5] == 429
    locked = client.post(LOGIN, json={"email": "E@example.com", "password": PASSWORD})
    assert locked.status_code == 429
    assert int(locked.headers["Retry-After"]) >= 1
    assert locked.headers["content-type"] == "application/problem+json"


@pytest.mark.local_accounts  # Cognito keeps one refresh token per session
def test_refresh_rotates_and_a_reused_token_ends_the_session(api: Api, client: TestClient) -> None:
    user = api.user()
    first = user["tokens"]["refresh_token"]
    rotated = client.post("/api/v1/auth/refresh", json={"refresh_token": first})
    assert rotated.status_code == 200
    second = rotated.json()["refresh_token"]
    assert second != first
    assert (
        client.get(
            "/api/v1/me", headers={"Authorization": f"Bearer {rotated.json()['access_token']}"}
        ).status_code
        == 200
    )
    reused = client.post("/api/v1/auth/refresh", json={"refresh_token": first})
    assert reused.status_code == 401
    # Reuse means the token leaked: the whole session ends, the newer token included.
    assert client.post("/api/v1/auth/refresh", json={"refresh_token": second}).status_code == 401


def test_log_out_revokes_the_refresh_token(api: Api, client: TestClient) -> None:
    user = api.user()
    token = user["tokens"]["refresh_token"]
    assert client.post("/api/v1/auth/logout", json={"refresh_token": token}).status_code == 204
    assert client.post("/api/v1/auth/refresh", json={"refresh_token": token}).status_code == 401
    assert client.post("/api/v1/auth/logout", json={"refresh_token": token}).status_code == 204


def test_garbage_tokens_are_401(client: TestClient) -> None:
    for token in ("nonsense", "tdp_x.y", "tdp_", "a.b.c", "tdr_x.y"):
        response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401
        assert response.headers["WWW-Authenticate"] == "Bearer"
    assert client.get("/api/v1/me").status_code == 401
    assert client.post("/api/v1/auth/refresh", json={"refresh_token": "garbage"}).status_code == 401


def test_api_tokens_are_shown_once_listed_without_secret_and_revocable(
    api: Api, client: TestClient
) -> None:
    user = api.user()
    created = client.post("/api/v1/me/tokens", json={"name": "ci script"}, headers=user["headers"])
    assert created.status_code == 201
    secret = created.json()["token"]
    script = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/v1/me", headers=script).json()["id"] == user["id"]
    listed = client.get("/api/v1/me/tokens", headers=user["headers"]).json()["items"]
    assert listed == [
        {
            "id": created.json()["id"],
            "name": "ci script",
            "created_at": created.json()["created_at"],
        }
    ]
    other = api.user()
    assert (
        client.delete(f"/api/v1/me/tokens/{listed[0]['id']}", headers=other["headers"]).status_code
        == 404
    )
    assert (
        client.delete(f"/api/v1/me/tokens/{listed[0]['id']}", headers=user["headers"]).status_code
        == 204
    )
    assert client.get("/api/v1/me", headers=script).status_code == 401
    assert (
        client.post("/api/v1/me/tokens", json={"name": "  "}, headers=user["headers"]).status_code
        == 422
    )
