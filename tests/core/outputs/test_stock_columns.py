"""The stock columns of every output: values from the one stock computation, and
input columns named like them kept as ``input_<name>``."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from inventory_gui.core.models import (
    OUTPUT_COLUMNS,
    RESULT_COLUMNS,
    STOCK_COLUMNS,
    Previous,
    Result,
)
from inventory_gui.core.outputs.registry import write_results
from inventory_gui.core.outputs.stock_columns import fixed_values
from inventory_gui.core.stock import Stock, StockContext, StockRules

BEFORE = "2026-11-30T08:00:00Z"


def context() -> StockContext:
    previous = {
        "up": Previous(2, BEFORE),
        "down": Previous(9.5, BEFORE),
        "gone": Previous(3, BEFORE),
    }
    return StockContext(StockRules(low_threshold=4), previous)


def test_standing_is_the_tables_computation() -> None:
    stock = context()
    up = Result("up", "ok", 200, 5)
    down = Result("down", "ok", 200, 1.5, fields={"min": "1"})
    gone = Result("gone", "error", 404, error="HTTP 404")

    assert stock.standing(up) == (Stock.IN_STOCK, 2, 3, BEFORE)
    assert stock.standing(down) == (Stock.IN_STOCK, 9.5, -8.0, BEFORE)  # its own min wins
    assert stock.standing(gone) == (Stock.UNKNOWN, 3, None, BEFORE)  # no answer: no change
    assert stock.standing(Result("new", "ok", 200, 0)) == (Stock.OUT, None, None, None)
    assert stock.flip(Result("up", "ok", 200, 0)) == "out"


def test_input_columns_named_like_stock_columns_are_renamed(tmp_path: Path) -> None:
    result = Result("up", "ok", 200, 5, fields={"change": "typed", "stock_status": "s"})

    with write_results(tmp_path / "o.csv", [result], stock=context()).open(
        encoding="utf-8-sig", newline=""
    ) as file:
        header, row = list(csv.reader(file))
    rows = json.loads(write_results(tmp_path / "o.json", [result], stock=context()).read_text())

    assert header == [*OUTPUT_COLUMNS, "input_change", "input_stock_status"]
    assert dict(zip(header, row, strict=True))["change"] == "3"
    assert rows[0]["change"] == 3
    assert (rows[0]["input_change"], rows[0]["input_stock_status"]) == ("typed", "s")
    assert list(rows[0])[-1] == "response"


def test_fixed_values_are_the_results_own_values() -> None:
    result = Result("up", "ok", 200, 5, 12.345, 2, None, BEFORE, {"id": "input"}, {"q": 5})
    row = dict(zip(OUTPUT_COLUMNS, fixed_values(result, context()), strict=True))

    assert {key: row[key] for key in RESULT_COLUMNS} == {
        "id": "up", "status": "ok", "http_status": 200, "quantity": 5, "latency_ms": 12.3,
        "attempts": 2, "error": None, "checked_at": BEFORE,
    }  # fmt: skip
    assert [row[key] for key in STOCK_COLUMNS] == ["In stock", 2, 3, BEFORE]
