"""What only the SQLite adapter does: grouped commits, durability settings, a busy file."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from taskdeck.adapters.storage.sqlite import SqliteTable
from taskdeck.ports import MUST_NOT_EXIST, Put, StoreUnavailable, TransactionConflict

pytestmark = pytest.mark.anyio


async def test_a_failed_transaction_in_a_group_fails_alone(tmp_path: Path) -> None:
    table = SqliteTable(tmp_path / "t.db", cursor_key=b"k")
    try:
        await table.transact([Put({"pk": "P", "sk": "taken"})])
        outcomes = await asyncio.gather(
            *(
                table.transact(
                    [Put({"pk": "P", "sk": "taken" if n == 7 else f"{n}"}, MUST_NOT_EXIST)]
                )
                for n in range(20)
            ),
            return_exceptions=True,
        )
        assert [n for n, o in enumerate(outcomes) if isinstance(o, TransactionConflict)] == [7]
        assert len((await table.query("P", limit=100)).items) == 20
    finally:
        table.close()


async def test_the_database_runs_in_wal_mode_with_full_sync(tmp_path: Path) -> None:
    table = SqliteTable(tmp_path / "t.db", cursor_key=b"k")
    table.close()
    raw = sqlite3.connect(tmp_path / "t.db")
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    raw.close()


async def test_a_file_locked_past_the_busy_timeout_is_unavailable_not_a_crash(
    tmp_path: Path,
) -> None:
    table = SqliteTable(tmp_path / "t.db", cursor_key=b"k", busy_timeout_ms=50)
    other = sqlite3.connect(tmp_path / "t.db", isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(StoreUnavailable):
            await table.transact([Put({"pk": "P", "sk": "A"})])
        other.execute("ROLLBACK")
        await table.transact([Put({"pk": "P", "sk": "A"})])
        assert await table.get("P", "A") == {"pk": "P", "sk": "A"}
    finally:
        other.close()
        table.close()


async def test_a_write_after_close_fails_instead_of_hanging(tmp_path: Path) -> None:
    table = SqliteTable(tmp_path / "t.db", cursor_key=b"k")
    table.close()
    with pytest.raises(StoreUnavailable):
        await table.transact([Put({"pk": "P", "sk": "A"})])
