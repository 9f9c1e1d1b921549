"""The results table's fixed columns: title, text, sort key, alignment, colours.

Each column reads a :class:`Result` and a :class:`RowContext` (the stock rules
and each product's previous successful check, from the history), so that the
model stays a plain list of results.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt

from inventory_gui.core.clock import parse_stamp
from inventory_gui.core.models import Result
from inventory_gui.core.safe_values import (
    display_text,
    format_change,
    format_number,
    number_key,
    qt_text,
)
from inventory_gui.core.stock import Stock, StockContext

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

STATUS_COLOURS = {"pending": "#5b8def", "ok": "#2e9d4a", "error": "#d64541", "cancelled": "#8a8a8a"}
# English source texts (context "Columns"); the window shows them translated.
STATUS_TEXT = {
    "pending": QT_TRANSLATE_NOOP("Columns", "Pending"),
    "ok": QT_TRANSLATE_NOOP("Columns", "OK"),
    "error": QT_TRANSLATE_NOOP("Columns", "Error"),
    "cancelled": QT_TRANSLATE_NOOP("Columns", "Cancelled"),
}
# The core's stock statuses (Stock.value, in English) as the window names them.
STOCK_TEXT = {
    Stock.PENDING: QT_TRANSLATE_NOOP("Columns", "Pending"),
    Stock.IN_STOCK: QT_TRANSLATE_NOOP("Columns", "In stock"),
    Stock.LOW: QT_TRANSLATE_NOOP("Columns", "Low"),
    Stock.OUT: QT_TRANSLATE_NOOP("Columns", "Out"),
    Stock.NO_QUANTITY: QT_TRANSLATE_NOOP("Columns", "No quantity"),
    Stock.UNKNOWN: QT_TRANSLATE_NOOP("Columns", "Unknown product"),
    Stock.ERROR: QT_TRANSLATE_NOOP("Columns", "Error"),
    Stock.CANCELLED: QT_TRANSLATE_NOOP("Columns", "Cancelled"),
}
STOCK_COLOURS = {
    Stock.PENDING: "#5b8def",
    Stock.IN_STOCK: "#2e9d4a",
    Stock.LOW: "#d98e04",
    Stock.OUT: "#d64541",
    Stock.NO_QUANTITY: "#8a8a8a",
    Stock.UNKNOWN: "#8e5bd6",
    Stock.ERROR: "#d64541",
    Stock.CANCELLED: "#8a8a8a",
}
# One letter per stock status leads a row's search text, so the filter proxy can
# select a status with a regular expression (see ResultsFilter).
STOCK_CODES = {stock: "PILONUEC"[i] for i, stock in enumerate(Stock)}


def status_text(status: str) -> str:
    """A request status (``"ok"``...) as the window names it, translated."""
    return QCoreApplication.translate("Columns", STATUS_TEXT[status])


def stock_text(stock: Stock) -> str:
    """A stock status as the window names it, translated."""
    return QCoreApplication.translate("Columns", STOCK_TEXT[stock])


def _status_names() -> dict[str, str]:
    return {status: status_text(status) for status in STATUS_TEXT}


def _stock_names() -> dict[Stock, str]:
    return {stock: stock_text(stock) for stock in Stock}


@dataclass
class RowContext(StockContext):
    """What the columns need beyond a result: the shared stock computation
    (:class:`~inventory_gui.core.stock.StockContext`, which exports use too) and the clock."""

    now: Callable[[], datetime] = lambda: datetime.now(UTC)
    # Translated once per context, not per cell painted.
    status_names: Mapping[str, str] = field(default_factory=_status_names)
    stock_names: Mapping[Stock, str] = field(default_factory=_stock_names)

    def last_checked(self, result: Result) -> str | None:
        """When the product was last checked: this result, else the previous check (as text)."""
        stamp = result.checked_at
        if not stamp:
            before = self.previous.get(result.id)
            stamp = before.checked_at if before else None
        if not stamp:
            return None
        return stamp if isinstance(stamp, str) else display_text(stamp)


@dataclass(frozen=True, slots=True)
class Column:
    """One fixed column; ``title`` and ``tooltip`` are English source texts (context "Columns")."""

    title: str
    text: Callable[[Result, RowContext], str]
    key: Callable[[Result, RowContext], Any]
    align: int = LEFT
    tooltip: str = ""
    numeric: bool = False


def ago(stamp: str | None, now: datetime) -> str:
    """``"just now"``, ``"5 min ago"``, ``"3 h ago"``, ``"2 d ago"``; odd stamps as they are."""
    if not stamp:
        return ""
    when = parse_stamp(stamp)
    if when is None:
        return qt_text(stamp)
    try:
        seconds = (now - when).total_seconds()
    except OverflowError:  # a far offset at the edge of the datetime range
        return qt_text(stamp)
    if seconds >= 60:
        for size, ago_text in _AGO:
            if seconds >= size:
                return QCoreApplication.translate("Columns", ago_text).format(int(seconds // size))
    return QCoreApplication.translate("Columns", "just now")


_AGO = (
    (86400, QT_TRANSLATE_NOOP("Columns", "{0} d ago")),
    (3600, QT_TRANSLATE_NOOP("Columns", "{0} h ago")),
    (60, QT_TRANSLATE_NOOP("Columns", "{0} min ago")),
)


def _num(getter: Callable[[Result], float | None]) -> Callable[[Result, RowContext], Any]:
    return lambda r, _c: number_key(getter(r))


FIXED_COLUMNS: tuple[Column, ...] = (
    Column(
        QT_TRANSLATE_NOOP("Columns", "Status"),
        lambda r, c: c.status_names[r.status],
        lambda r, _c: r.status,
        tooltip=QT_TRANSLATE_NOOP("Columns", "How the request ended"),
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Stock"),
        lambda r, c: c.stock_names[c.stock(r)],
        lambda r, c: list(Stock).index(c.stock(r)),
        tooltip=QT_TRANSLATE_NOOP(
            "Columns",
            "In stock, Low (at or under the threshold), Out, Unknown product (404), Error",
        ),
    ),
    Column(QT_TRANSLATE_NOOP("Columns", "ID"), lambda r, _c: r.id, lambda r, _c: r.id),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Quantity"),
        lambda r, _c: format_number(r.quantity),
        _num(lambda r: r.quantity),
        RIGHT,
        numeric=True,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Change"),
        lambda r, c: format_change(c.change(r)),
        lambda r, c: number_key(c.change(r)),
        RIGHT,
        QT_TRANSLATE_NOOP("Columns", "Since the last successful check (from the history)"),
        numeric=True,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "HTTP"),
        lambda r, _c: "" if r.http_status is None else str(r.http_status),
        _num(lambda r: r.http_status),
        RIGHT,
        QT_TRANSLATE_NOOP("Columns", "HTTP status of the last answer"),
        numeric=True,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Latency (ms)"),
        lambda r, _c: "" if r.latency_ms is None else f"{r.latency_ms:,.0f}",
        _num(lambda r: r.latency_ms),
        RIGHT,
        QT_TRANSLATE_NOOP("Columns", "Whole check, retries and waits included"),
        numeric=True,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Attempts"),
        lambda r, _c: str(r.attempts) if r.attempts else "",
        _num(lambda r: r.attempts or None),
        RIGHT,
        QT_TRANSLATE_NOOP("Columns", "Requests actually sent"),
        numeric=True,
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Error"),
        lambda r, _c: r.error or "",
        lambda r, _c: r.error or "",
    ),
    Column(
        QT_TRANSLATE_NOOP("Columns", "Checked"),
        lambda r, c: ago(c.last_checked(r), c.now()),
        lambda r, c: c.last_checked(r) or "",
        tooltip=QT_TRANSLATE_NOOP("Columns", "How long ago the product was checked"),
    ),
)
# Column 0 is "#", the product's position in the input: sorting on it restores input order.
(
    POSITION_COLUMN, STATUS_COLUMN, STOCK_COLUMN, ID_COLUMN, QUANTITY_COLUMN, CHANGE_COLUMN,
    HTTP_COLUMN, LATENCY_COLUMN, ATTEMPTS_COLUMN, ERROR_COLUMN, CHECKED_COLUMN,
) = range(1 + len(FIXED_COLUMNS))  # fmt: skip
FIXED_COUNT = 1 + len(FIXED_COLUMNS)
