"""The DynamoDB side of the bench: a moto server, a table, and requests per API call.

Taskdeck counts every DynamoDB request and the capacity it consumed on `/metrics`
(`taskdeck_dynamodb_*_total`); reading them before and after a wrk run and dividing by
the requests wrk made gives what one API call costs in DynamoDB requests.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import servers

TABLE = "taskdeck-bench"
_FAMILIES = ("taskdeck_dynamodb_requests_total", "taskdeck_dynamodb_capacity_units_total")
Counts = dict[tuple[str, str], float]


@contextlib.contextmanager
def moto_backed(work_dir: Path) -> Iterator[None]:
    """A moto server with Taskdeck's table, and the environment that points Taskdeck at it."""
    port = servers.free_port()
    command = [sys.executable, "-m", "moto.server", "-H", servers.HOST, "-p", str(port)]
    with servers.running("moto", command, port=port, ready_path="/", log=work_dir / "moto.log"):
        environment = {
            "AWS_ENDPOINT_URL": f"http://{servers.HOST}:{port}",
            "AWS_ACCESS_KEY_ID": "bench",
            "AWS_SECRET_ACCESS_KEY": "bench",
            "AWS_REGION": "us-east-1",
            "AWS_DEFAULT_REGION": "us-east-1",
            "TASKDECK_STORAGE": "dynamodb",
            "TASKDECK_TABLE": TABLE,
        }
        saved = {name: os.environ.get(name) for name in environment}
        os.environ.update(environment)
        try:
            _create_table()
            yield
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def _create_table() -> None:
    from taskdeck.adapters.storage.dynamodb_client import default_client
    from taskdeck.adapters.storage.dynamodb_schema import create_table

    create_table(default_client(), TABLE)


def read_counts(url: str) -> Counts:
    """Taskdeck's DynamoDB counters: (family, operation) -> total so far."""
    counts: Counts = {}
    for line in httpx.get(f"{url}/metrics", timeout=10).text.splitlines():
        family, _, rest = line.partition("{")
        if family in _FAMILIES:
            labels, _, value = rest.partition("} ")
            operation = labels.removeprefix('operation="').removesuffix('"')
            counts[(family, operation)] = float(value)
    return counts


Call = tuple[str, str, dict[str, object] | None]
"""One API call: method, path and JSON body."""


def measure_calls(url: str, token: str, calls: list[Call]) -> dict[str, dict[str, float]]:
    """Make `calls` one after another and return the DynamoDB work per call.

    Sequential on purpose: under wrk's load, requests still in flight when the counters
    are read would be charged to the wrong run.
    """
    headers = {"Authorization": f"Bearer {token}"}
    before = read_counts(url)
    with httpx.Client(base_url=url, headers=headers, timeout=60) as client:
        for method, path, body in calls:
            client.request(method, path, json=body).raise_for_status()
    return per_call(before, read_counts(url), len(calls))


def per_call(before: Counts, after: Counts, calls: int) -> dict[str, dict[str, float]]:
    """Requests and capacity units per API call, by DynamoDB operation."""
    result: dict[str, dict[str, float]] = {"requests": {}, "capacity_units": {}}
    for (family, operation), total in after.items():
        spent = total - before.get((family, operation), 0.0)
        if spent and calls:
            kind = "requests" if family == _FAMILIES[0] else "capacity_units"
            result[kind][operation] = round(spent / calls, 3)
    return result
