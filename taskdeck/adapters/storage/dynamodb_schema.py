"""The DynamoDB table Taskdeck needs: keys, three sparse GSIs, on-demand, a stream."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from botocore.exceptions import ClientError

from taskdeck.ports import EXPIRES_AT, INDEXES

TTL_ATTRIBUTE: Final = EXPIRES_AT
"""DynamoDB deletes an item some time after the epoch second this attribute holds
(`taskdeck aws-init` turns TTL on)."""

if TYPE_CHECKING:
    from types_boto3_dynamodb.client import DynamoDBClient


def create_table(client: DynamoDBClient, name: str) -> None:
    """Create the table and wait until it is active; an existing table is left as it is."""
    key_names = ["pk", "sk", *(f"{index}{part}" for index in INDEXES for part in ("pk", "sk"))]
    try:
        client.create_table(
            TableName=name,
            AttributeDefinitions=[
                {"AttributeName": attribute, "AttributeType": "S"} for attribute in key_names
            ],
            KeySchema=[
                {"AttributeName": "pk", "KeyType": "HASH"},
                {"AttributeName": "sk", "KeyType": "RANGE"},
            ],
            GlobalSecondaryIndexes=[
                {
                    "IndexName": index,
                    "KeySchema": [
                        {"AttributeName": f"{index}pk", "KeyType": "HASH"},
                        {"AttributeName": f"{index}sk", "KeyType": "RANGE"},
                    ],
                    "Projection": {"ProjectionType": "ALL"},
                }
                for index in INDEXES
            ],
            BillingMode="PAY_PER_REQUEST",
            StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
        )
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") != "ResourceInUseException":
            raise
    client.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 1})
