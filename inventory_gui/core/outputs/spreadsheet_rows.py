"""The rows CSV and XLSX share: the fixed result columns, then the input columns."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from inventory_gui.core.models import RESULT_COLUMNS, Result


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
    keys, header = list(seen), list(RESULT_COLUMNS)
    taken = set(header) | set(keys)
    for key in keys:
        name = key
        while name in RESULT_COLUMNS or (name != key and name in taken):
            name = "input_" + name
        taken.add(name)
        header.append(name)
    return header, keys


def result_rows(results: Iterable[Result], keys: Sequence[str]) -> Iterator[list[Any]]:
    """Yield each result's values: the fixed columns, then its ``fields[key]`` or None."""
    for result in results:
        fixed, fields = result.to_dict(with_response=False), result.fields
        yield [fixed[name] for name in RESULT_COLUMNS] + [fields.get(key) for key in keys]
