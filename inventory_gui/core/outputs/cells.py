"""How one value of a result becomes one cell of each output format.

A result can hold any string an input file can hold (lone surrogates, NUL and
other control characters, bidirectional marks, very long text) and any number
an API can send (integers of hundreds of digits, NaN, infinities).  Each
format gets one conversion function here, so every exporter writes every
value the same way:

- Numbers a format cannot hold become text: NaN and infinities are written as
  ``NaN``, ``Infinity`` and ``-Infinity`` in every format; an integer beyond
  Excel's 15 significant digits (so beyond float range too) is an XLSX text
  cell holding all its digits, and so is a float beyond Excel's range
  (about 1e308 and 2.2e-308).
- Characters a format cannot hold are written as Python-style backslash
  escapes (``\\x00``, ``\\udc80``): lone surrogates in CSV (UTF-8 cannot encode
  them), characters XML forbids in XLSX (whose line ends read back as
  ``\\n``, as XML has them; text is cut at Excel's 32,767 characters), and in
  the terminal table every character that is not printable (controls,
  bidirectional and other format characters, surrogates); tabs, line breaks
  and unusual spaces there become spaces.
- JSON is strict: strings keep every character (a lone surrogate is the JSON
  escape ``\\udc80``, which parsers read back as the same string); an integer
  of more digits than Python reads back (4,300) is written as quoted digits.
"""

from __future__ import annotations

import decimal
import json
import math
import re
from typing import Any

from inventory_gui.core.text import shorten

EXCEL_DIGITS = 15
"""Excel keeps 15 significant digits: a longer integer is stored as text."""
EXCEL_TEXT_LIMIT = 32767
"""Most characters an Excel cell holds."""

_EXCEL_INT_LIMIT = 10**EXCEL_DIGITS
_EXCEL_FLOAT_MAX = 9.99999999999999e307  # Excel's largest and smallest magnitudes
_EXCEL_FLOAT_MIN = 2.2250738585072014e-308
_NON_FINITE = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}
FORMULA_START = frozenset("=+-@\t\r")
"""First characters that make a spreadsheet run a CSV cell as a formula."""
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SPACES = re.compile(  # line breaks, tabs and the spaces other than " ": one space each
    r"[\t\n\v\f\r\x1c-\x1e\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
)
_WIDE_TEXT = 1000  # longer text is cut before escaping: the table shows 60 characters


def escape_char(char: str) -> str:
    """Return one character as a Python-style escape: ``\\x00``, ``\\u202e``, ``\\U000e0001``."""
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _escape_match(match: re.Match[str]) -> str:
    return escape_char(match.group())


def int_text(value: int) -> str:
    """Return every digit of an integer, even past ``int``'s string conversion limit."""
    try:
        return int.__repr__(value)
    except ValueError:  # more digits than sys.get_int_max_str_digits() allows
        return str(decimal.Decimal(value))


def number_text(value: float | int) -> str:
    """Return a number as text: all digits of an integer; ``NaN``, ``Infinity``, ``-Infinity``."""
    if isinstance(value, int):
        return int_text(int(value))
    text = float.__repr__(float(value))
    return _NON_FINITE.get(text, text)


def printable(text: str) -> str:
    """Return ``text`` safe for a terminal: one line, every unprintable character escaped."""
    if text.isprintable():
        return text
    text = _SPACES.sub(" ", text)
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else escape_char(char) for char in text)


def table_text(value: Any, limit: int | None = None) -> str:
    """Return a value as one cell of the terminal table, cut to ``limit`` characters with "…"."""
    if value is None:
        text = "-"
    elif isinstance(value, str):
        text = printable(value[:_WIDE_TEXT] if limit is not None else value)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        text = _table_number(value)
    else:
        text = printable(str(value))
    return text if limit is None else shorten(text, limit)


def _table_number(value: float | int) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < _EXCEL_INT_LIMIT:
        value = int(value)
    if isinstance(value, int) and not -_EXCEL_INT_LIMIT < value < _EXCEL_INT_LIMIT:
        return f"{decimal.Decimal(value):.6e}"  # the table is for reading; exports keep digits
    return number_text(value)


def csv_cell(value: Any) -> Any:
    """Return a value as a CSV cell.

    Text a spreadsheet would run as a formula gets a leading ``'``; numbers
    are written as :func:`number_text`; lone surrogates are escaped by the
    file's encoding error handler (``backslashreplace``), not here.
    """
    if value is None:
        return None
    if isinstance(value, str):
        if value[:1] in FORMULA_START and not _PLAIN_NUMBER.fullmatch(value):
            return "'" + value
        return value
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return number_text(value)
    return csv_cell(json_text(value))


def xlsx_value(value: Any) -> tuple[Any, bool]:
    """Return ``(value, is_text)`` for an XLSX cell.

    Numbers Excel holds exactly stay numbers; anything else becomes text
    (``is_text``: the caller stores it as a string cell, never a formula).
    """
    if value is None or isinstance(value, bool):
        return value, False
    if isinstance(value, int):
        if -_EXCEL_INT_LIMIT < value < _EXCEL_INT_LIMIT:
            return value, False
        return xlsx_text(int_text(value)), True
    if isinstance(value, float):
        if _EXCEL_FLOAT_MIN <= abs(value) <= _EXCEL_FLOAT_MAX or value == 0.0:  # NaN: False
            return value, False
        return number_text(value), True
    if isinstance(value, str):
        return xlsx_text(value), True
    return xlsx_text(json_text(value)), True


def xlsx_text(text: str) -> str:
    """Return text XML can hold, cut to Excel's limit."""
    if len(text) > EXCEL_TEXT_LIMIT:
        text = text[:EXCEL_TEXT_LIMIT]
    return _XML_ILLEGAL.sub(_escape_match, text)[:EXCEL_TEXT_LIMIT]


def json_value(value: Any) -> Any:
    """Return a JSON-like value that strict JSON can hold, every number kept.

    Non-finite floats become ``"NaN"``, ``"Infinity"``, ``"-Infinity"``;
    integers past ``int``'s string conversion limit become their digits as
    text; tuples become lists; other objects stay and make the encoder fail.
    """
    if isinstance(value, float):
        return value if math.isfinite(value) else number_text(value)
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            int.__repr__(value)
        except ValueError:  # past the digit limit of int's string conversion
            return int_text(value)
        return value
    if isinstance(value, dict):
        return {json_key(key): json_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [json_value(item) for item in value]
    return value


def json_key(key: Any) -> str:
    """Return a mapping key as JSON object keys are text: numbers in full, NaN as ``NaN``.

    Raises:
        TypeError: a key JSON cannot name (as ``json.dumps`` raises).
    """
    if isinstance(key, str):
        return key
    if isinstance(key, float | int) and not isinstance(key, bool):
        return number_text(key)
    if key is None or isinstance(key, bool):
        return {None: "null", True: "true", False: "false"}[key]
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def json_text(value: Any) -> str:
    """Return a JSON-like value as one line of strict JSON (for text cells)."""
    try:
        return json.dumps(json_value(value), ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        return str(value)


def json_float(value: float) -> str:
    """Return a float as strict JSON: a finite one as a number, the others as quoted text."""
    return float.__repr__(value) if math.isfinite(value) else f'"{number_text(value)}"'


def json_int(value: int) -> str:
    """Return an integer as JSON: a number, or its digits quoted past the conversion limit."""
    try:
        return int.__repr__(value)
    except ValueError:
        return f'"{int_text(value)}"'
