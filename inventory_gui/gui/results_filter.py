"""Filtering the results table: a text box and a "failures only" toggle."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from inventory_gui.gui.results_model import ResultsModel

FAILED = frozenset({"error", "cancelled"})


class ResultsFilter(QSortFilterProxyModel):
    """Filters rows; sorting is handed to :class:`ResultsModel`.

    The source model sorts its Python list with a key function in one pass;
    letting the proxy sort would compare rows through ``data()`` calls, millions
    of them for a large list.
    """

    def __init__(self, source: ResultsModel) -> None:
        super().__init__()
        self._source = source
        self._text = ""
        self._failures_only = False
        self.setSourceModel(source)
        # Not dynamic: re-filtering every changed row on each batch costs the GUI
        # thread ~30 ms per 1,000 rows.  The window calls refresh() instead, a
        # couple of times a second while a filter is active.
        self.setDynamicSortFilter(False)
        self._refreshed = 0.0

    def set_text(self, text: str) -> None:
        """Show only rows whose ID, error or input columns contain ``text`` (any case)."""
        text = text.strip().casefold()
        if text != self._text:
            self._refilter(lambda: setattr(self, "_text", text))

    def set_failures_only(self, on: bool) -> None:
        """Show only rows that ended in error or were cancelled."""
        if on != self._failures_only:
            self._refilter(lambda: setattr(self, "_failures_only", on))

    def refresh(self, *, at_most_every: float = 0.0) -> None:
        """Filter again after rows changed; rate-limited when ``at_most_every`` > 0."""
        now = time.monotonic()
        if self.active and now - self._refreshed >= at_most_every:
            self._refreshed = now
            self._refilter(lambda: None)

    def _refilter(self, change: Callable[[], None]) -> None:
        # Qt 6.10 replaced invalidateFilter() with begin/endFilterChange().
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateFilter()

    @property
    def active(self) -> bool:
        """True when some rows may be hidden."""
        return bool(self._text) or self._failures_only

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        """Keep a row if it passes both the toggle and the text."""
        if not self._text and not self._failures_only:
            return True
        result = self._source.result_at(source_row)
        if self._failures_only and result.status not in FAILED:
            return False
        if not self._text:
            return True
        text = self._text
        if text in result.id.casefold() or text in (result.error or "").casefold():
            return True
        return any(text in value.casefold() for value in result.fields.values())

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the source model; this proxy keeps the source's order."""
        self._source.sort(column, order)
