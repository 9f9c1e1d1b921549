"""Writing the history: one thread with its own connection, batched commits.

A :class:`HistoryWriter` comes from :meth:`HistoryStore.writer
<inventory_gui.core.history.HistoryStore.writer>`; recording a result costs the
caller one queue put (one per batch with :meth:`HistoryWriter.record_many`).
Never written: request headers, response bodies, and user info or
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
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from inventory_gui.core.errors import HistoryError
from inventory_gui.core.models import Product, Result
from inventory_gui.core.secrets import MASK, mask_template

RUN_STATES = frozenset({"running", "done", "cancelled", "interrupted", "resumed"})
BATCH_ROWS = 500
BATCH_SECONDS = 0.2
REDACTED = MASK
_RECORD, _BEGIN, _END, _FLUSH, _CLOSE = range(5)


def redact_url(template: str) -> str:
    """Return ``template`` with user info and secret literal query values as ``***``."""
    return mask_template(template)


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
