"""The SNS topic that notifications are published to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from taskdeck.config import Settings

if TYPE_CHECKING:
    from taskdeck.provision import Report
    from taskdeck.provision.clients import Clients


def ensure_topic(clients: Clients, settings: Settings, report: Report) -> None:
    """Create the topic named by TASKDECK_TOPIC (CreateTopic is idempotent) and give its
    ARN as TASKDECK_TOPIC_ARN."""
    assert settings.topic is not None
    name, client = settings.topic, clients.sns
    existing = {
        topic["TopicArn"]
        for page in client.get_paginator("list_topics").paginate()
        for topic in page.get("Topics", [])
    }
    arn = client.create_topic(Name=name)["TopicArn"]
    report.resource("SNS topic", name, arn not in existing, [])
    report.export("TASKDECK_TOPIC_ARN", arn)
