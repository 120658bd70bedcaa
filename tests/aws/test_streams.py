"""The stream processor, fed what moto's DynamoDB stream recorded of changes made through
the API: changes become inbox entries, SNS messages (read from an SQS queue subscribed to
the topic) and signed webhook calls; a batch delivered again changes nothing; a poisoned
record is reported as a batch item failure while the others are delivered.

Set TASKDECK_CAPTURE_EVENTS=1 to rewrite tests/events/dynamodb_stream_outbox.json from
a fresh capture."""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from taskdeck.api.app import create_app
from taskdeck.aws import streams
from taskdeck.bootstrap import bootstrap
from taskdeck.config import Settings
from tests.aws.lambda_events import EVENTS, LambdaContext, StreamTap, emf_documents, load
from tests.conftest import Api
from tests.webhook_receiver import Receiver, webhook_receiver

SAMPLE = EVENTS / "dynamodb_stream_outbox.json"


@dataclass
class Changes:
    """People, a project with a webhook, an issue assigned to Bob: and what the stream
    recorded of it."""

    api: Api
    ada: dict[str, Any]
    bob: dict[str, Any]
    batch: dict[str, Any]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    """A webhook receiver on 127.0.0.1."""
    with webhook_receiver() as started:
        yield started


@pytest.fixture
def changes(aws_settings: Settings, receiver: Receiver) -> Iterator[Changes]:
    """The changes, made through the local app with no dispatcher of its own."""
    tap = StreamTap(aws_settings.table or "")
    local = aws_settings.model_copy(update={"background": "process"})
    with TestClient(create_app(bootstrap(local))) as client:
        api = Api(client)
        ada, bob = api.user("ada"), api.user("bob")
        api.project(ada, "WEB")
        api.member(ada, "WEB", bob)
        hook = client.post(
            "/api/v1/projects/WEB/webhooks",
            json={"url": receiver.url, "secret": receiver.secret, "events": ["issue.created"]},
            headers=ada["headers"],
        )
        assert hook.status_code == 201, hook.text
        api.issue(ada, title="Checkout fails", assignee=bob["id"])
        yield Changes(api, ada, bob, tap.batch())


def outbox_records(batch: dict[str, Any]) -> list[dict[str, Any]]:
    """The INSERTs of outbox events in a batch."""
    return [
        r
        for r in batch["Records"]
        if r["eventName"] == "INSERT" and r["dynamodb"]["Keys"]["pk"]["S"].startswith("OUTBOX#")
    ]


def inbox(changes: Changes, who: dict[str, Any]) -> list[dict[str, Any]]:
    """Someone's notifications, as the API lists them."""
    listed = changes.api.client.get("/api/v1/me/notifications", headers=who["headers"])
    items: list[dict[str, Any]] = listed.json()["items"]
    return items


def test_changes_reach_the_inbox_sns_and_webhooks_once(
    aws_settings: Settings,
    changes: Changes,
    receiver: Receiver,
    topic_queue: Callable[[int], list[dict[str, Any]]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    records = outbox_records(changes.batch)
    kinds = [r["dynamodb"]["NewImage"]["kind"]["S"] for r in records]
    assert "issue.created" in kinds
    assert {r["eventSource"] for r in changes.batch["Records"]} == {"aws:dynamodb"}
    if os.environ.get("TASKDECK_CAPTURE_EVENTS"):
        SAMPLE.write_text(json.dumps({"Records": records}, indent=2) + "\n")

    with closing(streams.build(aws_settings)) as handler:
        assert handler(changes.batch, LambdaContext()) == {"batchItemFailures": []}
        [note] = inbox(changes, changes.bob)
        assert (note["kind"], note["issue"]) == ("assigned", "WEB-1")
        [envelope] = topic_queue(1)
        assert envelope["MessageAttributes"]["user"]["Value"] == changes.bob["id"]
        assert "WEB-1" in envelope["Subject"]
        [call] = receiver.received
        assert call.signed
        assert call.headers["X-Taskdeck-Event"] == "issue.created"
        assert call.body["data"]["key"] == "WEB-1"

        # Lambda delivers a batch again after a failure: nothing new reaches anyone.
        assert handler(changes.batch, LambdaContext()) == {"batchItemFailures": []}
    assert len(inbox(changes, changes.bob)) == 1
    assert len(receiver.received) == 1

    first, again = (d for d in emf_documents(capsys.readouterr().out) if d["service"] == "streams")
    assert first["EventsDelivered"] == [len(records)]
    assert first["RecordsSkipped"] == [len(changes.batch["Records"]) - len(records)]
    assert (first["RecordsFailed"], first["WebhooksSent"], first["EmailsSent"]) == ([0], [1], [1])
    assert (first["WebhookFailures"], first["WebhooksGivenUp"]) == ([0], [0])
    assert (again["WebhooksSent"], again["RecordsFailed"]) == ([0], [0])


def test_a_failing_webhook_is_counted(
    aws_settings: Settings,
    changes: Changes,
    receiver: Receiver,
    capsys: pytest.CaptureFixture[str],
) -> None:
    receiver.default = 500
    with closing(streams.build(aws_settings)) as handler:
        assert handler(changes.batch, LambdaContext()) == {"batchItemFailures": []}
    assert len(receiver.received) == 1
    [document] = (d for d in emf_documents(capsys.readouterr().out) if d["service"] == "streams")
    assert (document["WebhooksSent"], document["WebhookFailures"]) == ([1], [1])
    assert document["WebhooksGivenUp"] == [0]


def test_a_poisoned_record_fails_alone(
    aws_settings: Settings, changes: Changes, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = copy.deepcopy(changes.batch)
    poisoned = copy.deepcopy(outbox_records(batch)[0])
    poisoned["eventID"] = "poisoned"
    poisoned["dynamodb"]["SequenceNumber"] = "1" + poisoned["dynamodb"]["SequenceNumber"]
    # An attribute type DynamoDB does not have: the image cannot be read as an event.
    poisoned["dynamodb"]["NewImage"]["data"] = {"X": "?"}
    batch["Records"].insert(0, poisoned)

    with closing(streams.build(aws_settings)) as handler:
        result = handler(batch, LambdaContext())
    assert result == {
        "batchItemFailures": [{"itemIdentifier": poisoned["dynamodb"]["SequenceNumber"]}]
    }
    assert [n["issue"] for n in inbox(changes, changes.bob)] == ["WEB-1"]
    [document] = (d for d in emf_documents(capsys.readouterr().out) if d["service"] == "streams")
    assert document["RecordsFailed"] == [1]
    assert document["EventsDelivered"] == [len(outbox_records(changes.batch))]


def test_the_committed_sample_batch_is_delivered(
    aws_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    """The captured batch on a table where its projects do not exist: every event is
    taken (nobody to tell), none fails."""
    batch = load("dynamodb_stream_outbox")
    assert {r["eventName"] for r in batch["Records"]} == {"INSERT"}
    with closing(streams.build(aws_settings)) as handler:
        assert handler(batch, LambdaContext()) == {"batchItemFailures": []}
    [document] = (d for d in emf_documents(capsys.readouterr().out) if d["service"] == "streams")
    assert document["EventsDelivered"] == [len(batch["Records"])]
    assert document["RecordsFailed"] == [0]
