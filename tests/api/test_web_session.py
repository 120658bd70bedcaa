"""The web app's cookie session: sign in, refresh and sign out with an HttpOnly cookie."""

from __future__ import annotations

from http.cookies import SimpleCookie

import pytest
from fastapi.testclient import TestClient

from tests.conftest import PASSWORD, Api

SESSION = "/api/v1/auth/session"
REFRESH = "/api/v1/auth/session/refresh"
HEADER = {"X-Taskdeck-Session": "1"}
COOKIE = "taskdeck_session"


def session_cookie(set_cookie: str) -> tuple[str, dict[str, str | bool]]:
    """The session cookie's value and its attributes (names lower-cased) from a header."""
    value, *attributes = (part.strip() for part in set_cookie.split(";"))
    name, _, token = value.partition("=")
    assert name == COOKIE
    parsed: dict[str, str | bool] = {}
    for attribute in attributes:
        key, has_value, attribute_value = attribute.partition("=")
        parsed[key.lower()] = attribute_value if has_value else True
    return token, parsed


def sign_in(api: Api, client: TestClient) -> tuple[dict[str, object], str]:
    """A new user signed in through the session endpoint: the answer's body and cookie."""
    user = api.user()
    response = client.post(SESSION, json={"email": user["email"], "password": PASSWORD})
    assert response.status_code == 200, response.text
    token, _ = session_cookie(response.headers["set-cookie"])
    return response.json(), token


def refresh(client: TestClient, token: str | None, headers: dict[str, str] = HEADER) -> object:
    """POST the refresh with exactly this cookie (the client's jar is left out)."""
    client.cookies.clear()
    cookies = {"Cookie": f"{COOKIE}={token}"} if token is not None else {}
    return client.post(REFRESH, headers={**headers, **cookies})


def test_sign_in_sets_an_http_only_strict_cookie_and_no_refresh_token_in_the_body(
    api: Api, client: TestClient
) -> None:
    user = api.user()
    response = client.post(SESSION, json={"email": user["email"], "password": PASSWORD})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"access_token", "token_type", "expires_in"}
    assert body["token_type"] == "bearer"
    assert body["expires_in"] > 0
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.json()["id"] == user["id"]
    header = response.headers["set-cookie"]
    assert "HttpOnly" in header
    assert "SameSite=Strict" in header
    token, attributes = session_cookie(header)
    assert token
    assert attributes["path"] == SESSION
    assert attributes["max-age"] == str(30 * 24 * 3600)
    assert "secure" not in attributes


def test_the_cookie_is_secure_when_the_browser_came_over_https(
    api: Api, client: TestClient
) -> None:
    user = api.user()
    credentials = {"email": user["email"], "password": PASSWORD}
    forwarded = client.post(SESSION, json=credentials, headers={"X-Forwarded-Proto": "https"})
    assert session_cookie(forwarded.headers["set-cookie"])[1]["secure"] is True


def test_refresh_answers_a_new_access_token_and_sets_the_cookie_again(
    api: Api, client: TestClient
) -> None:
    _, token = sign_in(api, client)
    refreshed = refresh(client, token)
    assert refreshed.status_code == 200, refreshed.text
    body = refreshed.json()
    assert set(body) == {"access_token", "token_type", "expires_in"}
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200
    new_token, attributes = session_cookie(refreshed.headers["set-cookie"])
    assert new_token
    assert attributes["path"] == SESSION
    assert attributes["httponly"] is True


@pytest.mark.local_accounts  # Cognito keeps one refresh token per session: no rotation
def test_refresh_rotates_the_cookie_and_a_reused_one_ends_the_session(
    api: Api, client: TestClient
) -> None:
    _, first = sign_in(api, client)
    second, _ = session_cookie(refresh(client, first).headers["set-cookie"])
    assert second != first
    reused = refresh(client, first)
    assert reused.status_code == 401
    assert reused.headers["content-type"] == "application/problem+json"
    cleared, attributes = session_cookie(reused.headers["set-cookie"])
    assert (cleared, attributes["max-age"]) == ("", "0")
    # Reuse means the cookie was copied: the session ends, the newer cookie with it.
    assert refresh(client, second).status_code == 401


def test_refresh_and_sign_out_without_the_header_are_403(api: Api, client: TestClient) -> None:
    _, token = sign_in(api, client)
    for response in (
        refresh(client, token, headers={}),
        refresh(client, token, headers={"X-Taskdeck-Session": "0"}),
        client.delete(SESSION, headers={"Cookie": f"{COOKIE}={token}"}),
    ):
        assert response.status_code == 403
        assert response.headers["content-type"] == "application/problem+json"
    assert refresh(client, token).status_code == 200


def test_refresh_without_a_cookie_or_with_garbage_is_401_and_clears_it(
    client: TestClient,
) -> None:
    for token in (None, "", "garbage", "tdr_x.y"):
        response = refresh(client, token)
        assert response.status_code == 401
        assert response.json()["status"] == 401
        cleared, attributes = session_cookie(response.headers["set-cookie"])
        assert (cleared, attributes["max-age"]) == ("", "0")


def test_sign_out_ends_the_session_and_clears_the_cookie(api: Api, client: TestClient) -> None:
    _, token = sign_in(api, client)
    client.cookies.clear()
    ended = client.delete(SESSION, headers={**HEADER, "Cookie": f"{COOKIE}={token}"})
    assert ended.status_code == 204
    cleared, attributes = session_cookie(ended.headers["set-cookie"])
    assert (cleared, attributes["max-age"], attributes["path"]) == ("", "0", SESSION)
    assert refresh(client, token).status_code == 401
    client.cookies.clear()
    assert client.delete(SESSION, headers=HEADER).status_code == 204
    garbage = client.delete(SESSION, headers={**HEADER, "Cookie": f"{COOKIE}=garbage"})
    assert garbage.status_code == 204


def test_the_browser_flow_through_the_cookie_jar(api: Api, client: TestClient) -> None:
    """The test client keeps cookies as a browser does, path included."""
    user = api.user()
    client.cookies.clear()
    signed_in = client.post(SESSION, json={"email": user["email"], "password": PASSWORD})
    assert signed_in.status_code == 200
    jar = SimpleCookie(signed_in.headers["set-cookie"])
    assert jar[COOKIE]["httponly"]
    assert client.post(REFRESH, headers=HEADER).status_code == 200
    assert client.delete(SESSION, headers=HEADER).status_code == 204
    assert client.post(REFRESH, headers=HEADER).status_code == 401


def test_wrong_password_is_a_401_problem_without_a_cookie(api: Api, client: TestClient) -> None:
    user = api.user()
    wrong = client.post(SESSION, json={"email": user["email"], "password": "wrong password!"})
    assert wrong.status_code == 401
    assert wrong.headers["content-type"] == "application/problem+json"
    assert "set-cookie" not in wrong.headers


@pytest.mark.parametrize(
    "body",
    [
        {"email": 1, "password": PASSWORD},
        {"email": "a@example.com", "password": ["x"]},
        {"email": "a@example.com"},
        {"email": "a@example.com", "password": PASSWORD, "extra": True},
        [],
    ],
)
def test_a_body_of_the_wrong_shape_is_422(client: TestClient, body: object) -> None:
    response = client.post(SESSION, json=body)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
