"""Writing results as an Excel workbook: one "Results" sheet, bold header, numbers kept.

Written by ``xlsxwriter`` in constant-memory mode: each row goes to a
temporary file as it is written, so memory does not grow with the rows.  Its
temporary files, and the workbook it assembles before it is copied to the
target, go to a folder of this export's own, removed when the export ends,
written or not (a failed export in the window, which runs for hours,
leaves no copy of its rows behind).  xlsxwriter is imported when a workbook
is written, not when the app starts.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any

from inventory_gui.core.models import OUTPUT_COLUMNS, Result
from inventory_gui.core.outputs.atomic_file import atomic_write
from inventory_gui.core.outputs.cells import xlsx_value
from inventory_gui.core.outputs.spreadsheet_rows import result_rows, spreadsheet_header
from inventory_gui.core.stock import StockContext

CHANGE_FORMAT = '"+"General;"-"General;0'
"""How the change column reads in Excel: ``+3``, ``-5``, ``0``, as the window shows it."""
_CHANGE = OUTPUT_COLUMNS.index("change")

_OPTIONS = {
    "constant_memory": True,
    # Text stays text: never a formula, a number or a link however it reads.
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}
_COPY_CHUNK = 1 << 20


def write_xlsx(
    target: Path, results: Sequence[Result], columns: Sequence[str] | None, stock: StockContext
) -> None:
    """Write the results' columns (no responses), replacing ``target`` atomically.

    Every value goes through :func:`~inventory_gui.core.outputs.cells.xlsx_value`
    (numbers Excel cannot hold become text, XML-illegal characters are
    escaped, text is cut at Excel's 32,767 characters).

    Args:
        target: the file to replace (from ``resolve_target``).
        results: one row each, in order.
        columns: input columns after the fixed ones (default: every ``fields``
            key, in first-seen order).
        stock: the stock rules and previous checks behind the stock columns.

    Raises:
        OSError: the file could not be written.
    """
    import xlsxwriter  # deferred: only workbooks need it
    from xlsxwriter.exceptions import FileCreateError

    header, keys = spreadsheet_header(results, columns)
    with tempfile.TemporaryDirectory(prefix="inventory-xlsx-", ignore_cleanup_errors=True) as tmp:
        # Assembled in the private folder, then copied: a write that fails at
        # the target (a full disk) fails in our copy, not inside xlsxwriter's
        # zip file, which would complain about it again when collected.
        assembled = Path(tmp) / "book.xlsx"
        book = xlsxwriter.Workbook(str(assembled), {**_OPTIONS, "tmpdir": tmp})
        try:
            _write_sheet(book, header, result_rows(results, keys, stock))
        except BaseException:
            with suppress(Exception):  # closes its temporary row file
                book.close()
            raise
        try:
            book.close()
        except FileCreateError as exc:  # xlsxwriter's wrapper of the OSError it met
            cause = exc.args[0] if exc.args else None
            raise cause if isinstance(cause, OSError) else OSError(str(exc)) from None
        with assembled.open("rb") as source, atomic_write(target, "wb") as out:
            shutil.copyfileobj(source, out, _COPY_CHUNK)


def _write_sheet(book: Any, header: list[str], rows: Iterable[list[Any]]) -> None:
    """Add the "Results" sheet: a bold, frozen header row, then one row per result."""
    sheet = book.add_worksheet("Results")
    sheet.freeze_panes(1, 0)
    sheet.write_row(0, 0, [xlsx_value(name)[0] for name in header], book.add_format({"bold": True}))
    change_format = book.add_format({"num_format": CHANGE_FORMAT})
    write_row, write_number = sheet.write_row, sheet.write_number
    for number, row in enumerate(rows, 1):
        cells = [xlsx_value(value)[0] for value in row]
        write_row(number, 0, cells)
        change = cells[_CHANGE]
        if isinstance(change, int | float) and not isinstance(change, bool):
            write_number(number, _CHANGE, change, change_format)  # signed, as the window shows it
