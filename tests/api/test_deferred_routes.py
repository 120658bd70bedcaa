"""API routes are made when first used (`deps.DeferredRoute`): matching a request needs
only the path and methods, so a Lambda cold start does not analyse eighty endpoints to
serve one. Each route is made by its first request, or by the OpenAPI document. The
reports' routes, with all their code, load with the first report (`deps.LoadedRoutes`)."""

from __future__ import annotations

from typing import Annotated

import pytest
from fastapi import FastAPI, Query
from fastapi.testclient import TestClient
from starlette.responses import Response
from starlette.routing import BaseRoute, NoMatchFound

from taskdeck.api.app import _openapi
from taskdeck.api.deps import (
    DeferredRoute,
    LoadedRoutes,
    ProjectKeyPath,
    api_router,
    json_response,
)
from taskdeck.api.schemas import Strict


class Renamed(Strict):
    name: str


class Described(Strict):
    """Used by one test only: it checks when the model is built."""

    text: str


def deferred_app() -> tuple[FastAPI, dict[str, DeferredRoute]]:
    """An app of three routes, as the API's routers make them, none used yet."""
    router = api_router("test")

    @router.get("/things/{key}")
    async def get_thing(key: ProjectKeyPath, limit: Annotated[int, Query(ge=1)] = 5) -> Response:
        return json_response({"key": key, "limit": limit})

    @router.patch("/things/{key}")
    async def rename_thing(key: ProjectKeyPath, body: Renamed) -> Response:
        return json_response({"key": key, "name": body.name})

    @router.get("/others")
    async def list_others() -> Response:
        return json_response({"items": []})

    app = FastAPI()
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    app.router.routes.extend(router.routes)
    routes = {r.name: r for r in app.routes if isinstance(r, DeferredRoute)}
    return app, routes


def made(routes: dict[str, DeferredRoute]) -> set[str]:
    return {name for name, route in routes.items() if route.is_made}


def test_a_route_is_made_by_its_first_request_and_answers_as_fastapi_would() -> None:
    app, routes = deferred_app()
    assert set(routes) == {"get_thing", "rename_thing", "list_others"}
    assert made(routes) == set()
    with TestClient(app) as client:
        answer = client.get("/api/v1/things/ABC", params={"limit": 3})
        assert answer.status_code == 200
        assert answer.json() == {"key": "ABC", "limit": 3}
        assert made(routes) == {"get_thing"}
        # FastAPI's validation of parameters and bodies, once made.
        assert client.get("/api/v1/things/ABC", params={"limit": 0}).status_code == 422
        too_long = client.get("/api/v1/things/" + "A" * 11)
        assert too_long.status_code == 422
        unknown_field = client.patch("/api/v1/things/ABC", json={"name": "x", "extra": 1})
        assert unknown_field.status_code == 422
        renamed = client.patch("/api/v1/things/ABC", json={"name": "New"})
        assert renamed.json() == {"key": "ABC", "name": "New"}
        assert made(routes) == {"get_thing", "rename_thing"}
        # Another method on a known path: 405 naming the allowed ones.
        refused = client.delete("/api/v1/others")
        assert refused.status_code == 405
        assert refused.headers["allow"] == "GET"
        assert client.get("/api/v1/nothing-here").status_code == 404


def test_a_request_body_is_built_with_its_route_not_with_its_class() -> None:
    """A Lambda cold start imports every request body; each is built by the first
    request of a route that takes it (also inside a union), and pydantic does not warn
    then (pytest turns its warning into an error)."""
    router = api_router("test")

    @router.put("/descriptions")
    async def describe(body: Described | None = None) -> Response:
        return json_response({"text": None if body is None else body.text})

    app = FastAPI()
    app.router.routes.extend(router.routes)
    assert not Described.__pydantic_complete__
    with TestClient(app) as client:
        described = client.put("/api/v1/descriptions", json={"text": "Hello"})
        assert described.json() == {"text": "Hello"}
        assert Described.__pydantic_complete__
        refused = client.put("/api/v1/descriptions", json={"text": "Hi", "more": 1})
        assert refused.status_code == 422
        assert client.put("/api/v1/descriptions").json() == {"text": None}


def test_the_openapi_document_makes_and_describes_every_route() -> None:
    app, routes = deferred_app()
    with TestClient(app) as client:
        document = client.get("/openapi.json").json()
    assert made(routes) == set(routes)
    assert set(document["paths"]) == {"/api/v1/things/{key}", "/api/v1/others"}
    thing = document["paths"]["/api/v1/things/{key}"]
    assert thing["get"]["operationId"] == "get_thing"
    assert [p["name"] for p in thing["get"]["parameters"]] == ["key", "limit"]
    assert thing["patch"]["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Renamed"
    }


def test_the_request_middleware_sees_the_route_template() -> None:
    """The metrics label a request with its route's path, read from the scope."""
    app, _ = deferred_app()
    seen: list[object] = []

    @app.middleware("http")
    async def remember(request, call_next):  # type: ignore[no-untyped-def]
        response = await call_next(request)
        seen.append(getattr(request.scope.get("route"), "path", None))
        return response

    with TestClient(app) as client:
        client.get("/api/v1/things/ABC")
    assert seen == ["/api/v1/things/{key}"]


def grouped_app() -> tuple[FastAPI, LoadedRoutes, list[int]]:
    """An app of one plain route and a group of two loaded on demand; how many times the
    group was loaded."""
    loads: list[int] = []

    def load() -> list[BaseRoute]:
        loads.append(1)
        router = api_router("reports")

        @router.get("/things/{key}/reports/size")
        async def size(key: ProjectKeyPath) -> Response:
            return json_response({"key": key, "size": 3})

        @router.post("/things/{key}/reports/refresh")
        async def refresh(key: ProjectKeyPath) -> Response:
            return json_response({"key": key})

        return list(router.routes)

    plain, _ = deferred_app()
    group = LoadedRoutes(r"/api/v1/things/[^/]+/reports/", load)
    app = FastAPI()
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    app.router.routes.extend([*plain.router.routes, group])
    return app, group, loads


def test_grouped_routes_load_with_the_first_request_for_them() -> None:
    app, group, loads = grouped_app()
    with TestClient(app) as client:
        assert client.get("/api/v1/things/ABC").status_code == 200
        assert client.get("/api/v1/things/ABC/elsewhere").status_code == 404
        assert not group.loaded
        answer = client.get("/api/v1/things/ABC/reports/size")
        assert answer.status_code == 200
        assert answer.json() == {"key": "ABC", "size": 3}
        assert group.loaded
        assert client.post("/api/v1/things/ABC/reports/refresh").json() == {"key": "ABC"}
        refused = client.get("/api/v1/things/ABC/reports/refresh")
        assert refused.status_code == 405
        assert refused.headers["allow"] == "POST"
        assert client.get("/api/v1/things/ABC/reports/unknown").status_code == 404
    assert loads == [1]
    assert app.url_path_for("size", key="XYZ") == "/api/v1/things/XYZ/reports/size"
    assert app.url_path_for("get_thing", key="XYZ") == "/api/v1/things/XYZ"
    with pytest.raises(NoMatchFound):
        app.url_path_for("nothing")


def test_the_openapi_document_loads_the_grouped_routes() -> None:
    app, group, _ = grouped_app()
    with TestClient(app) as client:
        paths = client.get("/openapi.json").json()["paths"]
    assert group.loaded
    assert set(paths) == {
        "/api/v1/things/{key}",
        "/api/v1/others",
        "/api/v1/things/{key}/reports/size",
        "/api/v1/things/{key}/reports/refresh",
    }


def test_a_grouped_route_outside_the_marker_is_refused_when_loaded() -> None:
    """It could never be reached; the OpenAPI document, which the tests fetch, loads it."""
    router = api_router("reports")

    @router.get("/things/{key}/size")
    async def size(key: ProjectKeyPath) -> Response:
        return json_response({"key": key})

    group = LoadedRoutes(r"/api/v1/things/[^/]+/reports/", lambda: list(router.routes))
    with pytest.raises(RuntimeError, match="outside"):
        _ = group.routes
    assert not group.loaded
