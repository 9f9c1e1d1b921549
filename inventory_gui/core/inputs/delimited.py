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


def read_delimited(
    blocks: list[str], delimiter: str, source: str, id_column: str | None
) -> ProductList:
    """Read products from text split by ``delimiter``, in blocks each ending on a
    line break (but the last).

    Raises:
        InputError: the csv module rejects a line (a huge or broken field), there
            is a header but no products, or ``id_column`` is not a column.
    """
    rows, line_of = _split_rows(blocks, delimiter, source)
    report_building(0.0)
    products = products_from_rows(rows, line_of, source, id_column)
    while rows:  # freed in one go, a million rows would hold the GIL for some 50 ms
        del rows[-ROWS_PER_REPORT:]
    return products


def _split_rows(blocks: list[str], delimiter: str, source: str) -> tuple[Rows, LineOf]:
    """Split the text into its non-blank rows.

    Returns:
        ``(rows, line_of)`` where ``line_of(i)`` is the 1-based line row ``i``
        starts on; it parses the text again on first use, which is rare.
    """

    def reader(lines: _TextLines) -> Any:
        return csv.reader(lines, delimiter=delimiter, skipinitialspace=True)

    lines = _TextLines(blocks)
    try:
        rows = _read_rows(reader(lines), lines)
    except csv.Error:
        _row_starts(reader(_TextLines(blocks)), source)  # raises with the line number
        raise
    starts: list[int] = []

    def line_of(index: int) -> int:
        if not starts:
            starts.extend(_row_starts(reader(_TextLines(blocks)), source))
        return starts[index]

    return rows, line_of


class _TextLines:
    """The lines ``io.StringIO("".join(blocks), newline="")`` gives, made a piece at
    a time.

    One StringIO over a whole large file copies it at once (4 bytes a character
    once read), holding the GIL throughout: tens of ms and 120 MB for a million
    rows.  The text comes in blocks that end on a ``"\n"`` (see
    :class:`~inventory_gui.core.inputs.text_decoding.Decoded`), and each block is
    read in pieces of about ``piece`` characters that end just after a
    ``"\n"``: neither ever splits a line, nor a ``"\r\n"``.

    Each line is yielded by a loop of the generator's own, not by ``yield
    from``: resuming after a ``yield from`` skips the interpreter's check for
    a thread waiting on the GIL, so the csv reader, which pulls a piece's lines
    in one C call, would hold it for the whole piece.
    """

    def __init__(self, blocks: list[str], piece: int = 1 << 20) -> None:
        self._blocks, self._piece = blocks, piece
        self._total = sum(map(len, blocks))
        self._done = 0  # characters of the pieces handed out so far

    @property
    def fraction_read(self) -> float:
        """How much of the text the pieces handed out so far cover (for progress;
        counting the lines first would take one long C call)."""
        return self._done / max(1, self._total)

    def __iter__(self) -> Iterator[str]:
        for text in self._blocks:
            start = 0
            while start < len(text):
                end = text.find("\n", start + self._piece)
                end = len(text) if end < 0 else end + 1
                self._done += end - start
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
