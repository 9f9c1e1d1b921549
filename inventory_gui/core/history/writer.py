"""Writing the history: one thread with its own connection, batched commits.

A :class:`HistoryWriter` comes from :meth:`HistoryStore.writer
<inventory_gui.core.history.HistoryStore.writer>`; recording a result costs the
caller one queue put (one per batch with :meth:`HistoryWriter.record_many`).
Never written: request headers, response bodies, and user info or
secret-looking literal query values of URL templates (they become ``***``).

Nothing recorded is dropped because another process holds the database: what
cannot be committed is appended to a journal file next to the database
(:mod:`~inventory_gui.core.history.journal`), so that memory stays bounded and
a crash loses nothing written there, and committed, in order, once the lock
goes; the next start replays it if this process ends first.  Values are stored by the rule of
:mod:`~inventory_gui.core.history.codec`.
"""

from __future__ import annotations

import json
import queue
import secrets
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from inventory_gui.core.clock import utc_stamp
from inventory_gui.core.errors import HistoryError
from inventory_gui.core.history.codec import is_lock_error, store_number
from inventory_gui.core.history.journal import Journal, Op, Replay, replay_orphans
from inventory_gui.core.models import Product, Result
from inventory_gui.core.secrets import mask_template

RUN_STATES = frozenset({"running", "done", "cancelled", "interrupted", "resumed"})
BATCH_ROWS = 5000
BATCH_SECONDS = 1.0
"""A commit takes up to BATCH_ROWS rows; a recorded row waits up to BATCH_SECONDS.

Few, large commits: each one wakes this thread, which then takes the GIL from
the fetch.  A crash loses at most the last second's results, which a resumed
run fetches again."""
WRITE_BUSY_SECONDS = 0.25
"""How long one write waits for a lock before it is kept for later."""
RETRY_SECONDS = 0.25
"""While the database is locked, how often the writer tries again."""
NOTICE_SECONDS = 1.0
"""Locked this long, the writer says (once) that recording is delayed."""
CLOSE_WAIT = 2.0
"""How long :meth:`HistoryWriter.close` tries to commit before leaving the rest in a journal."""
_RECORD, _BEGIN, _STATE, _FLUSH, _CLOSE = range(5)
_ITEMS_PER_OP = 1000


# default=dict: a product's Fields (a read-only Mapping) is written as the object it reads as.
_encode_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=dict).encode


def _row(run_id: int, row: tuple[Any, ...]) -> tuple[Any, ...]:
    """A queued result row of run ``run_id`` as SQLite takes it (numbers by the codec's rule).

    Its ``fields_json`` is None: a check's input columns are in its run's
    product list (:mod:`~inventory_gui.core.history.product_lists`).
    """
    pid, status, http, quantity, error, checked_at, latency = row
    return (run_id, pid, status, store_number(http), store_number(quantity), error,
            checked_at or utc_stamp(), store_number(latency), None)  # fmt: skip


def _product_ops(token: int, products: Sequence[Product]) -> Iterator[Op]:
    """A run's product list as journal operations of at most _ITEMS_PER_OP items.

    Only a list kept in the journal (the database was locked) is cut into
    operations: a replay joins them again."""
    for start in range(0, len(products), _ITEMS_PER_OP):
        chunk = products[start : start + _ITEMS_PER_OP]
        items = [[p.id, _encode_json(p.fields) if p.fields else None] for p in chunk]
        yield ["items", token, start, items]


class HistoryWriter:
    """Records runs and results from any thread; one background thread writes them.

    Get one from :meth:`HistoryStore.writer`.  Results are committed in batches:
    ``batch`` is (most rows, most seconds a recorded row waits).  While the
    database is locked, everything is kept (see the module) and
    ``on_delayed(message)`` is called once, on the writer thread, after
    :data:`NOTICE_SECONDS`; :attr:`delayed` is True until the lock goes.  A
    batch that fails for another reason is dropped and remembered in :attr:`error`.

    Attributes:
        left_in: after :meth:`close`, the journal holding what could not be
            committed (the next start records it), or None.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        file: Path,
        batch: tuple[int, float],
        on_delayed: Callable[[str], None] | None = None,
    ) -> None:
        self.file = file
        self.error: str | None = None
        self.delayed = False
        self.left_in: Path | None = None
        self._on_delayed = on_delayed
        self._noticed = False
        self._conn = conn
        self._batch_rows, self._batch_seconds = batch
        self._carried: tuple[Any, ...] | None = None  # taken from the queue, not yet written
        self._queue: queue.SimpleQueue[tuple[Any, ...]] = queue.SimpleQueue()
        self._closed = False
        self._backlog: list[Op] = []  # staged, not committed, newer than the journal
        self._journal = Journal(file)
        self._orphans = True  # journals left by ended processes: replayed first
        self._ids: dict[int, int] = {}  # a run's token -> its real id
        self._begun: dict[int, Future[int]] = {}
        self._flushes: list[Future[bool]] = []
        self._blocked_since: float | None = None
        self._retry_at = 0.0  # while locked, when to try writing again
        self._thread = threading.Thread(target=self._loop, name="history-writer", daemon=True)
        self._thread.start()

    def begin_run(
        self, source: str, url_template: str, products: Sequence[Product], *, wait: bool = True
    ) -> int:
        """Record a new ``running`` run and its product list; return its id.

        The id is the run's real one once committed.  If the database is
        locked, it is a negative token instead, as soon as the lock is met,
        which this writer maps to the real id when the run is finally written.
        With ``wait=False`` it is the token at once: the fetch need not wait
        for the product list's commit.  A run whose start then fails is in
        :attr:`error`, and its results are not recorded.

        Raises:
            HistoryError: the run could not be recorded (only with ``wait``),
                or the writer is closed.
        """
        token = -(secrets.randbits(52) + 1)
        future: Future[int] | None = Future() if wait else None
        self._put(
            (_BEGIN, future, token, utc_stamp(), source, mask_template(url_template), products)
        )
        return token if future is None else future.result()  # the thread settles its futures

    def record(self, run_id: int, result: Result) -> None:
        """Queue one final result of run ``run_id`` (not its response body)."""
        self.record_many(run_id, (result,))

    def record_many(self, run_id: int, results: Iterable[Result]) -> None:
        """Queue final results of run ``run_id`` as one item.

        One queue item per batch, not per result: each item wakes the writer
        thread, so fewer items cost it less CPU.
        """
        rows = [(r.id, r.status, r.http_status, r.quantity, r.error, r.checked_at,
                 r.latency_ms) for r in results]  # fmt: skip
        size = self._batch_rows
        for start in range(0, len(rows), size):  # no item larger than a commit's rows
            self._put((_RECORD, rows[start : start + size] if len(rows) > size else rows, run_id))

    def end_run(self, run_id: int, state: str) -> None:
        """Queue the end of a run: ``done``, ``cancelled`` or ``interrupted``."""
        self.mark_run(run_id, state)

    def mark_run(self, run_id: int, state: str) -> None:
        """Queue a run's new state (and its end time now, unless it is ``running``)."""
        if state not in RUN_STATES:
            raise ValueError(f"unknown run state {state!r}")
        self._put((_STATE, run_id, state, None if state == "running" else utc_stamp()))

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until everything queued so far is committed; False if it is not yet.

        Args:
            timeout: most seconds to wait (None: until the database lets it).

        Raises:
            HistoryError: some rows could not be written (see :attr:`error`).
        """
        done = True
        if self._thread.is_alive():
            future: Future[bool] = Future()
            self._put((_FLUSH, future))
            try:
                done = future.result(timeout)
            except TimeoutError:
                done = False
        if self.error is not None:
            raise HistoryError(f"{self.file}: {self.error}")
        return done

    def close(self, wait: float = CLOSE_WAIT) -> None:
        """Commit what is queued and stop the thread (idempotent; never raises).

        If the database is still locked after about ``wait`` seconds, what is
        not committed stays in the journal (:attr:`left_in`) for the next start.
        """
        if not self._closed:
            self._closed = True
            self._queue.put((_CLOSE, time.monotonic() + wait))
        self._thread.join()  # bounded: the thread gives up at the deadline

    def _put(self, item: tuple[Any, ...]) -> None:
        if self._closed:
            raise HistoryError(f"{self.file}: the history writer is closed")
        self._queue.put(item)

    # -- the writer thread --------------------------------------------------

    def _loop(self) -> None:
        deadline = None
        try:
            while deadline is None:
                for item in self._collect(self._wait()):
                    deadline = self._stage(item) or deadline
                if self._blocked_since is None or time.monotonic() >= self._retry_at:
                    self._write()
                elif self._backlog:  # locked: to the journal until the next try
                    self._spill()
            while self._pending() and time.monotonic() < deadline:
                time.sleep(max(0.0, min(self._retry_at, deadline) - time.monotonic()))
                self._write()
        finally:
            self._finish()

    def _pending(self) -> bool:
        return bool(self._backlog) or not self._journal.empty or self._orphans

    def _wait(self) -> float | None:
        """How long to wait for the queue: for ever when idle, else until the next try."""
        if not self._pending():
            return None
        return max(0.0, self._retry_at - time.monotonic())

    def _collect(self, wait: float | None) -> list[tuple[Any, ...]]:
        """Wait for records until a batch is full or due, or for one control item.

        With ``wait``, return what came (maybe nothing) after at most that long.
        """
        get = self._queue.get
        try:
            first, self._carried = self._carried or get(timeout=wait), None
        except queue.Empty:
            return []
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

    def _stage(self, item: tuple[Any, ...]) -> float | None:
        """Add one queued item to the backlog; return the deadline of a close."""
        kind = item[0]
        if kind == _RECORD:
            _, rows, run = item  # one run's: its token is mapped once, here
            run = self._ids.get(run, run)
            self._backlog.append(["checks", [_row(run, row) for row in rows]])
        elif kind == _BEGIN:
            _, future, token, started, source, url_template, products = item
            if future is not None:
                self._begun[token] = future
            self._backlog.append(["run", token, started, source, url_template, len(products)])
            self._backlog.append(["products", token, products])
        elif kind == _STATE:
            self._backlog.append(["state", *item[1:]])
        elif kind == _FLUSH:
            self._flushes.append(item[1])
        elif kind == _CLOSE:
            return item[1]
        return None

    def _write(self) -> None:
        """Commit the orphan journals, this writer's journal, then the backlog, in order."""
        try:
            if self._orphans:
                replay_orphans(self._conn, self.file)
                self._orphans = False
            if not self._journal.empty:
                self._commit(self._journal.ops())
                self._journal.discard()
            if self._backlog:
                self._commit(self._backlog)
                self._backlog = []
        except Exception as exc:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            if is_lock_error(exc):
                self._blocked()
                return
            self._failed(exc)
        self._blocked_since, self.delayed = None, False
        for future in self._flushes:
            future.set_result(True)
        self._flushes.clear()

    def _commit(self, ops: Iterable[Op]) -> None:
        self._conn.execute("BEGIN IMMEDIATE")
        replay = Replay(self._conn, self._ids)
        for op in ops:
            replay.apply(op)
        replay.finish()
        self._conn.execute("COMMIT")
        for token, future in list(self._begun.items()):
            if token in self._ids:
                del self._begun[token]
                future.set_result(self._ids[token])

    def _blocked(self) -> None:
        """The database is locked: keep everything in the journal, say so once."""
        now = time.monotonic()
        self._retry_at = now + RETRY_SECONDS
        if self._blocked_since is None:
            self._blocked_since = now
        self._spill()
        for token, future in self._begun.items():  # the caller goes on with the token
            future.set_result(token)
        self._begun.clear()
        if not self.delayed and now - self._blocked_since >= NOTICE_SECONDS:
            self.delayed = True
            if not self._noticed and self._on_delayed is not None:
                self._noticed = True
                self._on_delayed(
                    f"{self.file}: another program holds the history locked; checks are"
                    " kept and recorded once it lets go"
                )

    def _spill(self) -> None:
        """Move the backlog to the journal (kept in memory if the file cannot be written)."""
        try:
            self._journal.append(self._journal_ops())
        except OSError as exc:
            self.error = self.error or f"cannot keep unrecorded checks in a file: {exc}"
            return
        self._backlog = []

    def _journal_ops(self) -> Iterator[Op]:
        for op in self._backlog:
            if op[0] == "products":
                yield from _product_ops(self._ids.get(op[1], op[1]), op[2])
            elif op[0] == "checks":
                yield ["checks", [[self._ids.get(r[0], r[0]), *r[1:]] for r in op[1]]]
            elif op[0] == "state":
                yield ["state", self._ids.get(op[1], op[1]), *op[2:]]
            else:
                yield op

    def _failed(self, exc: Exception) -> None:
        """A write failed for a reason other than a lock: drop it, remember why."""
        self.error = self.error or f"history not fully recorded: {exc}"
        if self._orphans:
            self._orphans = False  # left on disk for a later start
        elif not self._journal.empty:
            self._journal.release()
            self._journal = Journal(self.file)
        else:
            self._backlog = []
            for future in self._begun.values():
                future.set_exception(HistoryError(f"{self.file}: cannot record the run: {exc}"))
            self._begun.clear()

    def _finish(self) -> None:
        """At the end of the thread: leave what is not committed in the journal."""
        try:
            if self._backlog:
                self._spill()
            if not self._journal.empty:
                self.left_in = self._journal.path
            self._journal.release()
            for future in self._flushes:
                future.set_result(False)
            for begun in self._begun.values():
                begun.set_exception(HistoryError(f"{self.file}: the run is not recorded yet"))
        finally:
            self._conn.close()
