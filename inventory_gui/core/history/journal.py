"""Writes the history could not take yet, kept in a file next to the database.

While another process holds the database locked, a :class:`HistoryWriter
<inventory_gui.core.history.writer.HistoryWriter>` appends what it could not
commit to its own journal, ``history.sqlite3.unrecorded-<pid>-<random>.jsonl``,
one JSON operation a line, so that memory stays bounded and a crash loses
nothing appended.  When the lock goes the journal is replayed into the
database in one transaction and deleted.  A journal left by a process that
ended first is replayed by the next :class:`HistoryStore
<inventory_gui.core.history.HistoryStore>` or writer that opens the database.

A writer holds an ``flock`` on its journal for as long as it uses it, so that
recovery never replays the journal of a process still running.  A process
killed between a replay's commit and the journal's deletion would have that
journal replayed once more (its checks recorded twice); nothing is lost.

Operations (the values are ready for SQLite: see :mod:`~inventory_gui.core.history.codec`):

- ``["run", token, started_at, source, url_template, total]``: a run begun;
  ``token`` is the negative id its writer handed out before the run had a real one.
- ``["items", run, start, [[product_id, fields_json], ...]]``: a piece of a run's
  product list; a replay stores each run's pieces as one list
  (:mod:`~inventory_gui.core.history.product_lists`) when it ends.
- ``["checks", [[run, product_id, status, http_status, quantity, error, checked_at,
  latency_ms, fields_json], ...]]`` (``fields_json`` None: see the store's schema).
- ``["state", run, state, finished_at]``: a run's new state (None keeps its end time).
"""

from __future__ import annotations

import fcntl
import json
import os
import secrets
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import chain
from pathlib import Path
from typing import Any

from inventory_gui.core.errors import HistoryError
from inventory_gui.core.history.codec import is_lock_error, storable_row
from inventory_gui.core.history.product_lists import product_items, store_list

Op = list[Any]

_INSERT_RUN = (
    "INSERT INTO runs (started_at, source, url_template, total, state)"
    " VALUES (?, ?, ?, ?, 'running')"
)
INSERT_CHECK = (
    "INSERT INTO checks (run_id, product_id, status, http_status, quantity, error,"
    " checked_at, latency_ms, fields_json) VALUES"
)
"""The start of a multi-row insert: :func:`insert_rows` adds a ``(?, ...)`` group per row."""
_KEEP_LAST_OK = """
INSERT INTO last_ok SELECT product_id, quantity, checked_at, id FROM checks
WHERE id > ? AND status = 'ok' ORDER BY id
ON CONFLICT (product_id) DO UPDATE SET
  quantity = excluded.quantity, checked_at = excluded.checked_at, check_id = excluded.check_id
WHERE (excluded.checked_at, excluded.check_id) > (last_ok.checked_at, last_ok.check_id)"""
"""Each product's last ok check, updated from the checks past a given id: one
statement a batch, cheaper than a trigger that fires once a row."""
_MOST_ROWS = 256
_SET_STATE = "UPDATE runs SET state = ?, finished_at = COALESCE(?, finished_at) WHERE id = ?"


def journal_glob(db_file: Path) -> str:
    """The glob pattern of the journals of ``db_file`` (in its folder)."""
    return f"{db_file.name}.unrecorded-*.jsonl"


class Journal:
    """This process's journal: created and locked at the first append."""

    def __init__(self, db_file: Path) -> None:
        name = f"{db_file.name}.unrecorded-{os.getpid()}-{secrets.token_hex(4)}.jsonl"
        self.path = db_file.with_name(name)
        self._file: Any = None

    @property
    def empty(self) -> bool:
        return self._file is None

    def append(self, ops: Iterable[Op]) -> None:
        """Append operations and push them to the operating system.

        Raises:
            OSError: the file cannot be written.
        """
        if self._file is None:
            self._file = open(self.path, "a", encoding="utf-8")  # noqa: SIM115 (kept open)
            fcntl.flock(self._file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        self._file.writelines(json.dumps(op) + "\n" for op in ops)
        self._file.flush()

    def ops(self) -> Iterator[Op]:
        """The operations appended so far, in order."""
        if self._file is not None:
            yield from _read_ops(self.path)

    def discard(self) -> None:
        """Delete the journal (after a replay committed it) and unlock it."""
        if self._file is not None:
            self.path.unlink(missing_ok=True)
            self._file.close()
            self._file = None

    def release(self) -> None:
        """Unlock and keep the journal for the next start to replay."""
        if self._file is not None:
            self._file.close()
            self._file = None


def _read_ops(path: Path) -> Iterator[Op]:
    with open(path, encoding="utf-8") as file:
        for line in file:
            if line.endswith("\n"):  # a last line cut short by a crash was never applied
                yield json.loads(line)


def _run_of(op: Op) -> int | None:
    """The run an operation belongs to (None for a run's start, or no rows)."""
    if op[0] == "checks":
        return op[1][0][0] if op[1] else None
    return None if op[0] == "run" else op[1]


class Replay:
    """Applies journal operations to an open transaction, mapping tokens to run ids.

    Besides the journal's operations it takes ``["products", run, products]``
    (a run's whole list, as :class:`~inventory_gui.core.models.Product`
    objects: never journaled).  Call :meth:`finish` before committing.

    Args:
        conn: the connection, inside a transaction the caller commits.
        ids: run ids known already (token -> id); updated as runs are inserted.
    """

    def __init__(self, conn: sqlite3.Connection, ids: dict[int, int]) -> None:
        self._conn = conn
        self.ids = ids
        self._pieces: dict[int, list[tuple[int, list[list[Any]]]]] = {}  # run -> list pieces

    def _lost(self, op: Op) -> bool:
        """True for an operation of a token no run was recorded for (its start
        failed and was dropped): without this its rows would hold the token."""
        run = _run_of(op)
        return run is not None and run < 0 and run not in self.ids

    def run_id(self, run: int) -> int:
        return self.ids.get(run, run)

    def apply(self, op: Op) -> None:
        kind = op[0]
        if self._lost(op):
            return
        if kind == "checks":  # one run's rows: its id is mapped once, not per row
            rows = op[1]
            if rows and rows[0][0] in self.ids:
                run = self.ids[rows[0][0]]
                rows = [(run, *row[1:]) for row in rows]
            last_id = self._conn.execute("SELECT max(id) FROM checks").fetchone()[0] or 0
            insert_rows(self._conn, INSERT_CHECK, rows)
            self._conn.execute(_KEEP_LAST_OK, (last_id,))
        elif kind == "items":
            _, run, start, items = op
            self._pieces.setdefault(self.run_id(run), []).append((start, items))
        elif kind == "products":
            _, run, products = op
            store_list(self._conn, self.run_id(run), product_items(products))
        elif kind == "run":
            _, token, *values = op
            cursor = self._conn.execute(_INSERT_RUN, storable_row(tuple(values)))
            self.ids[token] = int(cursor.lastrowid or 0)
        elif kind == "state":
            _, run, state, finished = op
            self._conn.execute(_SET_STATE, (state, finished, self.run_id(run)))

    def finish(self) -> None:
        """Store the product lists whose pieces were applied."""
        for run, pieces in self._pieces.items():
            items = (item for _, piece in sorted(pieces, key=lambda p: p[0]) for item in piece)
            store_list(self._conn, run, ([pid, json.loads(f) if f else None] for pid, f in items))
        self._pieces.clear()


def insert_rows(conn: sqlite3.Connection, sql: str, rows: list[tuple[Any, ...]]) -> None:
    """Insert ``rows`` (``sql`` ends with VALUES); a second pass escapes unencodable text."""
    conn.execute("SAVEPOINT rows")
    try:
        _insert_many(conn, sql, rows)
    except UnicodeEncodeError:
        conn.execute("ROLLBACK TO rows")
        _insert_many(conn, sql, list(map(storable_row, rows)))
    conn.execute("RELEASE rows")


def _insert_many(conn: sqlite3.Connection, sql: str, rows: list[tuple[Any, ...]]) -> None:
    """Insert ``rows`` of one width, many rows a statement.

    Not ``executemany``: it steps its statement once a row and lets go of the
    GIL around each step, and with the fetch running on the main thread every
    step is a GIL hand-over, two context switches.  One multi-row ``VALUES``
    statement is one step.  Statements take a power of two of rows, at most
    _MOST_ROWS and within the connection's host-parameter limit: the
    connection caches each statement it prepares, large ones too, so there
    are few distinct ones.
    """
    if not rows:
        return
    width = len(rows[0])
    limit = conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)  # host parameters a statement
    most = max(1, min(_MOST_ROWS, limit // width))
    group = "(" + ",".join("?" * width) + ")"
    start = 0
    while start < len(rows):
        size = 1 << (min(most, len(rows) - start).bit_length() - 1)
        chunk = rows[start : start + size]
        conn.execute(f"{sql} {','.join([group] * size)}", tuple(chain.from_iterable(chunk)))
        start += size


def replay_orphans(conn: sqlite3.Connection, db_file: Path) -> int:
    """Replay and delete the journals no running process holds; return how many.

    Each journal is committed on its own.

    Raises:
        sqlite3.OperationalError: the database is locked (nothing more replayed).
        HistoryError: a journal cannot be read or replayed (it is kept, and named).
    """
    done = 0
    for path in sorted(db_file.parent.glob(journal_glob(db_file))):
        with _claim(path) as claimed:
            if not claimed:
                continue
            conn.execute("BEGIN IMMEDIATE")
            try:
                replay = Replay(conn, {})
                for op in _read_ops(path):
                    replay.apply(op)
                replay.finish()
                conn.execute("COMMIT")
            except BaseException as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                if is_lock_error(exc) or not isinstance(exc, Exception):
                    raise
                raise HistoryError(f"{path}: cannot record what it holds: {exc}") from exc
            path.unlink(missing_ok=True)
            done += 1
    return done


@contextmanager
def _claim(path: Path) -> Iterator[bool]:
    """Lock ``path`` if no one holds it and it still exists; yield whether it did."""
    try:
        file = open(path, "rb")  # noqa: SIM115 (closed below)
    except OSError:  # gone meanwhile
        yield False
        return
    with file:
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # held by a live writer
            yield False
            return
        yield os.fstat(file.fileno()).st_nlink > 0  # not deleted since it was listed


def pending(db_file: Path) -> list[Path]:
    """The journals of ``db_file`` waiting to be replayed (a live writer's included)."""
    return sorted(db_file.parent.glob(journal_glob(db_file)))
