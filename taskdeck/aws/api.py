"""The HTTP API on Lambda: the same FastAPI app as `taskdeck serve`, through Mangum.

The app is built once per Lambda container, at the first invocation, and its lifespan
is entered then, once: Mangum 0.22 runs the lifespan around *every* invocation when asked
to (`lifespan="auto"`), and this app's shutdown closes the store, so the second request
would find it closed. Startup still checks the table once per container; there is no
shutdown (Lambda freezes and discards the process).

Each request emits CloudWatch EMF metrics, dimensioned by the route's template
(`GET /api/v1/issues/{key}`, never the raw path, so the number of series stays bounded):
`Requests`, `Latency` (ms), `Errors5xx`, `Errors4xx`.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import TYPE_CHECKING, Any, Final

from taskdeck.aws.loading import uncollected

with uncollected():  # everything the handler loads, with the collector paused
    import asyncio

    from mangum import Mangum
    from mangum.protocols import LifespanCycle

    from taskdeck.api.app import create_app
    from taskdeck.aws import runtime

if TYPE_CHECKING:
    from aws_lambda_powertools import Metrics

    from taskdeck.config import Settings

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

SERVICE: Final = "api"
UNMATCHED: Final = "unmatched"


class RouteMetrics:
    """ASGI wrapper: after each request, its metrics under its route template."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the request, then record it (a request that raised counts as a 500)."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def recording_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, recording_send)
        finally:
            self.record(scope, status, (time.perf_counter() - started) * 1000)

    def record(self, scope: Scope, status: int, milliseconds: float) -> None:
        """One EMF document for one request."""
        from aws_lambda_powertools.metrics import MetricUnit

        # Starlette puts the matched route in the scope; its path is the template.
        template = getattr(scope.get("route"), "path", None) or UNMATCHED
        self.metrics.add_dimension(name="route", value=f"{scope['method']} {template}")
        self.metrics.add_metric(name="Requests", unit=MetricUnit.Count, value=1)
        self.metrics.add_metric(name="Latency", unit=MetricUnit.Milliseconds, value=milliseconds)
        self.metrics.add_metric(name="Errors5xx", unit=MetricUnit.Count, value=int(status >= 500))
        self.metrics.add_metric(
            name="Errors4xx", unit=MetricUnit.Count, value=int(400 <= status < 500)
        )
        self.metrics.add_metadata(key="status", value=status)
        self.metrics.flush_metrics()


def build(settings: Settings | None = None) -> runtime.Entry:
    """The Lambda handler over a container built from `settings` (the environment's by
    default), its app started."""
    log, container, metrics = runtime.parts(SERVICE, settings)
    app = RouteMetrics(create_app(container), metrics)
    loop = runtime.event_loop()  # LifespanCycle and Mangum run on the current loop
    # Started once, and kept referenced: were the cycle collected, its pending task
    # would be closed, and the app's shutdown would close the store.
    lifespan = LifespanCycle(app, "on")
    lifespan.__enter__()
    adapter = Mangum(app, lifespan="off")

    @log.inject_lambda_context(clear_state=True)
    def handle(event: dict[str, Any], context: Any) -> dict[str, Any]:
        runtime.event_loop()
        return adapter(event, context)

    def close() -> None:
        asyncio.set_event_loop(loop)
        lifespan.__exit__(None, None, None)

    return runtime.Entry(handle, close)


handler = runtime.lazily(build)
"""The Lambda entry point: the app answers one HTTP API (v2) request."""
