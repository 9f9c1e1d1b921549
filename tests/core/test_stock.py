"""Stock statuses and typed extra fields."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from inventory_gui.core.models import Result
from inventory_gui.core.stock import FieldMap, Stock, StockRules, typed


def ok(quantity, **fields) -> Result:
    return Result(id="x", status="ok", http_status=200, quantity=quantity, fields=fields)


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        (ok(50), Stock.IN_STOCK),
        (ok(5), Stock.LOW),
        (ok(10), Stock.LOW),
        (ok(0), Stock.OUT),
        (ok(-2), Stock.OUT),
        (ok(None), Stock.NO_QUANTITY),
        (Result(id="x", status="error", http_status=404), Stock.UNKNOWN),
        (Result(id="x", status="error", http_status=503), Stock.ERROR),
        (Result(id="x", status="error"), Stock.ERROR),
        (Result(id="x", status="cancelled"), Stock.CANCELLED),
        (Result(id="x"), Stock.PENDING),
    ],
)
def test_status_with_a_global_threshold(result, expected):
    assert StockRules(low_threshold=10).status(result) is expected


def test_per_row_threshold_wins_and_names_are_configurable():
    rules = StockRules(low_threshold=10)
    assert rules.status(ok(15, reorder_point="20")) is Stock.LOW
    assert rules.status(ok(8, min_stock="5")) is Stock.IN_STOCK
    assert rules.status(ok(8, reorder_point="n/a")) is Stock.LOW  # not a number: global rule
    custom = StockRules(low_threshold=None, threshold_columns=("par",))
    assert custom.status(ok(3, par="4", reorder_point="1")) is Stock.LOW
    assert custom.status(ok(3)) is Stock.IN_STOCK  # no rule at all


def test_field_map_parse_and_typed_values():
    fields = FieldMap.parse("name, warehouse=location.code,\n updated_at, stock=stock.level")
    assert fields.names == ["name", "warehouse", "updated_at", "stock"]
    assert str(fields) == "name, warehouse=location.code, updated_at, stock=stock.level"
    answer = {
        "name": "Bolt",
        "location": {"code": "W1"},
        "updated_at": "2026-11-28T12:00:00Z",
        "stock": {"level": "12"},
    }
    values = fields.values(answer)
    assert values == {
        "name": "Bolt",
        "warehouse": "W1",
        "updated_at": datetime(2026, 11, 28, 12, tzinfo=UTC),
        "stock": 12,
    }
    assert fields.values({"name": None}) == {}
    assert fields.values("not json object") == {}


@pytest.mark.parametrize(
    ("value", "expected"),
    [(True, "true"), (3.5, 3.5), ("7", 7), ("2026-01-02", datetime(2026, 1, 2)), ("abc", "abc"),
     ([1], "[1]")],
)  # fmt: skip
def test_typed(value, expected):
    assert typed(value) == expected
