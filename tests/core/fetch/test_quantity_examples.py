"""Quantity extraction by example: the default keys, a named path, what is not a number."""

from __future__ import annotations

import pytest

from inventory_gui.core.fetch.quantity import QuantityError, extract_quantity, to_number


@pytest.mark.parametrize(
    ("body", "path", "expected"),
    [
        ({"quantity": 5}, None, 5),
        ({"qty": "12"}, None, 12),
        ({"stock": " 2.5 "}, None, 2.5),
        ({"available": 0}, None, 0),
        ({"inventory": "1,200"}, None, 1200),
        ({"on_hand": 3, "quantity": None}, None, 3),
        ({"stock": {"available": 4}, "on_hand": 9}, None, 9),
        ({"name": "x"}, None, None),
        ([1, 2], None, None),
        ({"stock": {"available": "8"}}, "stock.available", 8),
        ({"items": [{"qty": 4}]}, "items.0.qty", 4),
        ({"stock": {}}, "stock.available", None),
        ({"q": True}, None, None),
    ],
)
def test_extract_quantity(body, path, expected):
    assert extract_quantity(body, path) == expected


def test_extract_quantity_named_field_must_be_numeric():
    with pytest.raises(QuantityError, match="'stock' is not a number: 'lots'"):
        extract_quantity({"stock": "lots"}, "stock")


def test_to_number_rejects_non_finite_and_bools():
    assert to_number("nan") is None
    assert to_number(float("inf")) is None
    assert to_number(False) is None
    assert to_number("-3") == -3
