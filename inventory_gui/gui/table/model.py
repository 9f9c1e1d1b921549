"""The results table's model: a ``QAbstractTableModel`` over a plain list.

Results arrive far faster than a screen refreshes, so the model never changes
per result: :meth:`ResultsModel.apply` takes a whole batch and emits one
``dataChanged`` for the rows it touched.  Sorting happens here, on the Python
list with a key function (a ``QSortFilterProxyModel`` sorting 100,000 rows
would call back into Python millions of times); the proxy only filters.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Mapping, Sequence
from itertools import count
from operator import attrgetter, itemgetter
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QGuiApplication

from inventory_gui.core.id_index import IdIndex, PlainIndex, new_index
from inventory_gui.core.models import Previous, Product, Result
from inventory_gui.core.safe_values import display_text, qt_text, text_number_key, value_key
from inventory_gui.core.stock import FieldMap, StockRules
from inventory_gui.gui.table.colours import TableColours
from inventory_gui.gui.table.columns import (
    CHANGE_COLUMN,
    CHECKED_COLUMN,
    FIXED_COLUMNS,
    FIXED_COUNT,
    LEFT,
    POSITION_COLUMN,
    QUANTITY_COLUMN,
    RIGHT,
    STATUS_COLUMN,
    STOCK_CODES,
    STOCK_COLUMN,
    RowContext,
)
from inventory_gui.gui.table.row_edits import RowEdits
from inventory_gui.gui.table.rows import PreparedRows, prepare_rows

ResultRole = Qt.ItemDataRole.UserRole + 1
# Rows a model reset shows at once: the rest of a longer list follows in slices
# of as many, a turn of the event loop apart.  The views' work on a reset or an
# insert (the filter's row mapping, the row header) grows with its rows: ~26 ms
# for a million at once, on the GUI thread.
SHOW_SLICE = 100_000
# A row's searchable text (column 0 only), for the filter proxy to match in C++:
# a stock-status letter, a failure mark, then ID, error and input columns.
SearchRole = Qt.ItemDataRole.UserRole + 2
SEARCH_CHARS = 100_000  # of one row's search text: a filter looks no further
TOOLTIP_CHARS = 4_000
FAILED_MARK = "!"
FAILED = frozenset({"error", "cancelled"})
# Which item of ResultsModel._decoration() answers each of these roles.
_DECORATION_ROLES = {
    Qt.ItemDataRole.ForegroundRole: 0,
    Qt.ItemDataRole.DecorationRole: 1,
    Qt.ItemDataRole.BackgroundRole: 2,
}


class ResultsModel(RowEdits, QAbstractTableModel):
    """One row per product: its latest result, or a pending placeholder.

    Rows are keyed by product ID (IDs are unique within a list).  After the
    fixed columns come the input's columns, then the extra fields mapped from
    each answer.  Row order is input order until :meth:`sort`.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Result] = []
        # 1 where a row reads pending but still holds its old result: fetching a
        # long list again marks its rows in one quick pass, and only the rows
        # something reads before their new result comes are made pending (_row).
        self._stale = bytearray()
        # Input position of each row, for "restore order" (an array: 8 bytes a row).
        self._positions: array[int] = array("l")
        self._row_index: IdIndex[str, int] = PlainIndex()  # see _row_of
        self._renumber_from: int | None = None
        self._products: IdIndex[str, Product] = PlainIndex()
        self._columns: list[str] = []
        self._numeric: set[str] = set()  # input columns shown right-aligned
        self._fields = FieldMap()
        self.context = RowContext()
        self._version = 0  # bumped by every change, so a repeated sort can be skipped
        self._sorted_as: tuple[int, Qt.SortOrder, int] | None = None
        self._input_order = True  # rows in input order: replace_rows can patch them
        self._order: list[Product] | None = []  # the products in input order, if known
        self.colours = TableColours.from_palette(QGuiApplication.palette())
        # Rows the views know of while a long list is being installed; None: all.
        self._shown: int | None = None
        self._show_timer = QTimer(self)
        self._show_timer.setInterval(0)
        self._show_timer.timeout.connect(self._show_next_slice)

    def use_colours(self, colours: TableColours) -> None:
        """Colour cells with ``colours`` (derived from the view's palette when it changes)."""
        self.colours = colours

    # -- loading -----------------------------------------------------------

    def set_products(self, products: Sequence[Product], columns: Sequence[str] = ()) -> None:
        """Show a new product list; results already known for the same IDs are kept."""
        self.install(prepare_rows(products, columns, self.snapshot()))

    def snapshot(self) -> list[Result]:
        """The current rows, for :func:`prepare_rows` on another thread."""
        self._make_pending()
        return list(self._rows)

    @property
    def version(self) -> int:
        """A number that changes with every change of the rows (their order included)."""
        return self._version

    @property
    def total_rows(self) -> int:
        """Every row's count, shown to the views yet or not (see :attr:`showing`)."""
        return len(self._rows)

    def rows_between(self, start: int, stop: int) -> list[Result]:
        """The current rows ``start:stop``: a slice of a long list read without
        copying the whole of it (a million rows take tens of ms)."""
        self._make_pending(start, stop)
        return self._rows[start:stop]

    def install(self, prepared: PreparedRows) -> None:
        """Show rows built by :func:`prepare_rows`.

        A model reset shows the first :data:`SHOW_SLICE` rows; the rest are
        appended a slice per turn of the event loop (:attr:`showing` until
        then).  Every other method covers all the rows at once.
        """
        self._show_timer.stop()
        self.beginResetModel()
        try:
            self._products = prepared.products
            self._order = prepared.order
            self._rows = prepared.rows
            self._stale = bytearray(len(prepared.rows))
            self._row_of = prepared.row_of
            self._positions = prepared.positions
            self._columns = prepared.columns
            self._numeric = prepared.numeric
            self._input_order = True
            self._shown = SHOW_SLICE if len(prepared.rows) > SHOW_SLICE else None
            self._version += 1
        finally:
            self.endResetModel()
        if self.showing:
            self._show_timer.start()

    @property
    def showing(self) -> bool:
        """True while the rows of a long list are still being appended to the views."""
        return self._shown is not None

    def _show_next_slice(self, count: int | None = None) -> None:
        shown = self._shown
        if shown is not None:
            end = min(len(self._rows), shown + (count or SHOW_SLICE))
            self.beginInsertRows(QModelIndex(), shown, end - 1)
            self._shown = end if end < len(self._rows) else None
            self.endInsertRows()
        if self._shown is None:
            self._show_timer.stop()

    def replace_rows(
        self, row: int, removed: Sequence[str], products: Sequence[Product]
    ) -> tuple[list[Result], list[Result]] | None:
        """:meth:`RowEdits.replace_rows`, once every row is shown (edits assume so)."""
        self._show_next_slice(len(self._rows))
        return super().replace_rows(row, removed, products)

    def _changed(self, first: int, last: int, first_column: int = 0, last_column: int = -1) -> None:
        """One ``dataChanged`` for rows first..last, as far as the views know of them."""
        last = min(last, self.rowCount() - 1)
        if first <= last:
            right = self.columnCount() - 1 if last_column < 0 else last_column
            self.dataChanged.emit(self.index(first, first_column), self.index(last, right))

    def set_rules(self, rules: StockRules, fields: FieldMap) -> None:
        """Use new stock rules and extra fields (a reset if the columns change)."""
        if fields.paths != self._fields.paths:
            self.beginResetModel()
            try:
                self._fields = fields
                self.context.rules = rules
                self._version += 1
            finally:
                self.endResetModel()
        elif rules != self.context.rules:
            self.context.rules = rules
            self._changed_all()

    def set_previous(self, previous: Mapping[str, Previous]) -> None:
        """Each product's last successful check before the coming run (for Change)."""
        unchanged = not previous and not self.context.previous
        self.context.previous = previous
        if unchanged or not self._rows:
            return  # the first run on a fresh history: nothing to repaint
        self._version += 1
        # Only Quantity (its flip colour), Change and Checked read previous checks.
        self._changed(0, len(self._rows) - 1, QUANTITY_COLUMN, CHECKED_COLUMN)

    def _changed_all(self) -> None:
        self._version += 1
        self._changed(0, len(self._rows) - 1)

    def _reindex(self) -> None:
        self._row_of = PlainIndex()  # the old index goes first: never two of them in memory
        self._row_of = new_index(zip(map(attrgetter("id"), self._rows), count()), len(self._rows))

    # -- updates in batches ------------------------------------------------

    def mark_pending(self, ids: Iterable[str] | None) -> None:
        """Reset the given products (every row if ``ids`` is None) to pending, before
        they are fetched again.

        Only flags the rows (see ``_stale``): making 100,000 pending results
        here would freeze the window for a third of a second.  Every row is told
        by None rather than by a list of every ID, which would be listed and
        compared with the rows' IDs on the GUI thread.
        """
        rows, row_of, stale = self._rows, self._row_of, self._stale
        if all(row.status == "pending" for row in rows):
            return  # a list just loaded: a quick pass, no lookup per ID
        ids = None if ids is None else list(ids)
        if ids is None or (len(ids) == len(rows) and row_of.has_exactly(ids)):  # no loop
            self._stale = bytearray(b"\x01") * len(rows)
            self._changed_all()
            return
        marked = [
            row
            for row in map(row_of.get, ids)
            if row is not None and not stale[row] and rows[row].status != "pending"
        ]
        for row in marked:
            stale[row] = 1
        if marked:
            self._version += 1
            self._changed(min(marked), max(marked))

    def _row(self, row: int) -> Result:
        """The result shown in ``row``: a pending one made now if the row was marked."""
        if self._stale[row]:
            self._rows[row] = Result.pending(self._products[self._rows[row].id])
            self._stale[row] = 0
        return self._rows[row]

    def _make_pending(self, start: int = 0, stop: int | None = None) -> None:
        """Make every marked row's pending result (before reading all rows, or
        rows ``start:stop``)."""
        stop = len(self._stale) if stop is None else stop
        row = self._stale.find(1, start, stop)
        while row >= 0:
            self._row(row)
            row = self._stale.find(1, row + 1, stop)

    def apply(self, batch: Sequence[Result]) -> None:
        """Put a batch of results in their rows; one ``dataChanged`` for the lot."""
        if not batch:
            return
        rows, row_of, stale = self._rows, self._row_of, self._stale
        first, last = len(rows), -1
        for result in batch:
            row = row_of.get(result.id)
            if row is None:
                continue
            rows[row] = result
            stale[row] = 0
            first = min(first, row)
            last = max(last, row)
        if last >= 0:
            self._version += 1
            self._changed(first, last)

    # -- reading -----------------------------------------------------------

    def results(self) -> list[Result]:
        """Every row's result, in input order (for export)."""
        self._make_pending()
        ordered = sorted(zip(self._positions, self._rows, strict=True), key=lambda pr: pr[0])
        return [r for _, r in ordered]

    def products(self, ids: Iterable[str] | None = None) -> list[Product]:
        """The products behind the given IDs (all, in input order, if None)."""
        if ids is None:
            if self._order is None:  # rows replaced amid the list: the rows' order
                rows = self._rows
                if not self._input_order:
                    ordered = sorted(zip(self._positions, rows, strict=True), key=itemgetter(0))
                    rows = [r for _, r in ordered]
                self._order = list(map(self._products.__getitem__, map(attrgetter("id"), rows)))
            return list(self._order)
        return [self._products[i] for i in ids if i in self._products]

    def fields_of(self, product_id: str) -> Mapping[str, str]:
        """The input columns of one product ({} if it is not in the list)."""
        product = self._products.get(product_id)
        return product.fields if product is not None else {}

    def failed_ids(self) -> list[str]:
        """IDs whose last check ended in error or was cancelled, in input order."""
        return [r.id for r in self.results() if r.status in FAILED]

    @property
    def input_columns(self) -> list[str]:
        """The input's extra columns shown after the fixed ones."""
        return list(self._columns)

    @property
    def field_columns(self) -> list[str]:
        """The extra fields mapped from each answer, shown last."""
        return self._fields.names

    # -- Qt model interface ------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Number of products (0 under any parent: this is a flat table)."""
        if parent.isValid():
            return 0
        return len(self._rows) if self._shown is None else self._shown

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Fixed columns, the input's columns, then the extra fields."""
        return 0 if parent.isValid() else FIXED_COUNT + len(self._columns) + len(self._fields.paths)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles (and tooltips) for the horizontal header."""
        if orientation != Qt.Orientation.Horizontal:
            return None
        if section == POSITION_COLUMN:
            title, tip = "#", self.tr("Position in the input list")
        elif section < FIXED_COUNT:
            spec = FIXED_COLUMNS[section - 1]
            title = QCoreApplication.translate("Columns", spec.title)
            tip = QCoreApplication.translate("Columns", spec.tooltip) if spec.tooltip else ""
        elif section < FIXED_COUNT + len(self._columns):
            title, tip = self._columns[section - FIXED_COUNT], self.tr("From the input file")
        else:
            name = self._fields.names[section - FIXED_COUNT - len(self._columns)]
            title = name
            tip = self.tr("From each answer: {0}").format(self._fields.paths[name])
        if role == Qt.ItemDataRole.DisplayRole:
            return title
        if role == Qt.ItemDataRole.ToolTipRole:
            return tip or None
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Text, colour, icon, tooltip and raw values of one cell."""
        if not index.isValid():
            return None
        result = self._row(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(result, index.row(), column)
        if role == ResultRole:
            return result
        if role == SearchRole:
            return self._search_text(result)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(column)
        if role in _DECORATION_ROLES:
            return self._decoration(result, column)[_DECORATION_ROLES[role]]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(result, column)
        return None

    def cell(self, row: int, column: int) -> tuple[str, int, Any, Any, Any]:
        """Everything a painter needs for one cell, in one call (see ResultsDelegate).

        Returns:
            ``(text, alignment, foreground brush, icon, background brush)``, the
            last three None where the cell has none; the same as :meth:`data`.
        """
        result = self._row(row)
        foreground, icon, background = self._decoration(result, column)
        return (
            self._text(result, row, column),
            self._alignment(column),
            foreground,
            icon,
            background,
        )

    def _decoration(self, result: Result, column: int) -> tuple[Any, Any, Any]:
        """``(foreground brush, icon, background brush)`` of a cell, None where none."""
        colours = self.colours
        if column == STATUS_COLUMN:
            status = result.status
            return colours.status_text[status], colours.status_icons[status], None
        if column == STOCK_COLUMN:
            stock = self.context.stock(result)
            return colours.stock_text[stock], colours.stock_icons[stock], None
        if column in (QUANTITY_COLUMN, CHANGE_COLUMN):
            flip = self.context.flip(result)
            if flip:
                return colours.flip_text[flip], None, colours.flip_background[flip]
        return None, None, None

    def _text(self, result: Result, row: int, column: int) -> str:
        if column == POSITION_COLUMN:
            return str(self._positions[row] + 1)
        if column < FIXED_COUNT:
            text = FIXED_COLUMNS[column - 1].text(result, self.context)
        elif column < FIXED_COUNT + len(self._columns):
            text = result.fields.get(self._columns[column - FIXED_COUNT], "")
        else:
            text = display_text(self._field_value(result, column))
        # Text from the input or an answer may be huge or hold lone surrogates.
        return qt_text(text if isinstance(text, str) else display_text(text))

    def _field_value(self, result: Result, column: int) -> Any:
        name = self._fields.names[column - FIXED_COUNT - len(self._columns)]
        return FieldMap({name: self._fields.paths[name]}).values(result.parsed_response()).get(name)

    def _search_text(self, result: Result) -> str:
        lead = STOCK_CODES[self.context.stock(result)] + (
            FAILED_MARK if result.status in FAILED else " "
        )
        parts = [lead + result.id, result.error or "", *result.fields.values()]
        try:
            text = "\x1f".join(parts)
        except TypeError:  # a column that is not text
            text = "\x1f".join(p if isinstance(p, str) else display_text(p) for p in parts)
        return qt_text(text, SEARCH_CHARS)

    def _alignment(self, column: int) -> int:
        if column == POSITION_COLUMN:
            return RIGHT
        if column < FIXED_COUNT:
            return FIXED_COLUMNS[column - 1].align
        if column < FIXED_COUNT + len(self._columns):
            return RIGHT if self._columns[column - FIXED_COUNT] in self._numeric else LEFT
        return LEFT

    def _tooltip(self, result: Result, column: int) -> str | None:
        flip = self.context.flip(result)
        if flip and column in (QUANTITY_COLUMN, CHANGE_COLUMN):
            return (
                self.tr("Ran out since the last check")
                if flip == "out"
                else self.tr("Back in stock")
            )
        tip = self.context.last_checked(result) if column == FIXED_COUNT - 1 else result.error
        if not tip:
            return None
        return qt_text(tip if isinstance(tip, str) else display_text(tip), TOOLTIP_CHARS)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows in place (a stable sort); column 0 or -1 is input order."""
        if (column, order, self._version) == self._sorted_as:
            return  # the view asks twice for one header click; the rows have not changed
        # Everything that could fail runs before the layout signals: an exception
        # between them leaves views with stale indexes, and Qt crashes.
        self._make_pending()  # the keys read every row, and the flags would not follow
        self._show_next_slice(len(self._rows))  # sorted, the rows not shown yet would be anywhere
        new_order = self._sorted_order(column, order == Qt.SortOrder.DescendingOrder)
        positions = array("l", [self._positions[i] for i in new_order])
        rows = [self._rows[i] for i in new_order]
        self.layoutAboutToBeChanged.emit()
        try:
            persistent = self.persistentIndexList()  # made by the views on the signal above
            kept = [(self._rows[i.row()].id, i.column()) for i in persistent]
            self._positions, self._rows = positions, rows
            self._reindex()
            self.changePersistentIndexList(
                persistent, [self.index(self._row_of[rid], col) for rid, col in kept]
            )
            self._sorted_as = (column, order, self._version)
            ascending = order == Qt.SortOrder.AscendingOrder
            self._input_order = column < POSITION_COLUMN or (
                column == POSITION_COLUMN and ascending
            )
        finally:
            self.layoutChanged.emit()

    def _sorted_order(self, column: int, reverse: bool) -> list[int]:
        """Row numbers in their new order; each key is computed once."""
        rows, context = self._rows, self.context
        numeric = False
        if column <= POSITION_COLUMN:
            keys: list[Any] = self._positions
            reverse = reverse and column == POSITION_COLUMN
        elif column < FIXED_COUNT:
            spec = FIXED_COLUMNS[column - 1]
            keys = [spec.key(r, context) for r in rows]
            numeric = spec.numeric
        elif column < FIXED_COUNT + len(self._columns):
            name = self._columns[column - FIXED_COUNT]
            keys = [text_number_key(r.fields.get(name, "")) for r in rows]
        else:
            keys = [value_key(self._field_value(r, column)) for r in rows]
        order = sorted(range(len(rows)), key=keys.__getitem__, reverse=reverse)
        if reverse and numeric:
            # Empty cells (keys starting with 1) stay last in either direction.
            order = [i for i in order if keys[i][0] == 0] + [i for i in order if keys[i][0] != 0]
        return order
