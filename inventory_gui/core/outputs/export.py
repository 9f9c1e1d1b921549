"""Writing check results to JSON, CSV and Excel files (atomically), and as a text table."""

from __future__ import annotations

import csv
import json
import os
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import suppress
from itertools import repeat
from json.encoder import encode_basestring
from pathlib import Path
from typing import IO, Any

from inventory_gui.core.errors import InputError, InventoryError
from inventory_gui.core.inputs.file_reading import refuse_special_file
from inventory_gui.core.models import RESULT_COLUMNS, Result
from inventory_gui.core.outputs.atomic_file import atomic_write, resolve_target
from inventory_gui.core.outputs.cells import (
    FORMULA_START,
    csv_cell,
    json_float,
    json_int,
    json_key,
    json_value,
    table_text,
    xlsx_value,
)

EXPORT_FORMATS = {".json": "JSON", ".csv": "CSV", ".xlsx": "Excel workbook"}

_CSV_INT_LIMIT = 10**600  # any int below this converts to text (the conversion limit is >= 640)
_TABLE_COLUMNS = ("id", "status", "http", "quantity", "latency ms", "attempts", "error")
_FLAT = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",\n  ", ": "))
_TABLE_ALIGN = "<<>>>><"  # numbers right-aligned


class ExportError(InventoryError):
    """Results could not be written or read: ``results.xlsx: permission denied``."""

    def __init__(self, path: str | os.PathLike[str], problem: object) -> None:
        self.path = str(path)
        self.problem = " ".join(str(problem).split())
        super().__init__(f"{self.path}: {self.problem}")


def write_results(
    path: str | os.PathLike[str], results: Sequence[Result], *, columns: Sequence[str] | None = None
) -> Path:
    """Write ``results``, in order, to ``path`` in the format its extension names.

    Args:
        path: a ``.json``, ``.csv`` or ``.xlsx`` file (any case); replaced atomically
            (a symbolic link is written through: the file it points to is replaced).
        results: the results to write.
        columns: input columns for CSV/XLSX (default: the keys of the results'
            ``fields`` in first-seen order). JSON has every result's fields.

    Raises:
        ExportError: bad extension or write failure; ``path`` is then unchanged.
    """
    target = check_output_path(path)
    suffix = Path(path).suffix.lower()  # the name given decides, not a link's target
    try:
        if suffix == ".json":
            _write_json(target, results)
        else:
            writer = _write_csv if suffix == ".csv" else _write_xlsx
            writer(target, results, *_table_columns(results, columns))
    except OSError as exc:
        raise ExportError(path, _os_problem(exc)) from exc
    except (TypeError, ValueError, RecursionError) as exc:
        raise ExportError(path, f"could not write {EXPORT_FORMATS[suffix]}: {exc}") from exc
    return target


def check_output_path(path: str | os.PathLike[str]) -> Path:
    """Return the file writing to ``path`` replaces (symbolic links followed), if it can be written.

    Raises:
        ExportError: unsupported extension, missing or read-only folder, or a target
            that is a folder, a device or a FIFO.
    """
    target = resolve_target(path)
    suffix = Path(path).suffix.lower()
    if suffix not in EXPORT_FORMATS:
        known = ", ".join(EXPORT_FORMATS)
        raise ExportError(path, f"unsupported file type {suffix or '(none)'!r}; use {known}")
    if target.is_dir():
        raise ExportError(path, "is a folder, not a file")
    if target.exists() and not target.is_file():  # a device or FIFO is not replaced by a file
        raise ExportError(path, "is not a regular file")
    if not target.parent.is_dir():
        raise ExportError(path, f"the folder {str(target.parent)!r} does not exist")
    if not os.access(target.parent, os.W_OK | os.X_OK):
        raise ExportError(path, f"the folder {str(target.parent)!r} is not writable")
    return target


def read_results(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """Return the result dicts of a JSON file made by :func:`write_results`.

    Raises:
        ExportError: the file is missing, unreadable or not a results file.
    """
    try:  # a FIFO or a device would block or never end: refused, as product files are
        refuse_special_file(Path(path), str(path))
    except InputError as exc:
        raise ExportError(path, exc.problem) from None
    try:
        with open(path, encoding="utf-8-sig") as file:
            data = json.load(file)
    except OSError as exc:
        raise ExportError(path, _os_problem(exc)) from exc
    except UnicodeDecodeError as exc:
        raise ExportError(path, "not a JSON results file (not UTF-8 text)") from exc
    except (ValueError, RecursionError) as exc:  # JSONDecodeError says where
        raise ExportError(path, f"not valid JSON: {exc}") from exc
    if not isinstance(data, list) or not all(isinstance(d, dict) and "id" in d for d in data):
        raise ExportError(path, "not a results file: expected a JSON array of results with IDs")
    return data


def format_table(results: Sequence[Result], *, max_error_width: int = 60) -> str:
    """Return ``results`` as an aligned plain-text table (no final newline).

    Args:
        results: one line each; none gives a line saying so.
        max_error_width: longer errors are cut and end with "…" (IDs at 40).
    """
    if not results:
        return "No results."
    width = max(1, max_error_width)
    rows = [list(_TABLE_COLUMNS)]
    for r in results:
        latency = None if r.latency_ms is None else round(r.latency_ms)
        rows.append([table_text(r.id, 40), table_text(r.status, 20), table_text(r.http_status),
                     table_text(r.quantity), table_text(latency), table_text(r.attempts),
                     "" if r.error is None else table_text(r.error, width)])  # fmt: skip
    widths = [max(len(row[i]) for row in rows) for i in range(len(_TABLE_COLUMNS))]
    rows.insert(1, ["-" * width for width in widths])
    line = "  ".join(
        f"{{:{align}{width}}}" for align, width in zip(_TABLE_ALIGN, widths, strict=True)
    )
    return "\n".join(line.format(*row).rstrip() for row in rows)


def _os_problem(exc: OSError) -> str:
    known = {PermissionError: "permission denied", IsADirectoryError: "is a folder, not a file"}
    return known.get(type(exc)) or exc.strerror or str(exc)


def _write_json(target: Path, results: Iterable[Result]) -> None:
    # Lone surrogates become \udXXX escapes, which JSON parsers read back as they were.
    options = {"encoding": "utf-8", "errors": "backslashreplace", "newline": ""}
    with atomic_write(target, "w", **options) as out:
        parts = ["["]
        for index, result in enumerate(results):
            row = result.to_dict(with_response=True)
            response = row.pop("response")
            try:
                _encode_row(row, response, index, parts)
            except (TypeError, ValueError, RecursionError) as exc:
                problem = f"result {result.id!r} cannot be written as JSON: {exc}"
                raise ExportError(target, problem) from exc
            parts.append("\n }")
            if len(parts) > 20000:
                out.write("".join(parts))
                parts.clear()
        out.write("".join(parts) + ("\n]\n" if results else "]\n"))


def _encode_row(row: dict[str, Any], response: Any, index: int, parts: list[str]) -> None:
    """Append one result's JSON to ``parts``; the rest of the row is flat (fields are text),
    so the C encoder lays it out."""
    mark = len(parts)
    try:
        head = _FLAT.encode(row)[1:-1] + ',\n  "response": '
        parts.append((",\n {\n  " if index else "\n {\n  ") + head)
        _encode(response, "  ", parts.append)
    except ValueError:  # NaN, an infinity or an int past the digit limit: again, as text
        del parts[mark:]
        head = _FLAT.encode(json_value(row))[1:-1] + ',\n  "response": '
        parts.append((",\n {\n  " if index else "\n {\n  ") + head)
        _encode(json_value(response), "  ", parts.append)


def _encode(value: Any, indent: str, out: Callable[[str], object]) -> None:
    """Emit ``value`` as ``json.dumps(value, ensure_ascii=False, indent=1)``, ~2x faster."""
    kind = type(value)
    scalar = _SCALARS.get(kind)
    if scalar is not None:
        out(scalar(value))
    elif value and (kind is dict or kind is list or kind is tuple):
        is_dict, inner = kind is dict, indent + " "
        separator = ("{\n" if is_dict else "[\n") + inner
        for key, item in value.items() if is_dict else zip(repeat(""), value):
            label = key if isinstance(key, str) else json_key(key)
            out(separator + encode_basestring(label) + ": " if is_dict else separator)
            _encode(item, inner, out)
            separator = ",\n" + inner
        out("\n" + indent + ("}" if is_dict else "]"))
    else:
        text = json.dumps(json_value(value), ensure_ascii=False, allow_nan=False, indent=1)
        out(text.replace("\n", "\n" + indent))


_SCALARS: dict[type, Callable[[Any], str]] = {
    str: encode_basestring,
    int: json_int,
    float: json_float,
    bool: lambda v: "true" if v else "false",
    type(None): lambda _: "null",
}


def _table_columns(
    results: Iterable[Result], columns: Sequence[str] | None
) -> tuple[list[str], list[str]]:
    """Return the header and the ``fields`` keys written after the fixed columns."""
    seen: dict[str, Any] = dict.fromkeys(columns or ())
    if columns is None:
        for result in results:
            seen.update(result.fields)
    keys, header = list(seen), list(RESULT_COLUMNS)
    taken = set(header) | set(keys)
    for key in keys:
        name = key
        while name in RESULT_COLUMNS or (name != key and name in taken):
            name = "input_" + name
        taken.add(name)
        header.append(name)
    return header, keys


def _rows(results: Iterable[Result], keys: Sequence[str]) -> Iterator[list[Any]]:
    for result in results:
        fixed, fields = result.to_dict(with_response=False), result.fields
        yield [fixed[name] for name in RESULT_COLUMNS] + [fields.get(key) for key in keys]


def _write_csv(path: Path, results: Iterable[Result], header: list[str], keys: list[str]) -> None:
    # utf-8-sig writes the BOM that makes Excel read the file as UTF-8; lone
    # surrogates, which UTF-8 cannot hold, are written as \udXXX escapes.
    options = {"encoding": "utf-8-sig", "errors": "backslashreplace", "newline": ""}
    with atomic_write(path, "w", **options) as out:
        writer = csv.writer(out)
        writer.writerow([csv_cell(name) for name in header])
        writer.writerows(_csv_rows(results, keys))


def _csv_rows(results: Iterable[Result], keys: Sequence[str]) -> Iterator[list[Any]]:
    """Rows of CSV cells; the common cells skip :func:`csv_cell` (inlined tests, no call)."""
    limit = _CSV_INT_LIMIT
    for row in _rows(results, keys):
        yield [
            v
            if ((t := type(v)) is str and v[:1] not in FORMULA_START)
            or v is None
            or (t is int and -limit < v < limit)
            or (t is float and v - v == 0.0)  # finite
            else csv_cell(v)
            for v in row
        ]


def _write_xlsx(path: Path, results: Iterable[Result], header: list[str], keys: list[str]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Results")
    sheet.freeze_panes = "A2"  # sheet layout must be set before the first row
    titles = [_xlsx_cell(sheet, name, title=True) for name in header]
    for cell in titles:
        cell.font = Font(bold=True)
    try:
        sheet.append(titles)
        for row in _rows(results, keys):
            sheet.append([_xlsx_cell(sheet, value) for value in row])
        with atomic_write(path, "wb") as out:
            _save_workbook(book, out)
    except BaseException:
        with suppress(Exception):  # else the half-written sheet complains when collected
            sheet.close()
        with suppress(Exception):
            sheet._writer.cleanup()  # openpyxl's own temporary file of rows
        raise


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


def _xlsx_cell(sheet: Any, value: Any, *, title: bool = False) -> Any:
    """Return a value or cell for the sheet (see :func:`xlsx_value`); text is never a formula."""
    value, is_text = xlsx_value(value)
    if not (title or (is_text and value.startswith("="))):
        return value
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"  # openpyxl would store "=..." as a formula
    return cell
