"""Health and metrics, for load balancers and Prometheus."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, Metric
from prometheus_client.registry import Collector
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


class WebhookOutcomes(Collector):
    """The webhook deliverer's tally of its attempts, as the Lambda functions publish it
    to CloudWatch (`WebhooksSent`, `WebhookFailures`, `WebhooksGivenUp`)."""

    OUTCOMES = ("delivered", "failed", "given_up")

    def __init__(self, outcomes: Mapping[str, int]) -> None:
        self._outcomes = outcomes

    def collect(self) -> Iterator[Metric]:
        """One counter, by outcome."""
        family = CounterMetricFamily(
            "taskdeck_webhook_attempts",
            "Webhook delivery attempts this process made, by outcome (given_up: the failed "
            "attempts that were a delivery's last)",
            labels=["outcome"],
        )
        for outcome in self.OUTCOMES:
            family.add_metric([outcome], self._outcomes.get(outcome, 0))
        yield family


@metrics_router.get("/metrics", include_in_schema=False)
async def metrics(services: Services) -> Response:
    """Prometheus metrics of this process."""
    webhooks = CollectorRegistry(auto_describe=False)
    webhooks.register(WebhookOutcomes(services.webhook_deliverer.outcomes))
    body = generate_latest() + generate_latest(webhooks)
    return Response(body, media_type=CONTENT_TYPE_LATEST)
