"""Lambda's side of the handler tests: the committed event shapes, HTTP API v2 requests
made from them, DynamoDB stream batches read from moto's stream in the shape Lambda
delivers, the context object, and the EMF documents the handlers print."""

from __future__ import annotations

import base64
import copy
import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3
import jwt

EVENTS = Path(__file__).resolve().parent.parent / "events"


def load(name: str) -> dict[str, Any]:
    """A committed event (tests/events/<name>.json)."""
    loaded: dict[str, Any] = json.loads((EVENTS / f"{name}.json").read_text())
    return loaded


@dataclass
class LambdaContext:
    """The context object the Lambda runtime passes (the fields Powertools reads)."""

    function_name: str = "taskdeck-test"
    function_version: str = "$LATEST"
    memory_limit_in_mb: int = 512
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    invoked_function_arn: str = "arn:aws:lambda:eu-west-1:123456789012:function:taskdeck-test"

    def get_remaining_time_in_millis(self) -> int:
        """As the runtime answers: time left before the timeout."""
        return 30_000


def http_request(
    method: str,
    path: str,
    *,
    body: dict[str, Any] | None = None,
    token: str | None = None,
    claims: dict[str, Any] | None = None,
    query: str = "",
) -> dict[str, Any]:
    """An HTTP API (v2) event for one request, from the committed sample: with a token,
    the JWT authorizer's claims are the token's (as API Gateway passes them: strings)
    unless `claims` are given; without, the route is a public one and there is no
    authorizer."""
    event = copy.deepcopy(load("http_api_v2_request"))
    event["rawPath"] = event["requestContext"]["http"]["path"] = path
    event["requestContext"]["http"]["method"] = method
    event["rawQueryString"] = query
    event["pathParameters"] = {"proxy": path.removeprefix("/api/")}
    event["requestContext"]["requestId"] = uuid.uuid4().hex
    headers = event["headers"]
    headers.pop("authorization")
    if token is None:
        del event["requestContext"]["authorizer"]
    else:
        headers["authorization"] = f"Bearer {token}"
        if claims is None:
            claims = jwt.decode(token, options={"verify_signature": False})
        event["requestContext"]["authorizer"]["jwt"]["claims"] = {
            name: str(value) for name, value in claims.items()
        }
    if body is None:
        event.pop("body", None)
        headers["content-length"] = "0"
    else:
        encoded = json.dumps(body).encode()
        event["body"] = base64.b64encode(encoded).decode()
        event["isBase64Encoded"] = True
        headers["content-type"] = "application/json"
        headers["content-length"] = str(len(encoded))
    return event


def response_json(response: dict[str, Any]) -> Any:
    """The JSON body of a handler's (Mangum's) response."""
    body = response.get("body") or ""
    raw = base64.b64decode(body) if response.get("isBase64Encoded") else body.encode()
    return json.loads(raw) if raw else None


class StreamTap:
    """Reads a table's stream on moto from where the last read ended, and hands the
    records over as Lambda's DynamoDB Streams event."""

    def __init__(self, table: str) -> None:
        self.arn: str = boto3.client("dynamodb").describe_table(TableName=table)["Table"][
            "LatestStreamArn"
        ]
        self._streams = boto3.client("dynamodbstreams")
        self._last: dict[str, str] = {}

    def batch(self) -> dict[str, Any]:
        """The records written since the previous batch, as Lambda delivers them."""
        records: list[dict[str, Any]] = []
        shards = self._streams.describe_stream(StreamArn=self.arn)["StreamDescription"]["Shards"]
        for shard in shards:
            shard_id = shard["ShardId"]
            position: dict[str, Any] = {"ShardIteratorType": "TRIM_HORIZON"}
            if shard_id in self._last:
                position = {
                    "ShardIteratorType": "AFTER_SEQUENCE_NUMBER",
                    "SequenceNumber": self._last[shard_id],
                }
            iterator = self._streams.get_shard_iterator(
                StreamArn=self.arn, ShardId=shard_id, **position
            )["ShardIterator"]
            while iterator:
                page = self._streams.get_records(ShardIterator=iterator)
                if not page["Records"]:
                    break
                records += [self._as_lambda(r) for r in page["Records"]]
                self._last[shard_id] = page["Records"][-1]["dynamodb"]["SequenceNumber"]
                iterator = page.get("NextShardIterator")
        return {"Records": records}

    def _as_lambda(self, record: dict[str, Any]) -> dict[str, Any]:
        """A stream record as Lambda passes it: epoch seconds and the stream's ARN."""
        change = dict(record["dynamodb"])
        created = change.get("ApproximateCreationDateTime")
        if created is not None and not isinstance(created, int | float):
            change["ApproximateCreationDateTime"] = int(created.timestamp())
        return {**record, "dynamodb": change, "eventSourceARN": self.arn}


def emf_documents(stdout: str) -> list[dict[str, Any]]:
    """The embedded-metric-format documents among printed lines."""
    documents = []
    for line in stdout.splitlines():
        if line.startswith("{") and '"_aws"' in line:
            documents.append(json.loads(line))
    return documents


def metric_names(document: dict[str, Any]) -> list[str]:
    """The metric names one EMF document declares."""
    (directive,) = document["_aws"]["CloudWatchMetrics"]
    return [metric["Name"] for metric in directive["Metrics"]]
