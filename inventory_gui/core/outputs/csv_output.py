"""Writing results as CSV that spreadsheets open safely (UTF-8 with BOM, no formulas run)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from inventory_gui.core.models import Result
from inventory_gui.core.outputs.atomic_file import atomic_write
from inventory_gui.core.outputs.cells import FORMULA_START, csv_cell
from inventory_gui.core.outputs.spreadsheet_rows import result_rows, spreadsheet_header
from inventory_gui.core.stock import StockContext

_CSV_INT_LIMIT = 10**600  # any int below this converts to text (the conversion limit is >= 640)


def write_csv(
    target: Path, results: Sequence[Result], columns: Sequence[str] | None, stock: StockContext
) -> None:
    """Write the results' columns (no responses), replacing ``target`` atomically.

    Args:
        target: the file to replace (from ``resolve_target``).
        results: one row each, in order.
        columns: input columns after the fixed ones (default: every ``fields``
            key, in first-seen order).
        stock: the stock rules and previous checks behind the stock columns.

    Raises:
        OSError: the file could not be written.
    """
    header, keys = spreadsheet_header(results, columns)
    # utf-8-sig writes the BOM that makes Excel read the file as UTF-8; lone
    # surrogates, which UTF-8 cannot hold, are written as \udXXX escapes.
    options = {"encoding": "utf-8-sig", "errors": "backslashreplace", "newline": ""}
    with atomic_write(target, "w", **options) as out:
        writer = csv.writer(out)
        writer.writerow([csv_cell(name) for name in header])
        writer.writerows(_csv_rows(result_rows(results, keys, stock)))


def _csv_rows(rows: Iterable[list[Any]]) -> Iterator[list[Any]]:
    """Rows of CSV cells; the common cells skip :func:`csv_cell` (inlined tests, no call)."""
    limit = _CSV_INT_LIMIT
    for row in rows:
        yield [
            v
            if ((t := type(v)) is str and v[:1] not in FORMULA_START)
            or v is None
            or (t is int and -limit < v < limit)
            or (t is float and v - v == 0.0)  # finite
            else csv_cell(v)
            for v in row
        ]
