"""Text with one product ID per line."""

from __future__ import annotations

import pytest

from inventory_gui.core.inputs.registry import load_products


def test_plain_text_one_id_per_line(write_file, ids) -> None:
    path = write_file("ids.txt", "007\n\n  A-1  \n\nB 2\n")
    result = load_products(path)
    assert ids(result.products) == ["007", "A-1", "B 2"]
    assert result.id_column is None
    assert result.columns == []
    assert result.skipped == []
    assert all(product.fields == {} for product in result.products)


@pytest.mark.parametrize("header", ["sku", "SKU", "Product ID", "item", "id"])
def test_single_column_with_known_header(write_file, ids, header: str) -> None:
    result = load_products(write_file("ids.txt", f"{header}\n1\n2\n"))
    assert result.id_column == header
    assert ids(result.products) == ["1", "2"]


def test_single_column_named_by_id_column_is_a_header(write_file, ids) -> None:
    result = load_products(write_file("ids.txt", "Artikel\n1\n"), id_column="Artikel")
    assert result.id_column == "Artikel"
    assert ids(result.products) == ["1"]


def test_single_column_csv_without_header(write_file, ids) -> None:
    result = load_products(write_file("ids.csv", '"007"\n"A,1"\nB""x\n'))
    assert ids(result.products) == ["007", "A,1", 'B""x']
    assert result.id_column is None


def test_old_mac_line_ends(write_file, ids) -> None:
    assert ids(load_products(write_file("mac.txt", "a\rb\r")).products) == ["a", "b"]
