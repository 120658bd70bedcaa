"""Verification of a Cognito user pool's JWTs against the pool's published keys.

PyJWT checks the RS256 signature, the expiry and the issuer; Cognito's tokens need two
more checks: `token_use` (an ID token must not pass as an access token) and the app
client (`client_id` in access tokens, `aud` in ID tokens), or any app of the same pool
could call Taskdeck. PyJWT's `PyJWKClient` keeps the key set: fetched on first use,
kept for `KEYS_LIFESPAN` seconds, refetched when a token names a key id the set lacks
(Cognito rotates keys) but at most once per `REFETCH_COOLDOWN` seconds, so tokens with
made-up key ids cannot make every request fetch. It fetches with blocking I/O, so it runs
on a thread, and only for a token not verified before (`RecentlyVerified`).

Behind API Gateway, the HTTP API's JWT authorizer has already checked the signature, the
issuer, the app client and the expiry of every token that reaches the API function; the
handler hands its verdict to `vouch`, so the function never checks a signature itself,
and PyJWT with `cryptography` (about 20 ms of a cold start) loads only if a token comes
some other way (sign-in checks the ID token it was given).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final, Literal

from taskdeck.domain.errors import Unauthenticated
from taskdeck.ports import IdentityUnavailable
from taskdeck.services.tokens import RecentlyVerified

if TYPE_CHECKING:
    import jwt

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
        self._jwks_url = jwks_url or f"{self.issuer}/.well-known/jwks.json"
        self._refetch_cooldown = refetch_cooldown
        self._keys: jwt.PyJWKClient | None = None
        self._verified: RecentlyVerified[str] = RecentlyVerified()

    def vouch(self, access_token: str, claims: Mapping[str, Any]) -> bool:
        """Take the claims API Gateway's JWT authorizer verified for `access_token` (its
        signature, issuer, audience and expiry) as this verifier's own, after the checks
        the gateway does not make: the issuer is this pool, the token is an access token
        (an ID token carries the client as its audience too, and the gateway would let
        it through) and it was issued to this app client. Whether it was taken."""
        try:
            expires = int(claims["exp"])
        except (KeyError, TypeError, ValueError):
            return False
        taken = (
            claims.get("iss") == self.issuer
            and claims.get("token_use") == "access"
            and claims.get("client_id") == self._client_id
            and bool(claims.get("sub"))
            and expires > time.time()
            and len(access_token) <= MAX_TOKEN_CHARS
        )
        if taken:
            self._verified.remember(access_token, str(claims["sub"]), expires)
        return taken

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
        import jwt  # only when a token needs its signature checked here (see above)

        if len(token) > MAX_TOKEN_CHARS:
            raise Unauthenticated("the access token is not valid")
        if self._keys is None:
            self._keys = jwt.PyJWKClient(
                self._jwks_url,
                cache_jwk_set=True,
                lifespan=KEYS_LIFESPAN,
                timeout=FETCH_TIMEOUT,
                cooldown_duration=self._refetch_cooldown,
            )
        key = await asyncio.to_thread(self._signing_key, self._keys, token)
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

    @staticmethod
    def _signing_key(keys: jwt.PyJWKClient, token: str) -> jwt.PyJWK:
        import jwt

        try:
            return keys.get_signing_key_from_jwt(token)
        except jwt.PyJWKClientConnectionError as error:
            raise IdentityUnavailable(f"the user pool's keys cannot be fetched: {error}") from error
        except jwt.PyJWKClientError as error:
            # The set was fetched and has no key with the token's id (or the token
            # names none): the token was not signed by this pool.
            raise Unauthenticated("the access token is not valid") from error
        except jwt.PyJWTError as error:
            raise Unauthenticated("the access token is not valid") from error
