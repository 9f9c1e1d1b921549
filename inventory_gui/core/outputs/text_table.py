"""The aligned plain-text table that ``fetch`` and ``history`` print on the terminal."""

from __future__ import annotations

from collections.abc import Sequence

from inventory_gui.core.models import Result
from inventory_gui.core.outputs.cells import table_text

_RESULT_HEADER = ("id", "status", "http", "quantity", "latency ms", "attempts", "error")
_RESULT_ALIGN = "<<>>>><"  # numbers right-aligned
_ID_WIDTH = 40
_STATUS_WIDTH = 20


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


def results_table(results: Sequence[Result], *, max_error_width: int = 60) -> str:
    """Return ``results`` as an aligned table (no final newline).

    Args:
        results: one line each; none gives a line saying so.
        max_error_width: longer errors are cut and end with "…" (IDs at 40).
    """
    if not results:
        return "No results."
    width = max(1, max_error_width)
    rows = []
    for r in results:
        latency = None if r.latency_ms is None else round(r.latency_ms)
        rows.append([table_text(r.id, _ID_WIDTH), table_text(r.status, _STATUS_WIDTH),
                     table_text(r.http_status), table_text(r.quantity), table_text(latency),
                     table_text(r.attempts),
                     "" if r.error is None else table_text(r.error, width)])  # fmt: skip
    return aligned_table(_RESULT_HEADER, rows, _RESULT_ALIGN)
