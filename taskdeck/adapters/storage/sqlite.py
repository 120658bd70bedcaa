"""The `Table` port on one SQLite file: the embedded default store.

Reads run on the caller's thread (a point read takes microseconds, so the event loop
does it directly). Writes are grouped by one writer thread per process: it takes every
transaction waiting in its queue, opens one SQLite transaction (`BEGIN IMMEDIATE`,
waiting up to the busy timeout while another process writes), has the event loop check
and write the group (each transaction checks all its conditions before it writes
anything, so a refused one leaves nothing to undo), and makes the whole group durable
with one COMMIT — one fsync with `synchronous=FULL` — before any caller hears back.
"""

from __future__ import annotations

import asyncio
import functools
import queue
import random
import sqlite3
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

import orjson

from taskdeck.adapters.storage.cursors import CursorCodec
from taskdeck.adapters.storage.operations import (
    check_transaction,
)
from taskdeck.adapters.storage.sqlite_writes import (
    GroupWrite,
    Transaction,
    serialize,
    settle,
)
from taskdeck.ports import (
    INDEXES,
    MAX_BATCH_GET,
    Adjacent,
    InvalidCursor,
    Item,
    KeyCondition,
    Operation,
    Page,
    Put,
    StoreUnavailable,
)

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


@functools.lru_cache(maxsize=32)
def _adjacent_sql(index: str, below: bool, skipping: bool, anchor: bool) -> str:
    """The selects of `Adjacent`'s entries: the anchor's (unless asked for whole) and
    its neighbours'."""
    pk_column, sk_column = f"{index}pk", f"{index}sk"
    comparison, direction = ("<", "DESC") if below else (">", "ASC")
    order = ", ".join(f"next.{c} {direction}" for c in (sk_column, "pk", "sk"))
    skip = " AND NOT (next.pk = ? AND next.sk = ?)" if skipping else ""
    near = (
        f"SELECT data FROM (SELECT {_entry('next', pk_column, sk_column)} AS data "
        f"FROM items AS anchor JOIN items AS next ON next.{pk_column} = anchor.{pk_column} "
        f"AND next.{sk_column} {comparison} anchor.{sk_column}{skip} "
        f"WHERE anchor.pk = ? AND anchor.sk = ? ORDER BY {order} LIMIT ?)"
    )
    if not anchor:
        return near
    return (
        f"SELECT {_entry('anchor', pk_column, sk_column)} AS data FROM items AS anchor "
        f"WHERE anchor.pk = ? AND anchor.sk = ? UNION ALL {near}"
    )


def _entry(table: str, pk_column: str, sk_column: str) -> str:
    """The JSON of an item's index entry (`Adjacent`), from its row's columns; without
    the index's attributes when it is not in the index (its columns are NULL)."""
    keys = f"'pk', {table}.pk, 'sk', {table}.sk"
    return (
        f"CASE WHEN {table}.{pk_column} IS NULL THEN json_object({keys}) ELSE json_object("
        f"{keys}, '{pk_column}', {table}.{pk_column}, '{sk_column}', {table}.{sk_column}) END"
    )


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
        self._queue: queue.SimpleQueue[Transaction | None] = queue.SimpleQueue()
        self._writing: GroupWrite | None = None
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

    async def batch_get(
        self, keys: Sequence[tuple[str, str]], *, adjacent: Adjacent | None = None
    ) -> list[Item]:
        """The items that exist among `keys`, and the index entries `adjacent` asks for,
        in one statement: each statement costs a GIL hand-over under write load
        (`_items`). The entries are made in SQLite from the row's columns, the
        neighbours' from the index alone (a covering index: their rows are not read)."""
        if len(keys) > MAX_BATCH_GET:
            raise ValueError(f"batch_get takes at most {MAX_BATCH_GET} keys")
        selects: list[str] = []
        args: list[Any] = []
        if keys:
            wanted = ", ".join("(?, ?)" for _ in keys)
            selects.append(
                f"WITH wanted (pk, sk) AS (VALUES {wanted}) "
                "SELECT items.data FROM wanted JOIN items USING (pk, sk)"
            )
            args += [part for key in keys for part in key]
        if adjacent is not None:
            if adjacent.gsi not in INDEXES:
                raise ValueError(f"unknown index {adjacent.gsi!r}")
            anchor = adjacent.key not in keys
            skipping = adjacent.skip is not None
            selects.append(_adjacent_sql(adjacent.gsi, adjacent.below, skipping, anchor))
            if anchor:
                args += adjacent.key
            args += [*(adjacent.skip or ()), *adjacent.key, adjacent.limit]
        if not selects:
            return []
        items = self._items(" UNION ALL ".join(selects), args)
        if adjacent is None:
            return items
        # An item both asked for and adjacent comes once, whole: an entry has no more
        # attributes than its item (UNION would sort to find it, and keep both).
        once: dict[tuple[str, str], Item] = {}
        for item in items:
            key = (item["pk"], item["sk"])
            if key not in once or len(item) > len(once[key]):
                once[key] = item
        return list(once.values())

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
        sql = f"SELECT data FROM items WHERE {pk_column} = ?{where}"
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
        return self._page(self._items(sql, args), order, forward, limit, signature)

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
        # The matches are gathered once, then the partition is walked in key order. As a
        # join, SQLite walks the partition and runs the full-text query again for each
        # item: seconds for a rare word in a project of 10,000 issues.
        items = self._items(
            "SELECT data FROM items "
            "WHERE rowid IN (SELECT rowid FROM search WHERE search MATCH ?) "
            "AND pk = ? AND sk > ? ORDER BY sk LIMIT ?",
            [match, pk, after, limit + 1],
        )
        return self._page(items, ("sk",), True, limit, signature)

    def _items(self, sql: str, args: Sequence[Any]) -> list[Item]:
        """The items whose `data` the statement selects, read as one row.

        Every step of a statement lets go of the GIL, and while the writer thread works
        each takes a hand-over to get it back: about 30 µs a row under a write load
        against 1-2 µs alone (measured with cProfile on the move bench). So the rows are
        joined into one JSON array inside SQLite and read in one step; their order is
        restored by the caller, as SQLite leaves the order of `group_concat` open.
        """
        row = (
            self._reader()
            .execute(f"SELECT '[' || group_concat(data, ',') || ']' FROM ({sql})", args)
            .fetchone()
        )
        return [] if row is None or row[0] is None else list(orjson.loads(row[0]))

    def _page(
        self, items: list[Item], order: Sequence[str], forward: bool, limit: int, signature: str
    ) -> Page:
        """A page of the first `limit` items in `order` (the statement read one more, to
        know whether another page follows)."""
        items.sort(key=lambda item: tuple(item[column] for column in order), reverse=not forward)
        if len(items) <= limit:
            return Page(items, None)
        del items[limit:]
        position = [items[-1][column] for column in order]
        return Page(items, self._cursors.encode(signature, position))

    def transact(self, operations: Sequence[Operation]) -> asyncio.Future[None]:
        """Queue a transaction for the writer thread; the future settles once durable."""
        check_transaction(operations)
        if self._closed:
            raise StoreUnavailable("the store is closed")
        serialized = [serialize(op.item) if isinstance(op, Put) else None for op in operations]
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
        while self._writer.is_alive():
            # The writer may wait for this very thread's loop to write a group.
            writing = self._writing
            if writing is not None:
                writing.run()
            self._writer.join(0.01)
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
                outcomes = self._commit_group(connection, group)
                settle([future for _, _, future in group], outcomes)
        finally:
            connection.close()

    def _commit_group(
        self, connection: sqlite3.Connection, group: list[Transaction]
    ) -> list[BaseException | None]:
        """Take the write lock, have the group checked and written, then commit it."""
        try:
            connection.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            return [StoreUnavailable(f"the database is not writable: {error}")] * len(group)
        writing = GroupWrite(connection, [(ops, data) for ops, data, _ in group])
        self._hand_to_loop(writing, group[0][2].get_loop())
        try:
            if writing.error is not None or writing.outcomes is None:
                # Nothing of a group that failed part-way may stay: all of it is undone.
                raise sqlite3.OperationalError(str(writing.error))
            connection.execute("COMMIT")
        except sqlite3.Error as error:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            return [StoreUnavailable(f"the database could not commit: {error}")] * len(group)
        return writing.outcomes

    def _hand_to_loop(self, writing: GroupWrite, loop: asyncio.AbstractEventLoop) -> None:
        """Run the group's checks and writes on the event loop that asked for them.

        Every statement lets go of the GIL; done on this thread, each made the loop's
        reads wait to get it back (about 60 µs a statement under a write load, measured
        with cProfile), so the loop does the Python-heavy part itself, while this
        thread only waits for the lock and for the COMMIT's fsync. When the loop is not
        running (closed, or stopped by whoever ran it), or is blocked in `close`, the work
        runs here instead.
        """
        self._writing = writing
        try:
            try:
                loop.call_soon_threadsafe(writing.run_slice)
            except RuntimeError:  # the loop is closed
                writing.run()
            while not writing.done.wait(0.05):
                if not loop.is_running():
                    writing.run()
        finally:
            self._writing = None
