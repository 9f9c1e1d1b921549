"""Finding the quantity in an API's JSON answer."""

from __future__ import annotations

import math
from typing import Any

DEFAULT_QUANTITY_KEYS = ("quantity", "qty", "stock", "available", "inventory", "on_hand")


class QuantityError(ValueError):
    """The configured quantity field holds something that is not a number."""


def to_number(value: Any) -> int | float | None:
    """Return ``value`` as an int or float, or None if it is not numeric.

    Numeric strings are converted (``"12"`` -> 12, ``"2.5"`` -> 2.5); booleans,
    NaN and infinities are not quantities.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, str):
        text = value.strip().replace(",", "") if value.count(",") else value.strip()
        try:
            return int(text)
        except ValueError:
            pass
        try:
            number = float(text)
        except ValueError:
            return None
        return number if math.isfinite(number) else None
    return None


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
    return key.lstrip("-").isdigit() and -length <= int(key) < length


def extract_quantity(body: Any, path: str | None = None) -> int | float | None:
    """Return the quantity in ``body``.

    Args:
        body: the parsed JSON answer.
        path: a dotted path; None tries :data:`DEFAULT_QUANTITY_KEYS` at the top level
            and takes the first that holds a number.

    Returns:
        The number, or None when the field is missing (an ok row with no quantity).

    Raises:
        QuantityError: the named field exists but is not a number.
    """
    if path:
        found, value = lookup_path(body, path)
        if not found or value is None:
            return None
        number = to_number(value)
        if number is None:
            raise QuantityError(f"field {path!r} is not a number: {_preview(value)}")
        return number
    if not isinstance(body, dict):
        return None
    for key in DEFAULT_QUANTITY_KEYS:
        if key in body:
            number = to_number(body[key])
            if number is not None:
                return number
    return None


def _preview(value: Any, limit: int = 40) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
