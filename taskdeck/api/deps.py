"""Dependencies shared by the routers: the container, the caller, paging and versions."""

import contextlib
import re
from collections.abc import Callable
from typing import Annotated, Any, Final, NamedTuple, cast, get_type_hints

import orjson
from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.datastructures import DefaultPlaceholder
from fastapi.routing import APIRoute
from fastapi.security import HTTPBearer
from fastapi.utils import create_model_field
from starlette.datastructures import URLPath
from starlette.responses import Response
from starlette.routing import BaseRoute, Match, NoMatchFound, Route, compile_path
from starlette.types import Receive, Scope, Send

from taskdeck.api.schemas import PROBLEM_REF, PageOf, built
from taskdeck.bootstrap import Container
from taskdeck.domain.errors import BadRequest, Unauthenticated
from taskdeck.ports import Page

API_PREFIX = "/api/v1"


def operation_id(route: APIRoute) -> str:
    """Stable operation ids (the function names), so generated clients read well."""
    return route.name


ERRORS: dict[int | str, dict[str, Any]] = {
    status: {
        "description": description,
        "content": {"application/problem+json": {"schema": {"$ref": PROBLEM_REF}}},
    }
    for status, description in {
        400: "Malformed: bad JSON, cursor or If-Match",
        401: "Not signed in",
        403: "Your role does not allow it",
        404: "Unknown, or not visible to you",
        409: "Conflicts with the current state",
        412: "If-Match names a stale version",
        413: "Too large",
        415: "Not JSON",
        422: "Invalid: `errors` names each field",
        429: "Too many attempts; see Retry-After",
        503: "Busy; see Retry-After",
    }.items()
}
"""Every error any operation may answer, documented once for all of them. The schema is
a `$ref`, not a `model`: FastAPI builds a pydantic adapter for each response model of
each route at import, which for eleven errors of eighty routes was a third of the Lambda
handler's import time; the app adds `Problem` to the document's schemas once."""


class DocumentedRoute(APIRoute):
    """A route whose `response_model` only documents its answer.

    Every endpoint returns a `Response` it made itself, so FastAPI never validates or
    serializes through the response model; yet it builds a pydantic adapter for it as
    it makes the route, which for eighty routes was a tenth of the Lambda handler's
    import. This route keeps the model aside and builds that adapter in `document`, when
    the OpenAPI document is first asked for.
    """

    def __init__(
        self, path: str, endpoint: Callable[..., Any], *, response_model: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(path, endpoint, response_model=None, **kwargs)
        self.documented_model = (
            None if isinstance(response_model, DefaultPlaceholder) else response_model
        )

    def document(self) -> None:
        """Give the route its response model and field, as FastAPI would have at start."""
        if self.documented_model is not None and self.response_field is None:
            model = self.documented_model
            if isinstance(model, PageOf):
                model = model.model()
            self.response_model = model
            self.response_field = create_model_field(
                name=f"Response_{self.unique_id}",
                type_=model,
                mode="serialization",
            )


class DeferredRoute(Route):
    """An API route that FastAPI makes when it is first used.

    Making a route means analysing its endpoint: its parameters, dependencies and body,
    each with a pydantic adapter. For the API's eighty routes that was about 50 ms of the
    Lambda handler's import (350 ms on this machine, measured by importing with and
    without), while a Lambda container serves the few routes its users call. This route
    knows only what matching a request needs (its path and methods, as Starlette's
    `Route` matches them); the first request it handles makes the `DocumentedRoute` that
    answers it (about 1 ms), and so does the OpenAPI document (`made`), for every
    route, which is also how the tests see that each route can be made.
    """

    def __init__(self, path: str, endpoint: Callable[..., Any], **options: Any) -> None:
        # Starlette's `__init__` would wrap the endpoint and answer HEAD too: only what
        # `Route.matches` and `url_path_for` read is set here.
        self.path = path
        self.endpoint = endpoint
        self.name = options.get("name") or endpoint.__name__
        self.methods = {method.upper() for method in options.get("methods") or ("GET",)}
        self.include_in_schema = bool(options.get("include_in_schema", True))
        self.path_regex, self.path_format, self.param_convertors = compile_path(path)
        self._options = options
        self._made: DocumentedRoute | None = None

    @property
    def is_made(self) -> bool:
        """Whether FastAPI has made the route yet."""
        return self._made is not None

    @property
    def made(self) -> "DocumentedRoute":
        """The route FastAPI makes of it, made now if not yet."""
        if self._made is None:
            for annotation in get_type_hints(self.endpoint, include_extras=True).values():
                built(annotation)
            self._made = DocumentedRoute(self.path, self.endpoint, **self._options)
        return self._made

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        """Starlette's match, naming this route in the scope as FastAPI's routes do (the
        request middleware labels its metrics with the route's path)."""
        match, child_scope = super().matches(scope)
        if match is not Match.NONE:
            child_scope["route"] = self
        return match, child_scope

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer as the FastAPI route (which also answers 405 for another method)."""
        await self.made.handle(scope, receive, send)


class LoadedRoutes(BaseRoute):
    """Routes whose modules are imported when a request first needs them: the reports',
    whose code (their routers, schemas, services and domain: a fifth of the Lambda
    handler's own import) no other request uses.

    A request whose path has a match of `marker` loads them and is matched against
    each, in order, as the router would; one that has none never loads them. The OpenAPI
    document loads them too (`routes`).
    """

    def __init__(self, marker: str, load: Callable[[], list[BaseRoute]]) -> None:
        self._marker = re.compile(marker)
        self._load = load
        self._routes: list[BaseRoute] | None = None

    @property
    def loaded(self) -> bool:
        """Whether the routes are loaded yet."""
        return self._routes is not None

    @property
    def routes(self) -> list[BaseRoute]:
        """The routes, loaded now if not yet. Each path must have a match of the marker:
        a route outside it could never be reached, yet the OpenAPI document would list
        it (and so the tests, which fetch the document, find such a route)."""
        if self._routes is None:
            routes = self._load()
            for route in routes:
                path = str(getattr(route, "path", ""))
                if not self._marker.search(path):
                    raise RuntimeError(f"route {path!r} is outside {self._marker.pattern!r}")
            self._routes = routes
        return self._routes

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        """The first full match among the routes, else the first partial one."""
        if scope["type"] != "http" or not self._marker.search(scope["path"]):
            return Match.NONE, {}
        partial: Scope | None = None
        for route in self.routes:
            match, child_scope = route.matches(scope)
            if match is Match.NONE:
                continue
            child_scope = {**child_scope, "route": route}  # what `handle` answers by
            if match is Match.FULL:
                return match, child_scope
            if partial is None:
                partial = child_scope
        return (Match.NONE, {}) if partial is None else (Match.PARTIAL, partial)

    def url_path_for(self, name: str, /, **path_params: Any) -> URLPath:
        """The path of the named route among them (loading them)."""
        for route in self.routes:
            with contextlib.suppress(NoMatchFound):
                return route.url_path_for(name, **path_params)
        raise NoMatchFound(name, path_params)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer by the route that matched (`matches` names it in the scope)."""
        route: BaseRoute = scope["route"]
        await route.handle(scope, receive, send)


def api_router(tag: str, prefix: str = API_PREFIX) -> APIRouter:
    """A router of one area of the API."""
    return APIRouter(
        prefix=prefix,
        tags=[tag],
        generate_unique_id_function=operation_id,
        responses=ERRORS,
        # Typed as an `APIRoute` class, but the router only calls it with a route's
        # arguments and keeps what it returns.
        route_class=cast("type[APIRoute]", DeferredRoute),
    )


def container_of(request: Request) -> Container:
    """The container the app was built with."""
    container: Container = request.app.state.container
    return container


async def get_container(request: Request) -> Container:
    """The container, as a dependency (async: sync dependencies cost a thread hop)."""
    return container_of(request)


class Caller(NamedTuple):
    """The signed-in user making a request, and the services to serve them with."""

    user_id: str
    services: Container


class BearerCaller(HTTPBearer):
    """Authenticates `Authorization: Bearer <token>` in one dependency.

    One dependency rather than a chain (bearer, container, user): each dependency FastAPI
    solves costs time on every request, and this one runs on nearly all of them.
    """

    async def __call__(self, request: Request) -> Caller:  # type: ignore[override]
        """The caller; 401 without a valid access or API token."""
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthenticated("sign in: send Authorization: Bearer <token>")
        services = container_of(request)
        return Caller(await services.accounts.authenticate(token.strip()), services)


def if_match(request: Request) -> int | None:
    """The version the request's `If-Match` header names (`parse_if_match`).

    Read from the request, not declared as a `Header` parameter: FastAPI's handling of
    that one parameter took about 5% of a move's throughput (`make bench`, 1,550 to
    1,700 moves/s with 32 connections), on every conditional write. The routes that
    honour the header say so with `openapi_extra=IF_MATCH`.
    """
    return parse_if_match(request.headers.get("if-match"))


IF_MATCH: Final[dict[str, Any]] = {
    "parameters": [
        {
            "name": "If-Match",
            "in": "header",
            "required": False,
            "description": "The ETag of the version you edit",
            "schema": {
                "anyOf": [{"maxLength": 64, "type": "string"}, {"type": "null"}],
                "description": "The ETag of the version you edit",
                "title": "If-Match",
            },
        }
    ]
}
"""The OpenAPI document's `If-Match` parameter, for the routes that read it (`if_match`)."""


def parse_if_match(header: str | None) -> int | None:
    """The version named by `If-Match` (`"3"`, `W/"3"` or `3`); None for absent or `*`."""
    if header is None or header.strip() == "*":
        return None
    value = header.strip().removeprefix("W/").strip('"')
    if not (value.isascii() and value.isdigit()) or len(value) > 12:
        raise BadRequest("If-Match must name a version, as the ETag gives it")
    return int(value)


Services = Annotated[Container, Depends(get_container)]
Authenticated = Annotated[
    Caller,
    Depends(BearerCaller(auto_error=False, description="An access token or a personal API token")),
]
Limit = Annotated[int, Query(ge=1, le=200, description="Items per page")]
ProjectKeyPath = Annotated[str, Path(min_length=1, max_length=10)]
IssueKeyPath = Annotated[str, Path(min_length=1, max_length=21)]
Cursor = Annotated[
    str | None, Query(max_length=4096, description="`next_cursor` of the previous page")
]
Assignee = Annotated[
    str | None,
    Query(max_length=64, description="A user id, `me` (the caller) or `none` (unassigned)"),
]


def json_response(body: Any, status_code: int = 200, *, version: int | None = None) -> Response:
    """A JSON response serialised with orjson, with an `ETag` when a version is given."""
    headers = {"ETag": f'"{version}"'} if version is not None else None
    return Response(orjson.dumps(body), status_code, headers=headers, media_type="application/json")


def page_response(page: Page) -> Response:
    """A page of a list as `{"items": [...], "next_cursor": ...}`."""
    return json_response({"items": page.items, "next_cursor": page.cursor})
