"""The scheduled handlers, invoked with EventBridge Scheduler's payloads: the reminder
pass records a deadline reminder once, which the stream processor then delivers; the
queue pass sends the emails whose batch came due after the stream processor ran."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import closing
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient

from taskdeck.api.app import create_app
from taskdeck.aws import queues, reminders, streams
from taskdeck.bootstrap import bootstrap
from taskdeck.config import Settings
from tests.aws.lambda_events import LambdaContext, StreamTap, emf_documents, load
from tests.conftest import Api


@pytest.fixture
def api(aws_settings: Settings) -> Iterator[Api]:
    """The local app on the same store, with no background work of its own."""
    local = aws_settings.model_copy(update={"background": "process"})
    with TestClient(create_app(bootstrap(local))) as client:
        yield Api(client)


def test_the_reminder_pass_records_a_reminder_once_and_the_stream_delivers_it(
    aws_settings: Settings, api: Api, capsys: pytest.CaptureFixture[str]
) -> None:
    ada = api.user("ada")
    api.project(ada, "WEB")
    today = datetime.now(UTC).date().isoformat()
    api.issue(ada, title="Ship it", assignee=ada["id"], due_date=today)
    tap = StreamTap(aws_settings.table or "")
    tap.batch()  # what came before the pass

    invocation = load("scheduler_invocation")
    with closing(reminders.build(aws_settings)) as handler:
        assert handler(invocation, LambdaContext())["RemindersRecorded"] == 1
        assert handler(invocation, LambdaContext())["RemindersRecorded"] == 0
    with closing(streams.build(aws_settings)) as handler:
        assert handler(tap.batch(), LambdaContext()) == {"batchItemFailures": []}

    notes = api.client.get("/api/v1/me/notifications", headers=ada["headers"]).json()["items"]
    assert [(n["kind"], n["issue"]) for n in notes] == [("due_soon", "WEB-1")]
    passes = [d for d in emf_documents(capsys.readouterr().out) if d["service"] == "reminders"]
    assert [(d["RemindersRecorded"], d["DueMarkersRead"]) for d in passes] == [
        ([1], [1]),
        ([0], [1]),
    ]
    assert passes[0]["_aws"]["CloudWatchMetrics"][0]["Namespace"] == "Taskdeck"


@pytest.fixture
def batched_settings(aws_settings: Settings) -> Settings:
    """Emails wait a second for more news of the same issue, as they do by default."""
    return aws_settings.model_copy(update={"email_batch_seconds": 1})


def test_the_queue_pass_sends_emails_that_came_due(
    batched_settings: Settings,
    topic_queue: Callable[[int], list[dict[str, Any]]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    local = batched_settings.model_copy(update={"background": "process"})
    tap = StreamTap(batched_settings.table or "")
    with TestClient(create_app(bootstrap(local))) as client:
        api = Api(client)
        ada, bob = api.user("ada"), api.user("bob")
        api.project(ada, "WEB")
        api.member(ada, "WEB", bob)
        api.issue(ada, title="Checkout fails", assignee=bob["id"])

    with closing(streams.build(batched_settings)) as handler:
        handler(tap.batch(), LambdaContext())
    event = load("scheduled_event")
    sent = 0
    with closing(queues.build(batched_settings)) as handler:
        deadline = time.monotonic() + 10
        while sent == 0 and time.monotonic() < deadline:
            sent += handler(event, LambdaContext())["EmailsSent"]
            time.sleep(0.1)
        assert sent == 1
        assert handler(event, LambdaContext())["EmailsSent"] == 0
    [envelope] = topic_queue(1)
    assert envelope["MessageAttributes"]["user"]["Value"] == bob["id"]

    documents = emf_documents(capsys.readouterr().out)
    from_stream = [d for d in documents if d["service"] == "streams"]
    assert [d["EmailsSent"] for d in from_stream] == [[0]]
    from_queue = [d for d in documents if d["service"] == "queues"]
    assert sum(d["EmailsSent"][0] for d in from_queue) == 1
    assert {name for d in from_queue for name in d if name != "_aws"} == {
        "service",
        "EmailsSent",
        "WebhooksSent",
        "WebhookFailures",
        "WebhooksGivenUp",
    }
