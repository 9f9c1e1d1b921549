"""The rows CSV and XLSX share: the fixed columns (stock status and change included),
then the input columns."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from inventory_gui.core.models import OUTPUT_COLUMNS, Result
from inventory_gui.core.outputs.stock_columns import INPUT_PREFIX, fixed_values
from inventory_gui.core.stock import StockContext


def spreadsheet_header(
    results: Iterable[Result], columns: Sequence[str] | None
) -> tuple[list[str], list[str]]:
    """Return the header and the ``fields`` keys written after the fixed columns.

    Args:
        results: their ``fields`` keys, in first-seen order, are the input
            columns when ``columns`` is None.
        columns: the input columns to write; a name taken by a fixed column
            (or by an earlier renamed one) gets ``input_`` in front.
    """
    seen: dict[str, Any] = dict.fromkeys(columns or ())
    if columns is None:
        for result in results:
            seen.update(result.fields)
    keys, header = list(seen), list(OUTPUT_COLUMNS)
    taken = set(header) | set(keys)
    for key in keys:
        name = key
        while name in OUTPUT_COLUMNS or (name != key and name in taken):
            name = INPUT_PREFIX + name
        taken.add(name)
        header.append(name)
    return header, keys


def result_rows(
    results: Iterable[Result], keys: Sequence[str], stock: StockContext
) -> Iterator[list[Any]]:
    """Yield each result's values: the fixed columns, then its ``fields[key]`` or None."""
    for result in results:
        fields = result.fields
        yield fixed_values(result, stock) + [fields.get(key) for key in keys]
