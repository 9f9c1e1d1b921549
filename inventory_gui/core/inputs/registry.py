"""Loading the list of products to check from a file or from pasted text.

The file's suffix picks its reader:

* ``.csv``, ``.tsv``, ``.txt``: text whose delimiter (``,`` ``;`` tab ``|``) is
  sniffed (:mod:`~inventory_gui.core.inputs.sniffing`) and split
  (:mod:`~inventory_gui.core.inputs.delimited`); text without one holds one ID
  per line (:mod:`~inventory_gui.core.inputs.plain_text`).
* ``.json``: :mod:`~inventory_gui.core.inputs.json_list`.
* ``.xlsx``, ``.xlsm``, ``.xlsb``, ``.xls``, ``.ods``:
  :mod:`~inventory_gui.core.inputs.workbook`.

A file of any other suffix is read by its content: a zip or an OLE2 file as a workbook, text
starting like JSON as JSON if it parses, any other text as text.  Every reader
turns its rows into products by the same rules
(:mod:`~inventory_gui.core.inputs.product_table`).

Hostile files are refused with one line, quickly and in bounded memory: only
regular files are read, in chunks between which the load can be cancelled
(:mod:`~inventory_gui.core.inputs.file_reading`); text decides its encoding from
the evidence it holds and says so when it is not UTF-8
(:mod:`~inventory_gui.core.inputs.text_decoding`); workbooks are checked before
they are expanded (:mod:`~inventory_gui.core.inputs.workbook_guard`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from inventory_gui.core import gc_policy
from inventory_gui.core.errors import InputError
from inventory_gui.core.inputs.delimited import read_delimited
from inventory_gui.core.inputs.file_reading import read_input
from inventory_gui.core.inputs.json_list import read_json_list
from inventory_gui.core.inputs.load_progress import (
    ProgressHook,
    report_progress,
    report_reading,
    report_splitting,
    reporting_to,
)
from inventory_gui.core.inputs.plain_text import read_plain_text
from inventory_gui.core.inputs.sniffing import sniff_delimiter, sniff_reach
from inventory_gui.core.inputs.text_decoding import NotTextError, decode_text
from inventory_gui.core.inputs.workbook import WORKBOOK_SUFFIXES, read_workbook
from inventory_gui.core.inputs.workbook_guard import OLE2_MAGIC, check_not_encrypted
from inventory_gui.core.models import ProductList

TextReader = Callable[[list[str], str, str | None], ProductList]
"""Reads products from decoded text in blocks ending on line breaks
(:class:`~inventory_gui.core.inputs.text_decoding.Decoded`): ``(blocks, source, id_column)``."""


def _read_sniffed_text(blocks: list[str], source: str, id_column: str | None) -> ProductList:
    """Read delimited rows, or one ID per line when no delimiter is found."""
    delimiter = _sniff(blocks)
    if delimiter is None:
        return read_plain_text(blocks, source, id_column)
    return read_delimited(blocks, delimiter, source, id_column)


def _sniff(blocks: list[str]) -> str | None:
    """The delimiter, guessed from the first block unless the guess needs more."""
    delimiter, reach = sniff_reach(blocks[0])
    if reach >= len(blocks[0]) and len(blocks) > 1:  # it looked up to the block's end
        return sniff_delimiter("".join(blocks))
    return delimiter


def _read_json_blocks(blocks: list[str], source: str, id_column: str | None) -> ProductList:
    return read_json_list("".join(blocks), source, id_column)


# The readers of decoded text by suffix; workbooks (WORKBOOK_SUFFIXES) are read
# from their bytes, and any other suffix by its content.
_TEXT_READERS: dict[str, TextReader] = {
    ".csv": _read_sniffed_text,
    ".tsv": _read_sniffed_text,
    ".txt": _read_sniffed_text,
    ".json": _read_json_blocks,
}

SUPPORTED_SUFFIXES = (*_TEXT_READERS, *WORKBOOK_SUFFIXES)
"""File name suffixes :func:`load_products` reads, for a file dialog filter."""

_ZIP_MAGIC = b"PK\x03\x04"


def load_products(
    path: str | os.PathLike[str],
    *,
    id_column: str | None = None,
    sheet: str | None = None,
    progress: ProgressHook | None = None,
) -> ProductList:
    """Read the products listed in a CSV, TSV, text, JSON or Excel file.

    Args:
        path: the file; its suffix picks the format, unknown suffixes are sniffed.
        id_column: the header of the ID column; by default the first ID-like
            header (``id``, ``sku``, ``product_id``, ``item``, ``code``), else the
            first column.
        sheet: the worksheet of a workbook to read; by default the first one.
            Ignored for other formats.
        progress: called with the fraction done (0 to 1) now and then, from
            the loading thread; it may raise :class:`LoadCancelled` to stop.

    Returns:
        The unique products with the input's other columns as their fields.

    Raises:
        InputError: the file is missing, not a regular file, empty, too large,
            binary, malformed, a workbook past Excel's limits or password-protected,
            of the wrong shape, or ``id_column``/``sheet`` names something it does
            not hold.
        LoadCancelled: ``progress`` asked to stop.
    """
    file = Path(path)
    source = file.name or str(file)
    suffix = file.suffix.lower()
    with reporting_to(progress):
        report_progress(0.0)
        with gc_policy.paused():
            # The bytes are handed over, not kept here: once decoded they can be freed.
            products = _read_bytes(
                _read_file(file, source, suffix), suffix, source, id_column, sheet
            )
        report_progress(1.0)
        return products


def parse_pasted(
    text: str, *, id_column: str | None = None, source: str = "pasted text"
) -> ProductList:
    """Read products from pasted text: one ID per line, or copied spreadsheet rows.

    Tab-separated rows (what spreadsheets copy) and other delimited text follow
    the same header and ID-column rules as :func:`load_products`.

    Args:
        text: the pasted text.
        id_column: the header of the ID column, as for :func:`load_products`.
        source: the name used in messages and in the result.

    Returns:
        The unique products; blank text gives an empty list, not an error.

    Raises:
        InputError: ``id_column`` is not a column, or there is a header but no rows.
    """
    text = text.lstrip("\ufeff")
    if not text.strip():
        return ProductList(products=[], source=source)
    with gc_policy.paused():
        return _read_sniffed_text([text], source, id_column)


def _read_file(file: Path, source: str, suffix: str) -> bytearray:
    """Read the file's bytes, refusing binary data where the suffix promises text."""
    text = suffix not in WORKBOOK_SUFFIXES
    try:
        data = read_input(file, source, report_reading, text=text)
    except NotTextError as exc:
        raise _not_text(exc, known=suffix in SUPPORTED_SUFFIXES) from None
    report_splitting(0.0)
    return data


def _read_bytes(
    data: bytearray, suffix: str, source: str, id_column: str | None, sheet: str | None
) -> ProductList:
    """Pick the reader by the file suffix, or by the content for unknown suffixes."""
    check_not_encrypted(data, source)
    known = suffix in SUPPORTED_SUFFIXES
    workbook_content = data.startswith(OLE2_MAGIC) or (
        not known and data.startswith(_ZIP_MAGIC)
    )  # an .xls saved as .csv is still read: nothing else starts like OLE2
    if suffix in WORKBOOK_SUFFIXES or workbook_content:
        return read_workbook(data, source, id_column, sheet)
    try:
        decoded = decode_text(data, source)
    except NotTextError as exc:
        raise _not_text(exc, known=known) from None
    del data  # the text replaces it: a large file is not held twice
    blocks = decoded.blocks
    if all(block.isspace() for block in blocks):  # not strip(): a copy of the whole text
        raise InputError(source, "the file is empty")
    products = _TEXT_READERS.get(suffix, _read_unknown_text)(blocks, source, id_column)
    if decoded.note:
        products.notes.append(f"{source}: {decoded.note}")
    return products


def _read_unknown_text(blocks: list[str], source: str, id_column: str | None) -> ProductList:
    """Read text of an unknown suffix: as JSON if it starts like JSON and parses."""
    first = next(block for block in blocks if not block.isspace())
    if first.lstrip()[:1] in ("[", "{"):
        try:
            return _read_json_blocks(blocks, source, id_column)
        except InputError:
            pass
    return _read_sniffed_text(blocks, source, id_column)


def _not_text(exc: NotTextError, *, known: bool) -> InputError:
    """Say that a file of an unknown type is unsupported rather than binary."""
    if known:
        return exc
    expected = ", ".join(SUPPORTED_SUFFIXES)
    problem = f"unsupported file type ({exc.problem}); expected one of {expected}"
    return InputError(exc.source, problem)
