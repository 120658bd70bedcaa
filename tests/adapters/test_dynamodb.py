"""What only the DynamoDB adapter does: its errors, its item encoding, its table."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.stub import ANY, Stubber
from prometheus_client import REGISTRY

from taskdeck.adapters.storage.dynamodb import DynamoTable, default_client
from taskdeck.adapters.storage.dynamodb_metrics import start_counting
from taskdeck.adapters.storage.dynamodb_schema import create_table
from taskdeck.adapters.storage.dynamodb_secret import table_secret
from taskdeck.ports import (
    MUST_EXIST,
    MUST_NOT_EXIST,
    Check,
    Condition,
    ItemTooLarge,
    Put,
    StoreUnavailable,
    TransactionConflict,
    Update,
)

pytestmark = pytest.mark.anyio

CURSOR_KEY = b"k" * 32


def no_client() -> Any:
    """A client factory for tests that must not reach DynamoDB."""
    raise AssertionError("the adapter called DynamoDB")


async def test_a_missing_table_is_unavailable_and_says_how_to_create_it(
    moto_endpoint: str,
) -> None:
    table = DynamoTable("no-such-table", cursor_key=CURSOR_KEY)
    try:
        with pytest.raises(StoreUnavailable, match=r"no-such-table.*taskdeck aws-init"):
            await table.get("P", "A")
        with pytest.raises(StoreUnavailable, match="no-such-table"):
            await table.transact([Put({"pk": "P", "sk": "A"})])
        with pytest.raises(StoreUnavailable, match="no-such-table"):
            await table.ping()
    finally:
        table.close()


async def test_a_failed_condition_names_the_operation_by_position(dynamodb_table: str) -> None:
    table = DynamoTable(dynamodb_table, cursor_key=CURSOR_KEY)
    try:
        await table.transact(
            [Put({"pk": "P", "sk": "A", "version": 1}), Put({"pk": "P", "sk": "C"})]
        )
        with pytest.raises(TransactionConflict) as raised:
            await table.transact(
                [
                    Put({"pk": "P", "sk": "B"}, MUST_NOT_EXIST),
                    Update("P", "A", set={"name": "x"}, condition=Condition(equals={"version": 0})),
                    Check("P", "C", MUST_EXIST),
                ]
            )
        assert raised.value.reasons == [None, "ConditionalCheckFailed", None]
        assert await table.get("P", "B") is None
    finally:
        table.close()


async def test_an_oversized_item_is_refused_before_any_request() -> None:
    table = DynamoTable("unused", cursor_key=CURSOR_KEY, client_factory=no_client)
    try:
        with pytest.raises(ItemTooLarge):
            table.transact([Put({"pk": "P", "sk": "A", "body": "é" * 210_000})])
        with pytest.raises(ItemTooLarge):
            table.transact([Update("P", "A", set={"body": "x" * 410_000})])
        with pytest.raises(ItemTooLarge):
            table.transact([Put({"pk": "P", "sk": "A", "search_text": "word " * 50_000})])
    finally:
        table.close()


async def test_values_come_back_as_they_went_in(dynamodb_table: str) -> None:
    table = DynamoTable(dynamodb_table, cursor_key=CURSOR_KEY)
    stored = {
        "pk": "P",
        "sk": "A",
        "count": 3,
        "big": 2**60,
        "ratio": 0.1,
        "half": -2.5,
        "flag": False,
        "nothing": None,
        "empty": "",
        "nested": {"list": [1, 1.5, "x", None, True, {"deep": []}], "map": {}},
        "search_text": "Café crème",
    }
    try:
        await table.transact([Put(stored)])
        found = await table.get("P", "A")
        assert found == stored
        assert found is not None
        assert type(found["count"]) is int
        assert type(found["ratio"]) is float
        assert type(found["nested"]["list"][1]) is float
        assert (await table.query("P")).items == [stored]
        assert (await table.search("P", "creme")).items == [stored]
    finally:
        table.close()


async def test_search_terms_are_phrases_like_sqlite_ones(dynamodb_table: str) -> None:
    table = DynamoTable(dynamodb_table, cursor_key=CURSOR_KEY)
    try:
        await table.transact([Put({"pk": "P", "sk": "A", "search_text": "WEB-12 broken page"})])
        assert len((await table.search("P", "web-1")).items) == 1
        assert (await table.search("P", "page-broken")).items == []
        assert (await table.search("P", "page 🙂")).items == []
    finally:
        table.close()


async def test_throttling_past_the_retries_is_unavailable(moto_endpoint: str) -> None:
    client = default_client()
    table = DynamoTable("any", cursor_key=CURSOR_KEY, client_factory=lambda: client)
    try:
        with Stubber(client) as stubber:
            stubber.add_client_error(
                "get_item", "ProvisionedThroughputExceededException", http_status_code=400
            )
            with pytest.raises(StoreUnavailable, match="ProvisionedThroughputExceeded"):
                await table.get("P", "A")
    finally:
        table.close()


async def test_unprocessed_keys_are_read_again(moto_endpoint: str) -> None:
    client = default_client()
    table = DynamoTable("t", cursor_key=CURSOR_KEY, client_factory=lambda: client)
    key = {"pk": {"S": "P"}, "sk": {"S": "A"}}
    try:
        with Stubber(client) as stubber:
            stubber.add_response(
                "batch_get_item",
                {"Responses": {"t": []}, "UnprocessedKeys": {"t": {"Keys": [key]}}},
                {"RequestItems": ANY},
            )
            stubber.add_response(
                "batch_get_item",
                {"Responses": {"t": [{**key, "n": {"N": "1"}}]}, "UnprocessedKeys": {}},
                {"RequestItems": {"t": {"Keys": [key], "ConsistentRead": True}}},
            )
            assert await table.batch_get([("P", "A")]) == [{"pk": "P", "sk": "A", "n": 1}]
    finally:
        table.close()


def test_creating_the_table_twice_changes_nothing(dynamodb_table: str) -> None:
    client = default_client()
    create_table(client, dynamodb_table)
    described = client.describe_table(TableName=dynamodb_table)["Table"]
    assert described["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    assert described["StreamSpecification"]["StreamViewType"] == "NEW_AND_OLD_IMAGES"
    assert sorted(i["IndexName"] for i in described["GlobalSecondaryIndexes"]) == [
        "gsi1",
        "gsi2",
        "gsi3",
    ]


def requests_sent(operation: str) -> float:
    """How many `operation` requests this process has sent so far."""
    value = REGISTRY.get_sample_value("taskdeck_dynamodb_requests_total", {"operation": operation})
    return value or 0.0


async def test_each_request_and_its_capacity_are_counted(dynamodb_table: str) -> None:
    start_counting()  # as `taskdeck serve` does, to serve them on /metrics
    table = DynamoTable(dynamodb_table, cursor_key=b"k")
    try:
        before = {op: requests_sent(op) for op in ("GetItem", "Query", "TransactWriteItems")}
        await table.transact([Put({"pk": "P", "sk": "A", "n": 1})])
        await table.get("P", "A")
        await table.query("P")
        after = {op: requests_sent(op) for op in before}
        assert {op: after[op] - before[op] for op in before} == {
            "GetItem": 1,
            "Query": 1,
            "TransactWriteItems": 1,
        }
        capacity = REGISTRY.get_sample_value(
            "taskdeck_dynamodb_capacity_units_total", {"operation": "GetItem"}
        )
        assert capacity is not None
        assert capacity > 0
    finally:
        table.close()


def test_every_process_on_a_table_shares_its_secret_key(dynamodb_table: str) -> None:
    first = table_secret(dynamodb_table)
    assert len(first) == 32
    assert table_secret(dynamodb_table) == first  # another process, or a later start
    with pytest.raises(StoreUnavailable, match="no-such-table"):
        table_secret("no-such-table")
