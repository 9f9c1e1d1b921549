"""Reading delimited text: CSV, TSV and rows copied from a spreadsheet.

The delimiter comes from :func:`~inventory_gui.core.inputs.sniffing.sniff_delimiter`;
quotes follow the :mod:`csv` module's rules, so a quoted cell may hold
delimiters and line breaks.  Blank lines are dropped; every row keeps the line
it starts on for messages about it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from itertools import islice
from typing import Any

from inventory_gui.core.errors import InputError
from inventory_gui.core.inputs.load_progress import (
    ROWS_PER_REPORT,
    report_building,
    report_splitting,
)
from inventory_gui.core.inputs.product_table import LineOf, Rows, products_from_rows
from inventory_gui.core.models import ProductList


def read_delimited(text: str, delimiter: str, source: str, id_column: str | None) -> ProductList:
    """Read products from text split by ``delimiter``.

    Raises:
        InputError: the csv module rejects a line (a huge or broken field), there
            is a header but no products, or ``id_column`` is not a column.
    """
    rows, line_of = _split_rows(text, delimiter, source)
    report_building(0.0)
    products = products_from_rows(rows, line_of, source, id_column)
    while rows:  # freed in one go, a million rows would hold the GIL for some 50 ms
        del rows[-ROWS_PER_REPORT:]
    return products


def _split_rows(text: str, delimiter: str, source: str) -> tuple[Rows, LineOf]:
    """Split the text into its non-blank rows.

    Returns:
        ``(rows, line_of)`` where ``line_of(i)`` is the 1-based line row ``i``
        starts on; it parses the text again on first use, which is rare.
    """

    def reader(lines: _TextLines) -> Any:
        return csv.reader(lines, delimiter=delimiter, skipinitialspace=True)

    lines = _TextLines(text)
    try:
        rows = _read_rows(reader(lines), lines)
    except csv.Error:
        _row_starts(reader(_TextLines(text)), source)  # raises with the line number
        raise
    starts: list[int] = []

    def line_of(index: int) -> int:
        if not starts:
            starts.extend(_row_starts(reader(_TextLines(text)), source))
        return starts[index]

    return rows, line_of


class _TextLines:
    """The lines ``io.StringIO(text, newline="")`` gives, made a block at a time.

    One StringIO over a whole large file copies it at once (4 bytes a character
    once read), holding the GIL throughout: tens of ms and 120 MB for a million
    rows.  Blocks end just after a ``"\n"``, which never splits a line.

    Each line is yielded by a loop of the generator's own, not by ``yield
    from``: resuming after a ``yield from`` skips the interpreter's check for
    a thread waiting on the GIL, so the csv reader, which pulls a block's lines
    in one C call, would hold it for the whole block.
    """

    def __init__(self, text: str, block: int = 1 << 20) -> None:
        self._text, self._block = text, block
        self._end = 0  # where the block handed out last ends

    @property
    def fraction_read(self) -> float:
        """How much of the text the blocks handed out so far cover (for progress;
        counting the lines first would take one long C call)."""
        return self._end / max(1, len(self._text))

    def __iter__(self) -> Iterator[str]:
        text, start = self._text, 0
        while start < len(text):
            end = text.find("\n", start + self._block)
            self._end = end = len(text) if end < 0 else end + 1
            for line in io.StringIO(text[start:end], newline=""):  # noqa: UP028 (see above)
                yield line
            start = end


def _read_rows(reader: Any, lines: _TextLines) -> Rows:
    """Read the non-blank rows in blocks, reporting progress between blocks."""
    rows: Rows = []
    filled = filter(None, reader)
    while block := list(islice(filled, ROWS_PER_REPORT)):
        rows.extend(block)
        report_splitting(lines.fraction_read)
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
