"""Loading the list of products to check from a file or from pasted text.

Supported inputs:

* CSV/TSV/plain text (``.csv``, ``.tsv``, ``.txt``): the delimiter (``,`` ``;``
  tab ``|``) is sniffed; text without one holds one ID per line.
* JSON (``.json``): a list of IDs, a list of objects, or an object holding
  such a list under ``products`` or ``items``.
* Excel workbooks (``.xlsx``, ``.xlsm``): the first sheet or a named one.

The first row is a header when the input has more than one column or when its
first cell is an ID header name (``id``, ``sku``, ``product_id``, ``item``,
``code``).  IDs stay strings exactly as written, trimmed; duplicates are kept
once and counted, rows without an ID are skipped and recorded.

Hostile files are refused with one line, quickly and in bounded memory: only
regular files are read, in chunks between which the load can be cancelled
(:mod:`~inventory_gui.core.inputs.file_reading`); text decides its encoding from the
evidence it holds and says so when it is not UTF-8
(:mod:`~inventory_gui.core.inputs.text_decoding`); workbooks are checked before
openpyxl expands them (:mod:`~inventory_gui.core.inputs.workbook_guard`).
"""

from __future__ import annotations

import io
import json
import os
import warnings
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from inventory_gui.core import gc_policy
from inventory_gui.core.errors import InputError
from inventory_gui.core.inputs import tabular as tab
from inventory_gui.core.inputs.file_reading import read_input
from inventory_gui.core.inputs.text_decoding import Decoded, NotTextError, decode_text
from inventory_gui.core.inputs.workbook_guard import (
    EXCEL_MAX_COLUMNS,
    EXCEL_MAX_ROWS,
    check_not_ole2,
    check_workbook,
)
from inventory_gui.core.models import Product, ProductList

SUPPORTED_SUFFIXES = (".csv", ".tsv", ".txt", ".json", ".xlsx", ".xlsm")
"""File name suffixes :func:`load_products` reads, for a file dialog filter."""

_EXCEL_SUFFIXES = (".xlsx", ".xlsm")
_ZIP_MAGIC = b"PK\x03\x04"
_JSON_SHAPE = 'a JSON list of products, or an object with a "products" or "items" list'


ProgressHook = Callable[[float], None]
# The hook of the load running in this thread; a context variable so that the
# format readers need not pass it along.
_PROGRESS: ContextVar[ProgressHook | None] = ContextVar("load_progress", default=None)
_REPORT_EVERY = 65_536  # rows between progress reports
_SHEET_REPORT_EVERY = 4_096  # sheet rows between progress reports (and cancel checks)


def _report(fraction: float) -> None:
    hook = _PROGRESS.get()
    if hook is not None:
        hook(fraction)


def load_products(
    path: str | os.PathLike[str],
    *,
    id_column: str | None = None,
    sheet: str | None = None,
    progress: ProgressHook | None = None,
) -> ProductList:
    """Read the products listed in a CSV, TSV, text, JSON or Excel file.

    Args:
        path: the file; its suffix picks the format, unknown suffixes are sniffed.
        id_column: the header of the ID column; by default the first ID-like
            header (``id``, ``sku``, ``product_id``, ``item``, ``code``), else the
            first column.
        sheet: the worksheet of a workbook to read; by default the first one.
            Ignored for other formats.
        progress: called with the fraction done (0 to 1) now and then, from
            the loading thread; it may raise :class:`LoadCancelled` to stop.

    Returns:
        The unique products with the input's other columns as their fields.

    Raises:
        InputError: the file is missing, not a regular file, empty, too large,
            binary, malformed, a workbook past Excel's limits or password-protected,
            of the wrong shape, or ``id_column``/``sheet`` names something it does
            not hold.
        LoadCancelled: ``progress`` asked to stop.
    """
    file = Path(path)
    source = file.name or str(file)
    token = _PROGRESS.set(progress)
    try:
        _report(0.0)
        suffix = file.suffix.lower()
        text = suffix not in (*_EXCEL_SUFFIXES, ".xls")
        try:
            data = read_input(file, source, lambda done: _report(0.1 * done), text=text)
        except NotTextError as exc:
            raise _not_text(exc, known=suffix in SUPPORTED_SUFFIXES) from None
        _report(0.1)
        with gc_policy.paused():
            products = _load_data(data, suffix, source, id_column, sheet)
        _report(1.0)
        return products
    finally:
        _PROGRESS.reset(token)


def _load_data(
    data: bytearray, suffix: str, source: str, id_column: str | None, sheet: str | None
) -> ProductList:
    """Dispatch on the file suffix, sniffing the content of unknown ones."""
    check_not_ole2(data, source)
    if suffix in _EXCEL_SUFFIXES or (suffix not in SUPPORTED_SUFFIXES and _is_zip(data)):
        return _load_excel(data, source, id_column, sheet)
    if suffix == ".xls":
        raise InputError(source, "old .xls workbooks are not supported; save it as .xlsx or CSV")
    decoded = _decode(data, source, known=suffix in SUPPORTED_SUFFIXES)
    del data  # the text replaces it: a large file is not held twice
    products = _load_decoded(decoded.text, suffix, source, id_column)
    if decoded.note:
        products.notes.append(f"{source}: {decoded.note}")
    return products


def _load_decoded(text: str, suffix: str, source: str, id_column: str | None) -> ProductList:
    if not text.strip():
        raise InputError(source, "the file is empty")
    if suffix == ".json":
        return _load_json(text, source, id_column)
    if suffix not in SUPPORTED_SUFFIXES and text.lstrip()[:1] in ("[", "{"):
        try:
            return _load_json(text, source, id_column)
        except InputError:
            pass
    return _load_text(text, source, id_column)


def parse_pasted(
    text: str, *, id_column: str | None = None, source: str = "pasted text"
) -> ProductList:
    """Read products from pasted text: one ID per line, or copied spreadsheet rows.

    Tab-separated rows (what spreadsheets copy) and other delimited text follow
    the same header and ID-column rules as :func:`load_products`.

    Args:
        text: the pasted text.
        id_column: the header of the ID column, as for :func:`load_products`.
        source: the name used in messages and in the result.

    Returns:
        The unique products; blank text gives an empty list, not an error.

    Raises:
        InputError: ``id_column`` is not a column, or there is a header but no rows.
    """
    text = text.lstrip("\ufeff")
    if not text.strip():
        return ProductList(products=[], source=source)
    with gc_policy.paused():
        return _load_text(text, source, id_column)


def _is_zip(data: bytearray) -> bool:
    return data.startswith(_ZIP_MAGIC)


def _decode(data: bytearray, source: str, *, known: bool) -> Decoded:
    try:
        return decode_text(data, source)
    except NotTextError as exc:
        raise _not_text(exc, known=known) from None


def _not_text(exc: NotTextError, *, known: bool) -> InputError:
    """Say that a file of an unknown type is unsupported rather than binary."""
    if known:
        return exc
    expected = ", ".join(SUPPORTED_SUFFIXES)
    problem = f"unsupported file type ({exc.problem}); expected one of {expected}"
    return InputError(exc.source, problem)


# ---------------------------------------------------------------- text and CSV


def _load_text(text: str, source: str, id_column: str | None) -> ProductList:
    delimiter = tab.sniff_delimiter(text)
    if delimiter is None:
        rows, line_of = tab.split_lines(text)
    else:
        rows, line_of = tab.read_delimited(text, delimiter, source, _report_parsing)
    _report(0.4)
    return _from_rows(rows, line_of, source, id_column)


def _report_parsing(done: float) -> None:
    _report(0.1 + 0.3 * done)


def _from_rows(
    rows: tab.Rows, line_of: tab.LineOf, source: str, id_column: str | None
) -> ProductList:
    """Build products from rows whose first filled row may be a header."""
    first = tab.first_filled(rows)
    if first is None:
        raise InputError(source, "the file is empty")
    width = tab.table_width(rows, first)
    headers = None
    if width > 1 or tab.is_id_header(rows[first][0], id_column):
        headers = tab.unique_headers([*rows[first][:width], *[""] * (width - len(rows[first]))])
    start = first if headers is None else first + 1
    table = _Table(rows, line_of, headers, start=start, silent_blank=True)
    result = _collect(table, source, id_column)
    if headers is not None and not result.products and not result.skipped:
        raise InputError(source, "there is a header row but no products below it", line_of(first))
    return result


# ---------------------------------------------------------------------- tables


@dataclass(slots=True)
class _Table:
    """Rows of cell text ready to become products.

    Attributes:
        rows: the rows; only ``rows[start:]`` hold products.
        line_of: the 1-based input line of ``rows[i]``.
        headers: unique column names, or None when the input had no header.
        start: index of the first data row.
        silent_blank: skip wholly blank rows without recording them.
    """

    rows: tab.Rows
    line_of: tab.LineOf
    headers: list[str] | None
    start: int = 0
    silent_blank: bool = False


def _id_index(headers: list[str] | None, id_column: str | None, source: str) -> int:
    """Return the index of the ID column (see :func:`load_products`)."""
    if headers is None:
        if id_column:
            raise InputError(source, f'no column named "{id_column}": the input has no header row')
        return 0
    if id_column:
        if id_column in headers:
            return headers.index(id_column)
        wanted = tab.normalise_header(id_column)
        for index, name in enumerate(headers):
            if tab.normalise_header(name) == wanted:
                return index
        names = ", ".join(f'"{name}"' for name in headers)
        raise InputError(source, f'no column named "{id_column}"; the columns are {names}')
    for index, name in enumerate(headers):
        if tab.normalise_header(name) in tab.ID_HEADERS:
            return index
    return 0


def _collect(table: _Table, source: str, id_column: str | None) -> ProductList:
    """Turn the data rows of ``table`` into a :class:`ProductList`."""
    headers = table.headers
    id_index = _id_index(headers, id_column or None, source)
    others = [(i, name) for i, name in enumerate(headers or ()) if i != id_index]
    width = len(headers) if headers else 1
    products: list[Product] = []
    append = products.append
    seen: set[str] = set()
    duplicates: dict[str, int] = {}
    skipped: list[tuple[int, str]] = []
    total = max(1, len(table.rows))
    for index, row in enumerate(islice(table.rows, table.start, None), table.start):
        if not index % _REPORT_EVERY:
            _report(0.4 + 0.6 * index / total)
        if len(row) < width:
            row = row + [""] * (width - len(row))
        product_id = row[id_index].strip()
        if not product_id:
            if not table.silent_blank or any(cell.strip() for cell in row):
                skipped.append((table.line_of(index), "no product ID"))
        elif product_id in seen:
            duplicates[product_id] = duplicates.get(product_id, 0) + 1
        else:
            seen.add(product_id)
            fields = {name: row[i].strip() for i, name in others} if others else {}
            append(Product(product_id, fields))
    return ProductList(
        products=products,
        source=source,
        id_column=headers[id_index] if headers else None,
        columns=[name for _, name in others],
        duplicates=duplicates,
        skipped=skipped,
    )


# ------------------------------------------------------------------------ JSON


def _load_json(text: str, source: str, id_column: str | None) -> ProductList:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            source, f"invalid JSON: {exc.msg} (column {exc.colno})", exc.lineno
        ) from None
    except RecursionError:
        raise InputError(source, "invalid JSON: nested too deeply") from None
    except ValueError:  # an integer past the interpreter's digit limit
        raise InputError(source, "invalid JSON: a number has too many digits to read") from None
    key, items = _json_items(document, source)
    if not items:
        raise InputError(source, "the JSON list holds no products")
    lines: list[int] = []

    def line_of(index: int) -> int:
        if not lines:
            lines.extend(tab.json_item_lines(text, key))
        return lines[index]

    if isinstance(items[0], dict):
        return _collect(_json_objects(items, line_of, source), source, id_column)
    for index, item in enumerate(items):
        if isinstance(item, bool) or not isinstance(item, str | int | float | None):
            _wrong_item(item, index, line_of, source, "strings or numbers")
    rows = [[tab.json_text(item)] for item in items]
    return _collect(_Table(rows, line_of, None), source, id_column)


def _json_items(document: Any, source: str) -> tuple[str | None, list[Any]]:
    """Return the key holding the product list (None for a bare list) and the list."""
    if isinstance(document, list):
        return None, document
    if isinstance(document, dict):
        for key in ("products", "items"):
            if isinstance(document.get(key), list):
                return key, document[key]
        keys = ", ".join(f'"{key}"' for key in list(document)[:8]) or "none"
        raise InputError(source, f"expected {_JSON_SHAPE}; found an object with keys {keys}")
    raise InputError(source, f"expected {_JSON_SHAPE}; found {_json_kind(document)}")


def _json_objects(items: list[Any], line_of: tab.LineOf, source: str) -> _Table:
    """Make a table of a list of JSON objects: the keys, in first-seen order, are columns."""
    keys: dict[str, None] = {}
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            _wrong_item(item, index, line_of, source, "objects like the first one")
        keys.update(dict.fromkeys(item))
    names = list(keys)
    rows = [[tab.json_text(item.get(name)) for name in names] for item in items]
    return _Table(rows, line_of, tab.unique_headers(names))


def _wrong_item(item: Any, index: int, line_of: tab.LineOf, source: str, wanted: str) -> None:
    problem = f"item {index + 1} is {_json_kind(item)}; expected {wanted}"
    raise InputError(source, problem, line_of(index))


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if value is None:
        return "null"
    kinds = {dict: "an object", list: "a list", str: "a string"}
    return kinds.get(type(value), "a number")


# ----------------------------------------------------------------------- Excel


def _load_excel(
    data: bytearray, source: str, id_column: str | None, sheet: str | None
) -> ProductList:
    import openpyxl  # deferred: it takes a while to import

    check_workbook(data, source, lambda: _report(0.1))
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
    if tab.first_filled(rows) is None:
        raise InputError(source, f'sheet "{worksheet.title}" is empty')
    return _from_rows(rows, lines.__getitem__, source, id_column)


def _pick_sheet(book: Any, sheet: str | None, source: str) -> Any:
    if sheet is None:
        if not book.worksheets:
            raise InputError(source, "the workbook has no worksheets")
        return book.worksheets[0]
    if sheet not in book.sheetnames or not hasattr(book[sheet], "iter_rows"):
        names = ", ".join(f'"{ws.title}"' for ws in book.worksheets)
        raise InputError(source, f'no worksheet named "{sheet}"; the sheets are {names}')
    return book[sheet]


def _sheet_rows(worksheet: Any, source: str) -> tuple[tab.Rows, list[int]]:
    """Read a worksheet's rows as cell text, with their row numbers.

    Rows and columns past Excel's limits are refused as they come (the
    workbook guard has already refused the references it saw), and the
    progress hook is called every few thousand rows, empty ones included.
    """
    rows: tab.Rows = []
    lines: list[int] = []
    declared = worksheet.max_row or EXCEL_MAX_ROWS
    worksheet.reset_dimensions()  # the stored size is often wrong; read what is there
    values_of = worksheet.iter_rows(values_only=True)
    number = 0
    while True:
        number += 1
        if not number % _SHEET_REPORT_EVERY:
            _report(0.1 + 0.3 * min(1.0, number / declared))
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
            rows.append([tab.excel_text(value) for value in values])
            lines.append(number)


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text[:120]}" if text else type(exc).__name__
