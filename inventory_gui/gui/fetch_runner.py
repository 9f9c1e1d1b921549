"""Runs the core fetcher on the qasync loop and feeds the table in batches.

The fetcher's per-result callback only appends to a list.  A 30 Hz timer moves
that list into the model in one :meth:`ResultsModel.apply` call and updates the
progress, so the GUI thread does a fixed amount of Qt work per frame however
fast results arrive.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence

import aiohttp
from PySide6.QtCore import QObject, QTimer, Signal

from inventory_gui.core.fetcher import Fetcher, FetchSettings, open_session
from inventory_gui.core.models import Product, Result
from inventory_gui.core.progress import Progress
from inventory_gui.gui.results_model import ResultsModel

log = logging.getLogger(__name__)

SessionFactory = Callable[[FetchSettings], aiohttp.ClientSession]
FLUSH_INTERVAL_MS = 33


class FetchRunner(QObject):
    """Owns at most one running fetch and its task.

    Args:
        model: the table model that receives results.
        session_factory: builds the run's ``aiohttp.ClientSession`` from its
            settings (the composition root passes the real one; tests may
            inject another transport).

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
        session_factory: SessionFactory = open_session,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._model = model
        self._session_factory = session_factory
        self._task: asyncio.Task[None] | None = None
        self._fetcher: Fetcher | None = None
        self._buffer: list[Result] = []
        self.progress: Progress | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(FLUSH_INTERVAL_MS)
        self._timer.timeout.connect(self.flush)

    @property
    def running(self) -> bool:
        """True while a run's task has not finished."""
        return self._task is not None and not self._task.done()

    def start(self, products: Sequence[Product], settings: FetchSettings) -> None:
        """Fetch ``products`` (rows already in the model) with ``settings``.

        Raises:
            RuntimeError: a run is already going.
            InventoryError: the settings are not usable (nothing started).
        """
        if self.running:
            raise RuntimeError("a fetch is already running")
        settings.validate()  # before anything changes
        session = self._session_factory(settings)
        fetcher = Fetcher(settings, session=session)
        self._model.mark_pending(p.id for p in products)
        self._fetcher = fetcher
        self.progress = Progress(total=len(products))
        self._buffer = []
        self._task = asyncio.ensure_future(self._run(fetcher, list(products), session))
        self._timer.start()
        self.started.emit(len(products))

    async def _run(
        self, fetcher: Fetcher, products: list[Product], session: aiohttp.ClientSession
    ) -> None:
        try:
            await fetcher.run(products, self._collect)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            log.exception("fetch run failed")
            self.failed.emit(f"The fetch stopped on an unexpected error: {exc}")
        finally:
            await session.close()
            self._timer.stop()
            self.flush()
            self._fetcher = None
            self.finished.emit(self.progress)

    def _collect(self, _index: int, result: Result) -> None:
        self._buffer.append(result)

    def flush(self) -> None:
        """Move buffered results into the model and report progress."""
        batch, self._buffer = self._buffer, []
        progress = self.progress
        if progress is None:
            return
        for result in batch:
            progress.add(result)
        self._model.apply(batch)
        progress.tick()
        self.progressed.emit(progress)

    def cancel(self) -> None:
        """Ask the running fetch to stop; finished rows stay, the rest read cancelled."""
        if self._fetcher is not None:
            self._fetcher.cancel()

    async def stop(self) -> None:
        """Cancel the run, if any, and wait until it has closed its session."""
        task = self._task
        if task is None or task.done():
            return
        self.cancel()
        await asyncio.wait([task])
