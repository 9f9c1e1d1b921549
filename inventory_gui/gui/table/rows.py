"""The table's rows for a product list, built off the GUI thread (no Qt here).

A million products take a second or two to turn into rows; :func:`prepare_rows`
does it on a worker thread and :meth:`ResultsModel.install
<inventory_gui.gui.table.model.ResultsModel.install>` shows the result.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass

from inventory_gui.core.models import Product, Result
from inventory_gui.core.safe_values import text_number_key


@dataclass(slots=True)
class PreparedRows:
    """Everything a model reset needs, built off the GUI thread for large lists."""

    products: dict[str, Product]
    rows: list[Result]
    row_of: dict[str, int]
    columns: list[str]
    numeric: set[str]
    positions: array[int]


def prepare_rows(
    products: Sequence[Product], columns: Sequence[str], previous: Sequence[Result] = ()
) -> PreparedRows:
    """Build the rows for ``products``, keeping finished results of the same IDs.

    Touches no Qt object, so it may run on a worker thread: for a million
    products it takes a second or two that the window must not freeze for.
    """
    known = {r.id: r for r in previous if r.status != "pending"}
    rows = []
    for product in products:
        row = known.get(product.id)
        if row is None:
            row = Result.pending(product)
        else:
            row.fields = product.fields
        rows.append(row)
    return PreparedRows(
        products={p.id: p for p in products},
        rows=rows,
        row_of={r.id: i for i, r in enumerate(rows)},
        columns=list(columns),
        numeric={name for name in columns if _looks_numeric(products, name)},
        positions=_count_up(len(rows)),
    )


def _count_up(count: int, step: int = 65_536) -> array[int]:
    """``array("l", range(count))`` built in steps: made in one C call, a million
    numbers would hold the GIL, and so freeze the GUI thread, for tens of ms."""
    positions = array("l")
    for start in range(0, count, step):
        positions.extend(range(start, min(count, start + step)))
    return positions


def _looks_numeric(products: Sequence[Product], name: str, sample: int = 50) -> bool:
    """True if the first non-empty values of a column are all numbers."""
    values = [p.fields.get(name, "") for p in products[:sample]]
    values = [v for v in values if v]
    return bool(values) and all(text_number_key(v)[0] == 0 for v in values)
