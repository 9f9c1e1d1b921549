"""Recording one ``inventory-gui fetch`` run in the check history.

A history that cannot be opened or written is one warning, and the run goes
on unrecorded (only ``--resume`` needs it).  Results reach the writer thread
in batches (:class:`BatchedRecorder`): one queue item per result woke that
thread 20,000 times in a 20,000-product run, each wake a fight for the GIL
with the fetch.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Callable, Iterable
from functools import partial

from inventory_gui.cli.options import data_dir
from inventory_gui.cli.terminal import warn
from inventory_gui.core.errors import HistoryError
from inventory_gui.core.fetch.rate_control import RateController, api_origin
from inventory_gui.core.history.store import HistoryStore, Run
from inventory_gui.core.history.writer import BATCH_ROWS, BATCH_SECONDS, HistoryWriter
from inventory_gui.core.models import Previous, ProductList, Result


class FetchHistory:
    """Records one ``fetch`` run; a failure prints one warning and recording stops.

    Args:
        store: the open history, or None to record nothing.
    """

    def __init__(self, store: HistoryStore | None) -> None:
        self.store = store
        self._writer: HistoryWriter | None = None
        self._run_id: int | None = None
        self._batched: BatchedRecorder | None = None

    @classmethod
    def open(cls, args: argparse.Namespace) -> FetchHistory:
        """Open the history unless ``--no-history``.

        Raises:
            HistoryError: it cannot be opened and ``--resume`` needs it (otherwise
                that is a warning, and nothing is recorded).
        """
        if args.no_history:
            return cls(None)
        try:
            return cls(HistoryStore(data_dir(args)))
        except HistoryError as exc:
            if args.resume:
                raise
            warn(f"the history is not recorded: {exc}")
            return cls(None)

    def previous(self, product_ids: Iterable[str]) -> dict[str, Previous]:
        """Each product's last ok check before this run ({} without a history).

        Read before :meth:`begin`, as the window does when a run starts; a
        history that cannot be read is one warning and no previous checks.
        """
        if self.store is None:
            return {}
        try:
            return self.store.last_ok(product_ids)
        except HistoryError as exc:
            warn(f"the previous checks are not shown: {exc}")
            return {}

    def begin(self, products: ProductList, url_template: str, resumes: Run | None = None) -> None:
        """Record the start of the run (and mark a resumed run ``resumed``)."""
        if self.store is None:
            return
        try:
            self._writer = self.store.writer(on_delayed=warn)
            self._run_id = self._writer.begin_run(
                products.source, url_template, products.products, wait=False
            )
        except HistoryError as exc:
            warn(f"the history is not recorded: {exc}")
            if self._writer is not None:
                self._writer.close()  # its error is the one just shown
                self._writer = None
            return
        if resumes is not None:
            self._writer.mark_run(resumes.id, "resumed")

    def recorder(self) -> Callable[[Result], None] | None:
        """Return a function recording one result (kept for the next batch), or None.

        Called in the event loop that runs the fetch, the batches are also sent
        :data:`BatchedRecorder.SECONDS` after their first result.
        """
        if self._writer is None or self._run_id is None:
            return None
        self._batched = BatchedRecorder(partial(self._writer.record_many, self._run_id))
        return self._batched.record

    def end(self, state: str) -> None:
        """Record the end of the run: ``done`` or ``cancelled``."""
        self._send_batch()
        if self._writer is not None and self._run_id is not None:
            self._writer.end_run(self._run_id, state)

    def _send_batch(self) -> None:
        if self._batched is not None:
            self._batched.send()

    def remembered_rate(self, url_template: str) -> float | None:
        """The API's rate limit learned by an earlier run, the next run's starting pace."""
        origin = api_origin(url_template)
        if self.store is None or origin is None:
            return None
        try:
            return self.store.remembered_rate(origin)
        except HistoryError:
            return None  # a pace not remembered: the run learns it again

    def remember_rate(self, url_template: str, control: RateController | None) -> None:
        """Keep the rate limit this run learned for its API host (one small write)."""
        origin = api_origin(url_template)
        rate = control.learned_rate if control is not None else None
        if self.store is None or origin is None or rate is None:
            return
        try:
            self.store.remember_rate(origin, rate, control.source)  # type: ignore[union-attr]
        except HistoryError as exc:
            warn(f"the API's rate limit is not remembered: {exc}")

    def close(self) -> None:
        """Commit what is recorded (a run not ended stays resumable) and close.

        If the history is still locked after a short wait, what is not recorded
        stays in a journal that the next start records (one warning says so).
        """
        self._send_batch()
        if self._writer is not None:
            self._writer.close()
            if self._writer.error is not None:
                warn(f"{self._writer.file}: {self._writer.error}")
            if self._writer.left_in is not None:
                warn(
                    f"{self._writer.file} is still locked: the checks not recorded yet are"
                    f" kept in {self._writer.left_in.name} and recorded at the next start"
                )
        if self.store is not None:
            self.store.close()


class BatchedRecorder:
    """Keeps results and hands them on as one batch: :data:`ROWS` of them, or
    :data:`SECONDS` after the first one (a timer in the running event loop, if
    any), or when :meth:`send` is called (the end of the run).

    Args:
        record_many: takes a batch (the history writer's ``record_many``).
    """

    ROWS = BATCH_ROWS  # one batch, one commit
    SECONDS = BATCH_SECONDS  # the writer's own longest wait: no later than without it

    def __init__(self, record_many: Callable[[list[Result]], None]) -> None:
        self._record_many = record_many
        self._batch: list[Result] = []
        self._timer: asyncio.TimerHandle | None = None

    def record(self, result: Result) -> None:
        """Keep one result; send the batch once it is full."""
        batch = self._batch
        batch.append(result)
        if len(batch) >= self.ROWS:
            self.send()
        elif len(batch) == 1:
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                return  # no loop: sent when full or at the end
            self._timer = loop.call_later(self.SECONDS, self.send)

    def send(self) -> None:
        """Hand on what is kept (nothing if there is nothing)."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._batch:
            batch, self._batch = self._batch, []
            self._record_many(batch)
