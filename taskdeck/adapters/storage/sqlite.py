"""The `Table` port on one SQLite file: the embedded default store.

Reads run on the caller's thread (a point read takes microseconds, so the event loop
does it directly). Writes go to one writer thread per process that groups every
transaction waiting in its queue into one SQLite transaction: each runs inside its own
SAVEPOINT (so a failed condition undoes only that one), and one COMMIT — one fsync
with `synchronous=FULL` — makes the whole group durable before any caller hears back.
Several processes share the file safely: each group takes the write lock with
`BEGIN IMMEDIATE` and waits up to the busy timeout for it.
"""

from __future__ import annotations

import asyncio
import queue
import random
import sqlite3
import threading
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Final

import orjson

from taskdeck.adapters.storage.cursors import CursorCodec
from taskdeck.adapters.storage.operations import (
    apply_update,
    check_transaction,
    condition_holds,
    operation_key,
)
from taskdeck.ports import (
    INDEXES,
    MAX_BATCH_GET,
    MAX_ITEM_BYTES,
    Check,
    Delete,
    InvalidCursor,
    Item,
    ItemTooLarge,
    KeyCondition,
    Operation,
    Page,
    Put,
    StoreUnavailable,
    TransactionConflict,
    Update,
)

_KEY_COLUMNS: Final = ("pk", "sk", "gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk", "gsi3pk", "gsi3sk")
_COLUMNS: Final = (*_KEY_COLUMNS, "search_text")
_HIGHEST: Final = "\U0010ffff"
_MAX_GROUP: Final = 512

_SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS items (
    pk TEXT NOT NULL, sk TEXT NOT NULL,
    gsi1pk TEXT, gsi1sk TEXT, gsi2pk TEXT, gsi2sk TEXT, gsi3pk TEXT, gsi3sk TEXT,
    search_text TEXT,
    data BLOB NOT NULL,
    PRIMARY KEY (pk, sk)
);
CREATE UNIQUE INDEX IF NOT EXISTS gsi1 ON items (gsi1pk, gsi1sk, pk, sk) WHERE gsi1pk IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS gsi2 ON items (gsi2pk, gsi2sk, pk, sk) WHERE gsi2pk IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS gsi3 ON items (gsi3pk, gsi3sk, pk, sk) WHERE gsi3pk IS NOT NULL;
CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5 (
    pk, search_text, content='items', content_rowid='rowid',
    tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS search_insert AFTER INSERT ON items
WHEN new.search_text IS NOT NULL BEGIN
    INSERT INTO search (rowid, pk, search_text)
    VALUES (new.rowid, new.pk, new.search_text);
END;
CREATE TRIGGER IF NOT EXISTS search_delete AFTER DELETE ON items
WHEN old.search_text IS NOT NULL BEGIN
    INSERT INTO search (search, rowid, pk, search_text)
    VALUES ('delete', old.rowid, old.pk, old.search_text);
END;
-- Re-index only when the text changes: most writes of an issue (a move, a status, a
-- watcher, a worklog) leave it as it was. (Triggers of earlier versions re-indexed on
-- every update; they are replaced here.)
DROP TRIGGER IF EXISTS search_update_old;
DROP TRIGGER IF EXISTS search_update_new;
CREATE TRIGGER IF NOT EXISTS search_reindex_old AFTER UPDATE OF search_text ON items
WHEN old.search_text IS NOT NULL AND old.search_text IS NOT new.search_text BEGIN
    INSERT INTO search (search, rowid, pk, search_text)
    VALUES ('delete', old.rowid, old.pk, old.search_text);
END;
CREATE TRIGGER IF NOT EXISTS search_reindex_new AFTER UPDATE OF search_text ON items
WHEN new.search_text IS NOT NULL AND old.search_text IS NOT new.search_text BEGIN
    INSERT INTO search (rowid, pk, search_text)
    VALUES (new.rowid, new.pk, new.search_text);
END;
"""

_PLACEHOLDERS: Final = ", ".join("?" * (len(_COLUMNS) + 1))
_UPSERT: Final = (
    f"INSERT INTO items ({', '.join(_COLUMNS)}, data) VALUES ({_PLACEHOLDERS}) "
    "ON CONFLICT (pk, sk) DO UPDATE SET "
    + ", ".join(f"{c} = excluded.{c}" for c in (*_COLUMNS[2:], "data"))
)


def _row(item: Item, data: bytes) -> tuple[Any, ...]:
    return (*(item.get(column) for column in _COLUMNS), data)


def _serialize(item: Item) -> bytes:
    data = orjson.dumps(item)
    if len(data) > MAX_ITEM_BYTES:
        raise ItemTooLarge(f"item {item['pk']}/{item['sk']} is {len(data)} bytes")
    return data


def _sort_key_clause(column: str, condition: KeyCondition | None) -> tuple[str, list[str]]:
    if condition is None:
        return "", []
    value = condition.value
    clauses = {
        "eq": (f" AND {column} = ?", [value]),
        "lt": (f" AND {column} < ?", [value]),
        "lte": (f" AND {column} <= ?", [value]),
        "gt": (f" AND {column} > ?", [value]),
        "gte": (f" AND {column} >= ?", [value]),
        "begins_with": (f" AND {column} >= ? AND {column} < ?", [value, value + _HIGHEST]),
        "between": (f" AND {column} BETWEEN ? AND ?", [value, condition.upper or value]),
    }
    return clauses[condition.op]


def _fts_query(text: str) -> str:
    """Every word of `text` as a quoted prefix term, so user input is never FTS syntax."""
    printable = "".join(ch if ch.isprintable() else " " for ch in text)
    words = [w for w in printable.split() if w]
    return " AND ".join('"' + w.replace('"', '""') + '"*' for w in words[:32])


class SqliteTable:
    """A `Table` on one SQLite file in WAL mode, with grouped durable commits."""

    def __init__(
        self,
        path: Path,
        *,
        cursor_key: bytes,
        synchronous: str = "FULL",
        busy_timeout_ms: int = 30_000,
    ) -> None:
        self._path = path
        self._synchronous = synchronous
        self._busy_timeout_ms = busy_timeout_ms
        self._cursors = CursorCodec(cursor_key)
        self._local = threading.local()
        self._queue: queue.SimpleQueue[
            tuple[list[Operation], list[bytes | None], asyncio.Future[None]] | None
        ] = queue.SimpleQueue()
        path.parent.mkdir(parents=True, exist_ok=True)
        self._create_schema()
        self._closed = False
        self._writer = threading.Thread(target=self._write_loop, name="sqlite-writer", daemon=True)
        self._writer.start()

    def _create_schema(self) -> None:
        """Switch to WAL and create the schema, waiting out other processes doing the same.

        Changing the journal mode of a new file can fail with "database is locked" at
        once, without the busy handler, while another worker process opens it too.
        """
        deadline = time.monotonic() + self._busy_timeout_ms / 1000
        while True:
            setup = self._connect()
            try:
                setup.execute("PRAGMA journal_mode = WAL")
                setup.execute("BEGIN IMMEDIATE")
                setup.executescript(_SCHEMA)
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
            finally:
                setup.close()
            time.sleep(0.01 + random.random() * 0.04)

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(
            self._path, isolation_level=None, check_same_thread=False, timeout=0
        )
        connection.execute(f"PRAGMA busy_timeout = {int(self._busy_timeout_ms)}")
        connection.execute(f"PRAGMA synchronous = {self._synchronous}")
        connection.execute("PRAGMA foreign_keys = OFF")
        return connection

    def _reader(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = self._connect()
            connection.execute("PRAGMA query_only = 1")
            self._local.connection = connection
        return connection

    async def get(self, pk: str, sk: str) -> Item | None:
        """The item with this key, or None."""
        row = (
            self._reader()
            .execute("SELECT data FROM items WHERE pk = ? AND sk = ?", (pk, sk))
            .fetchone()
        )
        return None if row is None else orjson.loads(row[0])

    async def batch_get(self, keys: Sequence[tuple[str, str]]) -> list[Item]:
        """The items that exist among `keys`."""
        if len(keys) > MAX_BATCH_GET:
            raise ValueError(f"batch_get takes at most {MAX_BATCH_GET} keys")
        if not keys:
            return []
        placeholders = ", ".join("(?, ?)" for _ in keys)
        flat = [part for key in keys for part in key]
        rows = (
            self._reader()
            .execute(
                f"WITH wanted (pk, sk) AS (VALUES {placeholders}) "
                "SELECT items.data FROM wanted JOIN items USING (pk, sk)",
                flat,
            )
            .fetchall()
        )
        return [orjson.loads(row[0]) for row in rows]

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
        pk_column, sk_column = (f"{index}pk", f"{index}sk") if index else ("pk", "sk")
        order = (sk_column, "pk", "sk") if index else ("sk",)
        signature = f"q|{index}|{pk}|{sk}|{forward}"
        where, params = _sort_key_clause(sk_column, sk)
        sql = f"SELECT data, {', '.join(order)} FROM items WHERE {pk_column} = ?{where}"
        args: list[Any] = [pk, *params]
        if cursor is not None:
            position = self._cursors.decode(signature, cursor)
            if not isinstance(position, list) or len(position) != len(order):
                raise InvalidCursor("cursor is not valid for this query")
            comparison = ">" if forward else "<"
            sql += f" AND ({', '.join(order)}) {comparison} ({', '.join('?' * len(order))})"
            args.extend(position)
        direction = "ASC" if forward else "DESC"
        sql += " ORDER BY " + ", ".join(f"{c} {direction}" for c in order) + " LIMIT ?"
        args.append(limit + 1)
        rows = self._reader().execute(sql, args).fetchall()
        return self._page(rows, limit, signature)

    async def search(
        self, pk: str, text: str, *, limit: int = 50, cursor: str | None = None
    ) -> Page:
        """Items of partition `pk` whose search text matches every word, by sort key."""
        expression = _fts_query(text)
        if not expression:
            return Page([], None)
        signature = f"s|{pk}|{expression}"
        after = ""
        if cursor is not None:
            position = self._cursors.decode(signature, cursor)
            if not isinstance(position, list) or len(position) != 1:
                raise InvalidCursor("cursor is not valid for this query")
            after = str(position[0])
        match = f'pk : "{pk.replace(chr(34), chr(34) * 2)}" AND search_text : ({expression})'
        rows = (
            self._reader()
            .execute(
                "SELECT items.data, items.sk FROM search "
                "JOIN items ON items.rowid = search.rowid "
                "WHERE search MATCH ? AND items.pk = ? AND items.sk > ? "
                "ORDER BY items.sk LIMIT ?",
                (match, pk, after, limit + 1),
            )
            .fetchall()
        )
        return self._page(rows, limit, signature)

    def _page(self, rows: list[Any], limit: int, signature: str) -> Page:
        more = len(rows) > limit
        rows = rows[:limit]
        items = [orjson.loads(row[0]) for row in rows]
        next_cursor = self._cursors.encode(signature, list(rows[-1][1:])) if more else None
        return Page(items, next_cursor)

    def transact(self, operations: Sequence[Operation]) -> asyncio.Future[None]:
        """Queue a transaction for the writer thread; the future settles once durable."""
        check_transaction(operations)
        if self._closed:
            raise StoreUnavailable("the store is closed")
        serialized = [_serialize(op.item) if isinstance(op, Put) else None for op in operations]
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._queue.put((list(operations), serialized, future))
        return future

    async def ping(self) -> None:
        """Raise unless the file can be read and the writer thread runs."""
        self._reader().execute("SELECT 1 FROM items LIMIT 1").fetchall()
        if not self._writer.is_alive():
            raise RuntimeError("the SQLite writer thread has stopped")

    def close(self) -> None:
        """Stop the writer after the queued transactions and close connections."""
        self._closed = True
        if self._writer.is_alive():
            self._queue.put(None)
            self._writer.join()
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
            self._local.connection = None

    # --- the writer thread -------------------------------------------------------------

    def _write_loop(self) -> None:
        connection = self._connect()
        try:
            while True:
                first = self._queue.get()
                if first is None:
                    return
                group = [first]
                while len(group) < _MAX_GROUP:
                    try:
                        following = self._queue.get_nowait()
                    except queue.Empty:
                        break
                    if following is None:
                        self._queue.put(None)
                        break
                    group.append(following)
                outcomes = self._commit_group(connection, [(ops, data) for ops, data, _ in group])
                _settle([future for _, _, future in group], outcomes)
        finally:
            connection.close()

    def _commit_group(
        self,
        connection: sqlite3.Connection,
        group: list[tuple[list[Operation], list[bytes | None]]],
    ) -> list[BaseException | None]:
        outcomes: list[BaseException | None] = []
        try:
            connection.execute("BEGIN IMMEDIATE")
            for operations, serialized in group:
                connection.execute("SAVEPOINT txn")
                try:
                    _apply(connection, operations, serialized)
                except Exception as error:  # each transaction fails alone
                    connection.execute("ROLLBACK TO txn")
                    outcomes.append(error)
                else:
                    outcomes.append(None)
                connection.execute("RELEASE txn")
            connection.execute("COMMIT")
        except sqlite3.Error as error:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            unavailable = StoreUnavailable(f"the database could not commit: {error}")
            return [unavailable] * len(group)
        return outcomes


def _settle(futures: list[asyncio.Future[None]], outcomes: list[BaseException | None]) -> None:
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


def _apply(
    connection: sqlite3.Connection,
    operations: list[Operation],
    serialized: list[bytes | None],
) -> None:
    """Check every condition, then write; raise `TransactionConflict` on the first failure."""
    reasons: list[str | None] = [None] * len(operations)
    currents: list[Item | None] = []
    for position, op in enumerate(operations):
        condition = op.condition
        needs_read = isinstance(op, Update) or condition.exists is not None or condition.equals
        current = _current(connection, *operation_key(op)) if needs_read else None
        currents.append(current)
        must_exist = isinstance(op, Update)
        if not condition_holds(op.condition, current, must_exist=must_exist):
            reasons[position] = "ConditionalCheckFailed"
    if any(reasons):
        raise TransactionConflict(reasons)
    for op, current, data in zip(operations, currents, serialized, strict=True):
        if isinstance(op, Put):
            assert data is not None
            connection.execute(_UPSERT, _row(op.item, data))
        elif isinstance(op, Update):
            assert current is not None
            item = apply_update(current, op)
            connection.execute(_UPSERT, _row(item, _serialize(item)))
        elif isinstance(op, Delete):
            connection.execute("DELETE FROM items WHERE pk = ? AND sk = ?", (op.pk, op.sk))
        else:
            assert isinstance(op, Check)
