"""Writing results as a JSON array: the layout of ``json.dumps(..., indent=1)``, strict JSON."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from itertools import repeat
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

from inventory_gui.core.models import Result
from inventory_gui.core.outputs.atomic_file import atomic_write
from inventory_gui.core.outputs.cells import json_float, json_int, json_key, json_value
from inventory_gui.core.outputs.export_error import ExportError
from inventory_gui.core.outputs.json_columns import chunk_rows
from inventory_gui.core.outputs.stock_columns import json_row
from inventory_gui.core.stock import StockContext

# The fixed columns and input fields are flat, so one C-encoded dict lays them out.
_FLAT = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",\n  ", ": "))
_ROWS_PER_CHUNK = 1000


def write_json(
    target: Path, results: Sequence[Result], columns: Sequence[str] | None, stock: StockContext
) -> None:
    """Write every result, its input fields and its response, replacing ``target`` atomically.

    Args:
        target: the file to replace (from ``resolve_target``).
        results: written in order.
        columns: unused: JSON has every result's fields.
        stock: the stock rules and previous checks behind the stock columns.

    Raises:
        ExportError: a result holds a value JSON cannot hold (its ID is named).
        OSError: the file could not be written.
    """
    # Lone surrogates become \udXXX escapes, which JSON parsers read back as they were.
    options = {"encoding": "utf-8", "errors": "backslashreplace", "newline": ""}
    with atomic_write(target, "w", **options) as out:
        out.write("[")
        for start in range(0, len(results), _ROWS_PER_CHUNK):
            chunk = results[start : start + _ROWS_PER_CHUNK]
            rows = chunk_rows(chunk, stock) or _rows_one_by_one(target, chunk, stock)
            out.write(("," if start else "") + ",".join(rows))
        out.write("\n]\n" if results else "]\n")


def _rows_one_by_one(target: Path, results: Sequence[Result], stock: StockContext) -> list[str]:
    """Each result's JSON object text, laid out one result at a time (any values).

    Raises:
        ExportError: a result holds a value JSON cannot hold (its ID is named).
    """
    rows = []
    for result in results:
        row = json_row(result, stock)
        response = row.pop("response")
        parts: list[str] = []
        try:
            _encode_result(row, response, parts)
        except (TypeError, ValueError, RecursionError) as exc:
            problem = f"result {result.id!r} cannot be written as JSON: {exc}"
            raise ExportError(target, problem) from exc
        parts.append("\n }")
        rows.append("".join(parts))
    return rows


def _encode_result(row: dict[str, Any], response: Any, parts: list[str]) -> None:
    """Append one result's JSON object (``row``'s keys, then ``response``) to ``parts``."""
    try:
        head = _FLAT.encode(row)[1:-1] + ',\n  "response": '
        parts.append("\n {\n  " + head)
        _encode(response, "  ", parts.append)
    except ValueError:  # NaN, an infinity or an int past the digit limit: again, as text
        parts.clear()
        head = _FLAT.encode(json_value(row))[1:-1] + ',\n  "response": '
        parts.append("\n {\n  " + head)
        _encode(json_value(response), "  ", parts.append)


def _encode(value: Any, indent: str, out: Callable[[str], object]) -> None:
    """Emit ``value`` as ``json.dumps(value, ensure_ascii=False, indent=1)`` would lay it out."""
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
