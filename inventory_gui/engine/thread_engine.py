"""The in-process engine: a fetch on a thread of its own, with its own asyncio loop.

The default where there is no worker process (Windows), and the fallback.
On its own thread the fetcher runs at full speed on a plain loop (uvloop where
installed, see :mod:`inventory_gui.core.fetch.event_loop`) rather than through qasync,
which turns every ready callback into a Qt timer on the GUI thread; the GUI
only drains finished results on a timer.  The window still stutters while a
large run goes: both threads want the one GIL (the worker process avoids that).
Cancellation crosses threads through ``call_soon_threadsafe``.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Sequence

import aiohttp

from inventory_gui.core.fetch import event_loop
from inventory_gui.core.fetch.fetcher import Fetcher, open_session
from inventory_gui.core.fetch.settings import FetchSettings
from inventory_gui.core.history.run_recorder import RunRecorder
from inventory_gui.core.models import Product, Result
from inventory_gui.engine.base import OffThreadEngine, OffThreadRun

SessionFactory = Callable[[FetchSettings], aiohttp.ClientSession]


class ThreadRun(OffThreadRun):
    """Runs :class:`Fetcher` over ``products`` on the run's own thread and loop.

    A failure on this side (recording a result, opening the session) stops the
    fetcher at once; the rows it had not finished end as errors saying why.

    Args:
        products: what to check.
        settings: the run's settings (validated before the thread starts).
        session_factory: opens the run's session, called on the run's thread.
        recorder: records the run in the history, on the run's thread.
    """

    def __init__(
        self,
        products: Sequence[Product],
        settings: FetchSettings,
        session_factory: SessionFactory = open_session,
        recorder: RunRecorder | None = None,
    ) -> None:
        super().__init__(products, settings, recorder)
        self._session_factory = session_factory
        self._fetcher: Fetcher | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._failure: BaseException | None = None  # what stopped the run from here
        self._results: list[Result | None] = []

    @property
    def concurrency(self) -> tuple[int, int]:
        """(allowed now, configured) requests in flight; the adaptive limit may lower it."""
        fetcher = self._fetcher
        current = fetcher.current_concurrency if fetcher is not None else self._settings.concurrency
        return current, self._settings.concurrency

    @property
    def pace(self) -> str | None:
        """The rate controller's pace for people (None when unpaced)."""
        fetcher = self._fetcher
        return fetcher.pace if fetcher is not None else None

    @property
    def learned_limit(self) -> tuple[float, str] | None:
        """The API's rate limit the fetcher learned (see :attr:`Fetcher.learned_limit`)."""
        fetcher = self._fetcher
        return fetcher.learned_limit if fetcher is not None else None

    def cancel(self) -> None:
        """Stop the run from any thread; unfinished rows end ``cancelled``."""
        self._cancel_requested = True  # seen by the thread if it has not started yet
        loop = self._loop
        if loop is not None:
            # RuntimeError: the loop has already closed, so the run is over anyway.
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(self._cancel_on_loop)

    def _cancel_on_loop(self) -> None:
        if self._fetcher is not None:
            self._fetcher.cancel()

    def _gather(self, results: list[Result | None]) -> None:
        self._results = results
        # The loop closes when the coroutine ends, raised or not: nothing of
        # the run goes on after this returns.
        event_loop.run(self._fetch())
        if self._failure is not None:
            raise self._failure

    async def _fetch(self) -> None:
        session = self._session_factory(self._settings)
        try:
            # The fetcher first, then the loop: cancel() reads them in that order.
            self._fetcher = Fetcher(self._settings, session=session)
            self._loop = asyncio.get_running_loop()
            if self._cancel_requested:
                self._fetcher.cancel()
            await self._fetcher.run(self._products, self._collect, keep_results=False)
        finally:
            await session.close()

    def _collect(self, index: int, result: Result) -> None:
        if self._failure is not None:
            return  # the run has failed: _main ends this row with the reason
        self._results[index] = result
        self._buffer.append(result)
        if self._recorder is None:
            return
        try:
            self._recorder.record(result)
        except Exception as exc:  # stop here: the rows left end as errors saying why
            self._failure = exc
            if self._fetcher is not None:
                self._fetcher.cancel()


class ThreadEngine(OffThreadEngine):
    """Runs each fetch as a :class:`ThreadRun` in the window's process.

    Args:
        session_factory: opens each run's session (None: ``fetcher.open_session``).
    """

    def __init__(self, session_factory: SessionFactory | None = None) -> None:
        super().__init__()
        self._session_factory = session_factory or open_session

    def _new_run(
        self, products: list[Product], settings: FetchSettings, recorder: RunRecorder | None
    ) -> ThreadRun:
        return ThreadRun(products, settings, self._session_factory, recorder)
