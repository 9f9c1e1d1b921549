"""The results table view: repaints only what the user can see change."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from inventory_gui.gui.columns import ID_COLUMN
from inventory_gui.gui.results_model import ResultsModel


class ResultsDelegate(QStyledItemDelegate):
    """Paints a cell from one Python call instead of one per data role.

    ``QStyledItemDelegate`` asks the model for about seven roles per cell, each a
    call into Python that must win the GIL back from the fetch thread; a repaint
    of the visible cells then waits on ~1,700 of them.  Here the cell's text,
    alignment, colours and icon come from :meth:`ResultsModel.cell` in one call,
    and the style draws the item exactly as the standard delegate would.
    """

    def __init__(self, model: ResultsModel, proxy: QSortFilterProxyModel, parent: QWidget) -> None:
        super().__init__(parent)
        self._model, self._proxy = model, proxy

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        source = self._proxy.mapToSource(index)
        text, alignment, foreground, icon, background = self._model.cell(
            source.row(), source.column()
        )
        opt = QStyleOptionViewItem(option)
        opt.index = index
        opt.text = text
        opt.displayAlignment = Qt.AlignmentFlag(alignment)
        opt.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay
        opt.textElideMode = Qt.TextElideMode.ElideRight
        if icon is not None:
            opt.icon = icon
            opt.decorationSize = QSize(12, 12)
            opt.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration
        if foreground is not None:
            opt.palette.setBrush(QPalette.ColorRole.Text, foreground)
        if background is not None:
            opt.backgroundBrush = background
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)


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

    def use_fast_painting(self, model: ResultsModel, proxy: QSortFilterProxyModel) -> None:
        """Paint cells with :class:`ResultsDelegate` (model and proxy as set on the view)."""
        self.setItemDelegate(ResultsDelegate(model, proxy, self))

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
