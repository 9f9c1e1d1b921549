"""Finding the quantity in an API's JSON answer."""

from __future__ import annotations

import math
import re
from typing import Any, Protocol

from inventory_gui.core.settings_schema import DEFAULT_QUANTITY_KEYS
from inventory_gui.core.text import quote_value

# Numeric text as people and APIs write it, ASCII digits only: "12", "-3",
# "2.5", ".5", "1e3", "1,200" (commas are dropped first).  Python's own int()
# and float() would also take "1_000", "nan", "infinity" and non-ASCII digits.
_NUMERIC = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
_INTEGER = re.compile(r"[+-]?\d+", re.ASCII)


class QuantityError(ValueError):
    """The quantity field holds something that is not a usable number."""


class PathLike(Protocol):
    """A compiled path (:class:`~inventory_gui.core.fetch.json_path.FieldPath`)."""

    text: str

    def find(self, body: Any) -> tuple[bool, Any]:
        """``(found, value)`` in ``body``."""
        ...


def to_number(value: Any) -> int | float | None:
    """Return ``value`` as an int or float, or None if it is not a usable number.

    Integers stay exact ints however large.  Numeric strings are converted
    (``"12"`` -> 12, ``"2.5"`` -> 2.5, ``"1,200"`` -> 1200); other text
    (``"12abc"``), booleans, NaN, infinities and containers are not numbers.
    Never raises.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, str):
        return _parse_number(value)
    return None


def _parse_number(value: str) -> int | float | None:
    text = value.strip().replace(",", "") if "," in value else value.strip()
    if _INTEGER.fullmatch(text):
        try:
            return int(text)
        except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
            return None
    if not _NUMERIC.fullmatch(text):
        return None
    number = float(text)
    return number if math.isfinite(number) else None


def lookup_path(body: Any, path: str) -> tuple[bool, Any]:
    """Follow a dotted path (``stock.available``, ``items.0.qty``) into parsed JSON.

    Returns:
        ``(found, value)``.
    """
    node = body
    for key in path.split("."):
        if isinstance(node, dict) and key in node:
            node = node[key]
        elif isinstance(node, list) and _is_index(key, len(node)):
            node = node[int(key)]
        else:
            return False, None
    return True, node


def _is_index(key: str, length: int) -> bool:
    digits = key[1:] if key.startswith("-") else key
    return (
        0 < len(digits) <= 18 and digits.isascii() and digits.isdigit()
        and -length <= int(key) < length
    )  # fmt: skip


def extract_quantity(body: Any, path: str | PathLike | None = None) -> int | float | None:
    """Return the quantity in ``body``.

    Args:
        body: the parsed JSON answer.
        path: a dotted path, or a compiled path (JMESPath) whose list result
            is summed (one count per location); None tries
            :data:`DEFAULT_QUANTITY_KEYS` at the top level and takes the first
            that holds a number.

    Returns:
        The number, or None when the field is missing or null (an ok row with
        no quantity).

    Raises:
        QuantityError: the field is present but not a usable number (text such
            as ``"12abc"``, NaN, an infinity, a boolean, a list or an object);
            with no path, when none of the default keys holds a number and the
            first one present holds something else.  The message quotes the
            value, shortened.
    """
    if path:
        if isinstance(path, str):
            found, value = lookup_path(body, path)
            text = path
        else:
            found, value = path.find(body)
            text = path.text
        if type(value) is int:  # the common case, first: once per row of a bulk answer
            return value
        if not found or value is None:
            return None
        if isinstance(value, list) and not isinstance(path, str):
            return _sum_numbers(value, text)
        number = to_number(value)
        if number is None:
            raise QuantityError(f"field {text!r} is not a number: {quote_value(value)}")
        return number
    if not isinstance(body, dict):
        return None
    unusable: str | None = None
    for key in DEFAULT_QUANTITY_KEYS:
        value = body.get(key)
        if value is None:
            continue
        number = to_number(value)
        if number is not None:
            return number
        unusable = unusable or key
    if unusable is not None:
        raise QuantityError(f"field {unusable!r} is not a number: {quote_value(body[unusable])}")
    return None


def _sum_numbers(values: list[Any], text: str) -> int | float:
    """The total of a list of counts (nulls skipped); an unusable one is an error."""
    total: int | float = 0
    for value in values:
        if value is None:
            continue
        number = to_number(value)
        if number is None:
            raise QuantityError(f"field {text!r} holds a value that is not a number: "
                                f"{quote_value(value)}")  # fmt: skip
        total += number
    return total
