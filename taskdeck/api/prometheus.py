"""Prometheus metrics of a `taskdeck serve` process: the requests the API answered and
the webhook deliverer's attempts, served on `/metrics` with the client's default
collectors and the DynamoDB counters (`adapters.storage.dynamodb_metrics`, which count
only once `counting` has started them).

Loaded only by the server: on Lambda each container would keep counts nobody scrapes, so
the API's handler records its requests as CloudWatch metrics instead (`taskdeck.aws.api`)
and its cold start does not pay for `prometheus_client`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import CounterMetricFamily, Metric
from prometheus_client.registry import Collector
from starlette.responses import Response

from taskdeck.adapters.storage.dynamodb_metrics import start_counting
from taskdeck.api.deps import Services, api_router

REQUESTS = Counter(
    "taskdeck_http_requests_total", "HTTP requests answered", ["method", "route", "status"]
)
LATENCY = Histogram(
    "taskdeck_http_request_duration_seconds",
    "Time to answer an HTTP request",
    ["method", "route"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)

router = api_router("operations", prefix="")


class RequestCounts:
    """The middleware's `RequestRecorder` for Prometheus: a count by method, route and
    status, and a latency histogram by method and route."""

    def __init__(self) -> None:
        # Label lookups take a lock and build tuples; the children are kept here instead.
        self._counters: dict[tuple[str, str, int], Counter] = {}
        self._timers: dict[tuple[str, str], Histogram] = {}

    def __call__(self, method: str, route: str, status: int, seconds: float) -> None:
        """Count one answered request."""
        counter = self._counters.get((method, route, status))
        if counter is None:
            counter = REQUESTS.labels(method, route, str(status))
            self._counters[(method, route, status)] = counter
        counter.inc()
        timer = self._timers.get((method, route))
        if timer is None:
            timer = self._timers[(method, route)] = LATENCY.labels(method, route)
        timer.observe(seconds)


def counting() -> RequestCounts:
    """The recorder of this process's API requests, with its DynamoDB requests counted
    from now on too."""
    start_counting()
    return RequestCounts()


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


@router.get("/metrics", include_in_schema=False)
async def metrics(services: Services) -> Response:
    """Prometheus metrics of this process."""
    webhooks = CollectorRegistry(auto_describe=False)
    webhooks.register(WebhookOutcomes(services.webhook_deliverer.outcomes))
    body = generate_latest() + generate_latest(webhooks)
    return Response(body, media_type=CONTENT_TYPE_LATEST)
