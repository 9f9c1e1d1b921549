"""A SQLite history of checks: runs, their product lists and every result.

One file, ``<data dir>/history.sqlite3``, in WAL mode so that another window or
process can read and write while a run records.  Writes go through a
:class:`HistoryWriter` (one thread, its own connection, batched commits), so
recording a result costs the caller one queue put.  Reads use the store's own
connection.  Never stored: request headers, response bodies, and user info or
secret-looking literal query values of URL templates (they become ``***``).
"""

from __future__ import annotations

import json
import math
import queue
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from inventory_gui.core.errors import InventoryError
from inventory_gui.core.models import Product, Result

DB_NAME = "history.sqlite3"
RUN_STATES = frozenset({"running", "done", "cancelled", "interrupted", "resumed"})
BATCH_ROWS = 500
BATCH_SECONDS = 0.2
REDACTED = "***"
_BUSY_SECONDS = 10.0
_CHUNK = 900  # host parameters per IN (...): below SQLite's oldest limit, 999
_SECRET_WORDS = ("key", "token", "secret", "auth", "session", "password", "signature")
_RECORD, _BEGIN, _END, _FLUSH, _CLOSE = range(5)

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
SCHEMA_VERSION = len(MIGRATIONS)


class HistoryError(InventoryError):
    """The history cannot be opened, read or written (one line naming the file)."""


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
    http_status: int | None
    quantity: float | None
    error: str | None
    checked_at: str
    latency_ms: float | None
    fields: dict[str, str]
    change: float | None = None


def default_data_dir() -> Path:
    """Return the user data folder (``~/.local/share/inventory-gui`` on Linux)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("inventory-gui", appauthor=False))


def database_path(path: str | Path) -> Path:
    """Return the database of ``path``: a data folder, or a ``.sqlite3`` file itself."""
    path = Path(path)
    return path if path.suffix == ".sqlite3" else path / DB_NAME


def redact_url(template: str) -> str:
    """Return ``template`` without user info or secret-looking literal query values."""
    try:
        parts = urlsplit(template)
    except ValueError:
        return REDACTED
    netloc = parts.netloc
    if "@" in netloc:
        netloc = REDACTED + "@" + netloc.rsplit("@", 1)[1]
    pairs = []
    for pair in parts.query.split("&") if parts.query else ():
        name, sep, value = pair.partition("=")
        secret = any(word in name.lower() for word in _SECRET_WORDS)
        literal = value and not (value.startswith("{") and value.endswith("}"))
        pairs.append(f"{name}{sep}{REDACTED}" if secret and literal else pair)
    return urlunsplit(parts._replace(netloc=netloc, query="&".join(pairs)))


def _json_encoder() -> Callable[[dict[str, str]], str]:
    """A compact JSON encoder reusing one C encoder (``json.dumps`` makes one per call)."""
    plain = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    try:  # json.encoder's C encoder, as JSONEncoder.iterencode builds it
        from json.encoder import c_make_encoder, encode_basestring

        enc = c_make_encoder(None, None, encode_basestring, None, ":", ",", False, False, True)
        fast = lambda fields: "".join(enc(fields, 0))  # noqa: E731
        return fast if fast({"a": "é\n", "b": "1"}) == plain({"a": "é\n", "b": "1"}) else plain
    except Exception:  # another Python: the public encoder is right, only slower
        return plain


_encode_json = _json_encoder()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _version(conn: sqlite3.Connection, file: Path | None = None) -> int:
    """The stored schema version; with ``file``, HistoryError if it is newer than this code's."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if file is not None and version > SCHEMA_VERSION:
        raise HistoryError(
            f"{file}: made by a newer inventory-gui (schema {version}, this one reads"
            f" up to {SCHEMA_VERSION}); update inventory-gui or use another --data-dir"
        )
    return version


def _connect(file: Path, *, create: bool, migrate: bool = False) -> sqlite3.Connection:
    """Open ``file`` in WAL mode (upgraded if asked); raise HistoryError naming it on failure."""
    if not create and not file.is_file():
        raise HistoryError(f"{file}: no history database (nothing recorded yet)")
    conn = None
    try:
        if create:
            file.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(file, _BUSY_SECONDS, isolation_level=None, check_same_thread=False)
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


def _fields(text: str | None) -> dict[str, str]:
    value = json.loads(text) if text else None
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def _real(value: Any) -> float | None:
    """A quantity as SQLite REAL; None where it is missing or not a finite number."""
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def _clean(value: Any) -> Any:
    """Text SQLite can store: lone surrogates (possible from JSON input) become '?'."""
    return value.encode("utf-8", "replace").decode("utf-8") if isinstance(value, str) else value


def _insert_many(
    conn: sqlite3.Connection, sql: str, rows: Callable[[], Iterable[tuple[Any, ...]]]
) -> None:
    """Insert ``rows()``; a second pass cleans unencodable text if the first fails.

    ``rows`` makes the rows afresh for each pass, so a run's 100,000 items are
    made one at a time as SQLite takes them, not built as a list first (that
    list raised the window's RSS by 13 MB at 100,000 products, measured).
    """
    conn.execute("SAVEPOINT rows")
    try:
        conn.executemany(sql, rows())
    except UnicodeEncodeError:
        conn.execute("ROLLBACK TO rows")
        conn.executemany(sql, (tuple(map(_clean, row)) for row in rows()))
    conn.execute("RELEASE rows")


_INSERT_CHECK = (
    "INSERT INTO checks (run_id, product_id, status, http_status, quantity, error,"
    " checked_at, latency_ms, fields_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_RUN = "SELECT id, started_at, finished_at, source, url_template, total, state FROM runs"
_HISTORY = """
SELECT * FROM (
  SELECT id, run_id, product_id, status, http_status, quantity, error, checked_at,
         latency_ms, fields_json, CASE WHEN status = 'ok' THEN quantity - LAG(quantity)
           OVER (PARTITION BY status = 'ok' ORDER BY checked_at, id) END
  FROM checks WHERE product_id = ?
) ORDER BY checked_at DESC, id DESC LIMIT ?"""
_RESUME = """
WITH last AS (SELECT product_id, status, MAX(id) FROM checks WHERE run_id = :run GROUP BY 1)
SELECT ri.product_id, ri.fields_json FROM run_items AS ri
LEFT JOIN last ON last.product_id = ri.product_id
WHERE ri.run_id = :run AND (last.status IS NULL OR last.status <> 'ok')
ORDER BY ri.position"""


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

    def close(self) -> None:
        """Close the reading connection (writers close their own)."""
        self._conn.close()

    @property
    def schema_version(self) -> int:
        """The schema version stored in the file (``PRAGMA user_version``)."""
        return self._read(_version)

    def writer(self, batch: tuple[int, float] = (BATCH_ROWS, BATCH_SECONDS)) -> HistoryWriter:
        """Start a writer thread with its own connection (see HistoryWriter); close it after."""
        return HistoryWriter(_connect(self.file, create=False), self.file, batch)

    def _read(self, query: Callable[[sqlite3.Connection], Any]) -> Any:
        with self._lock:
            try:
                return query(self._conn)
            except sqlite3.Error as exc:
                raise HistoryError(f"{self.file}: cannot read the history: {exc}") from exc

    def last_ok(
        self, product_ids: Iterable[str], *, before_run: int | None = None
    ) -> dict[str, tuple[float | None, str]]:
        """Return ``{id: (quantity, checked_at)}`` of each product's last ok check.

        Args:
            product_ids: the products to look up; those never ok are left out.
            before_run: only runs older than this one count (so a run compares
                with the check before it); None for every run.
        """
        ids = list(dict.fromkeys(product_ids))
        limit = (1 << 62) if before_run is None else before_run
        found: dict[str, tuple[float | None, str]] = {}

        def query(conn: sqlite3.Connection) -> None:
            for start in range(0, len(ids), _CHUNK):
                chunk = ids[start : start + _CHUNK]
                rows = conn.execute(  # SQLite takes the bare columns from the MAX row
                    "SELECT product_id, quantity, MAX(checked_at) FROM checks WHERE status = 'ok'"
                    f" AND run_id < ? AND product_id IN ({','.join('?' * len(chunk))})"
                    " GROUP BY product_id",
                    (limit, *chunk),
                )
                found.update((pid, (qty, at)) for pid, qty, at in rows)

        self._read(query)
        return found

    def history(self, product_id: str, limit: int = 200) -> list[Check]:
        """Return the latest ``limit`` checks of one product, oldest first."""
        rows = self._read(lambda c: c.execute(_HISTORY, (product_id, limit)).fetchall())
        return [Check(*r[:9], fields=_fields(r[9]), change=r[10]) for r in reversed(rows)]

    def get_run(self, run_id: int) -> Run | None:
        """Return one run, or None when there is no such run."""
        row = self._read(lambda c: c.execute(_RUN + " WHERE id = ?", (run_id,)).fetchone())
        return None if row is None else Run(*row)

    def unfinished_run(self) -> Run | None:
        """Return the latest run ``interrupted``, or ``running`` (the app died; or runs now)."""
        sql = _RUN + " WHERE state IN ('running', 'interrupted') ORDER BY id DESC LIMIT 1"
        row = self._read(lambda c: c.execute(sql).fetchone())
        return None if row is None else Run(*row)

    def resume_items(self, run_id: int) -> list[Product]:
        """Return the run's products, in order, whose last check in it is missing or not ok."""
        rows = self._read(lambda c: c.execute(_RESUME, {"run": run_id}).fetchall())
        return [Product(pid, _fields(fields)) for pid, fields in rows]

    def mark_run(self, run_id: int, state: str) -> None:
        """Set a run's state now (and its end time, unless the state is ``running``).

        Raises:
            ValueError: an unknown state.
            HistoryError: no such run, or the database cannot be written.
        """
        if state not in RUN_STATES:
            raise ValueError(f"unknown run state {state!r}")
        finished = None if state == "running" else _now()
        sql = "UPDATE runs SET state = ?, finished_at = COALESCE(?, finished_at) WHERE id = ?"
        if self._read(lambda c: c.execute(sql, (state, finished, run_id))).rowcount == 0:
            raise HistoryError(f"{self.file}: no run {run_id}")


class HistoryWriter:
    """Records runs and results from any thread; one background thread writes them.

    Get one from :meth:`HistoryStore.writer`.  Results are committed in batches:
    ``batch`` is (most rows, most seconds a recorded row waits).  A batch that
    fails is dropped and remembered in :attr:`error`; the writer goes on.
    """

    def __init__(self, conn: sqlite3.Connection, file: Path, batch: tuple[int, float]) -> None:
        self.file = file
        self.error: str | None = None
        self.commits = 0
        self._conn = conn
        self._batch_rows, self._batch_seconds = batch
        self._carried: tuple[Any, ...] | None = None  # taken from the queue, not yet written
        self._queue: queue.SimpleQueue[tuple[Any, ...]] = queue.SimpleQueue()
        self._closed = False
        self._thread = threading.Thread(target=self._loop, name="history-writer", daemon=True)
        self._thread.start()

    def begin_run(self, source: str, url_template: str, products: Sequence[Product]) -> int:
        """Record a new ``running`` run and its product list; return its id once committed.

        Raises:
            HistoryError: the run could not be recorded, or the writer is closed.
        """
        future: Future[int] = Future()
        self._put((_BEGIN, future, source, redact_url(url_template), products))
        return future.result()  # the thread settles every future it takes

    def record(self, run_id: int, result: Result) -> None:
        """Queue one final result of run ``run_id`` (not its response body)."""
        self.record_many(run_id, (result,))

    def record_many(self, run_id: int, results: Iterable[Result]) -> None:
        """Queue final results of run ``run_id`` as one item.

        One queue item per batch, not per result: each item wakes the writer
        thread (its CPU for 20,000 rows, measured alone: median 258 ms per
        result, 235 ms per batch).
        """
        rows = [(run_id, r.id, r.status, r.http_status, r.quantity, r.error,
                 r.checked_at, r.latency_ms, r.fields) for r in results]  # fmt: skip
        size = self._batch_rows
        for start in range(0, len(rows), size):  # no item larger than a commit's rows
            self._put((_RECORD, rows[start : start + size] if len(rows) > size else rows))

    def end_run(self, run_id: int, state: str) -> None:
        """Queue the end of a run: ``done``, ``cancelled`` or ``interrupted``."""
        if state not in RUN_STATES:
            raise ValueError(f"unknown run state {state!r}")
        self._put((_END, run_id, state, _now()))

    def flush(self) -> None:
        """Block until everything queued so far is committed.

        Raises:
            HistoryError: some rows could not be written (see :attr:`error`).
        """
        if self._thread.is_alive():
            future: Future[None] = Future()
            self._put((_FLUSH, future))
            future.result()
        if self.error is not None:
            raise HistoryError(f"{self.file}: {self.error}")

    def close(self) -> None:
        """Commit what is queued and stop the thread (idempotent; never raises)."""
        if not self._closed:
            self._closed = True
            self._queue.put((_CLOSE,))
        self._thread.join()

    def _put(self, item: tuple[Any, ...]) -> None:
        if self._closed:
            raise HistoryError(f"{self.file}: the history writer is closed")
        self._queue.put(item)

    def _loop(self) -> None:
        try:
            while self._apply(self._collect()):
                pass
        finally:
            self._conn.close()

    def _collect(self) -> list[tuple[Any, ...]]:
        """Wait for records until a batch is full or due, or for one control item."""
        get = self._queue.get
        first, self._carried = self._carried or get(), None
        items = [first]
        deadline = time.monotonic() + self._batch_seconds
        rows = len(first[1]) if first[0] == _RECORD else 0
        while items[-1][0] == _RECORD and rows < self._batch_rows:
            try:
                item = get(timeout=deadline - time.monotonic())
            except (queue.Empty, ValueError):  # ValueError: the wait went below 0
                break
            if item[0] == _RECORD and rows + len(item[1]) > self._batch_rows:
                self._carried = item  # it starts the next batch
                break
            items.append(item)
            rows += len(item[1]) if item[0] == _RECORD else 0
        return items

    def _apply(self, items: list[tuple[Any, ...]]) -> bool:
        """Write and commit one batch, settle its control item; False after close."""
        last = items[-1]
        kind = last[0]
        records = items if kind == _RECORD else items[:-1]
        value = None
        try:
            if records or kind in (_BEGIN, _END):
                self._conn.execute("BEGIN IMMEDIATE")
                rows = [self._row(row) for item in records for row in item[1]]
                _insert_many(self._conn, _INSERT_CHECK, lambda: rows)
                value = self._control(last)
                self._conn.execute("COMMIT")
                self.commits += 1
        except Exception as exc:  # a bad batch must not stop the thread
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            self.error = self.error or f"history not fully recorded: {exc}"
            if kind == _BEGIN:
                last[1].set_exception(HistoryError(f"{self.file}: cannot record the run: {exc}"))
                return True
        if kind in (_BEGIN, _FLUSH):
            last[1].set_result(value)
        return kind != _CLOSE

    @staticmethod
    def _row(row: tuple[Any, ...]) -> tuple[Any, ...]:
        run_id, pid, status, http, quantity, error, checked_at, latency, fields = row
        latency = latency if isinstance(latency, int | float) else None
        return (run_id, pid, status, http, _real(quantity), error, checked_at or _now(),
                latency, _encode_json(fields) if fields else None)  # fmt: skip

    def _control(self, item: tuple[Any, ...]) -> int | None:
        if item[0] == _BEGIN:
            return self._begin(*item[2:])
        if item[0] == _END:
            _, run_id, state, finished = item
            sql = "UPDATE runs SET state = ?, finished_at = ? WHERE id = ?"
            self._conn.execute(sql, (state, finished, run_id))
        return None

    def _begin(self, source: str, url_template: str, products: Sequence[Product]) -> int:
        cursor = self._conn.execute(
            "INSERT INTO runs (started_at, source, url_template, total, state)"
            " VALUES (?, ?, ?, ?, 'running')",
            (_now(), _clean(source), _clean(url_template), len(products)),
        )
        run_id = int(cursor.lastrowid or 0)

        def rows() -> Iterator[tuple[Any, ...]]:
            for i, p in enumerate(products):
                yield run_id, i, p.id, _encode_json(p.fields) if p.fields else None

        _insert_many(self._conn, "INSERT INTO run_items VALUES (?, ?, ?, ?)", rows)
        return run_id
