"""Runs a fetch for the window and feeds the table in batches.

The fetch itself runs off the GUI thread in a
:class:`~inventory_gui.engine.interface.FetchEngine` (by default a worker
process on POSIX, a thread elsewhere: :mod:`inventory_gui.engine.factory`);
this module drives it without knowing which.  A 30 Hz timer drains the
results finished meanwhile, moves them into the model with one
:meth:`ResultsModel.apply` call and updates progress.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from inventory_gui.core import gc_policy
from inventory_gui.core.fetch.settings import FetchSettings
from inventory_gui.core.history.run_recorder import RunRecorder
from inventory_gui.core.models import Product, Result
from inventory_gui.core.progress import Progress
from inventory_gui.engine.base import ended, short_reason
from inventory_gui.engine.factory import DEFAULT_ENGINE, make_engine
from inventory_gui.engine.interface import EngineKind
from inventory_gui.gui.table.model import ResultsModel

if TYPE_CHECKING:
    import aiohttp

log = logging.getLogger(__name__)

# None means ``fetcher.open_session``.  Only the thread engine imports the
# fetcher (and aiohttp) in the window's process.
SessionFactory = Callable[[FetchSettings], "aiohttp.ClientSession"]
FLUSH_INTERVAL_MS = 33


class FetchRunner(QObject):
    """Owns at most one running fetch.

    Args:
        model: the table model that receives results.
        session_factory: builds the run's ``aiohttp.ClientSession`` from its
            settings (the composition root passes the real one; tests may
            inject another transport; the process engine needs a picklable
            module-level function).
        engine: ``"process"`` or ``"thread"`` (see :mod:`inventory_gui.engine.factory`).

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
        engine: EngineKind = DEFAULT_ENGINE,
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._session_factory = session_factory
        self._engine_kind: EngineKind = engine
        self._engine = make_engine(engine, session_factory)
        self._task: asyncio.Task[None] | None = None
        self._recorder: RunRecorder | None = None
        self._flush_failure: str | None = None
        self._collector_was_on = True
        self.progress: Progress | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(FLUSH_INTERVAL_MS)
        self._timer.timeout.connect(self.flush)

    @property
    def engine(self) -> EngineKind:
        """Which engine runs the fetches."""
        return self._engine_kind

    @engine.setter
    def engine(self, kind: EngineKind) -> None:
        """Run the next fetches with another engine (none is running)."""
        if kind == self._engine_kind:
            return
        if self.running:
            raise RuntimeError("a fetch is running")
        engine = make_engine(kind, self._session_factory)
        self._engine.close()
        self._engine, self._engine_kind = engine, kind

    @property
    def running(self) -> bool:
        """True while a run has not finished."""
        return self._task is not None and not self._task.done()

    def start(
        self,
        products: Sequence[Product],
        settings: FetchSettings,
        recorder: RunRecorder | None = None,
        *,
        every_row: bool = False,
    ) -> None:
        """Fetch ``products`` (rows already in the model) with ``settings``.

        ``recorder``, if given, records the run in the history; each product's
        previous check reaches the model with the first batch of results.
        ``every_row``: ``products`` are all the model's rows (Fetch), which
        the model then marks pending without looking up each ID.

        Raises:
            RuntimeError: a run is already going.
            InventoryError: the settings are not usable (nothing started).
        """
        if self.running:
            raise RuntimeError("a fetch is already running")
        settings.validate()  # before anything changes
        products = list(products)
        # Rows read pending before the worker starts competing for the GIL.
        self._model.mark_pending(None if every_row else map(attrgetter("id"), products))
        self._recorder = recorder
        self._flush_failure = None
        done = asyncio.wrap_future(self._engine.start(products, settings, recorder))
        self.progress = Progress(total=len(products))
        # No collector passes while results stream in (see core.collector).
        self._collector_was_on = gc_policy.pause()
        self._task = asyncio.ensure_future(self._watch(done, products))
        self._timer.start()
        self.started.emit(len(products))

    def prepare(self) -> None:
        """Get the engine ready (start the worker process) so that Fetch need not wait."""
        self._engine.prepare()

    @property
    def worker_pid(self) -> int | None:
        """The fetch worker process's ID while it runs (diagnostics, the benchmark)."""
        return self._engine.worker_pid

    def shutdown(self) -> None:
        """Release the engine (the window is closing; no run is going)."""
        self._engine.close()

    async def _watch(self, done: asyncio.Future[list[Result]], products: list[Product]) -> None:
        reason = None
        try:
            await done
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.exception("fetch run failed")
            reason = short_reason(exc)
            self.failed.emit(self.tr("The fetch stopped on an unexpected error: {0}").format(exc))
        finally:
            try:
                gc_policy.resume(self._collector_was_on)
                self._timer.stop()
                self.flush()
                reason = reason or self._flush_failure
                if reason is not None:
                    self._end_pending(products, reason)
            finally:  # whatever failed above, the window hears that the run is over
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
                self.failed.emit(
                    self.tr("The fetch stopped on an unexpected error: {0}").format(exc)
                )

    def _flush(self) -> None:
        progress = self.progress
        if progress is None:
            return
        recorder = self._recorder
        if recorder is not None and recorder.previous is not None:
            self._model.set_previous(recorder.previous)  # built on the reader thread
            recorder.previous = None  # applied once
        batch = self._engine.drain()
        for result in batch:
            progress.add(result)
        self._model.apply(batch)
        progress.concurrency = self._engine.concurrency
        progress.pace = self._engine.pace
        progress.tick()
        self.progressed.emit(progress)

    def cancel(self) -> None:
        """Ask the running fetch to stop; finished rows stay, the rest read cancelled."""
        self._engine.cancel()

    async def stop(self) -> None:
        """Cancel the run, if any, and wait until it has closed its session."""
        task = self._task
        if task is None or task.done():
            return
        self.cancel()
        await asyncio.wait([task])
