"""Health, for load balancers (Prometheus metrics: `taskdeck.api.prometheus`)."""

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
