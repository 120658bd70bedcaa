"""The web app's cookie session: the refresh token lives in an HttpOnly cookie that
JavaScript cannot read, and the access token only in the page's memory.

The cookie is `SameSite=Strict` and sent only to these routes (its `Path`). Refresh and
sign-out also need the header `X-Taskdeck-Session: 1`: a custom header makes a
cross-site request need a CORS preflight, which this API never grants, so another site
cannot make a browser use the cookie.
"""

from contextlib import suppress
from typing import Annotated, Any, Final

from fastapi import Cookie, Header, Request
from starlette.responses import Response

from taskdeck.api.deps import API_PREFIX, Services, api_router, json_response
from taskdeck.api.errors import problem
from taskdeck.api.schemas import AccessToken, LogIn
from taskdeck.domain.errors import Forbidden, Unauthenticated

router = api_router("accounts")

COOKIE: Final = "taskdeck_session"
COOKIE_PATH: Final = f"{API_PREFIX}/auth/session"
HEADER: Final = "X-Taskdeck-Session"

SessionCookie = Annotated[
    str | None,
    Cookie(
        alias=COOKIE,
        max_length=4096,
        description="Set by POST /auth/session; the browser sends it, scripts cannot read it",
    ),
]
SessionHeader = Annotated[
    str | None,
    Header(alias=HEADER, max_length=8, description="Must be `1` (forces a CORS preflight)"),
]
_SET_COOKIE: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "Signed in; the refresh token is in the `taskdeck_session` cookie",
        "headers": {"Set-Cookie": {"schema": {"type": "string"}}},
    }
}


def _secure(request: Request) -> bool:
    """Whether the browser reached us over https (directly or through a proxy)."""
    forwarded = request.headers.get("x-forwarded-proto", "").split(",", 1)[0].strip().lower()
    return forwarded == "https" or request.url.scheme == "https"


def _cookie(request: Request, value: str, max_age: int) -> str:
    """A `Set-Cookie` value for the session cookie (an empty value and 0 clear it)."""
    secure = "; Secure" if _secure(request) else ""
    return (
        f"{COOKIE}={value}; HttpOnly; SameSite=Strict; Path={COOKIE_PATH}; "
        f"Max-Age={max_age}{secure}"
    )


def _signed_in(request: Request, services: Services, tokens: dict[str, Any]) -> Response:
    """The access token as the body, the refresh token as the cookie."""
    refresh_token = tokens.pop("refresh_token")
    response = json_response(tokens)
    response.headers["Set-Cookie"] = _cookie(
        request, refresh_token, services.accounts.refresh_ttl_seconds
    )
    return response


def _require_header(value: str | None) -> None:
    if value != "1":
        raise Forbidden(f"send the header {HEADER}: 1 with this request")


@router.post("/auth/session", response_model=AccessToken, responses=_SET_COOKIE)
async def start_session(body: LogIn, request: Request, services: Services) -> Response:
    """Sign the web app in: an access token, and the refresh token as an HttpOnly cookie."""
    tokens = await services.accounts.log_in(email=body.email, password=body.password)
    return _signed_in(request, services, tokens)


@router.post("/auth/session/refresh", response_model=AccessToken, responses=_SET_COOKIE)
async def refresh_session(
    request: Request,
    services: Services,
    session_header: SessionHeader = None,
    session: SessionCookie = None,
) -> Response:
    """A new access token for the session cookie, which is rotated; 401 (and the cookie
    cleared) when there is no current session."""
    _require_header(session_header)
    try:
        if not session:
            raise Unauthenticated("no session: sign in")
        tokens = await services.accounts.refresh(session)
    except Unauthenticated as error:
        clear = {"Set-Cookie": _cookie(request, "", 0), "WWW-Authenticate": "Bearer"}
        return problem(401, error.detail, headers=clear)
    return _signed_in(request, services, tokens)


@router.delete("/auth/session", status_code=204)
async def end_session(
    request: Request,
    services: Services,
    session_header: SessionHeader = None,
    session: SessionCookie = None,
) -> Response:
    """Sign the web app out: end the cookie's session and clear the cookie (204 even
    without a session)."""
    _require_header(session_header)
    if session:
        # A malformed or unknown token is no session: signed out all the same.
        with suppress(Unauthenticated):
            await services.accounts.log_out(session)
    return Response(status_code=204, headers={"Set-Cookie": _cookie(request, "", 0)})
