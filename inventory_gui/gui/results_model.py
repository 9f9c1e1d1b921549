"""The results table's model: a ``QAbstractTableModel`` over a plain list.

Results arrive far faster than a screen refreshes, so the model never changes
per result: :meth:`ResultsModel.apply` takes a whole batch and emits one
``dataChanged`` for the rows it touched.  Sorting happens here, on the Python
list with a key function (a ``QSortFilterProxyModel`` sorting 100,000 rows
would call back into Python millions of times); the proxy only filters.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPixmap

from inventory_gui.core.models import Product, Result

ResultRole = Qt.ItemDataRole.UserRole + 1
# A row's searchable text (column 0 only), for the filter proxy to match in C++.
SearchRole = Qt.ItemDataRole.UserRole + 2
FAILED_MARK = "\x1e"  # leads the search text of failed rows ("failures only")
FAILED = frozenset({"error", "cancelled"})

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

STATUS_COLOURS = {
    "pending": "#5b8def",
    "ok": "#2e9d4a",
    "error": "#d64541",
    "cancelled": "#8a8a8a",
}
STATUS_TEXT = {"pending": "Pending", "ok": "OK", "error": "Error", "cancelled": "Cancelled"}


@dataclass(frozen=True, slots=True)
class Column:
    """One fixed column: title, how to show a value, how to sort it."""

    title: str
    text: Callable[[Result], str]
    key: Callable[[Result], Any]
    align: int = _LEFT
    tooltip: str = ""


def _num_key(value: float | None) -> tuple[int, float]:
    # Empty cells sort after every number, whatever the direction of numbers.
    return (1, 0.0) if value is None else (0, float(value))


def _fmt_quantity(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}".rstrip("0").rstrip(".")


FIXED_COLUMNS: tuple[Column, ...] = (
    Column("Status", lambda r: STATUS_TEXT[r.status], lambda r: r.status),
    Column("ID", lambda r: r.id, lambda r: r.id),
    Column("Quantity", lambda r: _fmt_quantity(r.quantity), lambda r: _num_key(r.quantity), _RIGHT),
    Column(
        "HTTP",
        lambda r: "" if r.http_status is None else str(r.http_status),
        lambda r: _num_key(r.http_status),
        _RIGHT,
        "HTTP status of the last answer",
    ),
    Column(
        "Latency (ms)",
        lambda r: "" if r.latency_ms is None else f"{r.latency_ms:,.0f}",
        lambda r: _num_key(r.latency_ms),
        _RIGHT,
        "Whole check, retries and waits included",
    ),
    Column(
        "Attempts",
        lambda r: str(r.attempts) if r.attempts else "",
        lambda r: _num_key(r.attempts or None),
        _RIGHT,
        "Requests actually sent",
    ),
    Column("Error", lambda r: r.error or "", lambda r: r.error or ""),
    Column(
        "Checked at",
        lambda r: (r.checked_at or "").replace("T", " ")[:19],
        lambda r: r.checked_at or "",
    ),
)
# Column 0 is "#", the product's position in the input: sorting on it restores input order.
POSITION_COLUMN, STATUS_COLUMN, ID_COLUMN, QUANTITY_COLUMN, ERROR_COLUMN = 0, 1, 2, 3, 7
_FIXED = 1 + len(FIXED_COLUMNS)


def status_icon(status: str, size: int = 12) -> QIcon:
    """A filled circle in the status colour (drawn once, cached by the model)."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(STATUS_COLOURS[status]))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


class ResultsModel(QAbstractTableModel):
    """One row per product: its latest result, or a pending placeholder.

    Rows are keyed by product ID (IDs are unique within a list).  Input columns
    follow the fixed ones.  Row order is input order until :meth:`sort`.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Result] = []
        self._positions: list[int] = []  # input position of each row, for "restore order"
        self._row_of: dict[str, int] = {}
        self._products: dict[str, Product] = {}
        self._columns: list[str] = []
        self._numeric: set[str] = set()  # input columns shown right-aligned
        self._version = 0  # bumped by every change, so a repeated sort can be skipped
        self._sorted_as: tuple[int, Qt.SortOrder, int] | None = None
        self._icons = {status: status_icon(status) for status in STATUS_COLOURS}
        self._brushes = {status: QBrush(QColor(c)) for status, c in STATUS_COLOURS.items()}

    # -- loading -----------------------------------------------------------

    def set_products(self, products: Sequence[Product], columns: Sequence[str] = ()) -> None:
        """Show a new product list; results already known for the same IDs are kept."""
        self.install(prepare_rows(products, columns, self.snapshot()))

    def snapshot(self) -> list[Result]:
        """The current rows, for :func:`prepare_rows` on another thread."""
        return list(self._rows)

    def install(self, prepared: PreparedRows) -> None:
        """Show rows built by :func:`prepare_rows` (one model reset)."""
        self.beginResetModel()
        self._products = prepared.products
        self._rows = prepared.rows
        self._row_of = prepared.row_of
        self._positions = list(range(len(prepared.rows)))
        self._columns = prepared.columns
        self._numeric = prepared.numeric
        self._version += 1
        self.endResetModel()

    def _reindex(self) -> None:
        self._row_of = {r.id: i for i, r in enumerate(self._rows)}

    # -- updates in batches ------------------------------------------------

    def mark_pending(self, ids: Iterable[str]) -> None:
        """Reset the given products to pending (before they are fetched again)."""
        rows, row_of, products = self._rows, self._row_of, self._products
        batch = [
            Result.pending(products[i])
            for i in ids
            if i in row_of and rows[row_of[i]].status != "pending"
        ]
        self.apply(batch)

    def apply(self, batch: Sequence[Result]) -> None:
        """Put a batch of results in their rows; one ``dataChanged`` for the lot."""
        if not batch:
            return
        rows, row_of = self._rows, self._row_of
        first, last = len(rows), -1
        for result in batch:
            row = row_of.get(result.id)
            if row is None:
                continue
            rows[row] = result
            first = min(first, row)
            last = max(last, row)
        if last >= 0:
            self._version += 1
            self.dataChanged.emit(self.index(first, 0), self.index(last, self.columnCount() - 1))

    # -- reading -----------------------------------------------------------

    def results(self) -> list[Result]:
        """Every row's result, in input order (for export)."""
        ordered = sorted(zip(self._positions, self._rows, strict=True), key=lambda pr: pr[0])
        return [r for _, r in ordered]

    def result_at(self, row: int) -> Result:
        """The result shown in ``row`` of this model."""
        return self._rows[row]

    def products(self, ids: Iterable[str] | None = None) -> list[Product]:
        """The products behind the given IDs (all, in input order, if None)."""
        if ids is None:
            return [self._products[r.id] for r in self.results()]
        return [self._products[i] for i in ids if i in self._products]

    def failed_ids(self) -> list[str]:
        """IDs whose last check ended in error or was cancelled, in input order."""
        return [r.id for r in self.results() if r.status in FAILED]

    @property
    def input_columns(self) -> list[str]:
        """The input's extra columns shown after the fixed ones."""
        return list(self._columns)

    # -- Qt model interface ------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Number of products (0 under any parent: this is a flat table)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        """Fixed columns plus the input's columns."""
        return 0 if parent.isValid() else _FIXED + len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles (and tooltips) for the horizontal header."""
        if orientation != Qt.Orientation.Horizontal:
            return None
        if section == POSITION_COLUMN:
            title, tip = "#", "Position in the input list"
        elif section < _FIXED:
            title, tip = FIXED_COLUMNS[section - 1].title, FIXED_COLUMNS[section - 1].tooltip
        else:
            title, tip = self._columns[section - _FIXED], ""
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
        result = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == POSITION_COLUMN:
                return str(self._positions[index.row()] + 1)
            if column < _FIXED:
                return FIXED_COLUMNS[column - 1].text(result)
            return result.fields.get(self._columns[column - _FIXED], "")
        if role == ResultRole:
            return result
        if role == SearchRole:
            mark = FAILED_MARK if result.status in FAILED else ""
            return "\x1f".join([mark + result.id, result.error or "", *result.fields.values()])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == POSITION_COLUMN:
                return _RIGHT
            if column < _FIXED:
                return FIXED_COLUMNS[column - 1].align
            return _RIGHT if self._columns[column - _FIXED] in self._numeric else _LEFT
        if column == STATUS_COLUMN:
            if role == Qt.ItemDataRole.DecorationRole:
                return self._icons[result.status]
            if role == Qt.ItemDataRole.ForegroundRole:
                return self._brushes[result.status]
        if role == Qt.ItemDataRole.ToolTipRole and result.error:
            return result.error
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows in place (a stable sort); column 0 or -1 is input order."""
        if (column, order, self._version) == self._sorted_as:
            return  # the view asks twice for one header click; the rows have not changed
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        kept = [(self._rows[i.row()].id, i.column()) for i in persistent]
        new_order = self._sorted_order(column, order == Qt.SortOrder.DescendingOrder)
        self._positions = [self._positions[i] for i in new_order]
        self._rows = [self._rows[i] for i in new_order]
        self._reindex()
        self.changePersistentIndexList(
            persistent, [self.index(self._row_of[rid], col) for rid, col in kept]
        )
        self._sorted_as = (column, order, self._version)
        self.layoutChanged.emit()

    def _sorted_order(self, column: int, reverse: bool) -> list[int]:
        """Row numbers in their new order; each key is computed once."""
        rows = self._rows
        numeric = False
        if column <= POSITION_COLUMN:
            keys: list[Any] = self._positions
            reverse = reverse and column == POSITION_COLUMN
        elif column < _FIXED:
            spec = FIXED_COLUMNS[column - 1]
            keys = [spec.key(r) for r in rows]
            numeric = spec.align == _RIGHT
        else:
            name = self._columns[column - _FIXED]
            keys = [_field_key(r.fields.get(name, "")) for r in rows]
        order = sorted(range(len(rows)), key=keys.__getitem__, reverse=reverse)
        if reverse and numeric:
            # Empty cells (keys starting with 1) stay last in either direction.
            order = [i for i in order if keys[i][0] == 0] + [i for i in order if keys[i][0] != 0]
        return order


@dataclass(slots=True)
class PreparedRows:
    """Everything a model reset needs, built off the GUI thread for large lists."""

    products: dict[str, Product]
    rows: list[Result]
    row_of: dict[str, int]
    columns: list[str]
    numeric: set[str]


def prepare_rows(
    products: Sequence[Product], columns: Sequence[str], previous: Sequence[Result] = ()
) -> PreparedRows:
    """Build the rows for ``products``, keeping finished results of the same IDs.

    Touches no Qt object, so it may run on a worker thread: for a million
    products it takes a second or two that the window must not freeze for.
    """
    known = {r.id: r for r in previous if r.status != "pending"}
    rows = []
    for product in products:
        row = known.get(product.id)
        if row is None:
            row = Result.pending(product)
        else:
            row.fields = product.fields
        rows.append(row)
    return PreparedRows(
        products={p.id: p for p in products},
        rows=rows,
        row_of={r.id: i for i, r in enumerate(rows)},
        columns=list(columns),
        numeric={name for name in columns if _looks_numeric(products, name)},
    )


def _looks_numeric(products: Sequence[Product], name: str, sample: int = 50) -> bool:
    """True if the first non-empty values of a column are all numbers."""
    values = [p.fields.get(name, "") for p in products[:sample]]
    values = [v for v in values if v]
    return bool(values) and all(_field_key(v)[0] == 0 for v in values)


def _field_key(text: str) -> tuple[int, float, str]:
    """Sort input columns as numbers where they hold numbers, else as text."""
    try:
        return (0, float(text), "")
    except ValueError:
        return (1, 0.0, text.casefold())
