"""Email on SNS through the API: a person's address is subscribed to the topic, filtered
on their id, while they have email on and belong to a project (moto's server)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from taskdeck.adapters.notify.sns import default_client
from taskdeck.config import Settings
from tests.conftest import Api, make_settings

EMAILED_BY_DEFAULT = ("assigned", "mentioned", "comment", "due_soon", "overdue")
NO_EMAIL = {kind: {"in_app": True, "email": False} for kind in EMAILED_BY_DEFAULT}


@pytest.fixture
def settings(tmp_path: Path, topic: str) -> Settings:
    """The SQLite store, with email published to the topic."""
    return make_settings(tmp_path / "data", notify="sns", topic_arn=topic)


def subscriptions(topic: str) -> dict[str, dict[str, Any]]:
    """The topic's subscriptions by address: protocol, ARN and filter policy."""
    client = default_client()
    found = {}
    for listed in client.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"]:
        arn = listed["SubscriptionArn"]
        attributes = client.get_subscription_attributes(SubscriptionArn=arn)["Attributes"]
        found[listed["Endpoint"]] = {
            "protocol": listed["Protocol"],
            "arn": arn,
            "filter": json.loads(attributes["FilterPolicy"]),
        }
    return found


def subscribed(topic: str) -> set[str]:
    """The addresses subscribed to the topic now."""
    listed = default_client().list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"]
    return {subscription["Endpoint"] for subscription in listed}


def choose(api: Api, user: dict[str, Any], chosen: dict[str, Any]) -> None:
    """PUT the user's notification settings."""
    response = api.client.put(
        "/api/v1/me/notification-settings", json=chosen, headers=user["headers"]
    )
    assert response.status_code == 200, response.text


def test_turning_email_on_subscribes_the_address_once_and_off_unsubscribes(
    api: Api, topic: str
) -> None:
    ada = api.user("ada")
    choose(api, ada, NO_EMAIL)
    api.project(ada, "WEB")
    assert subscriptions(topic) == {}

    choose(api, ada, {**NO_EMAIL, "comment": {"in_app": True, "email": True}})
    (subscribed,) = subscriptions(topic).values()
    assert subscribed["protocol"] == "email"
    assert subscribed["filter"] == {"user": [ada["id"]]}
    assert set(subscriptions(topic)) == {"ada@example.com"}

    choose(api, ada, {**NO_EMAIL, "assigned": {"in_app": True, "email": True}})
    assert subscriptions(topic) == {"ada@example.com": subscribed}

    choose(api, ada, NO_EMAIL)
    assert subscriptions(topic) == {}


def test_email_by_default_subscribes_on_joining_until_the_last_project_is_left(
    api: Api, topic: str
) -> None:
    ada, bob = api.user("ada"), api.user("bob")
    assert subscriptions(topic) == {}  # no project yet: nothing to hear of
    api.project(ada, "WEB")
    api.project(ada, "OPS")
    assert set(subscriptions(topic)) == {"ada@example.com"}

    api.member(ada, "WEB", bob)
    api.member(ada, "OPS", bob)
    assert subscriptions(topic)["bob@example.com"]["filter"] == {"user": [bob["id"]]}

    removed = api.client.delete(f"/api/v1/projects/WEB/members/{bob['id']}", headers=ada["headers"])
    assert removed.status_code == 204
    assert set(subscriptions(topic)) == {"ada@example.com", "bob@example.com"}
    left = api.client.delete(f"/api/v1/projects/OPS/members/{bob['id']}", headers=bob["headers"])
    assert left.status_code == 204
    assert set(subscriptions(topic)) == {"ada@example.com"}


def test_a_failed_subscription_keeps_the_change_and_is_tried_again_at_the_next(
    api: Api, topic: str, caplog: pytest.LogCaptureFixture
) -> None:
    ada = api.user("ada")
    choose(api, ada, NO_EMAIL)
    api.project(ada, "WEB")
    default_client().delete_topic(TopicArn=topic)
    comments_by_email = {**NO_EMAIL, "comment": {"in_app": True, "email": True}}
    choose(api, ada, comments_by_email)
    assert "could not update the email subscription" in caplog.text

    default_client().create_topic(Name=topic.rpartition(":")[2])
    choose(api, ada, comments_by_email)
    assert set(subscriptions(topic)) == {"ada@example.com"}


def test_deleting_a_project_unsubscribes_those_it_was_the_last_project_of(
    api: Api, topic: str
) -> None:
    ada, bob = api.user("ada"), api.user("bob")
    api.project(ada, "WEB")
    api.project(ada, "OPS")
    api.member(ada, "WEB", bob)
    assert set(subscriptions(topic)) == {"ada@example.com", "bob@example.com"}

    deleted = api.client.delete("/api/v1/projects/WEB", headers=ada["headers"])
    assert deleted.status_code == 204
    # The project's items, memberships among them, go in the background purge.
    deadline = time.monotonic() + 15
    while subscribed(topic) != {"ada@example.com"} and time.monotonic() < deadline:
        time.sleep(0.1)
    assert set(subscriptions(topic)) == {"ada@example.com"}
