"""The table's rows for a product list, built off the GUI thread (no Qt here).

A million products take a second or two to turn into rows; :func:`prepare_rows`
does it on a worker thread and :meth:`ResultsModel.install
<inventory_gui.gui.table.model.ResultsModel.install>` shows the result.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import count
from operator import attrgetter

from inventory_gui.core.id_index import IdIndex, new_index
from inventory_gui.core.models import Product, Result
from inventory_gui.core.safe_values import text_number_key


@dataclass(slots=True)
class PreparedRows:
    """Everything a model reset needs, built off the GUI thread for large lists.

    The indexes by ID come from :func:`~inventory_gui.core.id_index.new_index`:
    as plain dicts of a million IDs, each rebuild of their tables while they
    grow would freeze the window.
    """

    products: IdIndex[str, Product]
    order: list[Product]
    rows: list[Result]
    row_of: IdIndex[str, int]
    columns: list[str]
    numeric: set[str]
    positions: array[int]


def prepare_rows(
    products: Sequence[Product], columns: Sequence[str], previous: Sequence[Result] = ()
) -> PreparedRows:
    """Build the rows for ``products``, keeping finished results of the same IDs.

    Touches no Qt object, so it may run on a worker thread: for a million
    products it takes a second or two that the window must not freeze for.
    A list of ``products`` is kept as the rows' input order, not copied: the
    caller hands it over and changes it no more.
    """
    size = len(products)
    known = new_index(((r.id, r) for r in previous if r.status != "pending"), len(previous))
    if known:
        rows = [kept_or_pending(known.get(p.id), p) for p in products]
    else:  # nothing to keep: no lookup per product
        rows = [Result.pending(p) for p in products]
    return PreparedRows(
        products=new_index(zip(map(attrgetter("id"), products), products, strict=True), size),
        order=products if isinstance(products, list) else list(products),
        rows=rows,
        row_of=new_index(zip(map(attrgetter("id"), rows), count()), size),
        columns=list(columns),
        numeric={name for name in columns if _looks_numeric(products, name)},
        positions=_count_up(len(rows)),
    )


STEP = 8_192
"""Numbers per C call in :func:`_count_up`: in one call, a million would hold the
GIL, and so freeze the GUI thread, for tens of ms; and each call is a wait for
each call the GUI thread makes into Python meanwhile (each cell it paints), so
a call must be short, not only the whole."""


def _count_up(length: int) -> array[int]:
    """``array("l", range(length))`` made in steps."""
    positions = array("l")
    for start in range(0, length, STEP):
        positions.extend(range(start, min(length, start + STEP)))
    return positions


def kept_or_pending(known: Result | None, product: Product) -> Result:
    """A finished result kept for ``product`` (with its fields), else a pending one."""
    if known is None:
        return Result.pending(product)
    known.fields = product.fields
    return known


def _looks_numeric(products: Sequence[Product], name: str, sample: int = 50) -> bool:
    """True if the first non-empty values of a column are all numbers."""
    values = [p.fields.get(name, "") for p in products[:sample]]
    values = [v for v in values if v]
    return bool(values) and all(text_number_key(v)[0] == 0 for v in values)
