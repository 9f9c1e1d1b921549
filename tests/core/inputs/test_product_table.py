"""The rules every format shares: header, columns, ID column, duplicates, skipped rows."""

from __future__ import annotations

import pytest

from inventory_gui.core.errors import InputError
from inventory_gui.core.inputs.registry import load_products
from inventory_gui.core.models import Fields, Product


def test_ragged_rows_get_empty_cells_and_extra_columns(write_file) -> None:
    content = "id,name,qty\n1,a\n2,b,3,surplus\n"
    result = load_products(write_file("ragged.csv", content))
    assert result.columns == ["name", "qty", "column 4"]
    assert result.products == [
        Product("1", {"name": "a", "qty": "", "column 4": ""}),
        Product("2", {"name": "b", "qty": "3", "column 4": "surplus"}),
    ]


def test_trailing_empty_columns_are_dropped(write_file) -> None:
    result = load_products(write_file("trail.csv", "id,name,,\n1,a,,\n2,b,,\n"))
    assert result.columns == ["name"]


def test_blank_and_duplicate_header_names_are_made_unique(write_file) -> None:
    content = "sku,name,,name,name_2\n1,a,b,c,d\n"
    result = load_products(write_file("dup.csv", content))
    assert result.columns == ["name", "column 3", "name_3", "name_2"]
    assert result.products[0].fields == {"name": "a", "column 3": "b", "name_3": "c", "name_2": "d"}


def test_two_columns_without_known_header_use_first_row_as_header(write_file) -> None:
    result = load_products(write_file("x.csv", "A1,first\nA2,second\n"))
    assert result.id_column == "A1"
    assert result.products == [Product("A2", {"first": "second"})]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("name,SKU,qty", "SKU"),
        ("name,Product ID,qty", "Product ID"),
        ("name,product-id,qty", "product-id"),
        ("name,PRODUCT_ID,qty", "PRODUCT_ID"),
        ("name,Item,code", "Item"),
        ("name,code,qty", "code"),
        ("name,Id,sku", "Id"),
        ("name,store,qty", "name"),
    ],
)
def test_id_column_is_the_first_id_like_header(write_file, header: str, expected: str) -> None:
    result = load_products(write_file("h.csv", f"{header}\nx,y,z\n"))
    assert result.id_column == expected


def test_id_column_override_exact_then_normalised(write_file, ids) -> None:
    path = write_file("o.csv", "sku,Store Code,name\n1,S1,a\n2,S2,b\n")
    assert ids(load_products(path, id_column="Store Code").products) == ["S1", "S2"]
    result = load_products(path, id_column="store_code")
    assert result.id_column == "Store Code"
    assert result.products[0] == Product("S1", {"sku": "1", "name": "a"})


def test_missing_id_column_names_it_and_lists_the_columns(write_file) -> None:
    path = write_file("o.csv", "sku,name\n1,a\n")
    with pytest.raises(InputError) as caught:
        load_products(path, id_column="article")
    assert str(caught.value) == 'o.csv: no column named "article"; the columns are "sku", "name"'


def test_id_column_named_for_headerless_input_is_an_error(write_file) -> None:
    with pytest.raises(InputError, match='no column named "sku": the input has no header row'):
        load_products(write_file("ids.txt", "A\nB\n"), id_column="sku")


def test_header_only_files_are_errors(write_file) -> None:
    with pytest.raises(InputError) as caught:
        load_products(write_file("h.csv", "\nsku,name\n\n"))
    assert str(caught.value) == "h.csv: line 2: there is a header row but no products below it"
    with pytest.raises(InputError, match="header row but no products"):
        load_products(write_file("h.txt", "sku\n"))


def test_duplicates_are_kept_once_and_counted(write_file, ids) -> None:
    content = "id,name\nB,first\nA,x\nB,second\nB,third\nA,y\nC,z\n"
    result = load_products(write_file("d.csv", content))
    assert ids(result.products) == ["B", "A", "C"]
    assert result.products[0].fields == {"name": "first"}
    assert result.duplicates == {"B": 2, "A": 1}


def test_rows_without_id_are_skipped_with_their_line(write_file, ids) -> None:
    content = "id,name\n1,a\n,no id\n  ,blank id\n\n,,\n2,b\n"
    result = load_products(write_file("s.csv", content))
    assert ids(result.products) == ["1", "2"]
    assert result.skipped == [(3, "no product ID"), (4, "no product ID")]


def test_whitespace_is_trimmed_but_leading_zeros_kept(write_file) -> None:
    result = load_products(write_file("z.csv", "sku,qty\n  0012  , 5 \n"))
    assert result.products == [Product("0012", {"qty": "5"})]


def test_a_files_columns_are_kept_compactly(write_file) -> None:
    # One Fields per row (not a dict: half the memory), reading as the row's cells.
    result = load_products(write_file("c.csv", "sku,name,colour\nA,a,red\nB,b,\n"))
    assert all(isinstance(p.fields, Fields) for p in result.products)
    assert [dict(p.fields) for p in result.products] == [
        {"name": "a", "colour": "red"},
        {"name": "b", "colour": ""},
    ]
