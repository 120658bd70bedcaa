"""Sign up, sign in, refresh, sign out, the caller's account and API tokens."""

from starlette.responses import Response

from taskdeck.api.deps import (
    Authenticated,
    Cursor,
    Limit,
    Services,
    api_router,
    json_response,
    page_response,
)
from taskdeck.api.notification_schemas import MeOut
from taskdeck.api.schemas import (
    ApiTokenCreate,
    ApiTokenCreated,
    ApiTokenOut,
    ConfirmSignUp,
    LogIn,
    PageOf,
    RefreshTokenIn,
    SignedUp,
    SignUp,
    TokenPair,
)
from taskdeck.domain.errors import NotFound
from taskdeck.services.accounts import public_user

router = api_router("accounts")


@router.post("/auth/signup", status_code=201, response_model=SignedUp)
async def sign_up(body: SignUp, services: Services) -> Response:
    """Create an account. Where the deployment signs people in with Cognito, the address
    must then be confirmed with the code sent to it."""
    user = await services.accounts.sign_up(email=body.email, password=body.password, name=body.name)
    return json_response(user, 201)


@router.post("/auth/confirm", status_code=204)
async def confirm_sign_up(body: ConfirmSignUp, services: Services) -> Response:
    """Confirm a new account's email address with the code sent to it (409 where accounts
    need no confirmation)."""
    await services.accounts.confirm(email=body.email, code=body.code)
    return Response(status_code=204)


@router.post("/auth/login", response_model=TokenPair)
async def log_in(body: LogIn, services: Services) -> Response:
    """Sign in with email and password: an access token and a refresh token."""
    return json_response(await services.accounts.log_in(email=body.email, password=body.password))


@router.post("/auth/refresh", response_model=TokenPair)
async def refresh(body: RefreshTokenIn, services: Services) -> Response:
    """Trade a refresh token for new tokens; the old refresh token stops working."""
    return json_response(await services.accounts.refresh(body.refresh_token))


@router.post("/auth/logout", status_code=204)
async def log_out(body: RefreshTokenIn, services: Services) -> Response:
    """End the session of a refresh token."""
    await services.accounts.log_out(body.refresh_token)
    return Response(status_code=204)


@router.get("/me", response_model=MeOut)
async def me(caller: Authenticated) -> Response:
    """The caller's account, and how many unread notifications wait for them."""
    user = await caller.services.accounts.user(caller.user_id)
    if user is None:
        raise NotFound("your account no longer exists")
    unread = await caller.services.notifications.unread_count(caller.user_id)
    return json_response({**public_user(user), "unread_notifications": unread})


@router.get("/me/tokens", response_model=PageOf(ApiTokenOut))
async def list_api_tokens(
    caller: Authenticated, limit: Limit = 50, cursor: Cursor = None
) -> Response:
    """The caller's personal API tokens (never their secrets)."""
    return page_response(
        await caller.services.accounts.list_api_tokens(caller.user_id, limit=limit, cursor=cursor)
    )


@router.post("/me/tokens", status_code=201, response_model=ApiTokenCreated)
async def create_api_token(body: ApiTokenCreate, caller: Authenticated) -> Response:
    """A new personal API token for scripts; its secret is shown only now."""
    return json_response(
        await caller.services.accounts.create_api_token(caller.user_id, body.name), 201
    )


@router.delete("/me/tokens/{token_id}", status_code=204)
async def revoke_api_token(token_id: str, caller: Authenticated) -> Response:
    """Revoke a personal API token."""
    await caller.services.accounts.revoke_api_token(caller.user_id, token_id)
    return Response(status_code=204)
