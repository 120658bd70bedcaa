"""Settings for the Lambda handlers' tests: everything on moto as on AWS (DynamoDB with
its stream, S3, Cognito, SNS), emails due at once and webhooks allowed to 127.0.0.1."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import boto3
import pytest

from taskdeck.config import Settings
from tests.conftest import make_settings


@pytest.fixture
def aws_settings(
    tmp_path: Path,
    dynamodb_table: str,
    s3_bucket: str,
    user_pool: dict[str, str],
    topic: str,
) -> Settings:
    """The settings a deployed stack's functions get, pointed at moto."""
    return make_settings(
        tmp_path / "data",
        storage="dynamodb",
        table=dynamodb_table,
        blobs="s3",
        bucket=s3_bucket,
        notify="sns",
        topic_arn=topic,
        email_batch_seconds=0,
        webhook_allow_private=True,
        **user_pool,
    )


@pytest.fixture
def topic_queue(topic: str) -> Iterator[Callable[[int], list[dict[str, Any]]]]:
    """An SQS queue subscribed to the topic (every message); reads its SNS envelopes."""
    from tests.adapters.test_sns import received

    sqs = boto3.client("sqs")
    url = sqs.create_queue(QueueName=f"q-{uuid.uuid4().hex[:12]}")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])
    boto3.client("sns").subscribe(
        TopicArn=topic, Protocol="sqs", Endpoint=arn["Attributes"]["QueueArn"]
    )
    yield lambda expected: received(url, expected)
    sqs.delete_queue(QueueUrl=url)
