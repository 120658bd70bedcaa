"""Counts every DynamoDB request and the capacity it consumed, through botocore's events.

Served on `/metrics` as `taskdeck_dynamodb_requests_total{operation}` and
`taskdeck_dynamodb_capacity_units_total{operation}`; `make bench --backend dynamodb`
divides them by the API calls it made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from prometheus_client import Counter

if TYPE_CHECKING:
    from types_boto3_dynamodb.client import DynamoDBClient

REQUESTS = Counter("taskdeck_dynamodb_requests_total", "DynamoDB requests sent", ["operation"])
CAPACITY = Counter(
    "taskdeck_dynamodb_capacity_units_total",
    "DynamoDB capacity units consumed, as DynamoDB reports them",
    ["operation"],
)


def _ask_for_capacity(params: dict[str, Any], model: Any, **_: Any) -> None:
    """Ask every request that can report its consumed capacity to do so."""
    if "ReturnConsumedCapacity" in model.input_shape.members:
        params.setdefault("ReturnConsumedCapacity", "TOTAL")


def _count(parsed: dict[str, Any], model: Any, **_: Any) -> None:
    """Count one answered request and the capacity it reports."""
    REQUESTS.labels(model.name).inc()
    reported = parsed.get("ConsumedCapacity")
    entries = reported if isinstance(reported, list) else [reported] if reported else []
    units = sum(float(entry.get("CapacityUnits", 0)) for entry in entries)
    if units:
        CAPACITY.labels(model.name).inc(units)


def instrument(client: DynamoDBClient) -> DynamoDBClient:
    """The client, with its requests counted."""
    client.meta.events.register("before-parameter-build.dynamodb", _ask_for_capacity)
    client.meta.events.register("after-call.dynamodb", _count)
    return client
