"""The window's side of the history: recording runs, the History tab, resuming.

Signals are not needed here: the window calls in at the few moments that
matter (a run starts, the selection changes, the window opens or closes).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from inventory_gui.core.history import HistoryError, HistoryStore, HistoryWriter, Run
from inventory_gui.core.models import Product
from inventory_gui.core.recorder import RunRecorder
from inventory_gui.gui.history_view import HistoryView
from inventory_gui.gui.message_bar import MessageBar

log = logging.getLogger(__name__)


class HistoryController(QObject):
    """Owns the history store's writer and the History tab.

    Args:
        store: the history database, or None to record nothing (the tab says so).
        parent: the window.
    """

    def __init__(self, store: HistoryStore | None, parent: QWidget) -> None:
        super().__init__(parent)
        self.store = store
        self._writer: HistoryWriter | None = None
        self.view = HistoryView(parent)
        if store is None:
            self.view.title.setText("History is off (no data folder could be opened).")

    def recorder(self, source: str, url_template: str) -> RunRecorder | None:
        """A recorder for the next run (None when there is no history)."""
        if self.store is None:
            return None
        if self._writer is None:
            self._writer = self.store.writer()
        return RunRecorder(self.store, self._writer, source, url_template)

    def show_product(self, product_id: str | None) -> None:
        """Fill the History tab for one product (a quick indexed read)."""
        if self.store is None:
            return
        if product_id is None:
            self.view.show_checks(None, [])
            return
        if self._writer is not None:
            self._writer.flush()  # what this window recorded is readable at once
        try:
            checks = self.store.history(product_id)
        except (HistoryError, UnicodeError) as exc:  # UnicodeError: an ID SQLite cannot take
            log.warning("history read failed: %s", exc)
            checks = []
        self.view.show_checks(product_id, checks)

    def unfinished(self) -> tuple[Run, list[Product]] | None:
        """The last run that never ended (the app was closed or killed), with what is left."""
        if self.store is None:
            return None
        try:
            if self._writer is not None:
                self._writer.flush()  # a run this window just ended must read as ended
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
            f"The run of {run.source} started {started} did not finish: "
            f"{len(left):,} of {run.total:,} products were not fetched.",
            f"Resume ({len(left):,})",
            accept,
        )
        return True

    def mark_resumed(self, run: Run) -> None:
        """Record that an unfinished run was resumed (or dismissed)."""
        if self.store is not None:
            try:
                self.store.mark_run(run.id, "resumed")
            except HistoryError as exc:
                log.warning("cannot mark run %s: %s", run.id, exc)

    def close(self) -> None:
        """Commit what is queued and close the database."""
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        if self.store is not None:
            self.store.close()
            self.store = None
