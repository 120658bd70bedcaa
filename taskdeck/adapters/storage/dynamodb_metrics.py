"""Counts every DynamoDB request and the capacity it consumed, through botocore's events.

Served on `/metrics` as `taskdeck_dynamodb_requests_total{operation}` and
`taskdeck_dynamodb_capacity_units_total{operation}`; `make bench --backend dynamodb`
divides them by the API calls it made. Counted only in a process that serves `/metrics`
(`start_counting`, called by `taskdeck.api.prometheus`): on Lambda nothing reads them,
so there the hooks do nothing, no request asks for its consumed capacity, and
`prometheus_client` is never imported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from types_boto3_dynamodb.client import DynamoDBClient


class _Counters(NamedTuple):
    requests: Any
    capacity: Any


_counting: _Counters | None = None


def start_counting() -> None:
    """Count from now on (the counters are made once per process)."""
    global _counting
    if _counting is None:
        from prometheus_client import Counter

        _counting = _Counters(
            requests=Counter(
                "taskdeck_dynamodb_requests_total", "DynamoDB requests sent", ["operation"]
            ),
            capacity=Counter(
                "taskdeck_dynamodb_capacity_units_total",
                "DynamoDB capacity units consumed, as DynamoDB reports them",
                ["operation"],
            ),
        )


def _ask_for_capacity(params: dict[str, Any], model: Any, **_: Any) -> None:
    """Ask every request that can report its consumed capacity to do so."""
    if _counting is not None and "ReturnConsumedCapacity" in model.input_shape.members:
        params.setdefault("ReturnConsumedCapacity", "TOTAL")


def _count(parsed: dict[str, Any], model: Any, **_: Any) -> None:
    """Count one answered request and the capacity it reports."""
    counting = _counting
    if counting is None:
        return
    counting.requests.labels(model.name).inc()
    reported = parsed.get("ConsumedCapacity")
    entries = reported if isinstance(reported, list) else [reported] if reported else []
    units = sum(float(entry.get("CapacityUnits", 0)) for entry in entries)
    if units:
        counting.capacity.labels(model.name).inc(units)


def instrument(client: DynamoDBClient) -> DynamoDBClient:
    """The client, with its requests counted once `start_counting` was called."""
    client.meta.events.register("before-parameter-build.dynamodb", _ask_for_capacity)
    client.meta.events.register("after-call.dynamodb", _count)
    return client
