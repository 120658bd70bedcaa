"""The SNS notifier and subscriptions against moto's server over HTTP: SQS queues
subscribed with filter policies receive exactly the messages meant for them; and how the
configuration picks SNS."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.config import Config
from pydantic import ValidationError

from taskdeck.adapters.notify.sns import (
    SnsNotifier,
    SnsSubscriptions,
    default_client,
    filter_policy,
    subject_line,
)
from taskdeck.bootstrap import build_email_subscriptions, build_notifier
from taskdeck.config import Settings
from taskdeck.ports import DeliveryFailed, OutgoingEmail
from tests.conftest import make_settings

pytestmark = pytest.mark.anyio

TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:taskdeck"


def email(
    user_id: str, *, kinds: tuple[str, ...] = ("comment",), issue: str = "TD-4"
) -> OutgoingEmail:
    """A rendered email for `user_id` about `issue`."""
    return OutgoingEmail(
        to=f"{user_id}@example.com",
        user_id=user_id,
        subject=f"[TD] {issue} Fix login: Bob commented on {issue}",
        text=f"Bob commented on {issue}\n",
        html=f"<p>Bob commented on {issue}</p>",
        settings_url="https://td.example.com/settings/notifications",
        kinds=kinds,
        project="TD",
        issue=issue,
    )


@pytest.fixture
def subscribed_queue(topic: str) -> Iterator[Callable[[dict[str, Any]], str]]:
    """Make SQS queues subscribed to the topic with a filter policy; their URLs."""
    sqs = boto3.client("sqs")
    made: list[str] = []

    def make(policy: dict[str, Any]) -> str:
        url = sqs.create_queue(QueueName=f"q-{uuid.uuid4().hex[:12]}")["QueueUrl"]
        made.append(url)
        arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])
        default_client().subscribe(
            TopicArn=topic,
            Protocol="sqs",
            Endpoint=arn["Attributes"]["QueueArn"],
            Attributes={"FilterPolicy": json.dumps(policy)},
        )
        return url

    yield make
    for url in made:
        sqs.delete_queue(QueueUrl=url)


def received(url: str, expected: int) -> list[dict[str, Any]]:
    """The SNS envelopes in a queue: waits (with a deadline) for `expected` of them, then
    takes whatever else is there too."""
    sqs = boto3.client("sqs")
    envelopes: list[dict[str, Any]] = []
    deadline = time.monotonic() + 5
    while True:
        batch = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
        envelopes += [json.loads(m["Body"]) for m in batch]
        if not batch and (len(envelopes) >= expected or time.monotonic() > deadline):
            return envelopes
        if not batch:
            time.sleep(0.05)


def attributes(envelope: dict[str, Any]) -> dict[str, str]:
    """An envelope's message attributes, by name."""
    return {name: a["Value"] for name, a in envelope["MessageAttributes"].items()}


async def test_each_queue_gets_exactly_the_messages_of_its_user(
    topic: str, subscribed_queue: Callable[[dict[str, Any]], str]
) -> None:
    ada_queue = subscribed_queue(json.loads(filter_policy("u-ada")))
    bob_queue = subscribed_queue(json.loads(filter_policy("u-bob")))
    notifier = SnsNotifier(topic)
    await notifier.send(email("u-ada", kinds=("mentioned", "comment"), issue="TD-4"))
    await notifier.send(email("u-bob", issue="TD-5"))
    await notifier.send(email("u-carol", issue="TD-6"))
    await notifier.send(email("u-ada", kinds=("assigned",), issue="TD-7"))

    for_ada = received(ada_queue, 2)
    assert [attributes(e)["issue"] for e in for_ada] == ["TD-4", "TD-7"]
    first = for_ada[0]
    assert first["Subject"] == "[TD] TD-4 Fix login: Bob commented on TD-4"
    assert first["Message"] == "Bob commented on TD-4\n"
    assert attributes(first) == {
        "user": "u-ada",
        "kind": '["mentioned", "comment"]',
        "project": "TD",
        "issue": "TD-4",
    }
    assert first["MessageAttributes"]["kind"]["Type"] == "String.Array"
    assert [attributes(e)["user"] for e in received(bob_queue, 1)] == ["u-bob"]


async def test_a_filter_on_kind_matches_any_kind_a_message_gathers(
    topic: str, subscribed_queue: Callable[[dict[str, Any]], str]
) -> None:
    mentions = subscribed_queue({"user": ["u-ada"], "kind": ["mentioned"]})
    notifier = SnsNotifier(topic)
    await notifier.send(email("u-ada", kinds=("comment", "mentioned"), issue="TD-1"))
    await notifier.send(email("u-ada", kinds=("comment",), issue="TD-2"))
    assert [attributes(e)["issue"] for e in received(mentions, 1)] == ["TD-1"]


async def test_a_subject_is_cut_to_ascii_on_one_line(
    topic: str, subscribed_queue: Callable[[dict[str, Any]], str]
) -> None:
    subject = "[TD] TD-4 Café “déjà vu”\r\n" + "x" * 200
    line = subject_line(subject, fallback="TD-4")
    assert line.startswith("[TD] TD-4 Cafe deja vu xxx")
    assert len(line) == 99
    assert line.endswith("...")
    assert line.isascii()
    assert subject_line("“”\n", fallback="TD-4") == "TD-4"
    queue = subscribed_queue(json.loads(filter_policy("u-ada")))
    await SnsNotifier(topic).send(email("u-ada")._replace(subject=subject))
    (envelope,) = received(queue, 1)
    assert envelope["Subject"] == line


async def test_a_refused_message_is_permanent_and_a_missing_topic_temporary(
    topic: str,
) -> None:
    too_long = email("u-ada")._replace(text="x" * 300_000)
    with pytest.raises(DeliveryFailed) as refused:
        await SnsNotifier(topic).send(too_long)
    assert refused.value.permanent
    with pytest.raises(DeliveryFailed) as missing:
        await SnsNotifier(topic + "-gone").send(email("u-ada"))
    assert not missing.value.permanent


async def test_an_unreachable_service_is_a_temporary_failure(moto_endpoint: str) -> None:
    config = Config(retries={"max_attempts": 1}, connect_timeout=1, read_timeout=1)
    client = boto3.client("sns", endpoint_url="http://127.0.0.1:9", config=config)
    with pytest.raises(DeliveryFailed) as failed:
        await SnsNotifier(TOPIC_ARN, client_factory=lambda: client).send(email("u-ada"))
    assert not failed.value.permanent
    with pytest.raises(DeliveryFailed):
        await SnsSubscriptions(TOPIC_ARN, client_factory=lambda: client).subscribe("u", "a@b.c")


async def test_an_address_is_subscribed_once_with_its_user_filter_and_unsubscribed(
    topic: str,
) -> None:
    subscriptions = SnsSubscriptions(topic)
    arn = await subscriptions.subscribe("u-ada", "ada@example.com")
    assert await subscriptions.subscribe("u-ada", "ada@example.com") == arn
    client = default_client()
    (listed,) = client.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"]
    assert (listed["Protocol"], listed["Endpoint"]) == ("email", "ada@example.com")
    found = client.get_subscription_attributes(SubscriptionArn=arn)["Attributes"]
    assert json.loads(found["FilterPolicy"]) == {"user": ["u-ada"]}
    await subscriptions.unsubscribe(arn)
    await subscriptions.unsubscribe(arn)  # already gone: no error
    assert client.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"] == []


def test_sns_is_chosen_on_aws_with_a_topic_and_needs_one_when_asked_for(
    tmp_path: Path,
) -> None:
    assert Settings().notify_adapter == "local"
    assert not Settings().email_enabled
    on_aws = Settings(backend="aws", table="t", topic_arn=TOPIC_ARN)
    assert on_aws.notify_adapter == "sns"
    assert on_aws.email_enabled
    assert Settings(backend="aws", table="t").notify_adapter == "local"
    assert (
        Settings(notify="local", backend="aws", table="t", topic_arn=TOPIC_ARN).notify_adapter
        == "local"
    )
    with pytest.raises(ValidationError, match="TASKDECK_TOPIC_ARN"):
        Settings(notify="sns")
    with pytest.raises(ValidationError, match="topic_arn"):
        Settings(notify="sns", topic_arn="taskdeck")
    settings = make_settings(tmp_path, notify="sns", topic_arn=TOPIC_ARN)
    assert isinstance(build_notifier(settings), SnsNotifier)
    assert isinstance(build_email_subscriptions(settings), SnsSubscriptions)
    assert build_email_subscriptions(make_settings(tmp_path, smtp_host="mail")) is None
