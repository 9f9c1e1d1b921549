"""Writing results as an Excel workbook: one "Results" sheet, bold header, numbers kept.

openpyxl is imported when a workbook is written, not when the app starts.
"""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from contextlib import suppress
from pathlib import Path
from typing import IO, Any

from inventory_gui.core.models import OUTPUT_COLUMNS, Result
from inventory_gui.core.outputs.atomic_file import atomic_write
from inventory_gui.core.outputs.cells import xlsx_value
from inventory_gui.core.outputs.spreadsheet_rows import result_rows, spreadsheet_header
from inventory_gui.core.stock import StockContext

CHANGE_FORMAT = '"+"General;"-"General;0'
"""How the change column reads in Excel: ``+3``, ``-5``, ``0``, as the window shows it."""
_CHANGE = OUTPUT_COLUMNS.index("change")


def write_xlsx(
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
    from openpyxl import Workbook
    from openpyxl.styles import Font

    header, keys = spreadsheet_header(results, columns)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Results")
    sheet.freeze_panes = "A2"  # sheet layout must be set before the first row
    titles = [_xlsx_cell(sheet, name, title=True) for name in header]
    for cell in titles:
        cell.font = Font(bold=True)
    try:
        sheet.append(titles)
        for row in result_rows(results, keys, stock):
            cells = [_xlsx_cell(sheet, value) for value in row]
            if isinstance(cells[_CHANGE], int | float):  # signed, as the window shows it
                cells[_CHANGE] = _number_cell(sheet, cells[_CHANGE], CHANGE_FORMAT)
            sheet.append(cells)
        with atomic_write(target, "wb") as out:
            _save_workbook(book, out)
    except BaseException:
        with suppress(Exception):  # else the half-written sheet complains when collected
            sheet.close()
        with suppress(Exception):
            discard_unsaved_rows(sheet)
        raise


def discard_unsaved_rows(sheet: Any) -> None:
    """Remove the temporary file in which openpyxl keeps a write-only sheet's rows.

    openpyxl removes it when the workbook is saved, or else only when the
    process exits; a failed export in the window, which runs for hours, would
    leave a copy of its rows in the temporary folder until then.  openpyxl has
    no public call for this, so this is the one place that uses its internal
    ``_writer``; tests/core/outputs/test_xlsx_output.py fails if that changes.
    """
    sheet._writer.cleanup()


def _save_workbook(book: Any, out: IO[bytes]) -> None:
    """``book.save(out)``, with the zip archive closed on failure too: otherwise, when
    collected, it writes its end record into the closed file (a traceback on stderr)."""
    from openpyxl.writer.excel import ExcelWriter

    archive = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
    try:
        ExcelWriter(book, archive).save()
    except BaseException:
        with suppress(Exception):
            archive.close()
        raise


def _number_cell(sheet: Any, value: float, number_format: str) -> Any:
    """A number cell shown in ``number_format``."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.number_format = number_format
    return cell


def _xlsx_cell(sheet: Any, value: Any, *, title: bool = False) -> Any:
    """Return a value or cell for the sheet (see :func:`xlsx_value`); text is never a formula."""
    value, is_text = xlsx_value(value)
    if not (title or (is_text and value.startswith("="))):
        return value
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"  # openpyxl would store "=..." as a formula
    return cell
