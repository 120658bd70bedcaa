"""The adapters of the `Table` port: each contract test runs once per adapter.

Another adapter joins the suite by adding a factory to `TABLE_FACTORIES`.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest

from taskdeck.adapters.storage.sqlite import SqliteTable
from taskdeck.ports import Table

CURSOR_KEY = b"k" * 32


def _sqlite(path: Path) -> Table:
    return SqliteTable(path / "contract.db", cursor_key=CURSOR_KEY)


def _table_name(path: Path) -> str:
    """The DynamoDB table standing for a directory: the same directory, the same table."""
    return "contract-" + hashlib.sha256(str(path).encode()).hexdigest()[:16]


def _dynamodb(path: Path) -> Table:
    from taskdeck.adapters.storage.dynamodb import DynamoTable, default_client
    from taskdeck.adapters.storage.dynamodb_schema import create_table

    create_table(default_client(), _table_name(path))
    return DynamoTable(_table_name(path), cursor_key=CURSOR_KEY)


TABLE_FACTORIES: dict[str, Callable[[Path], Table]] = {"sqlite": _sqlite, "dynamodb": _dynamodb}


@pytest.fixture(params=sorted(TABLE_FACTORIES))
def table_factory(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[Callable[[Path], Table]]:
    """A function that opens the adapter on a directory (DynamoDB: on the moto server)."""
    factory: Callable[[Path], Table] = TABLE_FACTORIES[request.param]
    if request.param != "dynamodb":
        yield factory
        return
    request.getfixturevalue("moto_endpoint")
    yield factory
    from taskdeck.adapters.storage.dynamodb import default_client

    client = default_client()
    with contextlib.suppress(client.exceptions.ResourceNotFoundException):
        client.delete_table(TableName=_table_name(tmp_path))


@pytest.fixture
async def table(table_factory: Callable[[Path], Table], tmp_path: Path) -> AsyncIterator[Table]:
    """An empty table of each adapter."""
    opened = table_factory(tmp_path)
    yield opened
    opened.close()
