"""What the window's engines share: one run on a thread of its own, and its bookkeeping.

An :class:`OffThreadRun` is one fetch run: a thread of its own starts the run
on the other side, begins its history, gathers its results into a queue the
GUI drains on a timer, and settles a future the GUI's loop awaits.  Results
cross threads through a deque (``append`` and ``popleft`` are atomic).

The end of every run is kept here, whatever engine runs it: every row
without a result ends (:func:`ended`), the history run is closed, and the
future is always settled, so the window never waits for a run that is gone.
If anything fails on the run's thread, the engine stops the other side first
(:meth:`OffThreadRun._abandon`) and the rows left say why.

:class:`OffThreadEngine` implements :class:`~inventory_gui.engine.interface.FetchEngine`
over one such run at a time.  No aiohttp here: the window's process imports this.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from typing import TYPE_CHECKING

from inventory_gui.core.clock import utc_stamp
from inventory_gui.core.fetch.settings import FetchSettings
from inventory_gui.core.models import Product, Result
from inventory_gui.core.text import describe_exception, shorten

if TYPE_CHECKING:
    from inventory_gui.core.history.run_recorder import RunRecorder

log = logging.getLogger(__name__)

REASON_CHARS = 200  # a row's error stays one short line


def short_reason(exc: BaseException) -> str:
    """One short line saying why a run stopped, for the rows it left unfinished."""
    return shorten(describe_exception(exc).splitlines()[0], REASON_CHARS)


def ended(product: Product, reason: str | None) -> Result:
    """The row of a product the run never finished: an error with ``reason``, else cancelled."""
    result = Result.pending(product)
    result.end_unfinished(utc_stamp(), reason)
    return result


class OffThreadRun:
    """One run on a thread of its own; subclasses say how to start it and gather it.

    The thread calls :meth:`_launch`, then begins the history, then
    :meth:`_gather`, which puts each finished result in its slot of
    ``results`` and appends it to ``self._buffer`` (and records it).  The
    future is then settled with every result in input order, or with the
    exception that stopped the run once the rows it left are ended.

    Args:
        products: what the run checks.
        settings: the run's settings (validated here, before the thread starts).
        recorder: records the run in the history.
    """

    def __init__(
        self,
        products: Sequence[Product],
        settings: FetchSettings,
        recorder: RunRecorder | None,
    ) -> None:
        settings.validate()
        self._products = list(products)
        self._settings = settings
        self._recorder = recorder
        self._cancel_requested = False
        self._buffer: deque[Result] = deque()
        self.future: Future[list[Result]] = Future()

    def start(self, thread: RunThread | None = None) -> Future[list[Result]]:
        """Start the run on ``thread`` (by default a thread of its own, ended after it).

        Returns:
            A future holding every result in input order.
        """
        own = thread is None
        thread = RunThread() if thread is None else thread
        thread.submit(self._main)
        if own:
            thread.stop()
        return self.future

    def drain(self) -> list[Result]:
        """Take the results finished since the last call (GUI thread)."""
        buffer, batch = self._buffer, []
        for _ in range(len(buffer)):
            batch.append(buffer.popleft())
        return batch

    @property
    def concurrency(self) -> tuple[int, int]:
        """(allowed now, configured) requests in flight."""
        raise NotImplementedError

    @property
    def pace(self) -> str | None:
        """The rate controller's pace for people, or None when unpaced."""
        return None

    @property
    def learned_limit(self) -> tuple[float, str] | None:
        """The API's rate limit the run learned and how, once it has ended (or None)."""
        return None

    def cancel(self) -> None:
        """Stop the run from any thread; unfinished rows end ``cancelled``."""
        raise NotImplementedError

    def _launch(self) -> None:
        """Start the fetch on the other side, if it runs apart from :meth:`_gather`."""

    def _gather(self, results: list[Result | None]) -> None:
        """Collect, buffer and record every result until the run is over."""
        raise NotImplementedError

    def _abandon(self) -> None:
        """Stop the other side after a failure here (must not raise)."""

    def _run(self, results: list[Result | None]) -> None:
        if self._cancel_requested:  # cancelled before it began: every row ends cancelled
            return
        self._launch()
        # After the launch: the other side already fetches while the history
        # reads each product's previous check.
        if self._recorder is not None:
            self._recorder.begin(self._products)
        self._gather(results)

    def _main(self) -> None:
        # A row's slot stays None until its result arrives (no placeholder per row).
        results: list[Result | None] = [None] * len(self._products)
        failure: BaseException | None = None
        try:
            self._run(results)
        except BaseException as exc:  # handed to the GUI, which logs and shows it
            failure = exc
            self._abandon()
        try:
            self._end_unfinished(results, None if failure is None else short_reason(failure))
        finally:
            # The history first: whoever awaits the future may read it at once.
            self._end_recording(cancelled=self._cancel_requested or failure is not None)
            if failure is not None:
                self.future.set_exception(failure)
            else:
                self.future.set_result(results)  # type: ignore[arg-type]  # no None left

    def _end_unfinished(self, results: list[Result | None], reason: str | None) -> None:
        """Rows without a result end ``cancelled``, or ``error`` with the failure's reason."""
        for index, result in enumerate(results):
            if result is None or result.status == "pending":
                results[index] = row = ended(self._products[index], reason)
                self._buffer.append(row)

    def _end_recording(self, cancelled: bool) -> None:
        if self._recorder is None:
            return
        try:
            self._recorder.end(cancelled=cancelled, learned=self.learned_limit)
        except Exception:  # the run's rows are what matters; the history says why it failed
            log.exception("could not record the end of the run in the history")


class RunThread:
    """The one thread that runs an engine's runs, one after another.

    Started once (at :meth:`OffThreadEngine.prepare`): starting a thread at each
    Fetch click cost the GUI thread 20-40 ms on a loaded 2-core machine, a
    visible stutter at the start of every run.  A daemon, as a run's own
    thread was: a run still going never holds up the app's exit.
    """

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[Callable[[], None] | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def start(self) -> None:
        """Start the thread unless it runs already."""
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._serve, name="inventory-fetch", daemon=True
                )
                self._thread.start()

    def submit(self, job: Callable[[], None]) -> None:
        """Run ``job`` on the thread after the jobs before it."""
        self.start()
        self._jobs.put(job)

    def stop(self) -> None:
        """End the thread once the jobs before have run (it is not waited for)."""
        with self._lock:
            if self._thread is not None:
                self._jobs.put(None)
                self._thread = None

    def _serve(self) -> None:
        while (job := self._jobs.get()) is not None:
            try:
                job()
            except Exception:  # a run reports its own failures; this keeps the thread alive
                log.exception("a fetch run failed outside its own handling")


class OffThreadEngine:
    """A FetchEngine that runs one :class:`OffThreadRun` at a time.

    Subclasses make each run (:meth:`_new_run`) and may hold what outlives
    a run, such as a worker process.
    """

    def __init__(self) -> None:
        self._run: OffThreadRun | None = None
        self._thread = RunThread()

    def prepare(self) -> None:
        """Start the thread the runs run on, so that Fetch need not start one."""
        self._thread.start()

    def start(
        self,
        products: Sequence[Product],
        settings: FetchSettings,
        recorder: RunRecorder | None = None,
    ) -> Future[list[Result]]:
        """Start a run (see :meth:`FetchEngine.start`)."""
        if self._run is not None and not self._run.future.done():
            raise RuntimeError("a fetch is already running")
        run = self._new_run(list(products), settings, recorder)
        self._run = run
        return run.start(self._thread)

    def _new_run(
        self, products: list[Product], settings: FetchSettings, recorder: RunRecorder | None
    ) -> OffThreadRun:
        raise NotImplementedError

    def drain(self) -> list[Result]:
        """Take the results finished since the last call (GUI thread)."""
        run = self._run
        return run.drain() if run is not None else []

    @property
    def concurrency(self) -> tuple[int, int] | None:
        """(allowed now, configured) requests in flight in the last run started."""
        run = self._run
        return run.concurrency if run is not None else None

    def pace(self) -> str | None:
        """The last run's pace for people ("pacing at 180 req/s, ..."), or None."""
        run = self._run
        return run.pace if run is not None else None

    def cancel(self) -> None:
        """Ask the run to stop (any thread)."""
        run = self._run
        if run is not None:
            run.cancel()

    @property
    def worker_pid(self) -> int | None:
        """None: the fetch runs in this process unless a subclass says otherwise."""
        return None

    def close(self) -> None:
        """End the runs' thread (after a run still going)."""
        self._thread.stop()
