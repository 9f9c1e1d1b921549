"""Reading a spreadsheet workbook: the first worksheet or a named one.

Excel (``.xlsx``, ``.xlsm``, ``.xlsb``, old binary ``.xls``) and OpenDocument
(``.ods``) workbooks are read by ``python-calamine`` (Rust: about a sixth of
openpyxl's CPU on a 100,000-row sheet).  Zip-based workbooks are checked by
:mod:`~inventory_gui.core.inputs.workbook_guard` before they are expanded,
password-protected ones are refused with a message saying so, and rows past
Excel's limits are refused as they come.  Cell values become the text a user
sees in Excel: whole numbers without ``.0``, dates as ISO dates, booleans as
``TRUE``/``FALSE``.
"""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta
from typing import Any

from inventory_gui.core.errors import InputError
from inventory_gui.core.inputs.load_progress import report_splitting
from inventory_gui.core.inputs.product_table import (
    Rows,
    first_filled,
    number_text,
    products_from_rows,
)
from inventory_gui.core.inputs.workbook_guard import (
    EXCEL_MAX_COLUMNS,
    EXCEL_MAX_ROWS,
    OLE2_MAGIC,
    PASSWORD_PROTECTED,
    check_workbook,
)
from inventory_gui.core.models import ProductList

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods")

_ROWS_PER_REPORT = 4_096  # sheet rows between progress reports (and cancel checks)


def read_workbook(
    data: bytes | bytearray, source: str, id_column: str | None, sheet: str | None
) -> ProductList:
    """Read products from a worksheet of the workbook file ``data``.

    Args:
        data: the workbook file (any format of :data:`WORKBOOK_SUFFIXES`; the
            format is told by the content).
        source: its name in messages.
        id_column: the header of the ID column, or None for the usual choice.
        sheet: the worksheet to read; None for the first one.

    Raises:
        InputError: the workbook is damaged, password-protected, past Excel's
            limits, has no such sheet, or its sheet is empty or holds a header
            but no products.
    """
    import python_calamine  # deferred: only workbooks need it

    if not data.startswith(OLE2_MAGIC):  # .xls is OLE2, bounded by its format (65,536 rows)
        check_workbook(data, source, lambda: report_splitting(0.0))
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.PasswordError:
        raise InputError(source, PASSWORD_PROTECTED) from None
    except Exception as exc:
        problem = f"not a valid Excel or OpenDocument workbook ({_short(exc)})"
        raise InputError(source, problem) from None
    try:
        name = _pick_sheet(book, sheet, source)
        try:
            worksheet = book.get_sheet_by_name(name)
        except Exception as exc:
            raise InputError(source, f"cannot read the workbook ({_short(exc)})") from None
        rows, lines = _sheet_rows(worksheet, source)
    finally:
        book.close()
    if first_filled(rows) is None:
        raise InputError(source, f'sheet "{name}" is empty')
    return products_from_rows(rows, lines.__getitem__, source, id_column)


def _pick_sheet(book: Any, sheet: str | None, source: str) -> str:
    """Return the name of the worksheet to read (chart and macro sheets hold no rows)."""
    import python_calamine

    worksheet = python_calamine.SheetTypeEnum.WorkSheet
    names = [m.name for m in book.sheets_metadata if m.typ == worksheet]
    if sheet is None:
        if not names:
            raise InputError(source, "the workbook has no worksheets")
        return names[0]
    if sheet not in names:
        listed = ", ".join(f'"{name}"' for name in names)
        raise InputError(source, f'no worksheet named "{sheet}"; the sheets are {listed}')
    return sheet


def _sheet_rows(worksheet: Any, source: str) -> tuple[Rows, list[int]]:
    """Read a worksheet's rows as cell text, with their row numbers.

    calamine yields rows from the sheet's first row (row 1) but from its first
    used column; that drops only empty columns on the left.  Rows and columns
    past Excel's limits are refused, and progress is reported every few
    thousand rows, empty ones included.
    """
    declared = max(1, worksheet.total_height)
    rows: Rows = []
    lines: list[int] = []
    values_of = iter(worksheet.iter_rows())
    number = 0
    while True:
        number += 1
        if not number % _ROWS_PER_REPORT:
            report_splitting(min(1.0, number / declared))  # may raise to cancel
        try:
            values = next(values_of, None)
        except Exception as exc:
            raise InputError(source, f"cannot read the workbook ({_short(exc)})") from None
        if values is None:
            break
        if number > EXCEL_MAX_ROWS or len(values) > EXCEL_MAX_COLUMNS:
            problem = f"the sheet reaches past Excel's limits ({EXCEL_MAX_ROWS:,} rows, "
            raise InputError(source, problem + f"{EXCEL_MAX_COLUMNS:,} columns)", number)
        if any(value != "" for value in values):
            rows.append([_cell_text(value) for value in values])
            lines.append(number)
    return rows, lines


def _cell_text(value: Any) -> str:
    """Return a calamine cell value as the text a user would expect to see."""
    if isinstance(value, str):
        return value  # empty cells are "" too
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, datetime) and value.time() == time() and value.tzinfo is None:
        return value.date().isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):  # a duration cell: as Excel's [h]:mm:ss shows it
        seconds = int(value.total_seconds())
        return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    return str(value)


def _short(exc: BaseException) -> str:
    """Describe an exception from the reader in one short line: its type and first line."""
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text[:120]}" if text else type(exc).__name__
