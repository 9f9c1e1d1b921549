"""A SQLite history of checks: runs, their product lists and every result.

One file, ``<data dir>/history.sqlite3``, in WAL mode so that another window or
process can read and write while a run records.  Writes go through a
:class:`HistoryWriter` (:mod:`~inventory_gui.core.history.writer`: one thread,
its own connection, batched commits), so recording a result costs the caller
one queue put.  Reads use the store's own connection.  Never stored: request
headers, response bodies, and user info or secret-looking literal query values
of URL templates (they become ``***``).  Any string or number a result can
hold is stored, by the rule of :mod:`~inventory_gui.core.history.codec`, which
lookups by product ID apply too.  Opening the store replays the journals of
checks a process could not record because the database was locked
(:mod:`~inventory_gui.core.history.journal`).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from inventory_gui.core.clock import utc_stamp
from inventory_gui.core.errors import HistoryError
from inventory_gui.core.history.codec import is_lock_error, load_number, storable_text
from inventory_gui.core.history.journal import pending, replay_orphans
from inventory_gui.core.history.product_lists import decode_products, keep_lists_once, unchecked
from inventory_gui.core.history.writer import (
    BATCH_ROWS,
    BATCH_SECONDS,
    RUN_STATES,
    WRITE_BUSY_SECONDS,
    HistoryWriter,
)
from inventory_gui.core.models import Previous, Product

DB_NAME = "history.sqlite3"
_READ_BUSY_SECONDS = 10.0
"""How long a read (or a migration) waits for another process's lock."""

MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = []
"""``MIGRATIONS[n]`` upgrades a version-``n`` database to version ``n + 1``."""


def _migration(sql: str) -> Callable[[sqlite3.Connection], None]:
    """Register a migration made of ``;``-separated statements (no ``;`` inside them)."""

    def migrate(conn: sqlite3.Connection) -> None:
        for statement in filter(str.strip, sql.split(";")):
            conn.execute(statement)

    MIGRATIONS.append(migrate)
    return migrate


_migration("""
CREATE TABLE runs (id INTEGER PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT,
  source TEXT, url_template TEXT, total INTEGER, state TEXT NOT NULL);
CREATE TABLE checks (id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL, product_id TEXT NOT NULL,
  status TEXT NOT NULL, http_status INTEGER, quantity REAL, error TEXT, checked_at TEXT NOT NULL);
CREATE INDEX checks_by_product ON checks (product_id, checked_at)""")
_migration("""
ALTER TABLE checks ADD COLUMN latency_ms REAL;
ALTER TABLE checks ADD COLUMN fields_json TEXT;
CREATE TABLE run_items (run_id INTEGER NOT NULL, position INTEGER NOT NULL,
  product_id TEXT NOT NULL, fields_json TEXT, PRIMARY KEY (run_id, position)) WITHOUT ROWID;
CREATE INDEX checks_by_run ON checks (run_id, product_id)""")
# checks.fields_json: a check's input columns, written until version 5 made them
# its run's (product_lists): left NULL since, kept for the checks recorded before.
_migration("""
CREATE TABLE api_pace (origin TEXT PRIMARY KEY, rate REAL NOT NULL, source TEXT NOT NULL,
  learned_at TEXT NOT NULL) WITHOUT ROWID""")  # issue 16: each API's rate limit, as learned


def _keep_last_ok(conn: sqlite3.Connection) -> None:
    """Version 4: each product's last ok check in a table of its own; no index by product.

    An index by product takes each run's checks at one place per product,
    scattered over the whole index, so each commit rewrites most of its pages
    and recording costs more as the history grows.  ``last_ok`` holds one row
    per product, kept with each batch of checks (:class:`~inventory_gui.core.
    history.journal.Replay`), and a product's checks are found run by run
    through ``checks_by_run``, whose new entries all go at its end.
    """
    conn.execute("""
CREATE TABLE last_ok (product_id TEXT PRIMARY KEY, quantity REAL, checked_at TEXT NOT NULL,
  check_id INTEGER NOT NULL) WITHOUT ROWID""")
    conn.execute("""
INSERT INTO last_ok SELECT product_id, quantity, checked_at, id FROM (
  SELECT product_id, quantity, checked_at, id,
         ROW_NUMBER() OVER (PARTITION BY product_id ORDER BY checked_at DESC, id DESC) AS latest
  FROM checks WHERE status = 'ok') WHERE latest = 1""")
    conn.execute("DROP INDEX checks_by_product")


MIGRATIONS.append(_keep_last_ok)
MIGRATIONS.append(keep_lists_once)
SCHEMA_VERSION = len(MIGRATIONS)


@dataclass(frozen=True, slots=True)
class Run:
    """One recorded run; ``state`` is one of :data:`RUN_STATES`."""

    id: int
    started_at: str
    finished_at: str | None
    source: str
    url_template: str
    total: int
    state: str


@dataclass(frozen=True, slots=True)
class Check:
    """One recorded check; ``change`` is an ok check's quantity minus the previous ok one's."""

    id: int
    run_id: int
    product_id: str
    status: str
    http_status: int | float | None
    quantity: int | float | None
    error: str | None
    checked_at: str
    latency_ms: int | float | None
    change: float | None = None


def default_data_dir() -> Path:
    """Return the user data folder (``~/.local/share/inventory-gui`` on Linux)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("inventory-gui", appauthor=False))


def database_path(path: str | Path) -> Path:
    """Return the database of ``path``: a data folder, or a ``.sqlite3`` file itself."""
    path = Path(path)
    return path if path.suffix == ".sqlite3" else path / DB_NAME


def _version(conn: sqlite3.Connection, file: Path | None = None) -> int:
    """The stored schema version; with ``file``, HistoryError if it is newer than this code's."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if file is not None and version > SCHEMA_VERSION:
        raise HistoryError(
            f"{file}: made by a newer inventory-gui (schema {version}, this one reads"
            f" up to {SCHEMA_VERSION}); update inventory-gui or use another --data-dir"
        )
    return version


def _connect(
    file: Path, *, create: bool, migrate: bool = False, busy: float = _READ_BUSY_SECONDS
) -> sqlite3.Connection:
    """Open ``file`` in WAL mode (upgraded if asked); raise HistoryError naming it on failure.

    ``busy`` is how many seconds a statement waits for another connection's lock.
    """
    if not create and not file.is_file():
        raise HistoryError(f"{file}: no history database (nothing recorded yet)")
    conn = None
    try:
        if create:
            file.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(file, timeout=busy, isolation_level=None, check_same_thread=False)
        _version(conn, file)  # before changing a newer file at all
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        if migrate:
            _migrate(conn, file)
        return conn
    except BaseException as exc:
        if conn is not None:
            conn.close()
        if not isinstance(exc, OSError | sqlite3.Error):
            raise
        problem = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise HistoryError(f"{file}: cannot open the history: {problem}") from exc


def _migrate(conn: sqlite3.Connection, file: Path) -> None:
    """Apply the missing migrations in one transaction (a no-op when up to date)."""
    if _version(conn) == SCHEMA_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")  # another process may be migrating: wait, then re-read
    try:
        for migrate in MIGRATIONS[_version(conn, file) :]:
            migrate(conn)
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _number(value: Any) -> Any:
    return load_number(value) if type(value) is str else value


def _json_text(values: list[str]) -> str:
    """``values`` as a JSON array for ``json_each`` (lone surrogates raise on binding)."""
    return json.dumps(values, ensure_ascii=False)


_RUN = "SELECT id, started_at, finished_at, source, url_template, total, state FROM runs"
_NUMBER = "typeof({}) IN ('integer', 'real')"  # not a big integer, NaN or infinity stored as text
_HISTORY = f"""
SELECT id, run_id, product_id, status, http_status, quantity, error, checked_at,
       latency_ms,
       CASE WHEN status = 'ok' AND {_NUMBER.format("quantity")} AND {_NUMBER.format("prev")}
         THEN quantity - prev END
FROM (
  SELECT c.*, LAG(c.quantity) OVER (PARTITION BY c.status = 'ok' ORDER BY c.checked_at, c.id)
         AS prev
  FROM runs CROSS JOIN checks AS c ON c.run_id = runs.id AND c.product_id = ?
) ORDER BY checked_at DESC, id DESC LIMIT ?"""
"""A product's checks: one seek of ``checks_by_run`` per run (CROSS JOIN keeps that order)."""
_LAST_OK = """
SELECT ids.value, l.quantity, l.checked_at FROM json_each(?) AS ids
JOIN last_ok AS l ON l.product_id = ids.value"""
"""Each product's last ok check: one statement for every ID (one JSON array, no
chunks of host parameters), each ID one seek in ``last_ok``."""
_IDS_PER_READ = 50_000
_LAST_OK_OF = "SELECT quantity, checked_at FROM last_ok WHERE product_id = ?"
_RUN_LIST = """
SELECT items FROM runs JOIN product_lists ON product_lists.id = runs.list_id WHERE runs.id = ?"""
_LAST_STATUS = "SELECT product_id, status FROM checks WHERE run_id = ? ORDER BY id"


class HistoryStore:
    """The history database: opened (created, upgraded) and read here; see :meth:`writer`.

    Args:
        path: the data folder (created if missing) holding ``history.sqlite3``,
            or the path of a ``.sqlite3`` file.
        create: False to raise HistoryError instead of creating a missing database.

    Raises:
        HistoryError: the file cannot be opened or upgraded, is not a database,
            or was made by a newer version.
    """

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.file = database_path(path)
        self._lock = threading.Lock()
        self._conn = _connect(self.file, create=create, migrate=True)
        self._recover()

    def _recover(self) -> None:
        """Replay the journals ended processes left, unless the database is locked now."""
        if not pending(self.file):
            return
        self._conn.execute(f"PRAGMA busy_timeout = {int(WRITE_BUSY_SECONDS * 1000)}")
        try:
            replay_orphans(self._conn, self.file)
        except HistoryError:
            self._conn.close()
            raise
        except sqlite3.Error as exc:
            if not is_lock_error(exc):  # locked: the next writer replays them
                self._conn.close()
                raise HistoryError(f"{self.file}: cannot record the kept checks: {exc}") from exc
        self._conn.execute(f"PRAGMA busy_timeout = {int(_READ_BUSY_SECONDS * 1000)}")

    def unrecorded(self) -> list[Path]:
        """The journals of checks not in the database yet (it was locked), oldest name first."""
        return pending(self.file)

    def close(self) -> None:
        """Close the reading connection (writers close their own)."""
        self._conn.close()

    def writer(
        self,
        batch: tuple[int, float] = (BATCH_ROWS, BATCH_SECONDS),
        on_delayed: Callable[[str], None] | None = None,
    ) -> HistoryWriter:
        """Start a writer thread with its own connection (see HistoryWriter); close it after.

        ``on_delayed(message)`` is called once, on the writer's thread, if the
        database stays locked by another process and recording is delayed.
        """
        conn = _connect(self.file, create=False, busy=WRITE_BUSY_SECONDS)
        return HistoryWriter(conn, self.file, batch, on_delayed)

    def _read(self, query: Callable[[sqlite3.Connection], Any]) -> Any:
        with self._lock:
            try:
                return query(self._conn)
            except sqlite3.Error as exc:
                raise HistoryError(f"{self.file}: cannot read the history: {exc}") from exc

    def last_ok(self, product_ids: Iterable[str]) -> dict[str, Previous]:
        """Return ``{id: Previous(quantity, checked_at)}`` of each product's last ok check.

        Args:
            product_ids: the products to look up; those never ok are left out.
        """
        ids = list(dict.fromkeys(product_ids))

        def rows(conn: sqlite3.Connection, keys: list[str]) -> list[tuple[Any, ...]]:
            plain = [pid for pid in keys if "\x00" not in pid]
            found = []
            for start in range(0, len(plain), _IDS_PER_READ):  # bounded memory at 1,000,000
                ids_json = _json_text(plain[start : start + _IDS_PER_READ])
                found += conn.execute(_LAST_OK, (ids_json,)).fetchall()
            if len(plain) < len(keys):  # json_each cuts text at a NUL: those one by one
                odd = (pid for pid in keys if "\x00" in pid)
                found += [(pid, *row) for pid in odd for row in conn.execute(_LAST_OK_OF, (pid,))]
            return found

        def query(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
            try:
                return rows(conn, ids)
            except UnicodeEncodeError:  # IDs stored by the codec's rule: map them back
                stored = {storable_text(pid): pid for pid in ids}
                return [(stored[pid], qty, at) for pid, qty, at in rows(conn, list(stored))]

        return {pid: Previous(_number(qty), at) for pid, qty, at in self._read(query)}

    def history(self, product_id: str, limit: int = 200) -> list[Check]:
        """Return the latest ``limit`` checks of one product, oldest first."""
        key = storable_text(product_id)
        rows = self._read(lambda c: c.execute(_HISTORY, (key, limit)).fetchall())
        return [
            Check(*r[:4], load_number(r[4]), load_number(r[5]), *r[6:8], load_number(r[8]),
                  change=r[9])
            for r in reversed(rows)
        ]  # fmt: skip

    def unfinished_run(self) -> Run | None:
        """Return the latest run ``interrupted``, or ``running`` (the app died; or runs now)."""
        sql = _RUN + " WHERE state IN ('running', 'interrupted') ORDER BY id DESC LIMIT 1"
        row = self._read(lambda c: c.execute(sql).fetchone())
        return None if row is None else Run(*row)

    def resume_items(self, run_id: int) -> list[Product]:
        """Return the run's products, in order, whose last check in it is missing or not ok."""

        def query(conn: sqlite3.Connection) -> tuple[Any, dict[str, str]]:
            stored = conn.execute(_RUN_LIST, (run_id,)).fetchone()
            return stored, dict(conn.execute(_LAST_STATUS, (run_id,)).fetchall())

        stored, last_status = self._read(query)
        return [] if stored is None else unchecked(decode_products(stored[0]), last_status)

    def mark_run(self, run_id: int, state: str) -> None:
        """Set a run's state now (and its end time, unless the state is ``running``).

        Raises:
            ValueError: an unknown state.
            HistoryError: no such run, or the database cannot be written.
        """
        if state not in RUN_STATES:
            raise ValueError(f"unknown run state {state!r}")
        finished = None if state == "running" else utc_stamp()
        sql = "UPDATE runs SET state = ?, finished_at = COALESCE(?, finished_at) WHERE id = ?"
        if self._read(lambda c: c.execute(sql, (state, finished, run_id))).rowcount == 0:
            raise HistoryError(f"{self.file}: no run {run_id}")

    def remembered_rate(self, origin: str) -> float | None:
        """The rate limit (requests per second) learned for ``origin`` by an earlier run."""
        sql = "SELECT rate FROM api_pace WHERE origin = ?"
        row = self._read(lambda c: c.execute(sql, (origin,)).fetchone())
        return float(row[0]) if row is not None and row[0] > 0 else None

    def remember_rate(self, origin: str, rate: float, source: str) -> None:
        """Keep the rate limit learned for ``origin`` (one small write at a run's end)."""
        sql = "INSERT OR REPLACE INTO api_pace VALUES (?, ?, ?, ?)"
        self._read(lambda c: c.execute(sql, (origin, rate, source, utc_stamp())))
