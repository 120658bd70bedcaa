"""The DynamoDB client the adapter uses, and the translation of its errors to the port's.

boto3 is imported here and in the adapter only: the local backend never loads it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from botocore.config import Config
from botocore.exceptions import ClientError

from taskdeck.adapters.aws_clients import shared_client
from taskdeck.adapters.storage.dynamodb_metrics import instrument
from taskdeck.ports import ItemTooLarge, StoreError, StoreUnavailable, TransactionConflict

if TYPE_CHECKING:
    from types_boto3_dynamodb.client import DynamoDBClient

ClientFactory = Callable[[], "DynamoDBClient"]

# Reasons a cancelled transaction may give that a retry with fresh reads can resolve.
_CONFLICTS: Final = frozenset({"ConditionalCheckFailed", "TransactionConflict"})


def default_client() -> DynamoDBClient:
    """The process's DynamoDB client, built once on first use from boto3's standard
    configuration (`AWS_ENDPOINT_URL`, `AWS_REGION`, credentials)."""
    config = Config(retries={"mode": "adaptive", "max_attempts": 10})
    client: DynamoDBClient = shared_client("dynamodb", config, instrument)
    return client


def _about_size(message: str) -> bool:
    return "size" in message.lower()


def translate(error: ClientError, *, table: str) -> StoreError:
    """The port's error for a failed request on `table` (after botocore's retries)."""
    code = error.response.get("Error", {}).get("Code", "")
    message = error.response.get("Error", {}).get("Message", "")
    if code == "TransactionCanceledException":
        reasons = error.response.get("CancellationReasons", [])
        codes = [None if r.get("Code", "None") == "None" else r.get("Code") for r in reasons]
        if any(_about_size(r.get("Message", "")) for r in reasons if r.get("Code") != "None"):
            return ItemTooLarge(message)
        if reasons and all(c is None or c in _CONFLICTS for c in codes):
            return TransactionConflict(codes)
    if code == "ResourceNotFoundException":
        return StoreUnavailable(
            f"the DynamoDB table {table!r} does not exist: create it with `taskdeck aws-init`"
        )
    if code == "ValidationException" and _about_size(message):
        return ItemTooLarge(message)
    return StoreUnavailable(f"DynamoDB refused the request ({code}): {message}")
