"""Verification of a Cognito user pool's JWTs against the pool's published keys.

PyJWT checks the RS256 signature, the expiry and the issuer; Cognito's tokens need two
more checks: `token_use` (an ID token must not pass as an access token) and the app
client (`client_id` in access tokens, `aud` in ID tokens), or any app of the same pool
could call Taskdeck. PyJWT's `PyJWKClient` keeps the key set: fetched on first use,
kept for `KEYS_LIFESPAN` seconds, refetched when a token names a key id the set lacks
(Cognito rotates keys) but at most once per `REFETCH_COOLDOWN` seconds, so tokens with
made-up key ids cannot make every request fetch. It fetches with blocking I/O, so it runs
on a thread, and only for a token not verified before (`RecentlyVerified`).
"""

from __future__ import annotations

import asyncio
from typing import Any, Final, Literal

import jwt

from taskdeck.domain.errors import Unauthenticated
from taskdeck.ports import IdentityUnavailable
from taskdeck.services.tokens import RecentlyVerified

KEYS_LIFESPAN: Final = 3600.0
REFETCH_COOLDOWN: Final = 30.0
FETCH_TIMEOUT: Final = 5.0
MAX_TOKEN_CHARS: Final = 8192


def issuer_of(pool_id: str) -> str:
    """The `iss` of a pool's tokens: the pool's address at its region's Cognito."""
    region = pool_id.split("_", 1)[0]
    return f"https://cognito-idp.{region}.amazonaws.com/{pool_id}"


class CognitoTokens:
    """Checks tokens of one user pool and one app client."""

    def __init__(
        self,
        pool_id: str,
        client_id: str,
        *,
        jwks_url: str | None = None,
        refetch_cooldown: float = REFETCH_COOLDOWN,
    ) -> None:
        self.issuer = issuer_of(pool_id)
        self._client_id = client_id
        self._keys = jwt.PyJWKClient(
            jwks_url or f"{self.issuer}/.well-known/jwks.json",
            cache_jwk_set=True,
            lifespan=KEYS_LIFESPAN,
            timeout=FETCH_TIMEOUT,
            cooldown_duration=refetch_cooldown,
        )
        self._verified: RecentlyVerified[str] = RecentlyVerified()

    async def user_of(self, access_token: str) -> str:
        """The user id (`sub`) of a valid access token of this pool's client; 401 if not."""
        known = self._verified.get(access_token)
        if known is not None:
            return known
        claims = await self.claims(access_token, "access")
        self._verified.remember(access_token, str(claims["sub"]), int(claims["exp"]))
        return str(claims["sub"])

    async def claims(self, token: str, use: Literal["access", "id"]) -> dict[str, Any]:
        """The claims of a valid token of this pool's client, of the given use; 401 if not."""
        if len(token) > MAX_TOKEN_CHARS:
            raise Unauthenticated("the access token is not valid")
        key = await asyncio.to_thread(self._signing_key, token)
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key.key,
                algorithms=["RS256"],
                issuer=self.issuer,
                audience=self._client_id if use == "id" else None,
                options={
                    "require": ["sub", "exp", "iat", "iss", "token_use"],
                    "verify_aud": use == "id",
                },
            )
        except jwt.ExpiredSignatureError as error:
            raise Unauthenticated("the access token has expired; refresh it") from error
        except jwt.PyJWTError as error:
            raise Unauthenticated("the access token is not valid") from error
        if claims["token_use"] != use:
            raise Unauthenticated(f"not an {use} token")
        if use == "access" and claims.get("client_id") != self._client_id:
            raise Unauthenticated("the access token was issued to another application")
        return claims

    def _signing_key(self, token: str) -> jwt.PyJWK:
        try:
            return self._keys.get_signing_key_from_jwt(token)
        except jwt.PyJWKClientConnectionError as error:
            raise IdentityUnavailable(f"the user pool's keys cannot be fetched: {error}") from error
        except jwt.PyJWKClientError as error:
            # The set was fetched and has no key with the token's id (or the token
            # names none): the token was not signed by this pool.
            raise Unauthenticated("the access token is not valid") from error
        except jwt.PyJWTError as error:
            raise Unauthenticated("the access token is not valid") from error
