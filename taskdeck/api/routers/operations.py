"""Health and metrics, for load balancers and Prometheus."""

from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.responses import Response

from taskdeck.api.deps import (
    Services,
    api_router,
    json_response,
)
from taskdeck.api.errors import problem
from taskdeck.api.schemas import Health

router = api_router("operations")


@router.get("/health", response_model=Health, responses={503: {"description": "Store down"}})
async def health(services: Services) -> Response:
    """Whether the service and its store can answer (no sign-in needed)."""
    try:
        await services.table.ping()
    except Exception:  # any failure of the store means unhealthy, whatever its kind
        return problem(503, "the store is not available")
    return json_response({"status": "ok", "store": "ok"})


metrics_router = api_router("operations", prefix="")


@metrics_router.get("/metrics", include_in_schema=False)
async def metrics() -> Response:
    """Prometheus metrics of this process."""
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
