"""Reading an Excel workbook (``.xlsx``, ``.xlsm``): the first sheet or a named one.

The workbook is checked by :mod:`~inventory_gui.core.inputs.workbook_guard`
before openpyxl expands it, and its rows are refused as they come once they
reach past Excel's limits.  Cell values become the text a user sees in Excel:
whole numbers without ``.0``, dates as ISO dates, booleans as ``TRUE``/``FALSE``.
"""

from __future__ import annotations

import io
import warnings
from datetime import date, datetime, time
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
    check_workbook,
)
from inventory_gui.core.models import ProductList

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")

_ROWS_PER_REPORT = 4_096  # sheet rows between progress reports (and cancel checks)


def read_workbook(
    data: bytes | bytearray, source: str, id_column: str | None, sheet: str | None
) -> ProductList:
    """Read products from a worksheet of the workbook file ``data``.

    Args:
        data: the workbook file.
        source: its name in messages.
        id_column: the header of the ID column, or None for the usual choice.
        sheet: the worksheet to read; None for the first one.

    Raises:
        InputError: the workbook is damaged, past Excel's limits, has no such
            sheet, or its sheet is empty or holds a header but no products.
    """
    import openpyxl  # deferred: it takes a while to import

    check_workbook(data, source, lambda: report_splitting(0.0))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise InputError(source, f"not a valid Excel workbook ({_short(exc)})") from None
    try:
        worksheet = _pick_sheet(book, sheet, source)
        rows, lines = _sheet_rows(worksheet, source)
    finally:
        book.close()
    if first_filled(rows) is None:
        raise InputError(source, f'sheet "{worksheet.title}" is empty')
    return products_from_rows(rows, lines.__getitem__, source, id_column)


def _pick_sheet(book: Any, sheet: str | None, source: str) -> Any:
    if sheet is None:
        if not book.worksheets:
            raise InputError(source, "the workbook has no worksheets")
        return book.worksheets[0]
    if sheet not in book.sheetnames or not hasattr(book[sheet], "iter_rows"):
        names = ", ".join(f'"{ws.title}"' for ws in book.worksheets)
        raise InputError(source, f'no worksheet named "{sheet}"; the sheets are {names}')
    return book[sheet]


def _sheet_rows(worksheet: Any, source: str) -> tuple[Rows, list[int]]:
    """Read a worksheet's rows as cell text, with their row numbers.

    Rows and columns past Excel's limits are refused as they come (the
    workbook guard has already refused the references it saw), and progress
    is reported every few thousand rows, empty ones included.
    """
    rows: Rows = []
    lines: list[int] = []
    declared = worksheet.max_row or EXCEL_MAX_ROWS
    worksheet.reset_dimensions()  # the stored size is often wrong; read what is there
    values_of = worksheet.iter_rows(values_only=True)
    number = 0
    while True:
        number += 1
        if not number % _ROWS_PER_REPORT:
            report_splitting(min(1.0, number / declared))
        try:
            values = next(values_of, None)
        except Exception as exc:
            raise InputError(source, f"cannot read the workbook ({_short(exc)})") from None
        if values is None:
            return rows, lines
        if number > EXCEL_MAX_ROWS or len(values) > EXCEL_MAX_COLUMNS:
            problem = f"the sheet reaches past Excel's limits ({EXCEL_MAX_ROWS:,} rows, "
            raise InputError(source, problem + f"{EXCEL_MAX_COLUMNS:,} columns)", number)
        if values:
            rows.append([_cell_text(value) for value in values])
            lines.append(number)


def _cell_text(value: Any) -> str:
    """Return an openpyxl cell value as the text a user would expect to see."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, datetime) and value.time() == time() and value.tzinfo is None:
        return value.date().isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def _short(exc: BaseException) -> str:
    """Describe an exception from openpyxl in one short line: its type and first line."""
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text[:120]}" if text else type(exc).__name__
