"""Dependencies shared by the routers: the container, the caller, paging and versions."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import Depends, Header, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.responses import Response

from taskdeck.bootstrap import Container
from taskdeck.domain.errors import BadRequest, Unauthenticated
from taskdeck.ports import Page

_bearer = HTTPBearer(auto_error=False, description="An access token or a personal API token")


def get_container(request: Request) -> Container:
    """The container the app was built with."""
    container: Container = request.app.state.container
    return container


async def current_user(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str:
    """The id of the caller; 401 without valid credentials."""
    if credentials is None:
        raise Unauthenticated("sign in: send Authorization: Bearer <token>")
    return await get_container(request).accounts.authenticate(credentials.credentials)


def if_match(
    header: Annotated[str | None, Header(alias="If-Match", max_length=64)] = None,
) -> int | None:
    """The version named by `If-Match` (`"3"`, `W/"3"` or `3`); None for absent or `*`."""
    if header is None or header.strip() == "*":
        return None
    value = header.strip().removeprefix("W/").strip('"')
    if not value.isdigit() or len(value) > 12:
        raise BadRequest("If-Match must name a version, as the ETag gives it")
    return int(value)


Services = Annotated[Container, Depends(get_container)]
CurrentUser = Annotated[str, Depends(current_user)]
IfMatch = Annotated[int | None, Depends(if_match)]
Limit = Annotated[int, Query(ge=1, le=200, description="Items per page")]
Cursor = Annotated[
    str | None, Query(max_length=4096, description="`next_cursor` of the previous page")
]


def json_response(body: Any, status_code: int = 200, *, version: int | None = None) -> Response:
    """A JSON response serialised with orjson, with an `ETag` when a version is given."""
    headers = {"ETag": f'"{version}"'} if version is not None else None
    return Response(orjson.dumps(body), status_code, headers=headers, media_type="application/json")


def page_response(page: Page) -> Response:
    """A page of a list as `{"items": [...], "next_cursor": ...}`."""
    return json_response({"items": page.items, "next_cursor": page.cursor})
