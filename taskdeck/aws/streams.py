"""The DynamoDB stream processor: every outbox event the table records is fanned out, as
the dispatcher of `taskdeck serve` does locally (inbox, email queue, webhook deliveries).

- **Which records.** INSERTs of outbox items (`pk` `OUTBOX#<day>`); everything else the
  table writes is skipped (the event source mapping's filter should drop those before
  they cost an invocation).
- **One bad record does not block the rest.** Records go through Powertools'
  `BatchProcessor`; a record whose image is not an event, or whose delivery fails, is
  reported in `batchItemFailures` and the others are delivered. Lambda then retries from
  the first failed record, so some are delivered twice: the fan-out is idempotent by
  event id, so a repeat writes nothing new.
- **Sent at once.** After the batch, the webhook deliveries and emails that are due are
  sent (locally the fan-out wakes the deliverer; here nothing runs in between). Emails
  still batched for a while, and retries, go out from the scheduled `queues` handler.

Metrics (EMF): `EventsDelivered`, `RecordsFailed`, `RecordsSkipped`, and those of the
sending (`queues.send_due`): `WebhooksSent`, `WebhookFailures`, `WebhooksGivenUp`,
`EmailsSent`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from aws_lambda_powertools.utilities.batch import (
    BatchProcessor,
    EventType,
    process_partial_response,
)

from taskdeck.aws import runtime
from taskdeck.aws.queues import send_due

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import (
        DynamoDBRecord,
    )

    from taskdeck.bootstrap import Container
    from taskdeck.config import Settings
    from taskdeck.ports import Item

SERVICE: Final = "streams"
OUTBOX_PREFIX: Final = "OUTBOX#"
EVENT_FIELDS: Final = ("id", "kind", "project_id", "actor", "at", "data")


class NotAnEvent(ValueError):
    """An outbox record whose image does not hold an event."""


def outbox_event(record: DynamoDBRecord) -> Item | None:
    """The event an INSERT of an outbox item carries, as the store reads items; None for
    any other record."""
    from taskdeck.adapters.storage.dynamodb_items import from_attributes

    change = record.raw_event.get("dynamodb") or {}
    key = (change.get("Keys") or {}).get("pk") or {}
    if record.raw_event.get("eventName") != "INSERT" or not str(key.get("S", "")).startswith(
        OUTBOX_PREFIX
    ):
        return None
    image = change.get("NewImage")
    if not isinstance(image, dict):
        raise NotAnEvent(f"record {record.event_id}: no NewImage (stream view type?)")
    try:
        event = from_attributes(image)
    except (TypeError, ValueError, AttributeError) as error:
        raise NotAnEvent(f"record {record.event_id}: unreadable image: {error}") from error
    missing = [name for name in EVENT_FIELDS if name not in event]
    if missing or not isinstance(event["data"], dict):
        raise NotAnEvent(f"record {record.event_id}: not an event (missing {missing})")
    return event


def build(settings: Settings | None = None) -> runtime.Entry:
    """The Lambda handler over a container built from `settings` (the environment's by
    default)."""
    log, container, metrics = runtime.parts(SERVICE, settings)

    @log.inject_lambda_context(clear_state=True)
    def handle(event: dict[str, Any], context: Any) -> dict[str, Any]:
        counts = {"EventsDelivered": 0, "RecordsSkipped": 0}

        def deliver(record: DynamoDBRecord) -> None:
            found = outbox_event(record)
            if found is None:
                counts["RecordsSkipped"] += 1
                return
            runtime.run(container.fanout.deliver(found))
            counts["EventsDelivered"] += 1
            log.info("delivered", extra={"event_id": found["id"], "kind": found["kind"]})

        processor = BatchProcessor(event_type=EventType.DynamoDBStreams)
        try:
            result = process_partial_response(
                event=event, record_handler=deliver, processor=processor, context=context
            )
        finally:
            counts["RecordsFailed"] = len(processor.fail_messages)
            sent = _send_due(container, log) if counts["EventsDelivered"] else {}
            runtime.publish(metrics, {**counts, **sent})
        return dict(result)

    return runtime.Entry(handle, container.close)


def _send_due(container: Container, log: Any) -> dict[str, int]:
    """Send what the batch made due; a failure here loses nothing (the deliveries are in
    the store, and the scheduled handler sends them), so it fails no record."""
    try:
        return runtime.run(send_due(container))
    except Exception:
        log.exception("sending due webhooks and emails failed; the scheduled pass will")
        return {}


handler = runtime.lazily(build)
"""The Lambda entry point: one batch of the table's stream."""
