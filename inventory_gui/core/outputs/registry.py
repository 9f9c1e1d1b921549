"""Which writer each output format has, chosen by the file's suffix; reading a JSON output back."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from inventory_gui.core.errors import InputError
from inventory_gui.core.inputs.file_reading import refuse_special_file
from inventory_gui.core.models import Result
from inventory_gui.core.outputs.atomic_file import resolve_target
from inventory_gui.core.outputs.csv_output import write_csv
from inventory_gui.core.outputs.export_error import ExportError, os_problem
from inventory_gui.core.outputs.json_output import write_json
from inventory_gui.core.outputs.stock_columns import default_stock
from inventory_gui.core.outputs.xlsx_output import write_xlsx
from inventory_gui.core.stock import StockContext

Writer = Callable[[Path, Sequence[Result], Sequence[str] | None, StockContext], None]
"""Writes results to a file it replaces atomically: ``(target, results, columns, stock)``."""


class OutputFormat(NamedTuple):
    """One output format: its name for people and its writer."""

    name: str
    write: Writer


_FORMATS = {
    ".json": OutputFormat("JSON", write_json),
    ".csv": OutputFormat("CSV", write_csv),
    ".xlsx": OutputFormat("Excel workbook", write_xlsx),
}
EXPORT_FORMATS = {suffix: output.name for suffix, output in _FORMATS.items()}
"""Suffix → format name, for file dialogs and messages."""


def write_results(
    path: str | os.PathLike[str],
    results: Sequence[Result],
    *,
    columns: Sequence[str] | None = None,
    stock: StockContext | None = None,
) -> Path:
    """Write ``results``, in order, to ``path`` in the format its extension names.

    Args:
        path: a ``.json``, ``.csv`` or ``.xlsx`` file (any case); replaced atomically
            (a symbolic link is written through: the file it points to is replaced).
        results: the results to write.
        columns: input columns for CSV/XLSX (default: the keys of the results'
            ``fields`` in first-seen order). JSON has every result's fields.
        stock: the stock rules and each product's previous check, for the
            stock status and change columns (default: the window's default
            rules, no previous checks).

    Raises:
        ExportError: bad extension or write failure; ``path`` is then unchanged.
    """
    target = check_output_path(path)
    output = _FORMATS[Path(path).suffix.lower()]  # the name given decides, not a link's target
    try:
        output.write(target, results, columns, stock or default_stock())
    except OSError as exc:
        raise ExportError(path, os_problem(exc)) from exc
    except (TypeError, ValueError, RecursionError) as exc:
        raise ExportError(path, f"could not write {output.name}: {exc}") from exc
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
        raise ExportError(path, os_problem(exc)) from exc
    except UnicodeDecodeError as exc:
        raise ExportError(path, "not a JSON results file (not UTF-8 text)") from exc
    except (ValueError, RecursionError) as exc:  # JSONDecodeError says where
        raise ExportError(path, f"not valid JSON: {exc}") from exc
    if not isinstance(data, list) or not all(isinstance(d, dict) and "id" in d for d in data):
        raise ExportError(path, "not a results file: expected a JSON array of results with IDs")
    return data
