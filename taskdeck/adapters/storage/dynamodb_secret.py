"""The deployment's secret key, kept in the DynamoDB table itself.

Every process that shares a table must share the key (it signs cursors, stream tickets
and local sessions): on Lambda each container has a data dir of its own, and a cursor
signed by one would be refused by the next. The first process to start puts a random
key, conditional on there being none; every other reads it. Who may read the table may
read the key, which is no more than what the key protects.
"""

from __future__ import annotations

import secrets
from typing import Final

from botocore.exceptions import ClientError

from taskdeck.adapters.storage.dynamodb_client import default_client, translate

KEY: Final = {"pk": {"S": "DEPLOYMENT"}, "sk": {"S": "SECRET_KEY"}}
KEY_BYTES: Final = 32


def table_secret(table: str) -> bytes:
    """The table's secret key, made by whichever process asks first."""
    client = default_client()
    try:
        found = client.get_item(TableName=table, Key=KEY, ConsistentRead=True).get("Item")
        if found is None:
            candidate = secrets.token_bytes(KEY_BYTES)
            try:
                client.put_item(
                    TableName=table,
                    Item={**KEY, "key": {"B": candidate}},
                    ConditionExpression="attribute_not_exists(pk)",
                )
                return candidate
            except ClientError as error:
                if error.response.get("Error", {}).get("Code") != "ConditionalCheckFailedException":
                    raise
            found = client.get_item(TableName=table, Key=KEY, ConsistentRead=True)["Item"]
    except ClientError as error:
        raise translate(error, table=table) from error
    return bytes(found["key"]["B"])
