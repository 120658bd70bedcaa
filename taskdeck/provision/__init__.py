"""`taskdeck aws-init`: create, idempotently, the AWS resources the configuration names.

Each resource has its own module; every one reports what it found, created or changed,
so that a second run says that nothing changed. boto3 is imported only when a resource
is named (the local backend never loads it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from taskdeck.config import Settings

if TYPE_CHECKING:
    from taskdeck.provision.clients import Clients


class ProvisionError(Exception):
    """A resource could not be created or checked; the message is one line for a human."""


@dataclass
class Report:
    """What a run did: one line per resource, then the settings the app needs."""

    lines: list[str] = field(default_factory=list)
    exports: list[str] = field(default_factory=list)

    def resource(self, kind: str, name: str, created: bool, changed: list[str]) -> None:
        """Record one resource: created, updated (which settings) or already there."""
        if created:
            state = "created"
        elif changed:
            state = "already there; updated " + ", ".join(changed)
        else:
            state = "already there, nothing changed"
        self.lines.append(f"{kind} {name}: {state}")

    def export(self, name: str, value: str) -> None:
        """A `NAME=value` line for the app's configuration."""
        self.exports.append(f"{name}={value}")

    @property
    def changed(self) -> bool:
        """Whether anything was created or updated."""
        return any(not line.endswith("nothing changed") for line in self.lines)


Step = Callable[["Clients", Settings, Report], None]


def _steps(settings: Settings) -> list[Step]:
    steps: list[Step] = []
    if settings.table:
        from taskdeck.provision.table import ensure_table

        steps.append(ensure_table)
    if settings.bucket:
        from taskdeck.provision.bucket import ensure_bucket

        steps.append(ensure_bucket)
    if settings.topic:
        from taskdeck.provision.topic import ensure_topic

        steps.append(ensure_topic)
    if settings.user_pool:
        from taskdeck.provision.user_pool import ensure_user_pool

        steps.append(ensure_user_pool)
    return steps


def provision(settings: Settings, report: Report) -> bool:
    """Create what `settings` names and fill `report`; False when nothing is named.

    Raises ProvisionError with a one-line message on any AWS or connection error.
    """
    steps = _steps(settings)
    if not steps:
        return False
    from taskdeck.provision.clients import Clients, explain

    clients = Clients()
    for step in steps:
        try:
            step(clients, settings, report)
        except Exception as error:
            message = explain(error)
            if message is None:
                raise
            raise ProvisionError(message) from error
    return True
