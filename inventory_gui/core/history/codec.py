"""How values the history cannot hold as they are get stored, and read back.

One rule, applied when writing and when looking up, so that anything an input
file or an API can hold is stored and a product's checks are found again:

- Text: a lone surrogate (possible in JSON input, ``"bad\\udc80"``) cannot be
  encoded as UTF-8, so it is stored in its ``backslashreplace`` form
  (``bad\\udc80`` as six plain characters).  Every other string, NUL and
  control characters included, is stored as is.
- Numbers: integers a float holds exactly (up to 2**53) and finite floats
  are stored as numbers (a REAL column would round a larger integer); a
  larger integer as the text ``int:<digits>`` (``int:0x<hex>``
  past Python's decimal-conversion limit), NaN and infinities as ``NaN``,
  ``Infinity`` and ``-Infinity``.  None of these texts is a number literal,
  so the column's numeric affinity leaves them as text (SQLite would turn a
  bare 400-digit text into ``inf``).
"""

from __future__ import annotations

import math
import sqlite3
from typing import Any

_EXACT = 1 << 53  # integers up to this survive the REAL columns exactly
_BIG = "int:"
_SPECIAL = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


def storable_text(value: Any) -> Any:
    """``value`` with lone surrogates escaped if it is a string; anything else as is."""
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    return value


def storable_row(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """A row of query parameters with every string made storable."""
    return tuple(map(storable_text, row))


def store_number(value: Any) -> int | float | str | None:
    """A number as stored (see the module's rule); None for what is not a number."""
    if isinstance(value, bool) or value is None:
        return None if value is None else int(value)
    if isinstance(value, int):
        if -_EXACT <= value <= _EXACT:
            return value
        try:
            return f"{_BIG}{value}"
        except ValueError:  # past sys.get_int_max_str_digits()
            return f"{_BIG}{value:#x}"
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    if math.isfinite(number):
        return number
    return "NaN" if math.isnan(number) else ("Infinity" if number > 0 else "-Infinity")


def load_number(value: Any) -> int | float | None:
    """A stored number read back (the inverse of :func:`store_number`)."""
    if not isinstance(value, str):
        return value
    if value.startswith(_BIG):
        try:
            return int(value[len(_BIG) :], 0)
        except ValueError:
            return None
    return _SPECIAL.get(value)


def is_lock_error(exc: BaseException) -> bool:
    """True when ``exc`` means another connection holds the database (try again later)."""
    if not isinstance(exc, sqlite3.OperationalError):
        return False
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    text = str(exc)
    return "locked" in text or "busy" in text
