"""Quantity and extra-field paths: dotted as before, or JMESPath; lists summed."""

from __future__ import annotations

import json
import string
from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inventory_gui.core.errors import SettingsError
from inventory_gui.core.fetch.json_path import FieldPath
from inventory_gui.core.fetch.quantity import QuantityError, extract_quantity
from inventory_gui.core.fetch.request_template import BodyTemplate, join_ids
from inventory_gui.core.models import Product
from inventory_gui.core.stock import FieldMap

SQUARE = {
    "counts": [
        {"catalog_object_id": "A", "state": "IN_STOCK", "quantity": "5"},
        {"catalog_object_id": "A", "state": "SOLD", "quantity": "2"},
        {"catalog_object_id": "A", "state": "IN_STOCK", "quantity": "1.5"},
    ],
    "stock": {"available": 9, "on-hand": 4},
}


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("counts[].quantity", 8.5),  # a list is summed after converting the text
        ("sum(counts[?state=='IN_STOCK'].to_number(quantity))", 6.5),
        ("counts[?state=='IN_STOCK'].quantity", 6.5),
        ("counts[?state=='LOST'].quantity", 0),  # no location matches: none in stock
        ("counts.0.quantity", 5),  # today's dotted paths, numeric segments as indexes
        ("counts.-1.quantity", 1.5),
        ("stock.available", 9),
        ("stock.on-hand", 4),  # not valid JMESPath, a valid dotted path
        ("stock.missing", None),
        ("counts[5].quantity", None),
    ],
)
def test_quantity_paths(path, expected):
    assert extract_quantity(SQUARE, FieldPath(path)) == expected


def test_a_value_that_is_no_number_is_the_rows_error_quoting_it():
    body = {"counts": [{"quantity": "3"}, {"quantity": "lots"}]}
    with pytest.raises(QuantityError, match=r"'counts\[\]\.quantity'.*'lots'"):
        extract_quantity(body, FieldPath("counts[].quantity"))
    with pytest.raises(QuantityError, match=r"'counts\[0\]' is not a number: \{'quantity': '3'\}"):
        extract_quantity(body, FieldPath("counts[0]"))


@pytest.mark.parametrize("text", ["counts[?", "sum(", "a..b", "[?state=='x'"])
def test_an_invalid_expression_is_one_line_naming_the_setting(text):
    with pytest.raises(SettingsError) as caught:
        FieldPath(text, "quantity field")
    message = str(caught.value)
    assert message.startswith(f"quantity field {text!r} is not a valid path")
    assert "\n" not in message


def test_extra_fields_accept_jmespath_and_dotted_paths():
    fields = FieldMap.parse(
        "first=counts[0].state, states=counts[].state, avail=stock.available, n=length(counts)"
    )
    values = fields.values(SQUARE)
    assert values["first"] == "IN_STOCK"
    assert values["avail"] == 9
    assert values["n"] == 3
    assert json.loads(values["states"]) == ["IN_STOCK", "SOLD", "IN_STOCK"]
    assert FieldMap.parse("bad=counts[?").values(SQUARE) == {}  # an unusable path finds nothing


# -- properties: the body template and the comma-joined IDs ---------------------------

ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)


@given(ANY_TEXT, ANY_TEXT)
def test_any_id_and_column_fill_a_body_that_parses_back(product_id, store):
    template = BodyTemplate('{"id": {id}, "store": {store}, "list": [{id}], "k": "{x}"}')
    body = json.loads(template.build([Product(product_id, {"store": store, "x": "?"})]))
    assert body == {"id": product_id, "store": store, "list": [product_id], "k": "{x}"}


@given(st.lists(ANY_TEXT, min_size=1, max_size=20))
def test_any_ids_fill_a_json_array(ids):
    template = BodyTemplate('{"ids": {ids}}')
    assert json.loads(template.build([Product(i) for i in ids])) == {"ids": ids}


@given(st.lists(ANY_TEXT, min_size=1, max_size=20))
def test_comma_joined_ids_split_back_into_the_ids(ids):
    joined = join_ids(ids)
    assert set(joined) <= set(string.ascii_letters + string.digits + "%-._~,")
    assert [unquote(part) for part in joined.split(",")] == ids


@given(ANY_TEXT, ANY_TEXT)
def test_braces_inside_json_strings_are_never_placeholders(literal, product_id):
    template = BodyTemplate('{"lit": ' + json.dumps(literal + "{id}") + ', "id": {id}}')
    assert template.placeholders == ("id",)
    body = json.loads(template.build([Product(product_id)]))
    assert body == {"lit": literal + "{id}", "id": product_id}
