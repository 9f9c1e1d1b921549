"""Recording a window's fetch run into the history, from the fetch thread.

The window's fetch engine drives it (:class:`~inventory_gui.engine.base.OffThreadRun`):
:meth:`RunRecorder.begin` runs on the fetch thread before the first request
(reading each product's previous check, which must not stall the GUI thread,
and queueing the run's product list, which the writer thread records),
:meth:`record` queues each result (one queue put; :meth:`record_many` one per
batch) and :meth:`end` closes the run, keeping the API's rate limit the run
learned for the next one (table ``api_pace``; :meth:`remembered_rate` reads it).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from inventory_gui.core.errors import HistoryError
from inventory_gui.core.fetch.rate_control import api_origin
from inventory_gui.core.history.store import HistoryStore
from inventory_gui.core.history.writer import HistoryWriter
from inventory_gui.core.models import Previous, Product, Result

log = logging.getLogger(__name__)


class RunRecorder:
    """One run's history: previous checks, then each result as it arrives.

    Args:
        store: the history database.
        writer: its long-lived writer (shared by the window's runs).
        source: what the products came from (file name or "pasted text").
        url_template: the run's template (redacted by the writer).

    Attributes:
        run_id: the run's token in the history (negative; the writer maps it
            to the run's id once the run is written), or None if not recorded.
        previous: ``{id: Previous(quantity, checked_at)}`` of each product's last ok
            check before this run, set by :meth:`begin` (None until then).
        error: why recording stopped, if it did (the fetch goes on regardless).
    """

    def __init__(
        self, store: HistoryStore, writer: HistoryWriter, source: str, url_template: str
    ) -> None:
        self._store, self._writer = store, writer
        self._source, self._template = source, url_template
        self.run_id: int | None = None
        self.previous: dict[str, Previous] | None = None
        self.error: str | None = None

    def begin(self, products: Sequence[Product]) -> None:
        """Read the previous checks and record the run (on the fetch thread)."""
        try:
            self.previous = self._store.last_ok(p.id for p in products)
            self.run_id = self._writer.begin_run(self._source, self._template, products, wait=False)
        except HistoryError as exc:
            self.error = str(exc)
            self.previous = self.previous or {}

    def record(self, result: Result) -> None:
        """Queue one result."""
        if self.run_id is not None:
            self._writer.record(self.run_id, result)

    def record_many(self, results: Sequence[Result]) -> None:
        """Queue a batch of results as one item (one writer wake-up per batch)."""
        if self.run_id is not None:
            self._writer.record_many(self.run_id, results)

    def remembered_rate(self) -> float | None:
        """The rate limit an earlier run learned for this run's API host, or None."""
        origin = api_origin(self._template)
        if origin is None:
            return None
        try:
            return self._store.remembered_rate(origin)
        except HistoryError:
            return None  # not remembered: the run learns it again

    def end(self, cancelled: bool, learned: tuple[float, str] | None = None) -> None:
        """Close the run as ``done`` or ``cancelled``; keep ``learned``, (rate, source), if any."""
        if self.run_id is not None:
            self._writer.end_run(self.run_id, "cancelled" if cancelled else "done")
        origin = api_origin(self._template)
        if learned is None or origin is None:
            return
        try:
            self._store.remember_rate(origin, *learned)
        except HistoryError as exc:
            log.warning("the API's rate limit is not remembered: %s", exc)
