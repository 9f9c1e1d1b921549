"""The fixed columns every output writes: a result's own, with its stock status and
the change since the last successful check (:data:`~inventory_gui.core.models.STOCK_COLUMNS`)
right after the quantity, computed by the same rules as the window's table
(:class:`~inventory_gui.core.stock.StockContext`).
"""

from __future__ import annotations

from typing import Any

from inventory_gui.core.models import OUTPUT_COLUMNS, Result
from inventory_gui.core.settings_schema import LOW_THRESHOLD
from inventory_gui.core.stock import StockContext, StockRules

INPUT_PREFIX = "input_"
"""Put before an input column's name while it clashes with a fixed column."""


def default_stock() -> StockContext:
    """The stock rules a window starts with, and no previous checks."""
    return StockContext(StockRules(low_threshold=LOW_THRESHOLD.default))


def fixed_values(result: Result, stock: StockContext) -> list[Any]:
    """Return the values of :data:`OUTPUT_COLUMNS` for one result, in that order."""
    status, previous_quantity, change, previous_checked_at = stock.standing(result)
    latency = result.latency_ms
    return [
        result.id, result.status, result.http_status, result.quantity,
        status.value, previous_quantity, change, previous_checked_at,
        None if latency is None else round(latency, 1), result.attempts, result.error,
        result.checked_at,
    ]  # fmt: skip


def input_name(key: str, taken: set[str] | frozenset[str]) -> str:
    """``key``, with :data:`INPUT_PREFIX` in front as often as it clashes with ``taken``."""
    name = key
    while name in taken:
        name = INPUT_PREFIX + name
    return name


def json_row(result: Result, stock: StockContext) -> dict[str, Any]:
    """One result as a JSON output object: the fixed columns, then its input columns
    (an input column named like a fixed one as ``input_<name>``), then ``response``."""
    row = dict(zip(OUTPUT_COLUMNS, fixed_values(result, stock), strict=True))
    fields = result.fields
    if _TAKEN.isdisjoint(fields):  # the common case: no name to change
        row.update(fields)
    else:
        taken = set(_TAKEN)
        for key, value in fields.items():
            name = input_name(key, taken)
            taken.add(name)
            row[name] = value
    row["response"] = result.parsed_response()
    return row


_TAKEN = frozenset((*OUTPUT_COLUMNS, "response"))
