"""Local accounts: sign up, sign in, rotating refresh tokens, sign out and API tokens."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from taskdeck.domain.accounts import check_name, check_password, normalise_email
from taskdeck.domain.errors import (
    Conflict,
    FieldError,
    NotFound,
    RateLimited,
    Unauthenticated,
    ValidationFailed,
)
from taskdeck.ports import (
    MUST_NOT_EXIST,
    Condition,
    Delete,
    Item,
    KeyCondition,
    Page,
    Put,
    TransactionConflict,
)
from taskdeck.services import keys
from taskdeck.services.context import Context
from taskdeck.services.tokens import (
    API_TOKEN_PREFIX,
    REFRESH_PREFIX,
    REFRESH_TTL_SECONDS,
    AccessTokens,
    new_secret,
    same_secret,
    secret_hash,
    split_token,
)

FREE_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
MAX_LOCK_SECONDS = 15 * 60
TOKEN_NAME_MAX = 100
_TOKENS = KeyCondition.begins_with("TOKEN#")
# A hash to verify against when the email is unknown, so timing does not tell.
_UNKNOWN_USER_HASH = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash("x" * 16)


def public_user(user: Item) -> dict[str, Any]:
    """A user as the API shows it (never the password hash)."""
    return {k: user[k] for k in ("id", "email", "name", "active", "created_at")}


class Accounts:
    """The account use cases."""

    def __init__(self, ctx: Context, access: AccessTokens, hasher: PasswordHasher) -> None:
        self._ctx = ctx
        self._access = access
        self._hasher = hasher

    async def sign_up(self, *, email: str, password: str, name: str) -> dict[str, Any]:
        """Create an account; 409 if the email address is taken."""
        email = normalise_email(email)
        check_password(password, email)
        name = check_name(name)
        password_hash = await asyncio.to_thread(self._hasher.hash, password)
        user_id = self._ctx.ids.new()
        pk, sk = keys.user(user_id)
        user = {
            "pk": pk,
            "sk": sk,
            "id": user_id,
            "email": email,
            "name": name,
            "active": True,
            "created_at": self._ctx.timestamp(),
            "password_hash": password_hash,
            "version": 1,
        }
        epk, esk = keys.email(email)
        claim = {"pk": epk, "sk": esk, "user_id": user_id}
        try:
            await self._ctx.table.transact([Put(claim, MUST_NOT_EXIST), Put(user, MUST_NOT_EXIST)])
        except TransactionConflict as error:
            raise Conflict(
                "an account with this email address exists",
                [FieldError("email", "is already registered")],
            ) from error
        return public_user(user)

    async def user_by_email(self, email: str) -> Item | None:
        """The account with this email address (any case), or None."""
        claim = await self._ctx.table.get(*keys.email(email))
        return None if claim is None else await self.user(claim["user_id"])

    async def user(self, user_id: str) -> Item | None:
        """The account with this id, or None."""
        return await self._ctx.table.get(*keys.user(user_id))

    async def log_in(self, *, email: str, password: str) -> dict[str, Any]:
        """Tokens for a correct email and password; 401 otherwise, 429 when throttled."""
        now = self._ctx.clock.now()
        throttle = await self._ctx.table.get(*keys.login_throttle(email))
        self._refuse_if_locked(throttle, now)
        user = await self.user_by_email(email)
        stored = user["password_hash"] if user and user["active"] else _UNKNOWN_USER_HASH
        if not await asyncio.to_thread(self._verify, stored, password) or user is None:
            await self._record_failure(email, throttle, now)
            raise Unauthenticated("the email address or password is wrong")
        if throttle is not None:
            await self._ctx.table.transact([Delete(*keys.login_throttle(email))])
        return await self._open_session(user["id"], now)

    def _verify(self, stored: str, password: str) -> bool:
        try:
            return self._hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False

    @staticmethod
    def _refuse_if_locked(throttle: Item | None, now: datetime) -> None:
        if throttle is None or not throttle.get("locked_until"):
            return
        remaining = (datetime.fromisoformat(throttle["locked_until"]) - now).total_seconds()
        if remaining > 0:
            raise RateLimited(
                "too many failed sign-in attempts for this account; try again later",
                retry_after=max(1, int(remaining + 0.999)),
            )

    async def _record_failure(self, email: str, throttle: Item | None, now: datetime) -> None:
        first = throttle and datetime.fromisoformat(throttle["first_at"])
        fresh = throttle is None or not first or now - first > FAILURE_WINDOW
        failures = 1 if fresh else int(throttle["failures"]) + 1  # type: ignore[index]
        pk, sk = keys.login_throttle(email)
        item: Item = {
            "pk": pk,
            "sk": sk,
            "failures": failures,
            "first_at": now.isoformat() if fresh else throttle["first_at"],  # type: ignore[index]
            "version": 1 if throttle is None else throttle["version"] + 1,
        }
        if failures >= FREE_FAILURES:
            lock = min(MAX_LOCK_SECONDS, 30 * 2 ** (failures - FREE_FAILURES))
            item["locked_until"] = (now + timedelta(seconds=lock)).isoformat()
        expected = Condition(equals={"version": None if throttle is None else throttle["version"]})
        try:
            await self._ctx.table.transact([Put(item, expected)])
        except TransactionConflict:
            return  # a concurrent failure was counted; one count per race is enough

    async def _open_session(self, user_id: str, now: datetime) -> dict[str, Any]:
        session_id = self._ctx.ids.new()
        secret = new_secret()
        pk, sk = keys.session(session_id)
        session = {
            "pk": pk,
            "sk": sk,
            "user_id": user_id,
            "secret_hash": secret_hash(secret),
            "expires_at": (now + timedelta(seconds=REFRESH_TTL_SECONDS)).isoformat(),
            "version": 1,
        }
        await self._ctx.table.transact([Put(session, MUST_NOT_EXIST)])
        return self._token_pair(user_id, session_id, secret, now)

    def _token_pair(
        self, user_id: str, session_id: str, secret: str, now: datetime
    ) -> dict[str, Any]:
        return {
            "access_token": self._access.issue(user_id, session_id, now),
            "refresh_token": f"{REFRESH_PREFIX}{session_id}.{secret}",
            "token_type": "bearer",
            "expires_in": self._access.ttl_seconds,
        }

    async def refresh(self, refresh_token: str) -> dict[str, Any]:
        """New tokens for a current refresh token, which stops working; a reused one ends
        its session, since it means the token was copied."""
        session_id, secret = split_token(refresh_token, REFRESH_PREFIX)
        now = self._ctx.clock.now()
        key = keys.session(session_id)
        session = await self._ctx.table.get(*key)
        if session is None or datetime.fromisoformat(session["expires_at"]) <= now:
            raise Unauthenticated("the refresh token is not valid or has expired")
        user = await self.user(session["user_id"])
        if not same_secret(secret, session["secret_hash"]) or not user or not user["active"]:
            await self._ctx.table.transact([Delete(*key)])
            raise Unauthenticated("the refresh token was already used; sign in again")
        fresh = new_secret()
        rotated = {**session, "secret_hash": secret_hash(fresh), "version": session["version"] + 1}
        try:
            await self._ctx.table.transact(
                [Put(rotated, Condition(equals={"version": session["version"]}))]
            )
        except TransactionConflict as error:
            raise Unauthenticated("the refresh token was already used; sign in again") from error
        return self._token_pair(session["user_id"], session_id, fresh, now)

    async def log_out(self, refresh_token: str) -> None:
        """End the session of a refresh token (no error if it already ended)."""
        session_id, secret = split_token(refresh_token, REFRESH_PREFIX)
        session = await self._ctx.table.get(*keys.session(session_id))
        if session is not None and same_secret(secret, session["secret_hash"]):
            await self._ctx.table.transact([Delete(*keys.session(session_id))])

    async def authenticate(self, bearer: str) -> str:
        """The id of the user a bearer token (access or API token) speaks for; 401 if none."""
        if not bearer.startswith(API_TOKEN_PREFIX):
            return self._access.verify(bearer).user_id
        token_id, secret = split_token(bearer, API_TOKEN_PREFIX)
        token = await self._ctx.table.get(*keys.api_token(token_id))
        if token is None or not same_secret(secret, token["secret_hash"]):
            raise Unauthenticated("the API token is not valid or was revoked")
        return str(token["user_id"])

    async def create_api_token(self, user_id: str, name: str) -> dict[str, Any]:
        """A new personal API token; its secret is shown only in this answer."""
        name = name.strip()
        if not 1 <= len(name) <= TOKEN_NAME_MAX:
            raise ValidationFailed(
                "the token name is not valid",
                [FieldError("name", f"1-{TOKEN_NAME_MAX} characters")],
            )
        token_id = self._ctx.ids.new()
        secret = new_secret()
        pk, sk = keys.api_token(token_id)
        item = {
            "pk": pk,
            "sk": sk,
            "gsi1pk": f"USER#{user_id}",
            "gsi1sk": f"TOKEN#{token_id}",
            "id": token_id,
            "user_id": user_id,
            "name": name,
            "secret_hash": secret_hash(secret),
            "created_at": self._ctx.timestamp(),
        }
        await self._ctx.table.transact([Put(item, MUST_NOT_EXIST)])
        return {**public_token(item), "token": f"{API_TOKEN_PREFIX}{token_id}.{secret}"}

    async def list_api_tokens(self, user_id: str, *, limit: int, cursor: str | None) -> Page:
        """The user's API tokens, oldest first, without their secrets."""
        page = await self._ctx.table.query(
            f"USER#{user_id}", index="gsi1", sk=_TOKENS, limit=limit, cursor=cursor
        )
        return Page([public_token(item) for item in page.items], page.cursor)

    async def revoke_api_token(self, user_id: str, token_id: str) -> None:
        """Revoke one of the user's tokens; 404 if it is not theirs."""
        key = keys.api_token(token_id)
        token = await self._ctx.table.get(*key)
        if token is None or token["user_id"] != user_id:
            raise NotFound("no such API token")
        await self._ctx.table.transact([Delete(*key)])


def public_token(item: Item) -> dict[str, Any]:
    """An API token as listed: never its secret or hash."""
    return {k: item[k] for k in ("id", "name", "created_at")}
