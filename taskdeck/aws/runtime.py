"""What the Lambda entry points share: the container built once per Lambda container, one
event loop for every invocation, and the Powertools logger and metrics.

One loop for the life of the process, not `asyncio.run` per invocation: the services
keep asyncio objects (the webhook transport's connection pool, the store's futures) that
belong to the loop they were first used on, and a warm container reuses them.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from taskdeck.aws.loading import uncollected

if TYPE_CHECKING:
    from aws_lambda_powertools import Logger, Metrics

    from taskdeck.bootstrap import Container
    from taskdeck.config import Settings

T = TypeVar("T")
Event = dict[str, Any]
_loop: asyncio.AbstractEventLoop | None = None


def event_loop() -> asyncio.AbstractEventLoop:
    """The process's event loop, made current so Mangum (which asks asyncio for the
    current loop) runs the app on it too."""
    global _loop
    if _loop is None or _loop.is_closed():
        _loop = asyncio.new_event_loop()
    asyncio.set_event_loop(_loop)
    return _loop


def run(work: Coroutine[Any, Any, T]) -> T:
    """Run `work` to completion on the process's loop."""
    return event_loop().run_until_complete(work)


def container(settings: Settings | None = None) -> Container:
    """The services over `settings` (the environment's by default), with background work
    off: on Lambda nothing runs between invocations, so nothing is started in the
    background; the scheduled handlers run one pass each instead."""
    from taskdeck.bootstrap import bootstrap
    from taskdeck.config import Settings

    given = settings or Settings()
    return bootstrap(given.model_copy(update={"background": "process"}))


def logger(service: str) -> Logger:
    """A Powertools JSON logger for `service`, whose format Taskdeck's own loggers share."""
    from aws_lambda_powertools import Logger
    from aws_lambda_powertools.logging.utils import copy_config_to_registered_loggers

    found = Logger(service=service)
    # Registered first, so the copy reaches it; its children (`taskdeck.reminders`, ...)
    # propagate to it.
    logging.getLogger("taskdeck")
    copy_config_to_registered_loggers(source_logger=found, include={"taskdeck"})
    return found


def metrics(service: str, namespace: str) -> Metrics:
    """Powertools metrics (CloudWatch embedded metric format on stdout) for `service`, in
    `namespace` (`TASKDECK_METRICS_NAMESPACE`, "Taskdeck" by default)."""
    from aws_lambda_powertools import Metrics

    return Metrics(namespace=namespace, service=service)


def publish(found: Metrics, counts: Mapping[str, int | float]) -> None:
    """Emit `counts` as one EMF document (zeros too: alarms and rates need them)."""
    from aws_lambda_powertools.metrics import MetricUnit

    for name, value in counts.items():
        found.add_metric(name=name, unit=MetricUnit.Count, value=value)
    found.flush_metrics()


class Entry:
    """A built entry point: called as Lambda calls a handler; `close` releases what it
    holds (Lambda never needs to: it discards the process; tests do)."""

    def __init__(self, handle: Callable[[Event, Any], Event], close: Callable[[], None]) -> None:
        self._handle, self._close = handle, close

    def __call__(self, event: Event, context: Any) -> Event:
        """Handle one invocation."""
        return self._handle(event, context)

    def close(self) -> None:
        """Release the container."""
        self._close()


def parts(service: str, settings: Settings | None) -> tuple[Logger, Container, Metrics]:
    """What every entry point of `service` is built from: its logger, the container over
    `settings` (the environment's by default) and its metrics."""
    log = logger(service)
    built = container(settings)
    return log, built, metrics(service, built.settings.metrics_namespace)


Pass = Callable[["Container"], Coroutine[Any, Any, Mapping[str, int]]]
"""One pass of a scheduled handler over the container: the counts it publishes."""


def scheduled(service: str, settings: Settings | None, one_pass: Pass) -> Entry:
    """An entry point that runs `one_pass` once per invocation (the payload is not read),
    publishes its counts as metrics, logs them, and answers them."""
    log, built, found = parts(service, settings)

    @log.inject_lambda_context(clear_state=True)
    def handle(event: Event, context: Any) -> Event:
        counts = dict(run(one_pass(built)))
        publish(found, counts)
        log.info(f"{service} pass done", extra=counts)
        return counts

    return Entry(handle, built.close)


def lazily(build: Callable[[], Entry]) -> Callable[[Event, Any], Event]:
    """The Lambda handler of an entry point: built at its first invocation (Lambda's
    init phase imports the module; the first request builds the container), kept for
    every invocation after."""
    built: list[Entry] = []

    def handler(event: Event, context: Any) -> Event:
        if not built:
            with uncollected():
                built.append(build())
        return built[0](event, context)

    return handler
