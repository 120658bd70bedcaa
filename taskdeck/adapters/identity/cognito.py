"""The `Identity` port on a Cognito user pool: sign-up, confirmation, USER_PASSWORD_AUTH,
refresh and sign-out through the pool's public (unsigned) API, with one app client that
has no secret (the one `taskdeck aws-init` makes). A Cognito user's `sub` is their
Taskdeck user id. boto3 is blocking, so every call runs on a thread; it is imported by
this module only.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final

from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from taskdeck.adapters.aws_clients import shared_client
from taskdeck.adapters.identity.cognito_tokens import CognitoTokens
from taskdeck.domain.errors import (
    Conflict,
    DomainError,
    FieldError,
    Forbidden,
    RateLimited,
    Unauthenticated,
    ValidationFailed,
)
from taskdeck.ports import IdentityUnavailable, Profile, Registration, Session

if TYPE_CHECKING:
    from types_boto3_cognito_idp.client import CognitoIdentityProviderClient

ClientFactory = Callable[[], "CognitoIdentityProviderClient"]

RETRY_AFTER_SECONDS: Final = 30
# Cognito's default refresh-token validity, which the app client `aws-init` makes keeps.
REFRESH_TTL_SECONDS: Final = 30 * 24 * 3600
_WRONG_CREDENTIALS: Final = "the email address or password is wrong"
_BAD_CODE: Final = "the confirmation code is wrong or has expired"
_THROTTLED: Final = frozenset(
    {"TooManyRequestsException", "LimitExceededException", "TooManyFailedAttemptsException"}
)
# What RevokeToken answers for a token that is no session (any more).
_NO_SESSION: Final = frozenset(
    {
        "NotAuthorizedException",
        "UnauthorizedException",
        "UnsupportedTokenTypeException",
        "InvalidParameterException",
    }
)


def default_client() -> CognitoIdentityProviderClient:
    """The process's Cognito client, built once on first use from boto3's standard
    configuration (`AWS_ENDPOINT_URL`, `AWS_REGION`, credentials)."""
    config = Config(retries={"mode": "standard", "max_attempts": 3}, connect_timeout=5)
    client: CognitoIdentityProviderClient = shared_client("cognito-idp", config)
    return client


def _code(error: ClientError) -> str:
    return error.response.get("Error", {}).get("Code", "")


def _message(error: ClientError) -> str:
    return " ".join(error.response.get("Error", {}).get("Message", "").split())


def _refusal(error: ClientError, operation: str) -> DomainError | IdentityUnavailable:
    """The answer for a request Cognito refused. Unknown users and wrong passwords read
    the same, so that sign-in does not tell which addresses have accounts."""
    code = _code(error)
    if code in _THROTTLED or "attempts exceeded" in _message(error).lower():
        return RateLimited("too many attempts; try again later", RETRY_AFTER_SECONDS)
    if code == "UsernameExistsException":
        return Conflict(
            "an account with this email address exists",
            [FieldError("email", "is already registered")],
        )
    if code == "InvalidPasswordException":
        return ValidationFailed(
            "the password is not acceptable", [FieldError("password", _message(error))]
        )
    if code in {"CodeMismatchException", "ExpiredCodeException"} or (
        operation == "confirm_sign_up"
        and code in {"UserNotFoundException", "NotAuthorizedException"}
    ):
        return ValidationFailed(_BAD_CODE, [FieldError("code", "is wrong or has expired")])
    if code == "UserNotConfirmedException":
        return Forbidden("confirm your email address first with the code sent to it")
    if code == "PasswordResetRequiredException":
        return Forbidden("your password must be reset before you sign in")
    if operation == "revoke_token" and code in _NO_SESSION:
        return Unauthenticated("the refresh token is not valid or has expired")
    if code in {"NotAuthorizedException", "UserNotFoundException"}:
        if operation == "initiate_auth:refresh":
            return Unauthenticated("the refresh token is not valid or has expired")
        return Unauthenticated(_WRONG_CREDENTIALS)
    if code == "InvalidParameterException" and operation == "sign_up":
        return ValidationFailed(f"the sign-up was refused: {_message(error)}")
    return IdentityUnavailable(f"Cognito refused {operation} ({code}): {_message(error)}")


class CognitoIdentity:
    """Accounts kept in a Cognito user pool, signed in through its app client."""

    requires_confirmation = True
    refresh_ttl_seconds = REFRESH_TTL_SECONDS

    def __init__(
        self,
        pool_id: str,
        client_id: str,
        *,
        jwks_url: str | None = None,
        client: ClientFactory = default_client,
    ) -> None:
        self._client_id = client_id
        self._client = client
        self.tokens = CognitoTokens(pool_id, client_id, jwks_url=jwks_url)

    async def _call(self, operation: str, **kwargs: Any) -> dict[str, Any]:
        name = operation.partition(":")[0]
        try:
            method = getattr(self._client(), name)
            response: dict[str, Any] = await asyncio.to_thread(method, **kwargs)
        except ClientError as error:
            raise _refusal(error, operation) from error
        except BotoCoreError as error:
            raise IdentityUnavailable(f"Cognito could not be reached: {error}") from error
        return response

    async def register(self, email: str, password: str, name: str) -> Registration:
        """Sign up in the pool; Cognito emails a code the user must confirm."""
        response = await self._call(
            "sign_up",
            ClientId=self._client_id,
            Username=email.lower(),
            Password=password,
            UserAttributes=[{"Name": "email", "Value": email}, {"Name": "name", "Value": name}],
        )
        return Registration(str(response["UserSub"]), bool(response["UserConfirmed"]), {})

    async def confirm(self, email: str, code: str) -> None:
        """Confirm the address with the code Cognito sent to it."""
        if not code or len(code) > 64:
            raise ValidationFailed(_BAD_CODE, [FieldError("code", "is wrong or has expired")])
        await self._call(
            "confirm_sign_up",
            ClientId=self._client_id,
            Username=email.lower(),
            ConfirmationCode=code,
        )

    async def log_in(self, email: str, password: str) -> Session:
        """USER_PASSWORD_AUTH: the pool checks the password (and its own lockout)."""
        response = await self._call(
            "initiate_auth",
            ClientId=self._client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": email.lower(), "PASSWORD": password},
        )
        result = response.get("AuthenticationResult")
        if result is None:
            challenge = response.get("ChallengeName", "unknown")
            raise Forbidden(f"the user pool asks for a step Taskdeck cannot offer ({challenge})")
        claims = await self.tokens.claims(result["IdToken"], "id")
        profile = Profile(
            user_id=str(claims["sub"]),
            email=str(claims.get("email", email)),
            name=str(claims.get("name") or email.partition("@")[0]),
        )
        return Session(
            result["AccessToken"], result["RefreshToken"], int(result["ExpiresIn"]), profile
        )

    async def refresh(self, refresh_token: str) -> Session:
        """New access token for a refresh token; Cognito keeps the refresh token until it
        expires or is revoked, so the same one is given back."""
        response = await self._call(
            "initiate_auth:refresh",
            ClientId=self._client_id,
            AuthFlow="REFRESH_TOKEN_AUTH",
            AuthParameters={"REFRESH_TOKEN": refresh_token},
        )
        result = response["AuthenticationResult"]
        return Session(
            result["AccessToken"],
            result.get("RefreshToken", refresh_token),
            int(result["ExpiresIn"]),
        )

    async def log_out(self, refresh_token: str) -> None:
        """Revoke the refresh token (and the access tokens issued from it, for Cognito's
        own APIs; a JWT already issued stays valid to verifiers until it expires)."""
        try:
            await self._call("revoke_token", Token=refresh_token, ClientId=self._client_id)
        except Unauthenticated:
            return  # already revoked, expired or never valid: signed out all the same

    async def verify(self, access_token: str) -> str:
        """The `sub` of a valid access token of this pool's app client."""
        return await self.tokens.user_of(access_token)
