"""A change made through the API reaches a webhook's receiver once, signed, through the
running server's dispatcher and deliverer; the API then shows how the delivery went."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from taskdeck.config import Settings
from tests.conftest import Api
from tests.webhook_receiver import Receiver, webhook_receiver

pytestmark = pytest.mark.local_accounts
V1 = "/api/v1"


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Each store, with webhooks to 127.0.0.1 allowed (the receiver is there)."""
    return settings.model_copy(update={"webhook_allow_private": True})


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    """A receiver that checks signatures and answers 200."""
    with webhook_receiver() as running:
        yield running


def delivered(client: TestClient, path: str, user: dict[str, Any]) -> list[dict[str, Any]]:
    """The webhook's deliveries once none is pending."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        items: list[dict[str, Any]] = client.get(path, headers=user["headers"]).json()["items"]
        if items and all(d["state"] != "pending" for d in items):
            return items
        time.sleep(0.02)
    raise AssertionError(f"still pending: {items}")


def test_a_change_is_delivered_once_and_shown(
    client: TestClient, api: Api, receiver: Receiver
) -> None:
    owner = api.user("owner")
    api.project(owner, "WEB")
    response = client.post(
        f"{V1}/projects/WEB/webhooks",
        json={"url": receiver.url, "secret": receiver.secret, "events": ["issue.created"]},
        headers=owner["headers"],
    )
    assert response.status_code == 201, response.text
    hook = response.json()
    issue = api.issue(owner, title="Checkout fails")
    [got] = receiver.wait_for(1)
    assert got.signed
    assert got.headers["X-Taskdeck-Event"] == "issue.created"
    assert (got.body["kind"], got.body["project"], got.body["actor"]) == (
        "issue.created",
        "WEB",
        owner["id"],
    )
    assert got.body["data"]["key"] == issue["key"]
    path = f"{V1}/projects/WEB/webhooks/{hook['id']}"
    [delivery] = delivered(client, f"{path}/deliveries", owner)
    assert delivery["id"] == got.headers["X-Taskdeck-Delivery"]
    assert delivery["event"] == got.body["id"]
    assert (delivery["state"], delivery["attempts"], delivery["last_status"]) == (
        "delivered",
        1,
        200,
    )
    shown = client.get(path, headers=owner["headers"]).json()
    assert (shown["last_status"], shown["last_error"]) == (200, None)
    time.sleep(0.2)
    assert len(receiver.received) == 1
    # The attempt is counted on /metrics, as the Lambda functions count it in CloudWatch.
    metrics = client.get("/metrics").text
    assert 'taskdeck_webhook_attempts_total{outcome="delivered"} 1.0' in metrics
    assert 'taskdeck_webhook_attempts_total{outcome="failed"} 0.0' in metrics
