"""The JSON writer's fast path: a chunk of rows laid out column by column.

:mod:`~inventory_gui.core.outputs.json_output` lays each result out as
``json.dumps(..., indent=1)`` would. Encoding one result at a time costs a
JSON encoder call per row and a Python call per key of its answer. Here a
chunk whose rows share their input columns (every CSV or workbook) is encoded
one *column* at a time by the C encoder, with a newline between items (an
encoded number, string or null never holds a raw newline, so the column splits
back into one token per row), and the answers that are objects of plain values
are encoded as one list, split back at the boundaries between them
(``},\\n   {`` cannot occur inside such an object's text). Each row is then
one ``%`` format of a template holding the encoded keys.

Anything else (input columns that differ from row to row, a nested or odd
value in a fixed column, NaN, a number too long for ``int.__repr__``) makes
:func:`chunk_rows` return None, and the writer lays that chunk out row by row.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from json.encoder import encode_basestring
from typing import Any

from inventory_gui.core.models import Result
from inventory_gui.core.outputs.stock_columns import fixed_values, json_row
from inventory_gui.core.stock import StockContext

_PLAIN = frozenset({str, int, float, bool, type(None)})
_TEXT = frozenset({str})
_COLUMN = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=("\n", ": "))
_RESPONSES = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",\n   ", ": "))
_BETWEEN = "},\n   {"  # between two encoded answers in the list _RESPONSES makes


def chunk_rows(results: Sequence[Result], stock: StockContext) -> list[str] | None:
    """Each result's JSON object text (from ``"\\n {"`` to ``"\\n }"``), or None.

    None when the chunk does not fit the fast path (see the module): nothing
    is wrong with it, the caller writes it row by row.
    """
    keys = tuple(results[0].fields)
    if any(tuple(r.fields) != keys for r in results):
        return None
    columns = [*zip(*(fixed_values(r, stock) for r in results), strict=True)]
    columns += [[r.fields[key] for r in results] for key in keys]
    try:
        tokens = [_tokens(column) for column in columns]
        answers = _answer_texts([r.parsed_response() for r in results])
    except ValueError:  # NaN, an infinity or an int past the digit limit
        return None
    if answers is None or any(column is None for column in tokens):
        return None
    template = _template([name for name in json_row(results[0], stock) if name != "response"])
    return [template % row for row in zip(*tokens, answers, strict=True)]


def _tokens(column: Sequence[Any]) -> list[str] | None:
    """Each value of ``column`` as JSON text, or None if one is not a plain value."""
    if not _PLAIN.issuperset(map(type, column)):
        return None
    return _COLUMN.encode(column)[1:-1].split("\n")


def _answer_texts(answers: list[Any]) -> list[str] | None:
    """Each answer laid out one level into its row, or None unless every one is a
    non-empty object of plain values under text keys."""
    for answer in answers:
        if type(answer) is not dict or not answer:
            return None
        if not _PLAIN.issuperset(map(type, answer.values())) or not _TEXT.issuperset(
            map(type, answer)
        ):
            return None
    inner = _RESPONSES.encode(answers)[2:-2].split(_BETWEEN)
    return ["{\n   " + text + "\n  }" for text in inner]


def _template(names: list[str]) -> str:
    """A row's text with a ``%s`` for each value, then one for its answer."""
    keys = [encode_basestring(name).replace("%", "%%") for name in names]
    body = ",\n  ".join(f"{key}: %s" for key in keys)
    return "\n {\n  " + body + ',\n  "response": %s\n }'
