"""Rows of cell text made into products: the rules every input format shares.

The first filled row is a header when the input has more than one column or
when its first cell is an ID header name (``id``, ``sku``, ``product_id``,
``item``, ``code``).  The ID column is the one named by the caller, else the
first ID-like header, else the first column.  IDs stay strings exactly as
written, trimmed; duplicates are kept once and counted, rows without an ID
are skipped and recorded with their line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import islice

from inventory_gui.core.errors import InputError
from inventory_gui.core.id_index import new_id_set
from inventory_gui.core.inputs.load_progress import ROWS_PER_REPORT, report_building
from inventory_gui.core.models import Fields, Product, ProductList

Rows = list[list[str]]
LineOf = Callable[[int], int]
"""The 1-based input line a row (given by its index) starts on."""

ID_HEADERS = frozenset({"id", "sku", "productid", "item", "code"})
"""Normalised header names that mark the ID column (see :func:`normalise_header`)."""

_HEADER_JUNK = str.maketrans("", "", " _-")


@dataclass(slots=True)
class ProductTable:
    """Rows of cell text ready to become products.

    Attributes:
        rows: the rows; only ``rows[start:]`` hold products.
        line_of: the 1-based input line of ``rows[i]``.
        headers: unique column names, or None when the input had no header.
        start: index of the first data row.
        silent_blank: skip wholly blank rows without recording them.
    """

    rows: Rows
    line_of: LineOf
    headers: list[str] | None
    start: int = 0
    silent_blank: bool = False


def products_from_rows(
    rows: Rows, line_of: LineOf, source: str, id_column: str | None
) -> ProductList:
    """Build products from rows whose first filled row may be a header.

    Raises:
        InputError: no row is filled, there is a header but no products, or
            ``id_column`` is not a column.
    """
    first = first_filled(rows)
    if first is None:
        raise InputError(source, "the file is empty")
    width = _table_width(rows, first)
    headers = None
    if width > 1 or is_id_header(rows[first][0], id_column):
        headers = unique_headers([*rows[first][:width], *[""] * (width - len(rows[first]))])
    start = first if headers is None else first + 1
    table = ProductTable(rows, line_of, headers, start=start, silent_blank=True)
    result = products_from_table(table, source, id_column)
    if headers is not None and not result.products and not result.skipped:
        raise InputError(source, "there is a header row but no products below it", line_of(first))
    return result


def products_from_table(table: ProductTable, source: str, id_column: str | None) -> ProductList:
    """Turn the data rows of ``table`` into a :class:`ProductList`.

    Raises:
        InputError: ``id_column`` is not a column.
    """
    headers = table.headers
    id_index = _id_index(headers, id_column or None, source)
    others = [(i, name) for i, name in enumerate(headers or ()) if i != id_index]
    names = {name: at for at, (_, name) in enumerate(others)}  # shared by every row's Fields
    positions = [i for i, _ in others]  # where each of those columns is in a row
    width = len(headers) if headers else 1
    products: list[Product] = []
    append = products.append
    seen = new_id_set(len(table.rows))
    duplicates: dict[str, int] = {}
    skipped: list[tuple[int, str]] = []
    total = max(1, len(table.rows))
    for index, row in enumerate(islice(table.rows, table.start, None), table.start):
        if not index % ROWS_PER_REPORT:
            report_building(index / total)
        if len(row) < width:
            row = row + [""] * (width - len(row))
        product_id = row[id_index].strip()
        if not product_id:
            if not table.silent_blank or any(cell.strip() for cell in row):
                skipped.append((table.line_of(index), "no product ID"))
        elif product_id in seen:
            duplicates[product_id] = duplicates.get(product_id, 0) + 1
        else:
            seen.add(product_id)
            fields = Fields(names, tuple([row[i].strip() for i in positions])) if others else {}
            append(Product(product_id, fields))
    seen.clear()  # in steps, not in one go on return (see ShardedSet.clear)
    return ProductList(
        products=products,
        source=source,
        id_column=headers[id_index] if headers else None,
        columns=[name for _, name in others],
        duplicates=duplicates,
        skipped=skipped,
    )


def first_filled(rows: Rows) -> int | None:
    """Return the index of the first row with a non-blank cell, or None."""
    for index, row in enumerate(rows):
        if any(cell.strip() for cell in row):
            return index
    return None


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


def number_text(value: float) -> str:
    """Return a number cell as text: ``12345.0`` as ``"12345"``, other floats as ``repr``."""
    return str(int(value)) if value.is_integer() else repr(value)


def _normalise_header(name: str) -> str:
    """Return ``name`` lowercased without spaces, underscores and hyphens."""
    return name.lower().translate(_HEADER_JUNK)


def is_id_header(cell: str, id_column: str | None) -> bool:
    """Tell whether ``cell`` names an ID column (a known name or ``id_column``)."""
    name = _normalise_header(cell.strip())
    if name in ID_HEADERS:
        return True
    return bool(id_column) and (cell.strip() == id_column or name == _normalise_header(id_column))


def _id_index(headers: list[str] | None, id_column: str | None, source: str) -> int:
    """Return the index of the ID column (see the module's rules)."""
    if headers is None:
        if id_column:
            raise InputError(source, f'no column named "{id_column}": the input has no header row')
        return 0
    if id_column:
        if id_column in headers:
            return headers.index(id_column)
        wanted = _normalise_header(id_column)
        for index, name in enumerate(headers):
            if _normalise_header(name) == wanted:
                return index
        names = ", ".join(f'"{name}"' for name in headers)
        raise InputError(source, f'no column named "{id_column}"; the columns are {names}')
    for index, name in enumerate(headers):
        if _normalise_header(name) in ID_HEADERS:
            return index
    return 0


def _table_width(rows: Rows, header: int) -> int:
    """Return the column count: the header's, widened for data past its end.

    Trailing columns that are blank in the header and in every row are dropped.
    """
    width = len(rows[header])
    while width > 1 and not rows[header][width - 1].strip():
        width -= 1
    # In blocks: one C call over a million rows would hold the GIL for tens of ms.
    step = ROWS_PER_REPORT
    longest = max(max(map(len, rows[i : i + step])) for i in range(0, len(rows), step))
    for column in range(longest - 1, width - 1, -1):
        if any(len(row) > column and row[column].strip() for row in rows):
            return column + 1
    return width
