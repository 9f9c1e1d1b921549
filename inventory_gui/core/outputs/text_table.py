"""The aligned plain-text table that ``fetch`` and ``history`` print on the terminal."""

from __future__ import annotations

from collections.abc import Sequence

from inventory_gui.core.history.store import Check
from inventory_gui.core.models import Result
from inventory_gui.core.outputs.cells import table_text
from inventory_gui.core.outputs.stock_columns import default_stock
from inventory_gui.core.safe_values import format_change, format_number
from inventory_gui.core.stock import StockContext

_RESULT_HEADER = (
    "id", "status", "http", "quantity", "stock", "change", "latency ms", "attempts", "error",
)  # fmt: skip
_RESULT_ALIGN = "<<>><>>><"  # numbers right-aligned
_HISTORY_HEADER = ("checked at (UTC)", "status", "quantity", "change", "error")
_HISTORY_ALIGN = "<<>><"
_ID_WIDTH = 40
_STATUS_WIDTH = 20
_STOCK_WIDTH = 15  # "Unknown product"
_CHANGE_WIDTH = 12


def aligned_table(header: Sequence[str], rows: Sequence[Sequence[str]], align: str) -> str:
    """Return the header, a line of dashes and the rows in columns two spaces apart.

    Args:
        header: the column titles.
        rows: one text per column each; cells should already be printable
            (see :func:`~inventory_gui.core.outputs.cells.table_text`).
        align: one format alignment per column: ``<`` for text, ``>`` for numbers.

    Returns:
        The lines, trailing spaces removed, without a final newline.
    """
    lines = [list(header), *(list(row) for row in rows)]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    lines.insert(1, ["-" * width for width in widths])
    layout = "  ".join(f"{{:{a}{w}}}" for a, w in zip(align, widths, strict=True))
    return "\n".join(layout.format(*line).rstrip() for line in lines)


def results_table(
    results: Sequence[Result], *, stock: StockContext | None = None, max_error_width: int = 60
) -> str:
    """Return ``results`` as an aligned table (no final newline).

    Args:
        results: one line each; none gives a line saying so.
        stock: the stock rules and previous checks behind the stock and change
            columns (default: the window's default rules, no previous checks).
        max_error_width: longer errors are cut and end with "…" (IDs at 40).
    """
    if not results:
        return "No results."
    width = max(1, max_error_width)
    stock = stock or default_stock()
    rows = []
    for r in results:
        latency = None if r.latency_ms is None else round(r.latency_ms)
        change = stock.change(r)
        change_text = "" if change is None else table_text(format_change(change), _CHANGE_WIDTH)
        rows.append([table_text(r.id, _ID_WIDTH), table_text(r.status, _STATUS_WIDTH),
                     table_text(r.http_status), table_text(r.quantity),
                     table_text(stock.stock(r).value, _STOCK_WIDTH), change_text,
                     table_text(latency), table_text(r.attempts),
                     "" if r.error is None else table_text(r.error, width)])  # fmt: skip
    return aligned_table(_RESULT_HEADER, rows, _RESULT_ALIGN)


def history_table(checks: Sequence[Check], *, max_error_width: int = 60) -> str:
    """Return one product's recorded checks as an aligned table (no final newline).

    Args:
        checks: one line each, in the order given.
        max_error_width: longer errors are cut and end with "…".
    """
    rows = []
    for check in checks:
        when = check.checked_at.replace("T", " ").removesuffix("Z")
        quantity = "-" if check.quantity is None else format_number(check.quantity)
        change = "" if check.change is None else format_change(check.change)
        error = "" if check.error is None else table_text(check.error, max(1, max_error_width))
        rows.append([when, table_text(check.status), quantity, change, error])
    return aligned_table(_HISTORY_HEADER, rows, _HISTORY_ALIGN)
