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

from PySide6.QtCore import Qt

from inventory_gui.core.clock import parse_stamp
from inventory_gui.core.models import Previous, Result
from inventory_gui.core.safe_values import (
    difference,
    display_text,
    format_change,
    format_number,
    number_key,
    qt_text,
    real_number,
)
from inventory_gui.core.stock import Stock, StockRules

RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

STATUS_COLOURS = {"pending": "#5b8def", "ok": "#2e9d4a", "error": "#d64541", "cancelled": "#8a8a8a"}
STATUS_TEXT = {"pending": "Pending", "ok": "OK", "error": "Error", "cancelled": "Cancelled"}
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


@dataclass
class RowContext:
    """What the columns need beyond a result."""

    rules: StockRules = field(default_factory=StockRules)
    previous: Mapping[str, Previous] = field(default_factory=dict)
    now: Callable[[], datetime] = lambda: datetime.now(UTC)

    def stock(self, result: Result) -> Stock:
        return self.rules.status(result)

    def _quantities(self, result: Result) -> tuple[int | float, int | float] | None:
        """(before, now) for an ok result whose product has an earlier quantity.

        Only real numbers count: a previous check or an answer may hold anything.
        """
        if result.status != "ok":
            return None
        now = real_number(result.quantity)
        before = self.previous.get(result.id)
        if now is None or before is None:
            return None
        then = real_number(before.quantity)
        return None if then is None else (then, now)

    def change(self, result: Result) -> int | float | None:
        """Quantity now minus at the previous successful check (None if either is unknown)."""
        pair = self._quantities(result)
        return None if pair is None else difference(pair[1], pair[0])

    def flip(self, result: Result) -> str | None:
        """``"out"`` when a product ran out since the last check, ``"in"`` when it came back."""
        pair = self._quantities(result)
        if pair is None:
            return None
        before, now = pair
        if before > 0 >= now:
            return "out"
        if before <= 0 < now:
            return "in"
        return None

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
    """One fixed column."""

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
    if seconds < 60:
        return "just now"
    for size, unit in ((86400, "d"), (3600, "h"), (60, "min")):
        if seconds >= size:
            return f"{int(seconds // size)} {unit} ago"
    return "just now"


def _num(getter: Callable[[Result], float | None]) -> Callable[[Result, RowContext], Any]:
    return lambda r, _c: number_key(getter(r))


FIXED_COLUMNS: tuple[Column, ...] = (
    Column("Status", lambda r, _c: STATUS_TEXT[r.status], lambda r, _c: r.status,
           tooltip="How the request ended"),
    Column("Stock", lambda r, c: c.stock(r).value, lambda r, c: list(Stock).index(c.stock(r)),
           tooltip="In stock, Low (at or under the threshold), Out, Unknown product (404), Error"),
    Column("ID", lambda r, _c: r.id, lambda r, _c: r.id),
    Column("Quantity", lambda r, _c: format_number(r.quantity), _num(lambda r: r.quantity), RIGHT,
           numeric=True),
    Column("Change", lambda r, c: format_change(c.change(r)), lambda r, c: number_key(c.change(r)),
           RIGHT, "Since the last successful check (from the history)", numeric=True),
    Column("HTTP", lambda r, _c: "" if r.http_status is None else str(r.http_status),
           _num(lambda r: r.http_status), RIGHT, "HTTP status of the last answer", numeric=True),
    Column("Latency (ms)", lambda r, _c: "" if r.latency_ms is None else f"{r.latency_ms:,.0f}",
           _num(lambda r: r.latency_ms), RIGHT, "Whole check, retries and waits included",
           numeric=True),
    Column("Attempts", lambda r, _c: str(r.attempts) if r.attempts else "",
           _num(lambda r: r.attempts or None), RIGHT, "Requests actually sent", numeric=True),
    Column("Error", lambda r, _c: r.error or "", lambda r, _c: r.error or ""),
    Column("Checked", lambda r, c: ago(c.last_checked(r), c.now()),
           lambda r, c: c.last_checked(r) or "", tooltip="How long ago the product was checked"),
)  # fmt: skip
# Column 0 is "#", the product's position in the input: sorting on it restores input order.
(
    POSITION_COLUMN, STATUS_COLUMN, STOCK_COLUMN, ID_COLUMN, QUANTITY_COLUMN, CHANGE_COLUMN,
    HTTP_COLUMN, LATENCY_COLUMN, ATTEMPTS_COLUMN, ERROR_COLUMN, CHECKED_COLUMN,
) = range(1 + len(FIXED_COLUMNS))  # fmt: skip
FIXED_COUNT = 1 + len(FIXED_COLUMNS)
