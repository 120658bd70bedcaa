"""One boto3 client per AWS service and process, built on first use.

boto3 clients are thread-safe once built, but building one is not (its session loads
data files), and each costs a few milliseconds and a connection pool: every adapter
of a service shares one. Each is built from boto3's standard configuration
(`AWS_ENDPOINT_URL`, `AWS_REGION`, credentials) with the adapter's retry settings.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import boto3
from botocore.config import Config

_LOCK = threading.Lock()
_CLIENTS: dict[str, Any] = {}


def shared_client(service: str, config: Config, prepare: Callable[[Any], Any] | None = None) -> Any:
    """The process's client of `service` (`prepare` runs once, on the new client)."""
    with _LOCK:
        client = _CLIENTS.get(service)
        if client is None:
            client = boto3.session.Session().client(service, config=config)  # type: ignore[call-overload]
            if prepare is not None:
                client = prepare(client)
            _CLIENTS[service] = client
        return client
