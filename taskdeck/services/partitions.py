"""Whole partitions of the store, item by item."""

from __future__ import annotations

from taskdeck.ports import Delete, Table

DELETE_BATCH = 100
"""Items deleted per transaction: DynamoDB's limit of a transaction's items."""


async def delete_partition(table: Table, pk: str) -> int:
    """Delete every item of the partition `pk`, in transactions of `DELETE_BATCH`; how many."""
    deleted = 0
    while True:
        page = await table.query(pk, limit=DELETE_BATCH)
        if not page.items:
            return deleted
        await table.transact([Delete(item["pk"], item["sk"]) for item in page.items])
        deleted += len(page.items)
