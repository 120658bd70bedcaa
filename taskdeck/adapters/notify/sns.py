"""The `Notifier` and `EmailSubscriptions` ports on one SNS topic.

Each email is one published message: its subject, its plain text as the body, and the
message attributes `user`, `kind` (a `String.Array` of the kinds it gathers), `project`
and `issue`, which subscribers' filter policies match on. Each person's address is
subscribed with the filter policy `{"user": [<their id>]}`, so it receives their
messages and no one else's (see docs/email.md, On AWS).

Refusals of the message itself (an invalid parameter) are permanent; everything else
(throttling, SNS's own faults, no connection, a missing topic or missing permissions,
which are the service's or the configuration's trouble) is temporary. boto3 is
blocking, so every call runs on a thread; it is imported by this module only.
"""

from __future__ import annotations

import asyncio
import json
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING, Final, TypeVar

from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from taskdeck.adapters.aws_clients import shared_client
from taskdeck.ports import DeliveryFailed, OutgoingEmail

if TYPE_CHECKING:
    from types_boto3_sns.client import SNSClient
    from types_boto3_sns.type_defs import MessageAttributeValueTypeDef

ClientFactory = Callable[[], "SNSClient"]

SUBJECT_MAX: Final = 99
"""SNS takes subjects of fewer than 100 ASCII characters, with no line breaks."""
_REFUSED: Final = frozenset({"InvalidParameter", "InvalidParameterValue", "ValidationError"})
_GONE: Final = frozenset({"NotFound", "ResourceNotFound"})
_T = TypeVar("_T")


def default_client() -> SNSClient:
    """The process's SNS client, built once on first use from boto3's standard
    configuration (`AWS_ENDPOINT_URL`, `AWS_REGION`, credentials)."""
    # A publish runs in the email worker: fail in seconds, and let the queue's backoff
    # try again later, rather than hold a batch for minutes.
    config = Config(
        retries={"mode": "standard", "max_attempts": 4}, connect_timeout=5, read_timeout=15
    )
    client: SNSClient = shared_client("sns", config)
    return client


def error_code(error: ClientError) -> str:
    """The service's error code."""
    return str(error.response.get("Error", {}).get("Code", ""))


def translate(error: ClientError | BotoCoreError, *, topic: str) -> DeliveryFailed:
    """The port's error for a failed request on `topic` (after botocore's retries)."""
    if isinstance(error, BotoCoreError):
        return DeliveryFailed(f"SNS could not be reached: {error}", permanent=False)
    code = error_code(error)
    message = error.response.get("Error", {}).get("Message", "")
    return DeliveryFailed(
        f"SNS refused the request on {topic} ({code}): {message}", permanent=code in _REFUSED
    )


def subject_line(subject: str, *, fallback: str) -> str:
    """`subject` as SNS takes it: ASCII (accents dropped, other characters left out), on
    one line, cut to 99 characters; `fallback` if nothing is left."""
    ascii_only = unicodedata.normalize("NFKD", subject).encode("ascii", "ignore").decode()
    line = " ".join("".join(c if c.isprintable() else " " for c in ascii_only).split())
    if len(line) > SUBJECT_MAX:
        line = line[: SUBJECT_MAX - 3].rstrip() + "..."
    return line or fallback


def message_attributes(message: OutgoingEmail) -> dict[str, MessageAttributeValueTypeDef]:
    """What subscribers filter on: the user, the kinds (any one of them matches a filter
    policy on `kind`), the project's key and the issue's key."""
    attributes: dict[str, MessageAttributeValueTypeDef] = {
        "user": {"DataType": "String", "StringValue": message.user_id},
        "project": {"DataType": "String", "StringValue": message.project},
        "issue": {"DataType": "String", "StringValue": message.issue},
    }
    if message.kinds:  # SNS refuses empty values
        kinds = json.dumps(list(message.kinds))
        attributes["kind"] = {"DataType": "String.Array", "StringValue": kinds}
    return attributes


def filter_policy(user_id: str) -> str:
    """The filter policy of a person's subscription: the messages meant for them."""
    return json.dumps({"user": [user_id]})


class _Topic:
    """One SNS topic and the client that reaches it."""

    def __init__(self, topic_arn: str, *, client_factory: ClientFactory = default_client) -> None:
        self.topic_arn = topic_arn
        self._client_factory = client_factory

    async def _call(self, request: Callable[[SNSClient], _T]) -> _T:
        """Run one request on a thread, turning the service's errors into the port's."""
        try:
            return await asyncio.to_thread(request, self._client_factory())
        except (ClientError, BotoCoreError) as error:
            raise translate(error, topic=self.topic_arn) from error


class SnsNotifier(_Topic):
    """Publishes each message to the topic, for the subscriptions that match it."""

    async def send(self, message: OutgoingEmail) -> None:
        """Publish one message; `DeliveryFailed` says whether trying again may help."""
        subject = subject_line(message.subject, fallback=message.issue)
        attributes = message_attributes(message)
        await self._call(
            lambda client: client.publish(
                TopicArn=self.topic_arn,
                Subject=subject,
                Message=message.text,
                MessageAttributes=attributes,
            )
        )


class SnsSubscriptions(_Topic):
    """Subscribes people's addresses to the topic by email, each filtered on its user.

    SNS sends the address a confirmation request; until it is confirmed nothing reaches
    it (an unconfirmed subscription lapses after three days)."""

    async def subscribe(self, user_id: str, address: str) -> str:
        """Subscribe `address` by email to the messages whose `user` is `user_id`; the
        subscription's ARN (an ARN even while confirmation is pending)."""
        subscribed = await self._call(
            lambda client: client.subscribe(
                TopicArn=self.topic_arn,
                Protocol="email",
                Endpoint=address,
                Attributes={"FilterPolicy": filter_policy(user_id)},
                ReturnSubscriptionArn=True,
            )
        )
        return subscribed["SubscriptionArn"]

    async def unsubscribe(self, subscription: str) -> None:
        """End the subscription; one SNS no longer has (the person unsubscribed through
        SNS's own link, or it lapsed unconfirmed) is ended already."""
        try:
            await self._call(lambda client: client.unsubscribe(SubscriptionArn=subscription))
        except DeliveryFailed as failure:
            cause = failure.__cause__
            if not (isinstance(cause, ClientError) and error_code(cause) in _GONE):
                raise
