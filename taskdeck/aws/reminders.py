"""The scheduled reminder pass: deadline reminders ("due soon", "overdue"), once per
invocation, as one iteration of the local scheduler's loop.

An EventBridge schedule (a rate, e.g. every 5 minutes) invokes it; the payload is not
read. The pass records each reminder as an outbox event, exactly once even when two
invocations overlap (`services/reminders.py`); the stream processor then delivers it.

Metrics (EMF): `RemindersRecorded`, `DueMarkersRead`, `DueMarkersDropped`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from taskdeck.aws import runtime

if TYPE_CHECKING:
    from taskdeck.bootstrap import Container
    from taskdeck.config import Settings

SERVICE: Final = "reminders"


async def reminder_pass(container: Container) -> dict[str, int]:
    """One pass of the deadline reminders, as counts."""
    done = await container.reminders.run_once()
    return {
        "RemindersRecorded": done.reminded,
        "DueMarkersRead": done.markers_read,
        "DueMarkersDropped": done.dropped,
    }


def build(settings: Settings | None = None) -> runtime.Entry:
    """The Lambda handler over a container built from `settings` (the environment's by
    default)."""
    return runtime.scheduled(SERVICE, settings, reminder_pass)


handler = runtime.lazily(build)
"""The Lambda entry point: one reminder pass."""
