"""Text for messages: shortened to a bound, sizes in words, values quoted whatever their size."""

from __future__ import annotations

import reprlib
from typing import Any

ELLIPSIS = "…"
"""Marks where a shortened text was cut."""

_quote = reprlib.Repr()
_quote.maxstring = _quote.maxother = _quote.maxlong = 40
_quote.maxlevel = 2
_QUOTE_CHARS = 60


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, an ellipsis marking the cut."""
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS


def size_text(n: float) -> str:
    """A byte count as ``5 MiB``, ``64 KiB`` or ``1000 bytes``."""
    for unit, scale in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if n >= scale and n % scale == 0:
            return f"{int(n // scale)} {unit}"
    return f"{n:.15g} bytes"  # 1500000 as 1500000, not 1.5e+06


def quote_value(value: Any) -> str:
    """``value`` quoted for an error message: a short repr, whatever its size or depth."""
    try:
        text = _quote.repr(value)
    except (RecursionError, ValueError):  # ValueError: an int past Python's digit limit
        text = f"<{type(value).__name__}>"
    return shorten(text, _QUOTE_CHARS)


def describe_exception(exc: BaseException) -> str:
    """An exception as ``"Type: message"``, or its type alone when it has no message."""
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
