"""The window's side of the history: recording runs, the History tab, resuming.

The window calls in at the few moments that matter (a run starts, the
selection changes, the window opens or closes).  Nothing here waits on a
database locked by another process: reads in WAL mode do not wait for a
writer, writes go through the writer thread, and closing waits a bounded time
(what is left is recorded at the next start).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from inventory_gui.core.errors import HistoryError
from inventory_gui.core.history.run_recorder import RunRecorder
from inventory_gui.core.history.store import HistoryStore, Run
from inventory_gui.core.history.writer import HistoryWriter
from inventory_gui.core.models import Product
from inventory_gui.gui.panels.history_view import HistoryView
from inventory_gui.gui.panels.message_bar import MessageBar

log = logging.getLogger(__name__)


_FLUSH_WAIT = 0.5  # seconds the History tab waits for this window's last checks
_CLOSE_WAIT = 1.0  # seconds closing waits for a locked database


class HistoryController(QObject):
    """Owns the history store's writer and the History tab.

    Args:
        store: the history database, or None to record nothing (the tab says so).
        parent: the window.
        bar: where to say that recording is delayed (the database is locked).
    """

    delayed = Signal(str)
    """Recording is delayed (emitted from the writer thread, shown once in the bar)."""

    def __init__(
        self, store: HistoryStore | None, parent: QWidget, bar: MessageBar | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self._writer: HistoryWriter | None = None
        if bar is not None:
            self.delayed.connect(bar.show_info)
        self.view = HistoryView(parent)
        if store is None:
            self.view.title.setText(self.tr("History is off (no data folder could be opened)."))

    def prepare(self) -> None:
        """Start the writer (its connection and thread) now, so that the first Fetch need not.

        Starting a thread waits until the new thread runs, which on a busy
        machine can hold the GUI thread for a while at the click.
        """
        self._get_writer()

    def recorder(self, source: str, url_template: str) -> RunRecorder | None:
        """A recorder for the next run (None when there is no history)."""
        writer = self._get_writer()
        if self.store is None or writer is None:
            return None
        return RunRecorder(self.store, writer, source, url_template)

    def _get_writer(self) -> HistoryWriter | None:
        if self._writer is None and self.store is not None:
            self._writer = self.store.writer(on_delayed=self.delayed.emit)
        return self._writer

    def _flush(self) -> None:
        """Wait briefly for this window's recorded checks, unless the database is locked."""
        if self._writer is None or self._writer.delayed:
            return
        try:
            self._writer.flush(timeout=_FLUSH_WAIT)
        except HistoryError as exc:
            log.warning("history not fully recorded: %s", exc)

    def show_product(self, product_id: str | None) -> None:
        """Fill the History tab for one product (a quick indexed read)."""
        if self.store is None:
            return
        if product_id is None:
            self.view.show_checks(None, [])
            return
        self._flush()  # what this window recorded is readable at once
        try:
            checks = self.store.history(product_id)
        except HistoryError as exc:
            log.warning("history read failed: %s", exc)
            checks = []
        self.view.show_checks(product_id, checks)

    def unfinished(self) -> tuple[Run, list[Product]] | None:
        """The last run that never ended (the app was closed or killed), with what is left."""
        if self.store is None:
            return None
        self._flush()  # a run this window just ended must read as ended
        try:
            unrecorded = self.store.unrecorded()
            if unrecorded:  # its checks may be there: offering would refetch what was ok
                log.warning("not offering to resume: %s is not recorded yet", unrecorded[0])
                return None
            run = self.store.unfinished_run()
            return (run, self.store.resume_items(run.id)) if run is not None else None
        except HistoryError as exc:
            log.warning("cannot look for an unfinished run: %s", exc)
            return None

    def offer_resume(self, bar: MessageBar, resume: Callable[[list[Product], str], None]) -> bool:
        """Offer, in ``bar``, to fetch what an unfinished run left; False if there is none."""
        found = self.unfinished()
        if found is None or not found[1]:
            return False
        run, left = found

        def accept() -> None:
            self.mark_resumed(run)
            resume(left, run.source)

        started = run.started_at.replace("T", " ")[:16]
        bar.show_action(
            self.tr(
                "The run of {0} started {1} did not finish: {2} of {3} products were not fetched."
            ).format(run.source, started, f"{len(left):,}", f"{run.total:,}"),
            self.tr("Resume ({0})").format(f"{len(left):,}"),
            accept,
        )
        return True

    def mark_resumed(self, run: Run) -> None:
        """Record that an unfinished run was resumed (or dismissed)."""
        writer = self._get_writer()  # not the store: the GUI thread must not wait for a lock
        if writer is not None:
            writer.mark_run(run.id, "resumed")

    def close(self) -> None:
        """Commit what is queued and close the database.

        Waits at most about a second for a locked database; what is left
        then stays in a journal that the next start records.
        """
        if self._writer is not None:
            self._writer.close(_CLOSE_WAIT)
            if self._writer.left_in is not None:
                log.warning("history locked: %s is recorded next start", self._writer.left_in)
            self._writer = None
        if self.store is not None:
            self.store.close()
            self.store = None
