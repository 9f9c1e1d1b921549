"""Writing check results to JSON, CSV and Excel files (atomically), and as a text table."""

from __future__ import annotations

import csv
import json
import math
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from itertools import repeat
from json.encoder import encode_basestring
from pathlib import Path
from typing import IO, Any

from inventory_gui.core.errors import InputError, InventoryError
from inventory_gui.core.file_reading import refuse_special_file
from inventory_gui.core.models import RESULT_COLUMNS, Result

EXPORT_FORMATS = {".json": "JSON", ".csv": "CSV", ".xlsx": "Excel workbook"}

_FORMULA_START = frozenset("=+-@\t\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_TABLE_COLUMNS = ("id", "status", "http", "quantity", "latency ms", "attempts", "error")
_FLAT = json.JSONEncoder(ensure_ascii=False, separators=(",\n  ", ": "))
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
        path: a ``.json``, ``.csv`` or ``.xlsx`` file (any case); replaced atomically.
        results: the results to write.
        columns: input columns for CSV/XLSX (default: the keys of the results'
            ``fields`` in first-seen order). JSON has every result's fields.

    Raises:
        ExportError: bad extension or write failure; ``path`` is then unchanged.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in EXPORT_FORMATS:
        known = ", ".join(EXPORT_FORMATS)
        raise ExportError(target, f"unsupported file type {suffix or '(none)'!r}; use {known}")
    if not target.parent.is_dir():
        raise ExportError(target, f"the folder {str(target.parent)!r} does not exist")
    if target.is_dir():
        raise ExportError(target, "is a folder, not a file")
    try:
        if suffix == ".json":
            _write_json(target, results)
        else:
            writer = _write_csv if suffix == ".csv" else _write_xlsx
            writer(target, results, *_table_columns(results, columns))
    except OSError as exc:
        raise ExportError(target, _os_problem(exc)) from exc
    except (TypeError, ValueError, RecursionError) as exc:
        raise ExportError(target, f"could not write {EXPORT_FORMATS[suffix]}: {exc}") from exc
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
    limits = (40, None, None, None, None, None, max(1, max_error_width))
    rows = [list(_TABLE_COLUMNS)]
    for result in results:
        cells = zip(_table_cells(result), limits, strict=True)
        rows.append([_truncate(_CONTROL.sub(" ", text), limit) for text, limit in cells])
    widths = [max(len(row[i]) for row in rows) for i in range(len(_TABLE_COLUMNS))]
    rows.insert(1, ["-" * width for width in widths])
    line = "  ".join(
        f"{{:{align}{width}}}" for align, width in zip(_TABLE_ALIGN, widths, strict=True)
    )
    return "\n".join(line.format(*row).rstrip() for row in rows)


@contextmanager
def _atomic_file(target: Path, mode: str, **options: Any) -> Iterator[IO[Any]]:
    """Yield a temporary file that replaces ``target`` if the block succeeds."""
    file_mode, prefix = _file_mode(target), f".{target.name[:100]}."
    tmp = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, kept on success
        mode, delete=False, dir=target.parent, prefix=prefix, suffix=".tmp", **options
    )
    try:
        with tmp:
            yield tmp
            tmp.flush()
            os.fsync(tmp.fileno())
        os.chmod(tmp.name, file_mode)  # NamedTemporaryFile makes it 0600
        os.replace(tmp.name, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp.name)
        raise


def _file_mode(target: Path) -> int:
    """Return the permissions for the output: the old file's, else what the umask allows."""
    with suppress(OSError):
        return stat.S_IMODE(target.stat().st_mode)
    umask = os.umask(0o077)  # reading it means setting it; briefly stricter is harmless
    os.umask(umask)
    return 0o666 & ~umask


def _os_problem(exc: OSError) -> str:
    known = {PermissionError: "permission denied", IsADirectoryError: "is a folder, not a file"}
    return known.get(type(exc)) or exc.strerror or str(exc)


def _write_json(target: Path, results: Iterable[Result]) -> None:
    # Lone surrogates (possible in parsed JSON) become \udXXX escapes: still valid JSON.
    options = {"encoding": "utf-8", "errors": "backslashreplace", "newline": ""}
    with _atomic_file(target, "w", **options) as out:
        parts = ["["]
        for index, result in enumerate(results):
            row = result.to_dict(with_response=True)
            response = row.pop("response")
            try:  # the rest of the row is flat (fields are text): the C encoder can lay it out
                head = _FLAT.encode(row)[1:-1] + ',\n  "response": '
                parts.append((",\n {\n  " if index else "\n {\n  ") + head)
                _encode(response, "  ", parts.append)
            except (TypeError, ValueError, RecursionError) as exc:
                problem = f"result {result.id!r} cannot be written as JSON: {exc}"
                raise ExportError(target, problem) from exc
            parts.append("\n }")
            if len(parts) > 20000:
                out.write("".join(parts))
                parts.clear()
        out.write("".join(parts) + ("\n]\n" if results else "]\n"))


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
            label = key if isinstance(key, str) else json.dumps(key)  # as json.dumps converts
            out(separator + encode_basestring(label) + ": " if is_dict else separator)
            _encode(item, inner, out)
            separator = ",\n" + inner
        out("\n" + indent + ("}" if is_dict else "]"))
    else:
        out(json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n" + indent))


_SCALARS: dict[type, Callable[[Any], str]] = {
    str: encode_basestring,
    int: int.__repr__,
    float: lambda v: float.__repr__(v) if math.isfinite(v) else json.dumps(v),
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


def _csv_cell(value: Any) -> Any:
    """Defuse text a spreadsheet would run as a formula; numbers stay as they are."""
    if isinstance(value, str) and value[:1] in _FORMULA_START:
        return value if _PLAIN_NUMBER.fullmatch(value) else "'" + value
    return value


def _write_csv(path: Path, results: Iterable[Result], header: list[str], keys: list[str]) -> None:
    # utf-8-sig writes the BOM that makes Excel read the file as UTF-8.
    options = {"encoding": "utf-8-sig", "errors": "replace", "newline": ""}
    with _atomic_file(path, "w", **options) as out:
        writer = csv.writer(out)
        writer.writerow([_csv_cell(name) for name in header])
        writer.writerows(  # _csv_cell's test is inlined: most cells need no call
            [_csv_cell(v) if isinstance(v, str) and v[:1] in _FORMULA_START else v for v in row]
            for row in _rows(results, keys)
        )


def _write_xlsx(path: Path, results: Iterable[Result], header: list[str], keys: list[str]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Results")
    sheet.freeze_panes = "A2"  # sheet layout must be set before the first row
    titles = [_xlsx_cell(sheet, name, text=True) for name in header]
    for cell in titles:
        cell.font = Font(bold=True)
    try:
        sheet.append(titles)
        for row in _rows(results, keys):
            sheet.append([_xlsx_cell(sheet, value) for value in row])
        with _atomic_file(path, "wb") as out:
            book.save(out)
    except BaseException:
        with suppress(Exception):  # else the half-written sheet complains when collected
            sheet.close()
        with suppress(Exception):
            sheet._writer.cleanup()  # openpyxl's own temporary file of rows
        raise


def _xlsx_cell(sheet: Any, value: Any, *, text: bool = False) -> Any:
    """Return a value or cell for the sheet; text is always text, never a formula."""
    if not isinstance(value, str):
        return value
    value = _XLSX_ILLEGAL.sub("\ufffd", value)[:32767]  # XML-safe, within Excel's limit
    if not (text or value.startswith("=")):
        return value
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"  # openpyxl would store "=..." as a formula
    return cell


def _table_cells(result: Result) -> list[str]:
    quantity, latency = result.quantity, result.latency_ms
    if isinstance(quantity, float) and quantity.is_integer() and abs(quantity) < 1e15:
        quantity = int(quantity)
    numbers = (result.http_status, quantity, None if latency is None else f"{latency:.0f}")
    texts = ["-" if value is None else str(value) for value in numbers]
    return [result.id, result.status, *texts, str(result.attempts), result.error or ""]


def _truncate(text: str, limit: int | None) -> str:
    return text if limit is None or len(text) <= limit else text[: limit - 1] + "…"
