"""Cognito access tokens checked through the API against a pool's published keys: the
tokens moto cannot make (another key, expired, another app, an ID token, key rotation)
are signed here with locally generated keys, served as the pool's JWKS."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from fastapi.testclient import TestClient

from taskdeck.adapters.identity.cognito_tokens import CognitoTokens
from taskdeck.api.app import create_app
from taskdeck.bootstrap import bootstrap
from taskdeck.domain.errors import Unauthenticated
from tests.adapters.jwks_server import (
    CLIENT_ID,
    POOL_ID,
    KeyServer,
    claims,
    new_key,
    serving_keys,
    sign,
)
from tests.conftest import make_settings

PROTECTED = "/api/v1/projects"


@pytest.fixture
def keys() -> Iterator[KeyServer]:
    """The pool's keys, served on 127.0.0.1."""
    with serving_keys() as served:
        yield served


def _client(tmp_path: Path, jwks_url: str) -> TestClient:
    settings = make_settings(
        tmp_path / "data",
        identity="cognito",
        user_pool_id=POOL_ID,
        user_pool_client_id=CLIENT_ID,
        jwks_url=jwks_url,
    )
    return TestClient(create_app(bootstrap(settings)), raise_server_exceptions=False)


@pytest.fixture
def client(tmp_path: Path, keys: KeyServer) -> Iterator[TestClient]:
    """The API, signing people in with the pool whose keys `keys` serves."""
    with _client(tmp_path, keys.url) as test_client:
        yield test_client


def _status(client: TestClient, token: str) -> int:
    return client.get(PROTECTED, headers={"Authorization": f"Bearer {token}"}).status_code


def test_a_token_signed_by_the_pool_is_accepted(keys: KeyServer, client: TestClient) -> None:
    kid = keys.add_key()
    assert _status(client, sign(claims(), keys.keys[kid], kid)) == 200


@pytest.mark.parametrize(
    ("case", "overrides"),
    [
        ("expired", {"exp": 1_700_000_000, "iat": 1_699_990_000}),
        ("another app client", {"client_id": "someoneelse"}),
        ("an ID token", {"token_use": "id", "aud": CLIENT_ID}),
        ("another pool", {"iss": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other"}),
        ("no subject", {"sub": None}),
    ],
)
def test_tokens_of_the_pool_that_must_not_pass_are_401(
    keys: KeyServer, client: TestClient, case: str, overrides: dict[str, Any]
) -> None:
    kid = keys.add_key()
    payload = {k: v for k, v in claims(**overrides).items() if v is not None}
    response = client.get(
        PROTECTED, headers={"Authorization": f"Bearer {sign(payload, keys.keys[kid], kid)}"}
    )
    assert response.status_code == 401, case
    assert response.headers["content-type"] == "application/problem+json"


def test_a_token_signed_by_a_foreign_key_is_401(keys: KeyServer, client: TestClient) -> None:
    kid = keys.add_key()
    assert _status(client, sign(claims(), new_key(), kid)) == 401  # the pool's key id


def _b64(data: bytes) -> bytes:
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def test_algorithm_tricks_are_401(keys: KeyServer, client: TestClient) -> None:
    kid = keys.add_key()
    public_pem = (
        keys.keys[kid]
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    unsigned = jwt.encode(claims(), None, algorithm="none", headers={"kid": kid})
    assert _status(client, unsigned) == 401
    # HS256 with the public key as the secret: a verifier that trusts the header's
    # algorithm would accept it.
    # (PyJWT refuses to make one, so it is made by hand.)
    header = {"alg": "HS256", "typ": "JWT", "kid": kid}
    signed = b".".join(_b64(json.dumps(part).encode()) for part in (header, claims()))
    signature = hmac.new(public_pem, signed, hashlib.sha256).digest()
    assert _status(client, (signed + b"." + _b64(signature)).decode()) == 401


def test_unknown_key_ids_refetch_the_keys_at_most_once_per_cooldown(
    keys: KeyServer, client: TestClient
) -> None:
    kid = keys.add_key()
    assert _status(client, sign(claims(), keys.keys[kid], kid)) == 200
    fetched = keys.fetches
    for _ in range(20):
        stranger = new_key()
        assert _status(client, sign(claims(), stranger, "made-up")) == 401
    assert keys.fetches <= fetched + 1


def test_a_rotated_key_is_fetched_when_a_token_names_it(keys: KeyServer) -> None:
    first = keys.add_key()
    tokens = CognitoTokens(POOL_ID, CLIENT_ID, jwks_url=keys.url, refetch_cooldown=0)
    token = sign(claims(sub="ann"), keys.keys[first], first)
    assert asyncio.run(tokens.user_of(token)) == "ann"
    second = keys.add_key()  # Cognito rotates: a new key appears in the set
    assert asyncio.run(tokens.user_of(sign(claims(sub="bob"), keys.keys[second], second))) == "bob"
    del keys.keys[first]
    with pytest.raises(Unauthenticated):
        # A token of a retired key, never seen before, does not pass.
        asyncio.run(tokens.user_of(sign(claims(sub="cy"), new_key(), first)))


def test_keys_that_cannot_be_fetched_are_503_not_401(tmp_path: Path) -> None:
    with serving_keys() as gone:
        url = gone.url
        kid = gone.add_key()
        token = sign(claims(), gone.keys[kid], kid)
    with _client(tmp_path, url) as client:
        response = client.get(PROTECTED, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 503
    assert response.headers["Retry-After"]
    assert response.json()["detail"] == "sign-in is unavailable; try again shortly"


def _gateway_claims(**overrides: Any) -> dict[str, str]:
    """A token's claims as API Gateway's JWT authorizer hands them over: strings."""
    return {name: str(value) for name, value in claims(**overrides).items() if value is not None}


def test_a_token_the_gateway_checked_is_not_checked_again(keys: KeyServer) -> None:
    """The Lambda handler vouches with the authorizer's claims: the token is taken as
    their `sub` without its signature checked or the keys fetched (it is not even a JWT
    here, which only the gateway could have judged)."""
    tokens = CognitoTokens(POOL_ID, CLIENT_ID, jwks_url=keys.url)
    assert tokens.vouch("checked-by-the-gateway", _gateway_claims(sub="ann"))
    assert asyncio.run(tokens.user_of("checked-by-the-gateway")) == "ann"
    assert keys.fetches == 0


@pytest.mark.parametrize(
    ("case", "overrides"),
    [
        ("expired", {"exp": 1_700_000_000}),
        ("another app client", {"client_id": "someoneelse"}),
        ("an ID token, which the gateway lets through", {"token_use": "id", "aud": CLIENT_ID}),
        ("another pool", {"iss": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other"}),
        ("no subject", {"sub": None}),
        ("no expiry", {"exp": None}),
        ("an expiry that is not a number", {"exp": "soon"}),
    ],
)
def test_claims_the_gateway_let_through_that_must_not_pass_are_not_taken(
    keys: KeyServer, case: str, overrides: dict[str, Any]
) -> None:
    """What the authorizer does not check, the verifier does: such a token is left to
    its own checks, which refuse it (here: the keys hold none that signed it)."""
    keys.add_key()
    tokens = CognitoTokens(POOL_ID, CLIENT_ID, jwks_url=keys.url)
    assert not tokens.vouch("not-a-token", _gateway_claims(**overrides)), case
    with pytest.raises(Unauthenticated):
        asyncio.run(tokens.user_of("not-a-token"))
