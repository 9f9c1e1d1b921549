"""The results table view: repaints only what the user can see change."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from inventory_gui.gui.columns import ID_COLUMN


class ResultsView(QTableView):
    """A ``QTableView`` tuned for tables that change many rows per second.

    Qt repaints the whole viewport for a ``dataChanged`` spanning many rows,
    even when none of them is on screen; a batch of results landing far below
    the visible rows would then repaint every visible cell, 30 times a second.
    Here a change is clipped to the visible rows and ignored when it misses them.
    Row heights are fixed, so the view never measures rows either.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultsTable")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        rows.hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        # "Checked 5 min ago" ages while nothing changes: repaint what is visible now and then.
        self._ageing = QTimer(self)
        self._ageing.timeout.connect(self.viewport().update)
        self._ageing.start(30_000)

    def arrange_columns(self, widths: Sequence[int], input_columns: int) -> None:
        """Set default widths and show the input's (and extra) columns right after the ID.

        Only the header's visual order changes; the model's columns stay put.
        """
        header = self.horizontalHeader()
        for column, width in enumerate(widths):
            header.resizeSection(column, width)
        for k in range(input_columns):
            logical = len(widths) + k
            header.resizeSection(logical, self._sampled_width(logical))
            header.moveSection(header.visualIndex(logical), ID_COLUMN + 1 + k)

    def _sampled_width(self, column: int, sample: int = 50) -> int:
        """A width fitting the header and the first rows (never resize-to-contents)."""
        model, metrics = self.model(), self.fontMetrics()
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        texts = [
            str(model.index(r, column).data() or "") for r in range(min(sample, model.rowCount()))
        ]
        widest = max([metrics.horizontalAdvance(t) for t in texts] + [0])
        return max(60, min(260, max(widest, metrics.horizontalAdvance(title) + 20) + 16))

    def paintEvent(self, event: QPaintEvent) -> None:
        """Paint as usual, holding the GIL throughout (see the class docstring)."""
        super().paintEvent(event)

    def visible_rows(self) -> tuple[int, int]:
        """First and last row on screen (``(0, -1)`` when there are none)."""
        model = self.model()
        count = model.rowCount() if model is not None else 0
        if count == 0:
            return 0, -1
        first = self.rowAt(0)
        last = self.rowAt(self.viewport().height() - 1)
        return max(first, 0), (count - 1 if last < 0 else last)

    def dataChanged(
        self,
        top_left: QModelIndex | QPersistentModelIndex,
        bottom_right: QModelIndex | QPersistentModelIndex,
        roles: Sequence[int] = (),
    ) -> None:
        """Repaint only the changed rows that are on screen."""
        first, last = self.visible_rows()
        top, bottom = max(top_left.row(), first), min(bottom_right.row(), last)
        if top > bottom:
            return
        model = self.model()
        super().dataChanged(
            model.index(top, top_left.column()), model.index(bottom, bottom_right.column()), roles
        )
