"""JSON product lists: their shapes, values as text, and line numbers in messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from inventory_gui.core.errors import InputError
from inventory_gui.core.inputs.registry import load_products
from inventory_gui.core.models import Product


def test_json_seed_list_of_objects(write_file) -> None:
    items = [{"id": "k3is9dj", "name": "Blue mug"}, {"id": "0042", "name": "Red mug"}]
    result = load_products(write_file("products.json", json.dumps(items, indent=2)))
    assert result.id_column == "id"
    assert result.columns == ["name"]
    assert result.products == [
        Product("k3is9dj", {"name": "Blue mug"}),
        Product("0042", {"name": "Red mug"}),
    ]


def test_json_list_of_strings_and_numbers(write_file, ids) -> None:
    result = load_products(write_file("p.json", '["007", 12345, 12345.0, 12.5, " x "]'))
    assert ids(result.products) == ["007", "12345", "12.5", "x"]
    assert result.duplicates == {"12345": 1}
    assert result.id_column is None


@pytest.mark.parametrize("key", ["products", "items"])
def test_json_object_holding_the_list(write_file, key: str) -> None:
    document = {"meta": {"list": [1, 2]}, key: [{"sku": "A", "qty": 3}]}
    result = load_products(write_file("p.json", json.dumps(document)))
    assert result.products == [Product("A", {"qty": "3"})]


def test_json_object_values_become_text(write_file) -> None:
    items = [
        {"name": "a", "sku": 7, "tags": ["x", "y"], "dims": {"w": 1}, "ok": True, "gone": None},
        {"sku": "8", "extra": 1.0},
    ]
    result = load_products(write_file("p.json", json.dumps(items)))
    assert result.id_column == "sku"
    assert result.columns == ["name", "tags", "dims", "ok", "gone", "extra"]
    assert result.products[0].fields == {
        "name": "a",
        "tags": '["x","y"]',
        "dims": '{"w":1}',
        "ok": "true",
        "gone": "",
        "extra": "",
    }
    assert result.products[1].fields["extra"] == "1"


def test_json_id_column_override(tmp_path: Path, write_file) -> None:
    items = [{"id": 1, "code": "C1"}]
    result = load_products(write_file("p.json", json.dumps(items)), id_column="code")
    assert result.products == [Product("C1", {"id": "1"})]
    with pytest.raises(InputError, match='no column named "nope"; the columns are "id", "code"'):
        load_products(tmp_path / "p.json", id_column="nope")


def test_json_items_without_id_are_skipped_with_their_line(write_file, ids) -> None:
    text = '{"products": [\n  "a",\n  null,\n  "",\n  "b"\n]}\n'
    result = load_products(write_file("p.json", text))
    assert ids(result.products) == ["a", "b"]
    assert result.skipped == [(3, "no product ID"), (4, "no product ID")]
    objects = '[\n{"id": "a"},\n{"name": "no id"},\n{"id": " "}\n]'
    result = load_products(write_file("o.json", objects))
    assert result.skipped == [(3, "no product ID"), (4, "no product ID")]


def test_broken_json_gives_the_line(write_file) -> None:
    with pytest.raises(InputError) as caught:
        load_products(write_file("bad.json", '[\n  "a",\n  "b"\n  "c"\n]'))
    assert caught.value.line == 4
    assert str(caught.value).startswith("bad.json: line 4: invalid JSON: Expecting ',' delimiter")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("42", "found a number"),
        ('"abc"', "found a string"),
        ('{"data": [1]}', 'found an object with keys "data"'),
        ('{"products": 3}', 'found an object with keys "products"'),
        ("[]", "the JSON list holds no products"),
        ('{"items": []}', "the JSON list holds no products"),
    ],
)
def test_json_of_the_wrong_shape(write_file, text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        load_products(write_file("shape.json", text))


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ('[\n["a", "b"]\n]', "item 1 is a list; expected strings or numbers", 2),
        ('[\n"a",\n{"id": 1}\n]', "item 2 is an object; expected strings or numbers", 3),
        ('[\n{"id": 1},\n"a"\n]', "item 2 is a string; expected objects like the first one", 3),
        ('["a", true]', "item 2 is a boolean", 1),
    ],
)
def test_json_items_of_the_wrong_kind(write_file, text: str, message: str, line: int) -> None:
    with pytest.raises(InputError, match=message) as caught:
        load_products(write_file("kind.json", text))
    assert caught.value.line == line


def test_a_number_past_the_digit_limit_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "long.json"
    path.write_text("[" + "7" * 5000 + "]")
    with pytest.raises(InputError) as caught:
        load_products(path)
    assert str(caught.value) == "long.json: invalid JSON: a number has too many digits to read"
