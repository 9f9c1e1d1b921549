"""What the window holds of a fetch that runs off its thread.

The window's fetch engines (:class:`~inventory_gui.engine.worker_process.ProcessFetch`,
:class:`~inventory_gui.engine.thread_engine.BackgroundFetch`) share this shape: a
thread of their own that fills a queue the GUI drains on a timer, and a future
the GUI's loop awaits.  Results cross threads through a deque (``append`` and
``popleft`` are atomic).  No aiohttp here: the window's process imports this.

Whatever fails on that thread, the run ends there: the engine stops the other
side (:meth:`OffThreadRun._abandon`), every row without a result ends with a
short reason, the history run is closed and the future is always settled, so
the window never waits for a run that is gone.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Sequence
from concurrent.futures import Future
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from inventory_gui.core.models import Product, Result

if TYPE_CHECKING:
    from inventory_gui.core.recorder import RunRecorder

log = logging.getLogger(__name__)

REASON_CHARS = 200  # a row's error stays one short line


def short_reason(exc: BaseException) -> str:
    """One short line saying why a run stopped, for the rows it left unfinished."""
    lines = str(exc).strip().splitlines()
    text = f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__
    return text if len(text) <= REASON_CHARS else text[: REASON_CHARS - 1] + "…"


def ended(product: Product, reason: str | None) -> Result:
    """The row of a product the run never finished: an error with ``reason``, else cancelled."""
    result = Result.pending(product)
    result.status = "error" if reason else "cancelled"
    result.error = reason or "cancelled"
    result.checked_at = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return result


class OffThreadRun:
    """A run on a thread of its own; subclasses implement :meth:`_run`.

    ``_run(results)`` puts each finished result in its slot of ``results`` and
    appends it to ``self._buffer``; :meth:`_main` settles ``self.future`` with
    every result in input order, or with the exception that stopped the run
    once the rows it left are ended.

    Args:
        products: what the run checks.
        recorder: records the run in the history (subclasses call ``begin``
            and record results; the run's end is recorded here).
    """

    def __init__(self, products: Sequence[Product], recorder: RunRecorder | None) -> None:
        self._products = list(products)
        self._recorder = recorder
        self._cancel_requested = False
        self._buffer: deque[Result] = deque()
        self.future: Future[list[Result]] = Future()
        self._thread = threading.Thread(target=self._main, name="inventory-fetch", daemon=True)

    def start(self) -> Future[list[Result]]:
        """Start the run; the returned future holds every result in input order."""
        self._thread.start()
        return self.future

    def drain(self) -> list[Result]:
        """Take the results finished since the last call (GUI thread)."""
        buffer, batch = self._buffer, []
        for _ in range(len(buffer)):
            batch.append(buffer.popleft())
        return batch

    def _run(self, results: list[Result | None]) -> None:
        raise NotImplementedError

    def _abandon(self) -> None:
        """Stop the other side after a failure here (must not raise)."""

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
            self._recorder.end(cancelled=cancelled)
        except Exception:  # the run's rows are what matters; the history says why it failed
            log.exception("could not record the end of the run in the history")
