"""The FastAPI application, built from a container (no I/O at import)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.routing import APIRoute

from taskdeck import __version__
from taskdeck.api import errors
from taskdeck.api.middleware import RequestMiddleware
from taskdeck.api.routers import auth, issues, operations, projects
from taskdeck.bootstrap import Container, bootstrap
from taskdeck.logs import configure

API_PREFIX = "/api/v1"


def _operation_id(route: APIRoute) -> str:
    """Stable operation ids (the function names), so generated clients read well."""
    return route.name


def create_app(container: Container) -> FastAPI:
    """The API over the services of `container`."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        container.projects.start_purges()
        yield
        container.close()

    app = FastAPI(
        title="Taskdeck",
        version=__version__,
        description="Project management and issue tracking.",
        openapi_url="/api/openapi.json",
        docs_url="/api/docs",
        redoc_url=None,
        generate_unique_id_function=_operation_id,
        lifespan=lifespan,
    )
    app.state.container = container
    errors.install(app)
    for router in (operations.router, auth.router, projects.router, issues.router):
        app.include_router(router, prefix=API_PREFIX)
    app.include_router(operations.metrics_router)
    app.add_middleware(
        RequestMiddleware,
        max_body_bytes=container.settings.max_json_bytes,
        log_requests=container.settings.access_log,
    )
    return app


def app_factory() -> FastAPI:
    """The app as `taskdeck serve` runs it: configured from the environment."""
    container = bootstrap()
    configure(container.settings.log_level)
    return create_app(container)
