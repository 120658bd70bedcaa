"""The write side of the SQLite store: checking a group of transactions and turning
their operations into statements, inside one SQLite transaction that the writer thread
opened and will commit (see `sqlite.py`)."""

from __future__ import annotations

import asyncio
import functools
import sqlite3
import threading
import time
from collections.abc import Generator, Iterable
from typing import Any, Final

import orjson

from taskdeck.adapters.storage.operations import (
    apply_update,
    condition_holds,
    must_exist,
    operation_key,
)
from taskdeck.ports import (
    MAX_ITEM_BYTES,
    Delete,
    Item,
    ItemTooLarge,
    Operation,
    Put,
    TransactionConflict,
    Update,
)

COLUMNS: Final = (
    "pk",
    "sk",
    "gsi1pk",
    "gsi1sk",
    "gsi2pk",
    "gsi2sk",
    "gsi3pk",
    "gsi3sk",
    "search_text",
)
_PLACEHOLDERS: Final = ", ".join("?" * (len(COLUMNS) + 1))
DELETE: Final = "DELETE FROM items WHERE pk = ? AND sk = ?"
UPSERT: Final = (
    f"INSERT INTO items ({', '.join(COLUMNS)}, data) VALUES ({_PLACEHOLDERS}) "
    "ON CONFLICT (pk, sk) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in (*COLUMNS[2:], "data"))
)


def row_of(item: Item, data: bytes) -> tuple[Any, ...]:
    """The values of `UPSERT` for an item and its JSON."""
    return (*(item.get(column) for column in COLUMNS), data)


def serialize(item: Item) -> bytes:
    """The item as stored JSON; `ItemTooLarge` past DynamoDB's item size."""
    data = orjson.dumps(item)
    if len(data) > MAX_ITEM_BYTES:
        raise ItemTooLarge(f"item {item['pk']}/{item['sk']} is {len(data)} bytes")
    return data


Transaction = tuple[list[Operation], list[bytes | None], asyncio.Future[None]]


SLICE_SECONDS: Final = 0.001
"""How long the loop writes before it lets the requests waiting on it run."""


class GroupWrite:
    """The checks and writes of one group of transactions inside an open SQLite
    transaction, done once, in order.

    The event loop does them a slice at a time (`run_slice`), letting the requests
    waiting on it run between slices, so that a large group (a fan-out's thousand
    notifications) never holds a request up for more than about a millisecond. A slice
    may end between two statements of one transaction: nothing is visible before the
    group's `COMMIT`, and a transaction's checks all pass before its first statement
    runs, so where a slice ends changes nothing written. (Ending slices only between
    transactions let a fan-out's transaction of 99 notifications hold the loop for 5 ms.)
    Whoever calls `run` (the writer thread, when the loop stopped) does all that is
    left."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        group: list[tuple[list[Operation], list[bytes | None]]],
    ) -> None:
        self._steps = _group_steps(connection, group)
        self._claim = threading.Lock()
        self.done = threading.Event()
        self.outcomes: list[BaseException | None] | None = None
        self.error: Exception | None = None

    def run(self) -> None:
        """Do everything left, unless another thread is doing it."""
        self._work(deadline=None)

    def run_slice(self) -> None:
        """Do about `SLICE_SECONDS` of what is left, then hand the rest back to the
        running loop's queue, behind whatever waits there."""
        if self._work(deadline=time.perf_counter() + SLICE_SECONDS):
            asyncio.get_running_loop().call_soon(self.run_slice)

    def _work(self, *, deadline: float | None) -> bool:
        """Check and write until done or past `deadline`; True when some is left. An
        error part-way is kept for the writer, which then undoes the whole group."""
        if not self._claim.acquire(blocking=False):
            return False  # the other thread is at it, and finishes what it started
        try:
            while not self.done.is_set():
                next(self._steps)
                if deadline is not None and time.perf_counter() > deadline:
                    return True
        except StopIteration as finished:
            self.outcomes = finished.value
            self.done.set()
        except Exception as error:  # the disk, or a bug: never a half-written group
            self.error = error
            self.done.set()
        finally:
            self._claim.release()
        return False


Steps = Generator[None, None, list[BaseException | None]]
"""A group's work, a step per statement (reads for checks included); its value: each
transaction's outcome."""


def _group_steps(
    connection: sqlite3.Connection, group: list[tuple[list[Operation], list[bytes | None]]]
) -> Steps:
    outcomes: list[BaseException | None] = []
    for operations, serialized in group:
        outcomes.append((yield from _write_one(connection, operations, serialized)))
    return outcomes


def _write_one(
    connection: sqlite3.Connection, operations: list[Operation], serialized: list[bytes | None]
) -> Generator[None, None, BaseException | None]:
    """One transaction, step by step; its outcome: None when written, the error when
    refused."""
    try:
        statements = yield from _checked(connection, operations, serialized)
    except sqlite3.Error:
        raise
    except Exception as error:  # a refused transaction fails alone
        return error
    # Past the checks only the disk can fail, and then the whole group does.
    for sql, parameters in statements:
        connection.execute(sql, parameters)
        yield
    return None


def settle(futures: list[asyncio.Future[None]], outcomes: list[BaseException | None]) -> None:
    by_loop: dict[asyncio.AbstractEventLoop, list[tuple[asyncio.Future[None], Any]]] = {}
    for future, outcome in zip(futures, outcomes, strict=True):
        by_loop.setdefault(future.get_loop(), []).append((future, outcome))
    for loop, pairs in by_loop.items():
        if not loop.is_closed():
            loop.call_soon_threadsafe(_resolve, pairs)


def _resolve(pairs: Iterable[tuple[asyncio.Future[None], BaseException | None]]) -> None:
    for future, outcome in pairs:
        if future.done():
            continue
        if outcome is None:
            future.set_result(None)
        else:
            future.set_exception(outcome)


def _current(connection: sqlite3.Connection, pk: str, sk: str) -> Item | None:
    row = connection.execute("SELECT data FROM items WHERE pk = ? AND sk = ?", (pk, sk)).fetchone()
    return None if row is None else orjson.loads(row[0])


Statement = tuple[str, tuple[Any, ...]]


def _checked(
    connection: sqlite3.Connection,
    operations: list[Operation],
    serialized: list[bytes | None],
) -> Generator[None, None, list[Statement]]:
    """The statements of one transaction, checked (a step per item read) before any runs:
    raise `TransactionConflict` when a condition fails (or `ItemTooLarge` for an update
    that grows an item too far), so a refused transaction writes nothing and needs no
    savepoint to undo."""
    reasons: list[str | None] = [None] * len(operations)
    statements: list[Statement] = []
    for position, op in enumerate(operations):
        condition = op.condition
        needs_read = isinstance(op, Update) or condition.exists is not None or condition.equals
        current = None
        if needs_read:
            current = _current(connection, *operation_key(op))
            yield
        if not condition_holds(condition, current, must_exist=must_exist(op)):
            reasons[position] = "ConditionalCheckFailed"
        elif isinstance(op, Put):
            data = serialized[position]
            assert data is not None
            statements.append(_written(op.item, data, current))
        elif isinstance(op, Update):
            item = apply_update(current, op)
            statements.append(_written(item, serialize(item), current))
        elif isinstance(op, Delete):
            statements.append((DELETE, (op.pk, op.sk)))
    if any(reasons):
        raise TransactionConflict(reasons)
    return statements


def _written(item: Item, data: bytes, current: Item | None) -> Statement:
    """The statement that stores `item`. Over an item read for a condition it sets only
    the columns that change, so SQLite leaves the entries of the other indexes alone: a
    rank move then rewrites two index pages rather than four (fewer WAL bytes a write)."""
    if current is None:
        return UPSERT, row_of(item, data)
    changed = tuple(c for c in COLUMNS[2:] if item.get(c) != current.get(c))
    return _update_sql(changed), (*(item.get(c) for c in changed), data, item["pk"], item["sk"])


@functools.lru_cache(maxsize=64)
def _update_sql(columns: tuple[str, ...]) -> str:
    assignments = "".join(f"{column} = ?, " for column in columns)
    return f"UPDATE items SET {assignments}data = ? WHERE pk = ? AND sk = ?"
