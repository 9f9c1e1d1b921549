"""Runs a fetch for the window and feeds the table in batches.

Three engines run the same core :class:`~inventory_gui.core.fetcher.Fetcher`:

- ``"process"`` (the default where ``os.name == "posix"``): in a long-lived
  worker process (:class:`~inventory_gui.engine.worker_process.ProcessFetch`),
  so the network loop never holds the window's GIL and repaints do not
  stall while a fetch runs at full speed (see README, "Performance").
- ``"thread"`` (the default elsewhere): on a worker thread with its own loop
  (:class:`~inventory_gui.engine.thread_engine.BackgroundFetch`).  Full speed too,
  but the window stutters while it runs: both threads want the one GIL.
- ``"loop"``: on the window's own qasync loop.  Simpler, about a third slower;
  kept because it pushes every network callback through Qt, which is what
  the soak test uses to catch a broken PySide6 release.

Either way the per-result work is one append; a 30 Hz timer moves the batch
into the model with one :meth:`ResultsModel.apply` call and updates progress.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QObject, QTimer, Signal

from inventory_gui.core import collector
from inventory_gui.core.fetch_settings import FetchSettings
from inventory_gui.core.models import Product, Result
from inventory_gui.core.progress import Progress
from inventory_gui.core.recorder import RunRecorder
from inventory_gui.engine.base import ended, short_reason
from inventory_gui.engine.worker_process import FetchWorker, ProcessFetch
from inventory_gui.gui.results_model import ResultsModel

if TYPE_CHECKING:
    import aiohttp

log = logging.getLogger(__name__)

# None means ``fetcher.open_session``.  The thread and loop engines import the
# fetcher (and aiohttp) when they first run; the process engine never does here.
SessionFactory = Callable[[FetchSettings], "aiohttp.ClientSession"]
Engine = Literal["process", "thread", "loop"]
DEFAULT_ENGINE: Engine = "process" if os.name == "posix" else "thread"
FLUSH_INTERVAL_MS = 33
# After a run of this many products the worker process is replaced by a fresh
# one (see FetchWorker.recycle); below it, keeping the warm one costs little.
RECYCLE_AFTER_PRODUCTS = 20_000


class FetchRunner(QObject):
    """Owns at most one running fetch.

    Args:
        model: the table model that receives results.
        session_factory: builds the run's ``aiohttp.ClientSession`` from its
            settings (the composition root passes the real one; tests may
            inject another transport; the process engine needs a picklable
            module-level function).
        engine: ``"process"``, ``"thread"`` or ``"loop"``, see the module docstring.

    Signals:
        started(int): a run began with this many products.
        progressed(object): the run's :class:`Progress`, about 30 times a second.
        finished(object): the run ended (done, cancelled or failed); its Progress.
        failed(str): the run stopped on an unexpected error (already logged).
    """

    started = Signal(int)
    progressed = Signal(object)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        model: ResultsModel,
        session_factory: SessionFactory | None = None,
        parent: QObject | None = None,
        *,
        engine: Engine = DEFAULT_ENGINE,
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._session_factory = session_factory
        self.engine: Engine = engine
        self._worker = FetchWorker(session_factory)
        self._task: asyncio.Task[None] | None = None
        self._cancel: Callable[[], None] = lambda: None
        self._drain: Callable[[], list[Result]] = list
        self._recorder: RunRecorder | None = None
        self._cancelled = False
        self._flush_failure: str | None = None
        self._collector_was_on = True
        self._concurrency: Callable[[], tuple[int, int] | None] = lambda: None
        self.progress: Progress | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(FLUSH_INTERVAL_MS)
        self._timer.timeout.connect(self.flush)

    @property
    def running(self) -> bool:
        """True while a run has not finished."""
        return self._task is not None and not self._task.done()

    def start(
        self,
        products: Sequence[Product],
        settings: FetchSettings,
        recorder: RunRecorder | None = None,
    ) -> None:
        """Fetch ``products`` (rows already in the model) with ``settings``.

        ``recorder``, if given, records the run in the history; each product's
        previous check reaches the model with the first batch of results.

        Raises:
            RuntimeError: a run is already going.
            InventoryError: the settings are not usable (nothing started).
        """
        if self.running:
            raise RuntimeError("a fetch is already running")
        settings.validate()  # before anything changes
        products = list(products)
        # Rows read pending before the worker starts competing for the GIL.
        self._model.mark_pending(p.id for p in products)
        self._recorder = recorder
        self._cancelled = False
        self._flush_failure = None
        starters = {"process": self._start_process, "thread": self._start_thread,
                    "loop": self._start_on_loop}  # fmt: skip
        done = starters[self.engine](products, settings)
        self.progress = Progress(total=len(products))
        # No collector passes while results stream in (see core.collector).
        self._collector_was_on = collector.pause()
        self._task = asyncio.ensure_future(self._watch(done, products))
        self._timer.start()
        self.started.emit(len(products))

    def prepare(self) -> None:
        """Start the worker process now, if that engine is used, so Fetch need not wait."""
        if self.engine == "process":
            self._worker.start()

    @property
    def worker_pid(self) -> int | None:
        """The fetch worker process's ID while it runs (diagnostics, the benchmark)."""
        return self._worker.pid

    def shutdown(self) -> None:
        """Stop the worker process (the window is closing; no run is going)."""
        self._worker.close()

    def _start_process(
        self, products: list[Product], settings: FetchSettings
    ) -> Awaitable[list[Result]]:
        run = ProcessFetch(products, settings, self._worker, self._recorder)
        self._cancel, self._drain = run.cancel, run.drain
        self._concurrency = lambda: run.concurrency
        return asyncio.wrap_future(run.start())

    def _start_thread(
        self, products: list[Product], settings: FetchSettings
    ) -> Awaitable[list[Result]]:
        from inventory_gui.core.fetcher import open_session
        from inventory_gui.engine.thread_engine import BackgroundFetch

        factory = self._session_factory or open_session
        run = BackgroundFetch(products, settings, factory, self._recorder)
        self._cancel, self._drain = run.cancel, run.drain
        self._concurrency = lambda: run.concurrency
        return asyncio.wrap_future(run.start())

    def _start_on_loop(
        self, products: list[Product], settings: FetchSettings
    ) -> Awaitable[list[Result]]:
        buffer: list[Result] = []
        recorder = self._recorder
        from inventory_gui.core.fetcher import Fetcher, open_session

        session = (self._session_factory or open_session)(settings)
        fetcher = Fetcher(settings, session=session)

        failures: list[Exception] = []  # what stopped the run from here

        def collect(_index: int, result: Result) -> None:
            if failures:  # rows the failure cut short say why
                if result.status == "cancelled":
                    result.status, result.error = "error", short_reason(failures[0])
                buffer.append(result)
                return
            buffer.append(result)
            if recorder is None:
                return
            try:
                recorder.record(result)
            except Exception as exc:  # stop the run: _watch reports it
                failures.append(exc)
                fetcher.cancel()

        def drain() -> list[Result]:
            batch = buffer[:]
            buffer.clear()
            return batch

        async def run() -> list[Result]:
            try:
                if recorder is not None:
                    recorder.begin(products)  # on the GUI thread: this engine is the simple one
                results = await fetcher.run(products, collect)
            finally:
                await session.close()
                if recorder is not None:
                    recorder.end(cancelled=self._cancelled or bool(failures))
            if failures:
                raise failures[0]
            return results

        self._cancel, self._drain = fetcher.cancel, drain
        self._concurrency = lambda: (fetcher.current_concurrency, settings.concurrency)
        return run()

    async def _watch(self, done: Awaitable[list[Result]], products: list[Product]) -> None:
        reason = None
        try:
            await done
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.exception("fetch run failed")
            reason = short_reason(exc)
            self.failed.emit(f"The fetch stopped on an unexpected error: {exc}")
        finally:
            try:
                collector.resume(self._collector_was_on)
                self._timer.stop()
                self.flush()
                reason = reason or self._flush_failure
                if reason is not None:
                    self._end_pending(products, reason)
            finally:  # whatever failed above, the window hears that the run is over
                self._cancel, self._drain = (lambda: None), list
                total = self.progress.total if self.progress is not None else 0
                if self.engine == "process" and total >= RECYCLE_AFTER_PRODUCTS:
                    self._worker.recycle()  # a fresh, small worker for the next run
                self.finished.emit(self.progress)

    def _end_pending(self, products: list[Product], reason: str) -> None:
        """Rows of a failed run still pending in the table end as errors saying why.

        The engines end their rows themselves; this covers what they could
        not, and rows whose results could not be shown.
        """
        pending = {r.id for r in self._model.results() if r.status == "pending"}
        rows = [ended(p, reason) for p in products if p.id in pending]
        if self.progress is not None:
            for row in rows:
                self.progress.add(row)
        self._model.apply(rows)

    def flush(self) -> None:
        """Move finished results into the model and report progress.

        If that fails, the run is cancelled and the failure reported once: a
        run whose results cannot be shown must not go on unseen.
        """
        try:
            self._flush()
        except Exception as exc:
            log.exception("could not show the fetch's results")
            if self._flush_failure is None:
                self._flush_failure = short_reason(exc)
                self.cancel()
                self.failed.emit(f"The fetch stopped on an unexpected error: {exc}")

    def _flush(self) -> None:
        progress = self.progress
        if progress is None:
            return
        recorder = self._recorder
        if recorder is not None and recorder.previous is not None:
            self._model.set_previous(recorder.previous)  # built on the reader thread
            recorder.previous = None  # applied once
        batch = self._drain()
        for result in batch:
            progress.add(result)
        self._model.apply(batch)
        progress.concurrency = self._concurrency()
        progress.tick()
        self.progressed.emit(progress)

    def cancel(self) -> None:
        """Ask the running fetch to stop; finished rows stay, the rest read cancelled."""
        self._cancelled = True
        self._cancel()

    async def stop(self) -> None:
        """Cancel the run, if any, and wait until it has closed its session."""
        task = self._task
        if task is None or task.done():
            return
        self.cancel()
        await asyncio.wait([task])
