"""What only the SQLite adapter does: grouped commits, durability settings, a busy file."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from taskdeck.adapters.storage import sqlite_writes
from taskdeck.adapters.storage.sqlite import SqliteTable
from taskdeck.ports import (
    MUST_NOT_EXIST,
    Condition,
    Operation,
    Put,
    StoreUnavailable,
    TransactionConflict,
)

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


async def test_closing_on_the_loop_thread_writes_what_is_queued(tmp_path: Path) -> None:
    """The writer hands a group to the loop that asked for it; `close` called on that
    very loop (as the app's shutdown does) must write it rather than wait forever."""
    table = SqliteTable(tmp_path / "t.db", cursor_key=b"k")
    pending = [table.transact([Put({"pk": "P", "sk": f"{n}"})]) for n in range(5)]
    table.close()
    await asyncio.gather(*pending)
    reopened = SqliteTable(tmp_path / "t.db", cursor_key=b"k")
    try:
        assert len((await reopened.query("P", limit=10)).items) == 5
    finally:
        reopened.close()


@pytest.mark.parametrize("closed", [True, False], ids=["closed", "stopped"])
def test_a_write_whose_loop_has_gone_is_still_made(tmp_path: Path, closed: bool) -> None:
    """A loop closed or stopped while its write waits (a test's or a worker's) does not
    stall the writer: the group is written on the writer thread, and later writes go on."""
    table = SqliteTable(tmp_path / "t.db", cursor_key=b"k")
    try:
        loop = asyncio.new_event_loop()
        loop.run_until_complete(asyncio.sleep(0))

        async def queue_one() -> None:
            table.transact([Put({"pk": "P", "sk": "orphan"})])

        loop.run_until_complete(queue_one())
        if closed:
            loop.close()

        async def write_and_read() -> object:
            await table.transact([Put({"pk": "P", "sk": "later"})])
            return [item["sk"] for item in (await table.query("P")).items]

        assert asyncio.run(write_and_read()) == ["later", "orphan"]
    finally:
        table.close()


async def test_an_update_that_changes_some_index_keys_moves_only_those(tmp_path: Path) -> None:
    """Writes over an item read for a condition set only the columns that change: the
    item must still leave the index it left, join the one it joined and stay in the rest."""
    table = SqliteTable(tmp_path / "t.db", cursor_key=b"k")
    try:
        item = {"pk": "P", "sk": "I", "version": 1, "gsi1pk": "A", "gsi1sk": "1"}
        await table.transact([Put({**item, "gsi2pk": "B", "gsi2sk": "1"})])
        moved = {**item, "version": 2, "gsi3pk": "C", "gsi3sk": "1"}
        await table.transact([Put(moved, Condition(equals={"version": 1}))])
        assert await table.get("P", "I") == moved
        assert [i["sk"] for i in (await table.query("A", index="gsi1")).items] == ["I"]
        assert (await table.query("B", index="gsi2")).items == []
        assert [i["sk"] for i in (await table.query("C", index="gsi3")).items] == ["I"]
    finally:
        table.close()


async def test_a_large_transaction_lets_the_loop_run_between_its_statements(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The loop writes a group in slices that may end inside a transaction (a fan-out's
    99 notifications must not hold requests up for their whole write), yet a refused
    transaction still writes none of its items, and a written one all of them."""
    monkeypatch.setattr(sqlite_writes, "SLICE_SECONDS", 0.0)  # a slice is one step
    table = SqliteTable(tmp_path / "t.db", cursor_key=b"k")
    await table.transact([Put({"pk": "P", "sk": "refused98"})])
    table.close()

    def notes(prefix: str) -> tuple[list[Operation], list[bytes | None]]:
        puts = [Put({"pk": "P", "sk": f"{prefix}{n:02}"}, MUST_NOT_EXIST) for n in range(99)]
        return list(puts), [sqlite_writes.serialize(put.item) for put in puts]

    connection = sqlite3.connect(tmp_path / "t.db", isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        writing = sqlite_writes.GroupWrite(connection, [notes("written"), notes("refused")])
        asyncio.get_running_loop().call_soon(writing.run_slice)
        turns = 0
        while not writing.done.is_set():
            turns += 1
            await asyncio.sleep(0)
        connection.execute("COMMIT")
        assert writing.error is None
        assert writing.outcomes is not None
        assert writing.outcomes[0] is None
        assert isinstance(writing.outcomes[1], TransactionConflict)
        # A turn after each of the first's 99 checks and 99 statements and each of the
        # second's checks up to its refusal (the loop ran twice when slices ended only
        # between transactions).
        assert turns >= 99 + 99 + 98
        stored = [row[0] for row in connection.execute("SELECT sk FROM items ORDER BY sk")]
        assert stored == ["refused98", *(f"written{n:02}" for n in range(99))]
    finally:
        connection.close()
