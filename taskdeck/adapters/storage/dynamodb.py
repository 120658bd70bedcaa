"""The `Table` port on one DynamoDB table (see docs/storage.md, DynamoDB).

boto3 is blocking, so calls run on threads: reads on a small pool, writes on one
thread, which submits transactions in call order as the port promises. The client
comes from a factory (by default one client per process, built on first use).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, Final, TypeVar

from botocore.exceptions import BotoCoreError, ClientError

from taskdeck.adapters.storage.cursors import CursorCodec
from taskdeck.adapters.storage.dynamodb_client import ClientFactory, default_client, translate
from taskdeck.adapters.storage.dynamodb_expressions import (
    Expression,
    condition_expression,
    key_condition_expression,
    update_expression,
)
from taskdeck.adapters.storage.dynamodb_items import (
    SEARCH_WORDS,
    check_size,
    from_attributes,
    index_entry,
    query_phrases,
    to_attributes,
)
from taskdeck.adapters.storage.operations import check_transaction, must_exist
from taskdeck.ports import (
    INDEXES,
    MAX_BATCH_GET,
    Adjacent,
    Check,
    Delete,
    InvalidCursor,
    Item,
    KeyCondition,
    Operation,
    Page,
    Put,
    StoreUnavailable,
    Update,
)

if TYPE_CHECKING:
    from types_boto3_dynamodb.client import DynamoDBClient
    from types_boto3_dynamodb.type_defs import TransactWriteItemTypeDef

_T = TypeVar("_T")
_READ_THREADS: Final = 8
_BATCH_ATTEMPTS: Final = 8
_SEARCH_PAGE_ITEMS: Final = 250
_SEARCH_PAGES: Final = 20


def _key(pk: str, sk: str) -> dict[str, Any]:
    return {"pk": {"S": pk}, "sk": {"S": sk}}


class DynamoTable:
    """A `Table` on one DynamoDB table with three sparse GSIs."""

    def __init__(
        self,
        name: str,
        *,
        cursor_key: bytes,
        client_factory: ClientFactory = default_client,
    ) -> None:
        self._name = name
        self._client_factory = client_factory
        self._cursors = CursorCodec(cursor_key)
        self._readers = ThreadPoolExecutor(_READ_THREADS, thread_name_prefix="dynamodb-read")
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="dynamodb-write")
        self._closed = False

    def _call(self, request: Callable[[DynamoDBClient], _T]) -> _T:
        """Run one request, turning the service's errors into the port's."""
        try:
            return request(self._client_factory())
        except ClientError as error:
            raise translate(error, table=self._name) from error
        except BotoCoreError as error:
            raise StoreUnavailable(f"DynamoDB could not be reached: {error}") from error

    async def _read(self, request: Callable[[DynamoDBClient], _T]) -> _T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._readers, self._call, request)

    async def get(self, pk: str, sk: str) -> Item | None:
        """The item with this key, read consistently, or None."""
        response = await self._read(
            lambda c: c.get_item(TableName=self._name, Key=_key(pk, sk), ConsistentRead=True)
        )
        found = response.get("Item")
        return None if found is None else from_attributes(found)

    async def batch_get(
        self, keys: Sequence[tuple[str, str]], *, adjacent: Adjacent | None = None
    ) -> list[Item]:
        """The items that exist among `keys`, retrying the ones DynamoDB leaves
        unprocessed; with `adjacent`, then a query of its index after the anchor item
        (read with the others), and the index entries of both (`Adjacent`)."""
        if len(keys) > MAX_BATCH_GET - (adjacent is not None):
            raise ValueError(f"batch_get takes at most {MAX_BATCH_GET} keys")
        if adjacent is not None and adjacent.gsi not in INDEXES:
            raise ValueError(f"unknown index {adjacent.gsi!r}")
        wanted = [*keys, adjacent.key] if adjacent is not None else keys
        found = await self._read(lambda client: self._batch_get(client, wanted)) if wanted else []
        if adjacent is None:
            return found
        anchor = next((i for i in found if (i["pk"], i["sk"]) == adjacent.key), None)
        pk_name, sk_name = f"{adjacent.gsi}pk", f"{adjacent.gsi}sk"
        asked = set(keys)
        items = [i for i in found if (i["pk"], i["sk"]) in asked]
        if anchor is None:
            return items
        if adjacent.key not in asked:
            items.append(index_entry(anchor, adjacent.gsi))
        if pk_name not in anchor:
            return items
        beside = KeyCondition("lt" if adjacent.below else "gt", anchor[sk_name])
        page = await self.query(
            anchor[pk_name],
            index=adjacent.gsi,
            sk=beside,
            forward=not adjacent.below,
            limit=adjacent.limit + (adjacent.skip is not None),
        )
        # A filter expression would apply after the limit: the skipped item is dropped here.
        near = [i for i in page.items if (i["pk"], i["sk"]) != adjacent.skip][: adjacent.limit]
        return items + [
            index_entry(i, adjacent.gsi) for i in near if (i["pk"], i["sk"]) not in asked
        ]

    def _batch_get(self, client: DynamoDBClient, keys: Sequence[tuple[str, str]]) -> list[Item]:
        wanted: list[Any] = [_key(pk, sk) for pk, sk in dict.fromkeys(keys)]
        found: list[Item] = []
        for attempt in range(_BATCH_ATTEMPTS):
            if not wanted:
                return found
            if attempt:
                time.sleep(min(1.0, 0.025 * 2**attempt))
            response = client.batch_get_item(
                RequestItems={self._name: {"Keys": wanted, "ConsistentRead": True}}
            )
            found += [from_attributes(i) for i in response["Responses"].get(self._name, [])]
            unprocessed = response.get("UnprocessedKeys", {}).get(self._name)
            wanted = list(unprocessed["Keys"]) if unprocessed else []
        if wanted:
            raise StoreUnavailable("DynamoDB left keys unprocessed after every retry")
        return found

    async def query(
        self,
        pk: str,
        *,
        index: str | None = None,
        sk: KeyCondition | None = None,
        forward: bool = True,
        limit: int = 50,
        cursor: str | None = None,
    ) -> Page:
        """Items of one partition of the table or an index, ordered by sort key."""
        if index is not None and index not in INDEXES:
            raise ValueError(f"unknown index {index!r}")
        pk_name, sk_name = (f"{index}pk", f"{index}sk") if index else ("pk", "sk")
        key_names = (pk_name, sk_name, "pk", "sk") if index else ("pk", "sk")
        signature = f"q|{index}|{pk}|{sk}|{forward}"
        expression = Expression()
        request: dict[str, Any] = {
            "TableName": self._name,
            "KeyConditionExpression": key_condition_expression(
                expression, pk_name, pk, sk_name, sk
            ),
            "ScanIndexForward": forward,
            "Limit": limit + 1,
            **expression.parameters(),
        }
        if index:
            request["IndexName"] = index
        else:
            request["ConsistentRead"] = True
        if cursor is not None:
            request["ExclusiveStartKey"] = self._start_key(signature, cursor, key_names)
        response = await self._read(lambda client: client.query(**request))
        raw = response.get("Items", [])
        more = len(raw) > limit or "LastEvaluatedKey" in response
        raw = raw[:limit]
        next_cursor = None
        if more and raw:
            position = {name: raw[-1][name]["S"] for name in key_names}
            next_cursor = self._cursors.encode(signature, position)
        return Page([from_attributes(i) for i in raw], next_cursor)

    def _start_key(self, signature: str, cursor: str, names: Sequence[str]) -> dict[str, Any]:
        position = self._cursors.decode(signature, cursor)
        if (
            not isinstance(position, dict)
            or sorted(position) != sorted(names)
            or not all(isinstance(value, str) for value in position.values())
        ):
            raise InvalidCursor("cursor is not valid for this query")
        return {name: {"S": value} for name, value in position.items()}

    async def search(
        self, pk: str, text: str, *, limit: int = 50, cursor: str | None = None
    ) -> Page:
        """Items of partition `pk` whose search words hold every query phrase, by sort key.

        One Query of the partition with a filter, read page after page until `limit` items
        match or 5,000 items were read; a short page may then carry a cursor.
        """
        phrases = query_phrases(text)
        if phrases is None:
            return Page([], None)
        signature = f"s|{pk}|{' AND '.join(phrases)}"
        start = None
        if cursor is not None:
            start = self._start_key(signature, cursor, ("pk", "sk"))
        expression = Expression()
        words = expression.name(SEARCH_WORDS)
        filters = [f"contains({words}, {expression.value(phrase)})" for phrase in phrases]
        request: dict[str, Any] = {
            "TableName": self._name,
            "KeyConditionExpression": key_condition_expression(expression, "pk", pk, "sk", None),
            "FilterExpression": " AND ".join(filters),
            "ConsistentRead": True,
            "Limit": _SEARCH_PAGE_ITEMS,
            **expression.parameters(),
        }
        matches, start = await self._read(
            lambda client: self._search(client, request, start, limit)
        )
        next_cursor = None
        if len(matches) > limit:
            matches = matches[:limit]
            start = {"pk": pk, "sk": matches[-1]["sk"]["S"]}
        if start is not None:
            next_cursor = self._cursors.encode(signature, {"pk": pk, "sk": start["sk"]})
        return Page([from_attributes(i) for i in matches], next_cursor)

    @staticmethod
    def _search(
        client: DynamoDBClient, request: dict[str, Any], start: Any, limit: int
    ) -> tuple[list[Any], dict[str, str] | None]:
        """The matching raw items (up to limit + 1) and the key to resume after, if any."""
        matches: list[Any] = []
        for _ in range(_SEARCH_PAGES):
            if start is not None:
                request = {**request, "ExclusiveStartKey": start}
            response = client.query(**request)
            matches += response.get("Items", [])
            start = response.get("LastEvaluatedKey")
            if start is None or len(matches) > limit:
                break
        resume = None if start is None else {"pk": start["pk"]["S"], "sk": start["sk"]["S"]}
        return matches, resume

    def transact(self, operations: Sequence[Operation]) -> asyncio.Future[None]:
        """Submit a transaction to the writer thread, in call order; settles once written."""
        check_transaction(operations)
        if self._closed:
            raise StoreUnavailable("the store is closed")
        items = [self._transact_item(op) for op in operations]
        loop = asyncio.get_running_loop()
        return loop.run_in_executor(
            self._writer,
            self._call,
            lambda client: client.transact_write_items(TransactItems=items),
        )

    def _transact_item(self, op: Operation) -> TransactWriteItemTypeDef:
        """One TransactItems entry; refuses an oversized item before any request."""
        expression = Expression()
        request: dict[str, Any] = {"TableName": self._name}
        if isinstance(op, Put):
            check_size(op.item)
            request["Item"] = to_attributes(op.item)
            kind = "Put"
        else:
            request["Key"] = _key(op.pk, op.sk)
            kind = {Update: "Update", Delete: "Delete", Check: "ConditionCheck"}[type(op)]
        if isinstance(op, Update):
            check_size({"pk": op.pk, "sk": op.sk, **op.set})
            changes = update_expression(expression, op)
            if changes:
                request["UpdateExpression"] = changes
            else:
                kind = "ConditionCheck"
        condition = condition_expression(expression, op.condition, must_exist=must_exist(op))
        if condition is None and kind == "ConditionCheck":
            key = expression.name("pk")
            condition = f"attribute_exists({key}) OR attribute_not_exists({key})"
        if condition is not None:
            request["ConditionExpression"] = condition
        request.update(expression.parameters())
        return {kind: request}  # type: ignore[misc]

    async def ping(self) -> None:
        """Raise unless the table exists and answers.

        A GetItem of a key no item has (half a read unit), not DescribeTable: health checks
        call this often, and DescribeTable is a control-plane call that AWS rate-limits to
        a few per second per account. A missing table still fails (ResourceNotFound).
        """
        await self._read(
            lambda client: client.get_item(TableName=self._name, Key=_key("HEALTH", "HEALTH"))
        )

    def close(self) -> None:
        """Finish the submitted transactions and stop the threads."""
        self._closed = True
        self._writer.shutdown(wait=True)
        self._readers.shutdown(wait=True)
