"""Filtering the results table: a text box and a "failures only" toggle."""

from __future__ import annotations

import time

from PySide6.QtCore import QRegularExpression, QSortFilterProxyModel, Qt

from inventory_gui.core.stock import Stock
from inventory_gui.gui.table.columns import STOCK_CODES
from inventory_gui.gui.table.model import FAILED_MARK, ResultsModel, SearchRole


class ResultsFilter(QSortFilterProxyModel):
    """Filters rows with Qt's own matching; sorting is handed to :class:`ResultsModel`.

    Nothing here overrides ``filterAcceptsRow``: with no filter set, Qt accepts
    every row without a single call into Python, which matters when a million
    rows are loaded.  With a filter, Qt matches one regular expression against
    each row's :data:`SearchRole` text (ID, error and input columns, led by a
    stock-status letter and a mark on failed rows: that is how the stock and
    "failures only" filters work).

    The source model sorts its Python list with a key function in one pass;
    letting the proxy sort would compare rows through ``data()`` calls,
    millions of them for a large list.
    """

    def __init__(self, source: ResultsModel) -> None:
        super().__init__()
        self._source = source
        self._text = ""
        self._failures_only = False
        self._stock: Stock | None = None
        self.setSourceModel(source)
        self.setFilterRole(SearchRole)
        self.setFilterKeyColumn(0)
        # Not dynamic: re-filtering every changed row on each batch of results
        # would keep the GUI thread busy.  The window calls refresh() instead, a
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

    def set_stock(self, stock: Stock | None) -> None:
        """Show only rows in this stock status (None: any)."""
        if stock != self._stock:
            self._stock = stock
            self._apply()

    @property
    def active(self) -> bool:
        """True when some rows may be hidden."""
        return bool(self._text) or self._failures_only or self._stock is not None

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
        # The search text starts with a stock letter and a failure mark (see the model).
        stock = STOCK_CODES[self._stock] if self._stock is not None else "."
        failed = QRegularExpression.escape(FAILED_MARK) if self._failures_only else "."
        pattern = f"^{stock}{failed}.*" + QRegularExpression.escape(self._text)
        expression = QRegularExpression(
            pattern if self.active else "",
            QRegularExpression.PatternOption.CaseInsensitiveOption
            | QRegularExpression.PatternOption.DotMatchesEverythingOption,
        )
        self.setFilterRegularExpression(expression)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the source model; this proxy keeps the source's order."""
        self._source.sort(column, order)
