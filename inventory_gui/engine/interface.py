"""The one interface through which the window runs a fetch, whatever engine runs it.

An engine checks a list of products off the GUI thread, one run at a time,
and records the run in the history as it goes.  The window drives it so:

1. :meth:`FetchEngine.prepare` (optional, any time): get ready without
   waiting, so that pressing Fetch does not pay for it.
2. :meth:`FetchEngine.start` with the products, the fetch settings and the
   history recorder: returns a future settled once the run has ended.
3. :meth:`FetchEngine.drain` on a timer (GUI thread): the results finished
   since the last call, in the order they finished; once the future is done,
   one last call returns the rest.  Every product ends up in exactly one
   drained result: a row the run could not finish ends ``cancelled``, or
   ``error`` with the reason the run stopped.
4. :attr:`FetchEngine.concurrency` with each drain, for the progress line.
5. :meth:`FetchEngine.cancel` (any thread, any time, even after the end).
6. :meth:`FetchEngine.close` when the window closes.

Implementations: :class:`~inventory_gui.engine.worker_process.WorkerProcessEngine`
and :class:`~inventory_gui.engine.thread_engine.ThreadEngine`;
:func:`~inventory_gui.engine.factory.make_engine` picks one.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Future
from typing import TYPE_CHECKING, Literal, Protocol, runtime_checkable

from inventory_gui.core.fetch.settings import FetchSettings
from inventory_gui.core.models import Product, Result

if TYPE_CHECKING:
    from inventory_gui.core.history.run_recorder import RunRecorder

EngineKind = Literal["process", "thread"]


@runtime_checkable
class FetchEngine(Protocol):
    """Runs the window's fetches off the GUI thread, one at a time."""

    def prepare(self) -> None:
        """Get ready for a run without waiting (e.g. start a worker process)."""

    def start(
        self,
        products: Sequence[Product],
        settings: FetchSettings,
        recorder: RunRecorder | None = None,
    ) -> Future[list[Result]]:
        """Start checking ``products`` with ``settings``.

        ``recorder``, if given, records the run in the history: its ``begin``
        is called before the first result is recorded, ``record`` or
        ``record_many`` with every result, and ``end`` once, before the future
        is settled.

        Returns:
            A future holding every result in input order, or the exception
            that stopped the run (its unfinished rows have been drained as
            errors giving the reason).

        Raises:
            RuntimeError: the previous run has not ended.
            InventoryError: the settings are not usable (nothing started).
        """
        ...

    def drain(self) -> list[Result]:
        """Take the results finished since the last call (GUI thread)."""
        ...

    @property
    def concurrency(self) -> tuple[int, int] | None:
        """(allowed now, configured) requests in flight in the run; None before any run."""
        ...

    def pace(self) -> str | None:
        """The run's pace for people ("pacing at 180 req/s, ..."), or None when unpaced."""
        ...

    def cancel(self) -> None:
        """Ask the run to stop (any thread); rows not finished end ``cancelled``."""

    @property
    def worker_pid(self) -> int | None:
        """The ID of the process doing the fetch, if not this one (diagnostics)."""
        ...

    def close(self) -> None:
        """Release what the engine holds (no run is going); it is not used again."""
