"""The DynamoDB table: keys and indexes as the adapter needs them, on-demand, a stream of
new and old images, point-in-time recovery and a TTL attribute."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from botocore.exceptions import ClientError

from taskdeck.adapters.storage.dynamodb_schema import TTL_ATTRIBUTE, create_table
from taskdeck.config import Settings
from taskdeck.provision.clients import error_code

if TYPE_CHECKING:
    from taskdeck.provision import Report
    from taskdeck.provision.clients import Clients

_ON: Final = ("ENABLED", "ENABLING")


def _exists(clients: Clients, name: str) -> bool:
    try:
        clients.dynamodb.describe_table(TableName=name)
    except ClientError as error:
        if error_code(error) == "ResourceNotFoundException":
            return False
        raise
    return True


def ensure_table(clients: Clients, settings: Settings, report: Report) -> None:
    """Create the table named by TASKDECK_TABLE, then turn on what it lacks."""
    assert settings.table is not None
    name, client = settings.table, clients.dynamodb
    created = not _exists(clients, name)
    if created:
        create_table(client, name)
    changed: list[str] = []
    backups = client.describe_continuous_backups(TableName=name)["ContinuousBackupsDescription"]
    recovery = backups.get("PointInTimeRecoveryDescription", {})
    if recovery.get("PointInTimeRecoveryStatus") not in _ON:
        client.update_continuous_backups(
            TableName=name,
            PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True},
        )
        changed.append("point-in-time recovery")
    ttl = client.describe_time_to_live(TableName=name)["TimeToLiveDescription"]
    if ttl.get("TimeToLiveStatus") not in _ON or ttl.get("AttributeName") != TTL_ATTRIBUTE:
        client.update_time_to_live(
            TableName=name,
            TimeToLiveSpecification={"Enabled": True, "AttributeName": TTL_ATTRIBUTE},
        )
        changed.append(f"TTL on {TTL_ATTRIBUTE}")
    report.resource("DynamoDB table", name, created, changed)
