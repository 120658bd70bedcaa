"""The adapters of the `Table` port: each contract test runs once per adapter.

Another adapter joins the suite by adding a factory to `TABLE_FACTORIES`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from taskdeck.adapters.storage.sqlite import SqliteTable
from taskdeck.ports import Table

CURSOR_KEY = b"k" * 32


def _sqlite(path: Path) -> Table:
    return SqliteTable(path / "contract.db", cursor_key=CURSOR_KEY)


TABLE_FACTORIES: dict[str, Callable[[Path], Table]] = {"sqlite": _sqlite}


@pytest.fixture(params=sorted(TABLE_FACTORIES))
def table_factory(request: pytest.FixtureRequest) -> Callable[[Path], Table]:
    """A function that opens the adapter on a directory."""
    factory: Callable[[Path], Table] = TABLE_FACTORIES[request.param]
    return factory


@pytest.fixture
async def table(table_factory: Callable[[Path], Table], tmp_path: Path) -> AsyncIterator[Table]:
    """An empty table of each adapter."""
    opened = table_factory(tmp_path)
    yield opened
    opened.close()
