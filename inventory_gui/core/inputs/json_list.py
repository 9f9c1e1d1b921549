"""Reading a JSON product list.

The document is a list of IDs (strings or numbers), a list of objects whose
keys are the columns, or an object holding such a list under ``products`` or
``items``.  Values become cell text; nested lists and objects stay compact
JSON.  The line of an item is found only when a message needs it.
"""

from __future__ import annotations

import json
import re
from typing import Any

from inventory_gui.core.errors import InputError
from inventory_gui.core.inputs.product_table import (
    LineOf,
    ProductTable,
    number_text,
    products_from_table,
    unique_headers,
)
from inventory_gui.core.models import ProductList

_SHAPE = 'a JSON list of products, or an object with a "products" or "items" list'
_LIST_KEYS = ("products", "items")
_SPACE = re.compile(r"[ \t\n\r]*")


def read_json_list(text: str, source: str, id_column: str | None) -> ProductList:
    """Read products from a JSON document.

    Raises:
        InputError: the JSON is invalid, of the wrong shape, holds no products
            or items of the wrong kind, or ``id_column`` is not a key.
    """
    document = _parse(text, source)
    key, items = _product_items(document, source)
    if not items:
        raise InputError(source, "the JSON list holds no products")
    lines: list[int] = []

    def line_of(index: int) -> int:
        if not lines:
            lines.extend(_item_lines(text, key))
        return lines[index]

    if isinstance(items[0], dict):
        return products_from_table(_object_table(items, line_of, source), source, id_column)
    for index, item in enumerate(items):
        if isinstance(item, bool) or not isinstance(item, str | int | float | None):
            _wrong_item(item, index, line_of, source, "strings or numbers")
    rows = [[_cell_text(item)] for item in items]
    return products_from_table(ProductTable(rows, line_of, None), source, id_column)


def _parse(text: str, source: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            source, f"invalid JSON: {exc.msg} (column {exc.colno})", exc.lineno
        ) from None
    except RecursionError:
        raise InputError(source, "invalid JSON: nested too deeply") from None
    except ValueError:  # an integer past the interpreter's digit limit
        raise InputError(source, "invalid JSON: a number has too many digits to read") from None


def _product_items(document: Any, source: str) -> tuple[str | None, list[Any]]:
    """Return the key holding the product list (None for a bare list) and the list."""
    if isinstance(document, list):
        return None, document
    if isinstance(document, dict):
        for key in _LIST_KEYS:
            if isinstance(document.get(key), list):
                return key, document[key]
        keys = ", ".join(f'"{key}"' for key in list(document)[:8]) or "none"
        raise InputError(source, f"expected {_SHAPE}; found an object with keys {keys}")
    raise InputError(source, f"expected {_SHAPE}; found {_kind(document)}")


def _object_table(items: list[Any], line_of: LineOf, source: str) -> ProductTable:
    """Make a table of a list of JSON objects: the keys, in first-seen order, are columns."""
    keys: dict[str, None] = {}
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            _wrong_item(item, index, line_of, source, "objects like the first one")
        keys.update(dict.fromkeys(item))
    names = list(keys)
    rows = [[_cell_text(item.get(name)) for name in names] for item in items]
    return ProductTable(rows, line_of, unique_headers(names))


def _wrong_item(item: Any, index: int, line_of: LineOf, source: str, wanted: str) -> None:
    problem = f"item {index + 1} is {_kind(item)}; expected {wanted}"
    raise InputError(source, problem, line_of(index))


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if value is None:
        return "null"
    kinds = {dict: "an object", list: "a list", str: "a string"}
    return kinds.get(type(value), "a number")


def _cell_text(value: Any) -> str:
    """Return a parsed JSON value as cell text; lists and objects as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, int):
        return str(value)
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _item_lines(text: str, key: str | None) -> list[int]:
    """Return the line each item of the product list in valid JSON ``text`` starts on.

    Args:
        text: JSON already known to parse.
        key: ``None`` when the document is the list, else the key holding it.
    """
    decoder = json.JSONDecoder()
    pos = _skip_space(text, 0)
    if key is not None:
        pos = _skip_space(text, pos + 1)
        while True:
            name, pos = decoder.raw_decode(text, pos)
            pos = _skip_space(text, _skip_space(text, pos) + 1)
            if name == key:
                break
            pos = _after_item(text, decoder.raw_decode(text, pos)[1])
    starts = []
    pos = _skip_space(text, pos + 1)
    while text[pos] != "]":
        starts.append(pos)
        pos = _after_item(text, decoder.raw_decode(text, pos)[1])
    lines, line, previous = [], 1, 0
    for start in starts:
        line += text.count("\n", previous, start)
        lines.append(line)
        previous = start
    return lines


def _skip_space(text: str, pos: int) -> int:
    match = _SPACE.match(text, pos)
    return match.end() if match else pos


def _after_item(text: str, pos: int) -> int:
    pos = _skip_space(text, pos)
    return _skip_space(text, pos + 1) if text[pos] == "," else pos
