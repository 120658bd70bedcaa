"""The FastAPI application, built from a container (no I/O at import)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, Final

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic.json_schema import models_json_schema
from starlette.routing import BaseRoute

from taskdeck import __version__
from taskdeck.api import errors
from taskdeck.api.deps import DeferredRoute, DocumentedRoute, LoadedRoutes
from taskdeck.api.middleware import RequestMiddleware, RequestRecorder
from taskdeck.api.routers import (
    auth,
    issues,
    live,
    notifications,
    operations,
    planning,
    projects,
    sprints,
    web_session,
    webhooks,
    work,
)
from taskdeck.api.routers.attachments import UPLOAD_PATH
from taskdeck.api.routers.attachments import router as attachments_router
from taskdeck.api.routers.comments import router as comments_router
from taskdeck.api.schemas import Problem
from taskdeck.api.server_exit import on_server_exit
from taskdeck.api.web_app import web_app_routes
from taskdeck.background import background_work, freeze_heap, thaw_heap
from taskdeck.bootstrap import Container, bootstrap
from taskdeck.logs import configure
from taskdeck.memory import cap_malloc_arenas
from taskdeck.ports import StoreUnavailable

REPORTS: Final = r"/api/v1/projects/[^/]+/reports/"
"""What every report's path has, and no other API route's."""


def _report_routes() -> list[BaseRoute]:
    from taskdeck.api.routers import report_flow, report_forecast, report_time, reports

    return [
        *reports.router.routes,
        *report_flow.router.routes,
        *report_time.router.routes,
        *report_forecast.router.routes,
    ]


def _openapi(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI document, with every route made (`deps.DeferredRoute`) and given its
    response model (`deps.DocumentedRoute`), and the `Problem` schema that every error
    response refers to (`deps.ERRORS`), built once when the document is first asked for."""
    if app.openapi_schema is None:
        every = [r for g in app.routes for r in (g.routes if isinstance(g, LoadedRoutes) else [g])]
        routes = [r.made if isinstance(r, DeferredRoute) else r for r in every]
        for route in routes:
            if isinstance(route, DocumentedRoute):
                route.document()
        document = get_openapi(
            title=app.title,
            version=app.version,
            description=app.description,
            routes=routes,
        )
        _, problem = models_json_schema(
            [(Problem, "serialization")], ref_template="#/components/schemas/{model}"
        )
        document.setdefault("components", {}).setdefault("schemas", {}).update(problem["$defs"])
        app.openapi_schema = document
    return app.openapi_schema


def create_app(container: Container, *, record: RequestRecorder | None = None) -> FastAPI:
    """The API over the services of `container`, telling `record` of every answer; by
    default Prometheus counters, served on `/metrics`."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # A missing DynamoDB table stops the start with its name and the cure, rather
        # than failing every request with 503.
        try:
            await container.table.ping()
        except StoreUnavailable as error:
            raise RuntimeError(f"taskdeck cannot start: {error}") from None
        try:
            async with contextlib.AsyncExitStack() as stack:
                if container.settings.background == "inline":
                    await stack.enter_async_context(background_work(container))
                freeze_heap(container.settings)
                with on_server_exit(container.live.end_streams):
                    yield
                await container.live.stop()
        finally:
            container.close()
            # Hand what was frozen back to the collector: an app started again in the same
            # process (as the tests do) would otherwise keep every cycle of this one (the
            # DynamoDB half of test_permissions grew to 5.8 GB before this).
            thaw_heap()

    app = FastAPI(
        title="Taskdeck",
        version=__version__,
        description="Project management and issue tracking.",
        openapi_url="/api/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
        lifespan=lifespan,
        # Taskdeck's metrics are Prometheus's (`/metrics`) or CloudWatch's (EMF), and it
        # sets up no OpenTelemetry provider; FastAPI's bridge to one still asked, on every
        # request, whether a provider had appeared (about 3% of a POST's throughput).
        telemetry={"tracing": False, "metrics": False, "logs": False},
    )
    app.state.container = container
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    errors.install(app)
    # Routes are added to the app itself rather than through include_router, whose
    # nested matching cost a fifth of a point read's time (measured with cProfile).
    # Starlette tries routes in order, about 1.5 µs each, so the busiest come first.
    for router in (
        issues.router,
        planning.router,
        comments_router,
        notifications.router,
        attachments_router,
        projects.router,
        sprints.router,
    ):
        app.router.routes.extend(router.routes)
    # The reports' code loads with the first report asked for (`LoadedRoutes`).
    app.router.routes.append(LoadedRoutes(REPORTS, _report_routes))
    for router in (
        work.router,
        webhooks.router,
        live.router,
        auth.router,
        web_session.router,
        operations.router,
    ):
        app.router.routes.extend(router.routes)
    if record is None:
        # Imported here: the Lambda handler passes its own recorder and never loads it.
        from taskdeck.api import prometheus

        app.router.routes.extend(prometheus.router.routes)
        record = prometheus.counting()
    # Last: the web app's catch-all must never shadow an API route.
    app.router.routes.extend(web_app_routes(container.settings.web_dir))
    app.add_middleware(
        RequestMiddleware,
        record=record,
        max_body_bytes=container.settings.max_json_bytes,
        upload_path=UPLOAD_PATH,
        max_upload_bytes=container.attachments.max_bytes,
        log_requests=container.settings.access_log
        and container.settings.log_level in ("debug", "info"),
    )
    return app


def app_factory() -> FastAPI:
    """The app as `taskdeck serve` runs it: configured from the environment."""
    # Before bootstrap starts the store's threads: the cap covers arenas made after it.
    cap_malloc_arenas()
    container = bootstrap()
    configure(container.settings.log_level)
    return create_app(container)
