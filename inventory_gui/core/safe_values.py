"""Showing and ordering values an API may send, whatever they are.

A JSON answer can hold integers of thousands of digits (past float range, and
past Python's 4,300-digit limit on ``str(int)``), NaN and infinities, strings
of megabytes or with lone surrogates, and nesting deep enough to make
``repr`` or ``json.dumps`` raise ``RecursionError``.  The table, its sort
keys and the detail panes go through these functions, which never raise and
whose sort keys are totally ordered across every type.
"""

from __future__ import annotations

import json
import math
import re
from datetime import UTC, datetime
from typing import Any

from inventory_gui.core.text import shorten

CELL_CHARS = 1_000  # characters of one value shown in a cell or tooltip
EXACT_BITS = 90  # integers up to this size (about 27 digits) are shown in full
_SURROGATES = re.compile("[\ud800-\udfff]")


def real_number(value: Any) -> int | float | None:
    """``value`` if it is an int or a float other than NaN (bools are not), else None."""
    kind = type(value)
    if kind is int or (kind is float and value == value):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value if value == value else None  # a subclass of int or float
    return None


def difference(now: int | float, before: int | float) -> int | float:
    """``now - before`` for any two real numbers, even a huge int and a float."""
    try:
        return now - before
    except OverflowError:  # an int past float range against a float
        big, small, sign = (now, before, 1) if isinstance(now, int) else (before, now, -1)
        if math.isinf(small):
            return -math.copysign(math.inf, small) * sign
        return (big - round(small)) * sign


def format_number(value: Any) -> str:
    """A number as the table shows it (``1,234``, ``2.5``, ``1.2346e+400``), else as text."""
    number = real_number(value)
    if number is None:
        if isinstance(value, float):
            return "NaN"
        return "" if value is None else display_text(value)
    if isinstance(number, int):
        return _format_int(number)
    if math.isinf(number):
        return "∞" if number > 0 else "-∞"
    if abs(number) >= 1e21:
        return f"{number:.4e}"
    if number.is_integer():
        return f"{int(number):,}"
    text = f"{number:,.2f}".rstrip("0").rstrip(".")
    return text if text not in ("0", "-0") else f"{number:.3g}"


def _format_int(number: int) -> str:
    if number.bit_length() <= EXACT_BITS:  # str() is exact and cheap
        return f"{number:,}"
    size = abs(number)
    exponent = math.floor(math.log10(size))  # math.log10 takes ints of any size
    leading = size // 10 ** (exponent - 17)  # the first 18 digits, if log10 was exact
    if leading < 10**17:  # log10 rounded up (just under a power of ten)
        exponent -= 1
        leading = size // 10 ** (exponent - 17)
    elif leading >= 10**18:
        exponent += 1
        leading //= 10
    mantissa = f"{leading / 1e17:.4f}"
    if mantissa.startswith("10"):
        mantissa, exponent = "1.0000", exponent + 1
    return f"{'-' if number < 0 else ''}{mantissa}e+{exponent}"


def format_change(value: Any) -> str:
    """A change in quantity, signed (``+3``, ``-5``, ``0``)."""
    number = real_number(value)
    if number is None:
        return format_number(value)
    if number == 0:
        return "0"
    return ("+" if number > 0 else "") + format_number(number)


def display_text(value: Any, limit: int = CELL_CHARS) -> str:
    """Any value as at most ``limit`` characters of text; never raises."""
    if isinstance(value, str):
        return shorten(value, limit)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return format_number(value)
    if value is None:
        return ""
    if isinstance(value, datetime):
        return str(value)
    return bounded_json(value, limit)


def qt_text(text: str, limit: int = CELL_CHARS) -> str:
    """Text Qt can take whole: clipped, lone surrogates as U+FFFD.

    Qt silently drops everything from a lone surrogate on (``"bad\\udc80x"``
    shows as ``"bad"``).  Cheap for the usual short ASCII text.
    """
    if len(text) > limit:
        text = shorten(text, limit)
    if text.isascii():
        return text
    return _SURROGATES.sub("\ufffd", text)


def bounded_json(value: Any, limit: int, indent: int | None = None) -> str:
    """JSON-like text of ``value``, at most about ``limit`` characters; never raises.

    ``json.dumps`` is tried first (fast, in C); values it cannot write (nesting
    past the recursion limit, integers past the digit limit) are written by
    :func:`_walk`, which keeps its own stack and stops at ``limit``.
    """
    try:
        text = json.dumps(value, indent=indent, ensure_ascii=False, default=_scalar)
    except (RecursionError, ValueError, TypeError, OverflowError, MemoryError):
        text = "".join(_walk(value, limit))
    return shorten(text, limit)


def _walk(value: Any, limit: int) -> list[str]:
    """Compact JSON-like text of ``value`` without recursion, cut near ``limit``."""
    out: list[str] = []
    size = 0
    stack: list[Any] = [value]
    while stack and size < limit:
        item = stack.pop()
        if isinstance(item, _Token):
            piece = item.text
        elif isinstance(item, dict):
            piece = "{"
            stack.append(_Token("}"))
            for n, (key, inner) in enumerate(reversed(list(item.items()))):
                stack.append(inner)
                stack.append(_Token(_scalar(str(key)) + ": "))
                if n < len(item) - 1:
                    stack.append(_Token(", "))
        elif isinstance(item, list | tuple):
            piece = "["
            stack.append(_Token("]"))
            for n, inner in enumerate(reversed(item)):
                stack.append(inner)
                if n < len(item) - 1:
                    stack.append(_Token(", "))
        else:
            piece = _scalar(item)
        out.append(piece)
        size += len(piece)
    return out


class _Token:
    """Literal text queued between the values :func:`_walk` writes."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def _scalar(value: Any) -> str:
    if isinstance(value, str):
        return '"' + shorten(value, CELL_CHARS).replace('"', '\\"') + '"'
    if value is None:
        return "null"
    if isinstance(value, bool | int | float):
        return display_text(value)
    try:
        return shorten(str(value), CELL_CHARS)
    except Exception:  # an object whose __str__ fails is still shown
        return f"<{type(value).__name__}>"


# -- sort keys ---------------------------------------------------------------
# Every key is (rank, comparable): within a rank the second items are all
# numbers or all text, so keys of any two values compare without raising.
NUMBER, TIME, TEXT, OTHER, EMPTY = range(5)


def value_key(value: Any) -> tuple[int, Any]:
    """Numbers (by value), then times, then text (any case), then other values, then empty."""
    number = real_number(value)
    if number is not None:
        return (NUMBER, number)
    if isinstance(value, str):
        return (TEXT, value.casefold()) if value else (EMPTY, "")
    if value is None:
        return (EMPTY, "")
    if isinstance(value, datetime):
        return (TIME, _utc_text(value))
    return (OTHER, display_text(value, CELL_CHARS).casefold())


def _utc_text(when: datetime) -> str:
    """A sortable text of ``when``; naive times are taken as UTC."""
    try:
        aware = when if when.tzinfo is not None else when.replace(tzinfo=UTC)
        return aware.astimezone(UTC).isoformat()
    except (OverflowError, ValueError):  # year 1 or 9999 shifted past the range
        return when.isoformat()


def number_key(value: Any) -> tuple[int, int | float]:
    """Numbers first, by value; anything else (empty, NaN, text) after them, all equal."""
    kind = type(value)
    if kind is int or (kind is float and value == value):  # the usual case, inline
        return (0, value)
    number = real_number(value)
    return (1, 0) if number is None else (0, number)


def text_number_key(text: Any) -> tuple[int, float, str]:
    """Text that holds a number sorts as that number, before other text (input columns)."""
    if not isinstance(text, str):
        text = display_text(text)
    try:
        number = float(text)
    except ValueError:
        return (1, 0.0, text.casefold())
    if number != number:  # "nan" is text here: NaN has no place among numbers
        return (1, 0.0, text.casefold())
    return (0, number, "")
