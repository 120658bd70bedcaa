"""Accounts: sign up and sign in through the `Identity` port, the user items, and
personal API tokens (kept in the table whichever identity provider signs people in)."""

from __future__ import annotations

from typing import Any

from taskdeck.domain.accounts import check_name, check_password, normalise_email
from taskdeck.domain.errors import (
    Conflict,
    FieldError,
    NotFound,
    Unauthenticated,
    ValidationFailed,
)
from taskdeck.ports import (
    MUST_NOT_EXIST,
    Delete,
    Identity,
    Item,
    KeyCondition,
    Page,
    Profile,
    Put,
    Session,
    TransactionConflict,
)
from taskdeck.services import keys
from taskdeck.services.context import Context
from taskdeck.services.tokens import (
    API_TOKEN_PREFIX,
    new_secret,
    same_secret,
    secret_hash,
    split_token,
)

TOKEN_NAME_MAX = 100
_TOKENS = KeyCondition.begins_with("TOKEN#")


async def find_user(ctx: Context, user_id: str) -> Item | None:
    """The user item with this id, or None."""
    return await ctx.table.get(*keys.user(user_id))


async def find_user_by_email(ctx: Context, email: str) -> Item | None:
    """The user item with this email address (any case), or None."""
    claim = await ctx.table.get(*keys.email(email))
    return None if claim is None else await find_user(ctx, claim["user_id"])


def public_user(user: Item) -> dict[str, Any]:
    """A user as the API shows it (never the password hash)."""
    return {k: user[k] for k in ("id", "email", "name", "active", "created_at")}


class Accounts:
    """The account use cases."""

    def __init__(self, ctx: Context, identity: Identity) -> None:
        self._ctx = ctx
        self._identity = identity

    async def sign_up(self, *, email: str, password: str, name: str) -> dict[str, Any]:
        """Create an account; 409 if the email address is taken. The answer says whether
        the address must be confirmed before the first sign-in."""
        email = normalise_email(email)
        check_password(password, email)
        name = check_name(name)
        if await self._ctx.table.get(*keys.email(email)) is not None:
            raise _email_taken()
        # The provider may keep the account elsewhere (Cognito): the check above keeps a
        # taken address from reaching it; a race past the check is refused by the claim
        # below, and the provider's account is then recorded at its first sign-in.
        registration = await self._identity.register(email, password, name)
        user = await self._record_user(
            Profile(registration.user_id, email, name), registration.stored
        )
        return {**public_user(user), "confirmation_required": not registration.confirmed}

    async def _record_user(self, profile: Profile, stored: dict[str, Any]) -> Item:
        """Write the user item and the claim on its email address, in one transaction."""
        pk, sk = keys.user(profile.user_id)
        user = {
            "pk": pk,
            "sk": sk,
            "id": profile.user_id,
            "email": profile.email,
            "name": profile.name,
            "active": True,
            "created_at": self._ctx.timestamp(),
            **stored,
            "version": 1,
        }
        epk, esk = keys.email(profile.email)
        claim = {"pk": epk, "sk": esk, "user_id": profile.user_id}
        try:
            await self._ctx.table.transact([Put(claim, MUST_NOT_EXIST), Put(user, MUST_NOT_EXIST)])
        except TransactionConflict as error:
            raise _email_taken() from error
        return user

    async def confirm(self, *, email: str, code: str) -> None:
        """Confirm a new account's address with the code sent to it."""
        await self._identity.confirm(normalise_email(email), code.strip())

    async def user_by_email(self, email: str) -> Item | None:
        """The account with this email address (any case), or None."""
        return await find_user_by_email(self._ctx, email)

    async def user(self, user_id: str) -> Item | None:
        """The account with this id, or None."""
        return await find_user(self._ctx, user_id)

    async def log_in(self, *, email: str, password: str) -> dict[str, Any]:
        """Tokens for a correct email and password; 401 otherwise, 429 when throttled.

        An account the identity provider made without Taskdeck (an administrator's, or one
        whose sign-up was interrupted after the provider accepted it) is recorded now.
        """
        session = await self._identity.log_in(email.strip(), password)
        profile = session.profile
        if profile is not None and await self.user(profile.user_id) is None:
            await self._record_user(profile, {})
        return token_pair(session)

    async def refresh(self, refresh_token: str) -> dict[str, Any]:
        """New tokens for a current refresh token."""
        return token_pair(await self._identity.refresh(refresh_token))

    async def log_out(self, refresh_token: str) -> None:
        """End the session of a refresh token (no error if it already ended)."""
        await self._identity.log_out(refresh_token)

    @property
    def refresh_ttl_seconds(self) -> int:
        """How long a refresh token stays usable."""
        return self._identity.refresh_ttl_seconds

    async def authenticate(self, bearer: str) -> str:
        """The id of the user a bearer token (access or API token) speaks for; 401 if none."""
        if not bearer.startswith(API_TOKEN_PREFIX):
            return await self._identity.verify(bearer)
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


def _email_taken() -> Conflict:
    return Conflict(
        "an account with this email address exists",
        [FieldError("email", "is already registered")],
    )


def token_pair(session: Session) -> dict[str, Any]:
    """A session's tokens as the API gives them."""
    return {
        "access_token": session.access_token,
        "refresh_token": session.refresh_token,
        "token_type": "bearer",
        "expires_in": session.expires_in,
    }


def public_token(item: Item) -> dict[str, Any]:
    """An API token as listed: never its secret or hash."""
    return {k: item[k] for k in ("id", "name", "created_at")}
