"""The local `Identity`: argon2id password hashes on the user item, HS256 access tokens,
rotating refresh-token sessions and sign-in throttling, all kept in the `Table`.

It is a service rather than an adapter because it keeps its state in Taskdeck's own
store; the Cognito adapter (`taskdeck.adapters.identity`) keeps it in a user pool.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Final

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from taskdeck.domain.errors import Conflict, RateLimited, Unauthenticated
from taskdeck.ports import (
    MUST_NOT_EXIST,
    Condition,
    Delete,
    Item,
    Put,
    Registration,
    Session,
    TransactionConflict,
)
from taskdeck.services import keys
from taskdeck.services.accounts import find_user, find_user_by_email
from taskdeck.services.context import Context
from taskdeck.services.tokens import (
    REFRESH_PREFIX,
    REFRESH_TTL_SECONDS,
    AccessTokens,
    new_secret,
    same_secret,
    secret_hash,
    split_token,
)

FREE_FAILURES: Final = 5
FAILURE_WINDOW: Final = timedelta(minutes=15)
MAX_LOCK_SECONDS: Final = 15 * 60
# A hash to verify against when the email is unknown, so timing does not tell.
_UNKNOWN_USER_HASH: Final = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash("x" * 16)


class LocalIdentity:
    """Accounts whose passwords and sessions Taskdeck keeps itself."""

    requires_confirmation = False
    refresh_ttl_seconds = REFRESH_TTL_SECONDS

    def __init__(self, ctx: Context, access: AccessTokens, hasher: PasswordHasher) -> None:
        self._ctx = ctx
        self._access = access
        self._hasher = hasher

    async def register(self, email: str, password: str, name: str) -> Registration:
        """A new user id and the password's hash (hashed on a thread: it is slow on purpose)."""
        password_hash = await asyncio.to_thread(self._hasher.hash, password)
        return Registration(self._ctx.ids.new(), True, {"password_hash": password_hash})

    async def confirm(self, email: str, code: str) -> None:
        """Local accounts are usable from sign-up: there is nothing to confirm."""
        raise Conflict("accounts on this server need no confirmation: sign in")

    async def log_in(self, email: str, password: str) -> Session:
        """Tokens for a correct email and password; 401 otherwise, 429 when throttled."""
        now = self._ctx.clock.now()
        throttle = await self._ctx.table.get(*keys.login_throttle(email))
        self._refuse_if_locked(throttle, now)
        user = await find_user_by_email(self._ctx, email)
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

    async def _open_session(self, user_id: str, now: datetime) -> Session:
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
        return self._session(user_id, session_id, secret, now)

    def _session(self, user_id: str, session_id: str, secret: str, now: datetime) -> Session:
        return Session(
            access_token=self._access.issue(user_id, session_id, now),
            refresh_token=f"{REFRESH_PREFIX}{session_id}.{secret}",
            expires_in=self._access.ttl_seconds,
        )

    async def refresh(self, refresh_token: str) -> Session:
        """New tokens for a current refresh token, which stops working; a reused one ends
        its session, since it means the token was copied."""
        session_id, secret = split_token(refresh_token, REFRESH_PREFIX)
        now = self._ctx.clock.now()
        key = keys.session(session_id)
        session = await self._ctx.table.get(*key)
        if session is None or datetime.fromisoformat(session["expires_at"]) <= now:
            raise Unauthenticated("the refresh token is not valid or has expired")
        user = await find_user(self._ctx, session["user_id"])
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
        return self._session(session["user_id"], session_id, fresh, now)

    async def log_out(self, refresh_token: str) -> None:
        """End the session of a refresh token (no error if it already ended)."""
        session_id, secret = split_token(refresh_token, REFRESH_PREFIX)
        session = await self._ctx.table.get(*keys.session(session_id))
        if session is not None and same_secret(secret, session["secret_hash"]):
            await self._ctx.table.transact([Delete(*keys.session(session_id))])

    async def verify(self, access_token: str) -> str:
        """The user id of a valid, unexpired access token; 401 otherwise."""
        return self._access.verify(access_token).user_id
