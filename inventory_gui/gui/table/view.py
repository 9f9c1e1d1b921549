"""The results table view: repaints only what the user can see change."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
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

from inventory_gui.gui.table.colours import TableColours
from inventory_gui.gui.table.columns import ID_COLUMN
from inventory_gui.gui.table.filter import ResultsFilter
from inventory_gui.gui.table.model import ResultsModel

# Cells in these states are drawn by the style, exactly as the standard delegate
# would draw them; there are few of them (the selection, the current cell).
_STYLED_MASK = (QStyle.StateFlag.State_Selected | QStyle.StateFlag.State_HasFocus).value
_MARGIN = 4  # the text margin Fusion gives an item
_ICON = 12
_ELIDE = Qt.TextElideMode.ElideRight
ROWS_PER_PAINT = 10
# A new application palette (a new colour scheme) reaches the view as a PaletteChange.
_LOOK_CHANGES = (QEvent.Type.PaletteChange, QEvent.Type.FontChange, QEvent.Type.StyleChange)
FRAME_MS = 16


class ResultsDelegate(QStyledItemDelegate):
    """Paints a cell from one model call, and plain cells without the style.

    ``QStyledItemDelegate`` asks the model for about seven roles per cell, each a
    call into Python; then the style lays the text out with ``QTextLayout``,
    which makes a full repaint slow.  Here the cell's text, alignment, colours
    and icon come from :meth:`ResultsModel.cell` in one call, a plain cell is
    a fill, an icon and one ``drawText``, and text is only elided when it does
    not fit.  Selected and current cells still go through the style.
    The view's colours (:class:`TableColours`) and font metrics are kept here
    (each read from the option is a copy) and renewed by :meth:`follow_view`
    when they change.
    """

    def __init__(self, model: ResultsModel, proxy: ResultsFilter, parent: QWidget) -> None:
        super().__init__(parent)
        self._model, self._proxy = model, proxy
        self.follow_view(parent)

    def follow_view(self, view: QWidget) -> None:
        """Derive the colours from the view's palette; take its font metrics."""
        colours = TableColours.from_palette(view.palette())
        self._model.use_colours(colours)
        self._text_colour = colours.text
        self._selection = colours.selection
        self._metrics = view.fontMetrics()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        if option.state.value & _STYLED_MASK:  # an int test: enum flags cost Python calls
            self._paint_styled(painter, option, index)
            return
        # With no filter the proxy keeps the source's rows in order: skip mapping.
        row = self._proxy.mapToSource(index).row() if self._proxy.active else index.row()
        text, alignment, foreground, icon, background = self._model.cell(row, index.column())
        rect = option.rect
        x, y, width, height = rect.getRect()
        if background is not None:
            painter.fillRect(rect, background)
        painter.setPen(self._text_colour if foreground is None else foreground.color())
        if icon is not None:
            icon.paint(painter, x + _MARGIN, y + (height - _ICON) // 2, _ICON, _ICON)
            x, width = x + _ICON + _MARGIN, width - _ICON - _MARGIN
        inner = width - 2 * _MARGIN
        metrics = self._metrics
        if metrics.horizontalAdvance(text) > inner:
            text = metrics.elidedText(text, _ELIDE, inner)
        painter.drawText(x + _MARGIN, y, inner, height, alignment, text)

    def _paint_styled(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex
    ) -> None:
        source = self._proxy.mapToSource(index)
        text, alignment, foreground, icon, background = self._model.cell(
            source.row(), source.column()
        )
        opt = QStyleOptionViewItem(option)
        opt.index = index
        opt.text = text
        opt.displayAlignment = Qt.AlignmentFlag(alignment)
        opt.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay
        opt.textElideMode = _ELIDE
        if icon is not None:
            opt.icon = icon
            opt.decorationSize = QSize(_ICON, _ICON)
            opt.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration
        if foreground is not None:
            opt.palette.setBrush(QPalette.ColorRole.Text, foreground)
        for group, highlight in self._selection.items():  # fitted to the highlighted text
            opt.palette.setBrush(group, QPalette.ColorRole.Highlight, highlight)
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

    A change is also painted at most :data:`ROWS_PER_PAINT` rows per frame, the
    rest a frame later: a whole page of rows painted at once is long enough for
    a user to feel as a stutter, more so while a fetch keeps the other cores
    busy; two or three short paints a frame apart look the same.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultsTable")
        self.setAccessibleName(self.tr("Results"))
        self.setAccessibleDescription(
            self.tr("One row per product: status, stock, quantity, change and error")
        )
        self.horizontalHeader().setAccessibleName(self.tr("Column headers"))
        self.setTabKeyNavigation(False)  # Tab leaves the table; the arrow keys move in it
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
        self._later: tuple[int, int] | None = None  # visible rows still to repaint
        self._next_frame = QTimer(self)
        self._next_frame.setSingleShot(True)
        self._next_frame.setInterval(FRAME_MS)
        self._next_frame.timeout.connect(self._paint_later_rows)

    def use_fast_painting(self, model: ResultsModel, proxy: ResultsFilter) -> None:
        """Paint cells with :class:`ResultsDelegate` (model and proxy as set on the view)."""
        self._delegate = ResultsDelegate(model, proxy, self)
        self.setItemDelegate(self._delegate)

    def changeEvent(self, event: QEvent) -> None:
        """Keep the delegate's colours and font in step with the view's (a new scheme too)."""
        super().changeEvent(event)
        delegate = getattr(self, "_delegate", None)  # events come during __init__ too
        if delegate is not None and event.type() in _LOOK_CHANGES:
            delegate.follow_view(self)
            self.viewport().update()

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
        if bottom - top >= ROWS_PER_PAINT:
            self._paint_next_frame(top + ROWS_PER_PAINT, bottom)
            bottom = top + ROWS_PER_PAINT - 1
        model = self.model()
        super().dataChanged(
            model.index(top, top_left.column()), model.index(bottom, bottom_right.column()), roles
        )

    def _paint_next_frame(self, top: int, bottom: int) -> None:
        if self._later is not None:
            top, bottom = min(top, self._later[0]), max(bottom, self._later[1])
        self._later = (top, bottom)
        if not self._next_frame.isActive():
            self._next_frame.start()

    def _paint_later_rows(self) -> None:
        if self._later is None:
            return
        (top, bottom), self._later = self._later, None
        model = self.model()
        if model is not None and bottom < model.rowCount():
            self.dataChanged(model.index(top, 0), model.index(bottom, model.columnCount() - 1))
