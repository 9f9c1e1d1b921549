"""Filtering the results table: a text box and a "failures only" toggle."""

from __future__ import annotations

import time

from PySide6.QtCore import QRegularExpression, QSortFilterProxyModel, Qt

from inventory_gui.gui.results_model import FAILED_MARK, ResultsModel, SearchRole


class ResultsFilter(QSortFilterProxyModel):
    """Filters rows with Qt's own matching; sorting is handed to :class:`ResultsModel`.

    Nothing here overrides ``filterAcceptsRow``: with no filter set, Qt accepts
    every row without a single call into Python, which matters when a million
    rows are loaded.  With a filter, Qt matches one regular expression against
    each row's :data:`SearchRole` text (ID, error and input columns, led by a
    mark on failed rows, which is how "failures only" works).

    The source model sorts its Python list with a key function in one pass;
    letting the proxy sort would compare rows through ``data()`` calls,
    millions of them for a large list.
    """

    def __init__(self, source: ResultsModel) -> None:
        super().__init__()
        self._source = source
        self._text = ""
        self._failures_only = False
        self.setSourceModel(source)
        self.setFilterRole(SearchRole)
        self.setFilterKeyColumn(0)
        # Not dynamic: re-filtering every changed row on each batch costs the GUI
        # thread ~30 ms per 1,000 rows.  The window calls refresh() instead, a
        # couple of times a second while a filter is active.
        self.setDynamicSortFilter(False)
        self._refreshed = 0.0

    def set_text(self, text: str) -> None:
        """Show only rows whose ID, error or input columns contain ``text`` (any case)."""
        text = text.strip()
        if text != self._text:
            self._text = text
            self._apply()

    def set_failures_only(self, on: bool) -> None:
        """Show only rows that ended in error or were cancelled."""
        if on != self._failures_only:
            self._failures_only = on
            self._apply()

    @property
    def active(self) -> bool:
        """True when some rows may be hidden."""
        return bool(self._text) or self._failures_only

    def refresh(self, *, at_most_every: float = 0.0) -> None:
        """Filter again after rows changed; rate-limited when ``at_most_every`` > 0."""
        now = time.monotonic()
        if self.active and now - self._refreshed >= at_most_every:
            self._refreshed = now
            # Qt 6.10 replaced invalidateFilter() with begin/endFilterChange().
            if hasattr(self, "beginFilterChange"):
                self.beginFilterChange()
                self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
            else:
                self.invalidateFilter()

    def _apply(self) -> None:
        pattern = QRegularExpression.escape(self._text)
        if self._failures_only:
            pattern = "^" + QRegularExpression.escape(FAILED_MARK) + ".*" + pattern
        expression = QRegularExpression(
            pattern if self.active else "",
            QRegularExpression.PatternOption.CaseInsensitiveOption
            | QRegularExpression.PatternOption.DotMatchesEverythingOption,
        )
        self.setFilterRegularExpression(expression)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the source model; this proxy keeps the source's order."""
        self._source.sort(column, order)
