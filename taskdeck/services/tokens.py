"""Signed access tokens, rotating refresh tokens and personal API tokens."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from datetime import datetime
from typing import Any, Generic, NamedTuple, TypeVar

from taskdeck.domain.errors import Unauthenticated

ACCESS_TTL_SECONDS = 15 * 60
REFRESH_TTL_SECONDS = 30 * 24 * 3600
API_TOKEN_PREFIX = "tdp_"  # noqa: S105 - a prefix, not a secret
REFRESH_PREFIX = "tdr_"
VERIFIED_CACHE_SIZE = 10_000
STREAM_TICKET_TTL_SECONDS = 60
T = TypeVar("T")


class AccessClaims(NamedTuple):
    """Who an access token speaks for."""

    user_id: str
    session_id: str


def secret_hash(secret: str) -> str:
    """SHA-256 of a high-entropy secret (no slow hash needed: it cannot be guessed)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def same_secret(secret: str, stored_hash: str) -> bool:
    """Constant-time comparison of a presented secret with a stored hash."""
    return hmac.compare_digest(secret_hash(secret), stored_hash)


def new_secret() -> str:
    """256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


def split_token(token: str, prefix: str) -> tuple[str, str]:
    """(id, secret) of a `<prefix><id>.<secret>` token; 401 if it has another shape."""
    if not token.startswith(prefix) or "." not in token or len(token) > 512:
        raise Unauthenticated("the token is not valid")
    token_id, _, secret = token[len(prefix) :].partition(".")
    if not token_id or not secret:
        raise Unauthenticated("the token is not valid")
    return token_id, secret


class RecentlyVerified(Generic[T]):
    """What tokens whose signature was checked say, remembered until they expire.

    A client sends the same token with every request for its lifetime; checking its
    signature once saves a quarter of a point read's time (HS256), and more for RS256.
    Bounded: cleared when full.
    """

    def __init__(self, size: int = VERIFIED_CACHE_SIZE) -> None:
        self._size = size
        self._known: dict[str, tuple[T, int]] = {}

    def get(self, token: str) -> T | None:
        """What the token said, if it was verified and has not expired since."""
        known = self._known.get(token)
        return known[0] if known is not None and known[1] > time.time() else None

    def remember(self, token: str, value: T, expires: int) -> None:
        """Remember a verified token until `expires` (a Unix time)."""
        if len(self._known) >= self._size:
            self._known.clear()
        self._known[token] = (value, expires)


def signed_token(
    key: bytes, kind: str, claims: dict[str, str], *, now: datetime, ttl_seconds: int
) -> str:
    """An HS256 token of `kind` (its `typ`) saying `claims`, valid `ttl_seconds` from `now`."""
    import jwt  # loaded at the first token, not with the app: see `verified_claims`

    issued = int(now.timestamp())
    body = {**claims, "typ": kind, "iat": issued, "exp": issued + ttl_seconds}
    return jwt.encode(body, key, algorithm="HS256")


def verified_claims(
    token: str, key: bytes, *, kind: str, required: tuple[str, ...]
) -> dict[str, Any]:
    """The claims of a valid, unexpired HS256 token of `kind` (its `typ`); 401 otherwise.

    PyJWT (with `cryptography`, about 20 ms to import) is imported here rather than with
    the module: the API on Lambda signs in through Cognito, whose tokens its gateway
    checks, so it never needs it (`cognito_tokens`); where it is needed, it is imported
    once, at the first token.
    """
    import jwt

    try:
        claims: dict[str, Any] = jwt.decode(
            token,
            key,
            algorithms=["HS256"],
            options={"require": [*required, "exp", "typ"]},
        )
    except jwt.PyJWTError as error:
        raise Unauthenticated(f"the {kind} token is not valid or has expired") from error
    if claims["typ"] != kind:
        raise Unauthenticated(f"the token is not of the kind {kind}")
    return claims


class AccessTokens:
    """Short-lived HS256 JWTs signed with the deployment's key."""

    def __init__(self, key: bytes, *, ttl_seconds: int = ACCESS_TTL_SECONDS) -> None:
        self._key = key
        self.ttl_seconds = ttl_seconds
        self._verified: RecentlyVerified[AccessClaims] = RecentlyVerified()

    def issue(self, user_id: str, session_id: str, now: datetime) -> str:
        """A token for this user and session, valid for `ttl_seconds` from `now`."""
        claims = {"sub": user_id, "sid": session_id}
        return signed_token(self._key, "access", claims, now=now, ttl_seconds=self.ttl_seconds)

    def verify(self, token: str) -> AccessClaims:
        """The claims of a valid, unexpired token; 401 otherwise."""
        known = self._verified.get(token)
        if known is not None:
            return known
        claims = verified_claims(token, self._key, kind="access", required=("sub", "sid"))
        verified = AccessClaims(user_id=str(claims["sub"]), session_id=str(claims["sid"]))
        self._verified.remember(token, verified, int(claims["exp"]))
        return verified


class StreamTicket(NamedTuple):
    """Whose live-event stream of which project a ticket opens."""

    user_id: str
    project_id: str


class StreamTickets:
    """Short-lived HS256 JWTs that open one project's live-event stream for one user.

    Browsers' EventSource cannot send an Authorization header, so the stream's URL carries
    one of these instead of an access token: it expires within a minute (a URL may end up
    in logs) and opens nothing else. Signed with a key of their own.
    """

    def __init__(self, key: bytes, *, ttl_seconds: int = STREAM_TICKET_TTL_SECONDS) -> None:
        self._key = key
        self.ttl_seconds = ttl_seconds

    def issue(self, user_id: str, project_id: str, now: datetime) -> str:
        """A ticket for this user and project, valid for `ttl_seconds` from `now`."""
        claims = {"sub": user_id, "prj": project_id}
        return signed_token(self._key, "stream", claims, now=now, ttl_seconds=self.ttl_seconds)

    def verify(self, ticket: str) -> StreamTicket:
        """What a valid, unexpired ticket opens; 401 otherwise."""
        claims = verified_claims(ticket, self._key, kind="stream", required=("sub", "prj"))
        return StreamTicket(user_id=str(claims["sub"]), project_id=str(claims["prj"]))
