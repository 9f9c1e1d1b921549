"""Low-level helpers for the product loaders: decoding, sniffing, splitting, cells.

Nothing here knows about products; :mod:`inventory_gui.core.inputs.products` builds
them from the rows these helpers return.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Sequence
from datetime import date, datetime, time
from itertools import islice
from typing import Any

from inventory_gui.core.errors import InputError

Rows = list[list[str]]
LineOf = Callable[[int], int]

ID_HEADERS = frozenset({"id", "sku", "productid", "item", "code"})
"""Normalised header names that mark the ID column (see :func:`normalise_header`)."""

DELIMITERS = ("\t", ";", "|", ",")
"""Candidate delimiters, most preferred first when two fit equally well."""

ROWS_PER_REPORT = 65_536
"""Rows read between progress reports (each a chance to cancel)."""

_SAMPLE_CHARS = 32_768
_SAMPLE_RECORDS = 20
_FIRST_RECORD_CHARS = 1_048_576  # a long header or quoted cell
_HEADER_JUNK = str.maketrans("", "", " _-")
_JSON_SPACE = re.compile(r"[ \t\n\r]*")


def normalise_header(name: str) -> str:
    """Return ``name`` lowercased without spaces, underscores and hyphens."""
    return name.lower().translate(_HEADER_JUNK)


def is_id_header(cell: str, id_column: str | None = None) -> bool:
    """Tell whether ``cell`` names an ID column (a known name or ``id_column``)."""
    name = normalise_header(cell.strip())
    if name in ID_HEADERS:
        return True
    return bool(id_column) and (cell.strip() == id_column or name == normalise_header(id_column))


def unique_headers(cells: Sequence[str]) -> list[str]:
    """Return trimmed header names, blank ones as ``column N``, repeats as ``name_2``."""
    names = [cell.strip() for cell in cells]
    taken = {name for name in names if name}
    used: set[str] = set()
    result = []
    for number, name in enumerate(names, 1):
        base = name or f"column {number}"
        unique = base
        if unique in used or (not name and unique in taken):
            suffix = 2
            while f"{base}_{suffix}" in used or f"{base}_{suffix}" in taken:
                suffix += 1
            unique = f"{base}_{suffix}"
        used.add(unique)
        result.append(unique)
    return result


def sniff_delimiter(text: str) -> str | None:
    """Guess the delimiter of delimited text, or None for one value per line.

    The first records are scanned with quotes honoured.  A candidate must occur
    in the first record and in at least 80 % of the records; among those, the
    one whose count is most often the same as in the first record wins.
    """
    records = _sample_counts(text)
    if not records:
        return None
    best: tuple[float, int] | None = None
    chosen = None
    for rank, delimiter in enumerate(DELIMITERS):
        counts = [record.get(delimiter, 0) for record in records]
        if counts[0] == 0 or sum(1 for c in counts if c) < 0.8 * len(counts):
            continue
        key = (counts.count(counts[0]) / len(counts), -rank)
        if best is None or key > best:
            best, chosen = key, delimiter
    return chosen


def _sample_counts(text: str) -> list[dict[str, int]]:
    """Count candidate delimiters outside quotes in each of the first records."""
    records: list[dict[str, int]] = []
    counts: dict[str, int] = {}
    end = len(text)
    in_quotes, at_start, has_text, pos = False, True, False, 0
    while pos < end and len(records) < _SAMPLE_RECORDS:
        if pos >= _SAMPLE_CHARS and (records or pos >= _FIRST_RECORD_CHARS):
            break
        char = text[pos]
        pos += 1
        if in_quotes:
            if char == '"' and text[pos : pos + 1] == '"':
                pos += 1
            elif char == '"':
                in_quotes = False
        elif char in "\r\n":
            if has_text:
                records.append(counts)
            counts, at_start, has_text = {}, True, False
        elif char in DELIMITERS:
            counts[char] = counts.get(char, 0) + 1
            at_start, has_text = True, True
        elif char != " ":
            in_quotes = char == '"' and at_start
            at_start, has_text = False, True
    if has_text and (pos == end or not records) and len(records) < _SAMPLE_RECORDS:
        records.append(counts)
    return records


def split_lines(text: str) -> tuple[Rows, LineOf]:
    """Split one-value-per-line text into single-cell rows (line = index + 1).

    A value wrapped in double quotes as a whole is unquoted (``"007"`` -> ``007``).
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    rows = [[_unquote(line) if line[:1] == '"' else line] for line in lines]
    return rows, lambda index: index + 1


def _unquote(value: str) -> str:
    stripped = value.strip()
    if len(stripped) >= 2 and stripped.endswith('"'):
        return stripped[1:-1].replace('""', '"')
    return value


def read_delimited(
    text: str, delimiter: str, source: str, report: Callable[[float], None] | None = None
) -> tuple[Rows, LineOf]:
    """Parse delimited text with :mod:`csv`; blank lines are dropped.

    Args:
        text: the text.
        delimiter: the delimiter, e.g. from :func:`sniff_delimiter`.
        source: the input's name in messages.
        report: called with the fraction of lines read every
            :data:`ROWS_PER_REPORT` rows; it may raise to cancel.

    Returns:
        ``(rows, line_of)`` where ``line_of(i)`` is the 1-based line row ``i``
        starts on; it parses the text again on first use, which is rare.

    Raises:
        InputError: the csv module rejects the text (a huge or broken field).
    """

    def reader() -> Any:
        return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, skipinitialspace=True)

    try:
        rows = _read_rows(reader(), text, report)
    except csv.Error:
        _row_starts(reader(), source)  # raises with the line number
        raise
    starts: list[int] = []

    def line_of(index: int) -> int:
        if not starts:
            starts.extend(_row_starts(reader(), source))
        return starts[index]

    return rows, line_of


def _read_rows(reader: Any, text: str, report: Callable[[float], None] | None) -> Rows:
    """Read the non-blank rows in blocks, reporting between blocks."""
    if report is None:
        return [row for row in reader if row]
    lines = text.count("\n") + 1
    rows: Rows = []
    filled = filter(None, reader)
    while block := list(islice(filled, ROWS_PER_REPORT)):
        rows.extend(block)
        report(min(1.0, reader.line_num / lines))
    return rows


def _row_starts(reader: Any, source: str) -> list[int]:
    """Return the line each non-blank row of ``reader`` starts on."""
    starts = []
    previous = 0
    try:
        for row in reader:
            if row:
                starts.append(previous + 1)
            previous = reader.line_num
    except csv.Error as exc:
        problem = f"cannot split this line into cells: {exc}"
        raise InputError(source, problem, previous + 1) from None
    return starts


def first_filled(rows: Rows) -> int | None:
    """Return the index of the first row with a non-blank cell, or None."""
    for index, row in enumerate(rows):
        if any(cell.strip() for cell in row):
            return index
    return None


def table_width(rows: Rows, header: int) -> int:
    """Return the column count: the header's, widened for data past its end.

    Trailing columns that are blank in the header and in every row are dropped.
    """
    width = len(rows[header])
    while width > 1 and not rows[header][width - 1].strip():
        width -= 1
    longest = max(map(len, rows))
    for column in range(longest - 1, width - 1, -1):
        if any(len(row) > column and row[column].strip() for row in rows):
            return column + 1
    return width


def number_text(value: float) -> str:
    """Return ``12345.0`` as ``"12345"`` and other floats as ``repr`` does."""
    return str(int(value)) if value.is_integer() else repr(value)


def excel_text(value: Any) -> str:
    """Return an openpyxl cell value as the text a user would expect to see."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, datetime) and value.time() == time() and value.tzinfo is None:
        return value.date().isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)


def json_text(value: Any) -> str:
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


def json_item_lines(text: str, key: str | None) -> list[int]:
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
    match = _JSON_SPACE.match(text, pos)
    return match.end() if match else pos


def _after_item(text: str, pos: int) -> int:
    pos = _skip_space(text, pos)
    return _skip_space(text, pos + 1) if text[pos] == "," else pos
