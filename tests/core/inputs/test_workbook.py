"""Excel workbooks: cell values as text, sheets, blank rows, broken files."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from inventory_gui.core.errors import InputError
from inventory_gui.core.inputs.registry import load_products
from inventory_gui.core.models import Product


def test_xlsx_numbers_dates_and_text(write_xlsx, ids) -> None:
    rows: list[list[object]] = [
        ["SKU", "Name", "Price", "Since", "At", "Active"],
        [12345, "Mug", 12.5, date(2024, 3, 1), datetime(2024, 3, 1, 8, 30), True],
        [12346.0, "Cup", 3.0, None, None, False],
        ["007", "Bowl", None, None, None, None],
    ]
    result = load_products(write_xlsx("p.xlsx", {"Stock": rows}))
    assert result.source == "p.xlsx"
    assert result.id_column == "SKU"
    assert ids(result.products) == ["12345", "12346", "007"]
    assert result.products[0].fields == {
        "Name": "Mug",
        "Price": "12.5",
        "Since": "2024-03-01",
        "At": "2024-03-01T08:30:00",
        "Active": "TRUE",
    }
    assert result.products[1].fields["Price"] == "3"
    assert result.products[2].fields["Price"] == ""


def test_xlsx_named_sheet_and_xlsm_suffix(tmp_path: Path, write_xlsx, ids) -> None:
    sheets: dict[str, list[list[object]]] = {"First": [["id"], ["a"]], "Second": [["id"], ["b"]]}
    path = write_xlsx("book.xlsx", sheets)
    assert ids(load_products(path).products) == ["a"]
    assert ids(load_products(path, sheet="Second").products) == ["b"]
    xlsm = path.rename(tmp_path / "book.xlsm")
    assert ids(load_products(xlsm, sheet="Second").products) == ["b"]


def test_xlsx_missing_sheet_lists_the_sheets(write_xlsx) -> None:
    path = write_xlsx("book.xlsx", {"First": [["id"], ["a"]], "Other": [["x"]]})
    with pytest.raises(InputError) as caught:
        load_products(path, sheet="Nope")
    assert (
        str(caught.value) == 'book.xlsx: no worksheet named "Nope"; the sheets are "First", "Other"'
    )


def test_xlsx_blank_rows_and_skipped_line_numbers(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A2"], sheet["B2"] = "code", "name"
    sheet["A3"], sheet["B3"] = "X1", "one"
    sheet["B4"] = "no code"
    sheet["A5"] = "X2"
    sheet["C40"] = None
    sheet["A41"].number_format = "0.00"
    path = tmp_path / "gaps.xlsx"
    book.save(path)
    result = load_products(path)
    assert result.id_column == "code"
    assert result.products == [Product("X1", {"name": "one"}), Product("X2", {"name": ""})]
    assert result.skipped == [(4, "no product ID")]


def test_xlsx_single_column_without_header(write_xlsx, ids) -> None:
    result = load_products(write_xlsx("ids.xlsx", {"S": [["A"], [7], ["A"]]}))
    assert result.id_column is None
    assert ids(result.products) == ["A", "7"]
    assert result.duplicates == {"A": 1}


def test_xlsx_empty_sheet_and_header_only(write_xlsx) -> None:
    path = write_xlsx("empty.xlsx", {"Blank": [], "Head": [["sku", "name"]]})
    with pytest.raises(InputError, match=r'empty\.xlsx: sheet "Blank" is empty'):
        load_products(path)
    with pytest.raises(InputError, match="line 1: there is a header row but no products"):
        load_products(path, sheet="Head")


@pytest.mark.parametrize(
    "content",
    [b"this is not a zip file", b"PK\x03\x04 truncated zip", b""],
    ids=["text", "truncated", "empty"],
)
def test_invalid_xlsx(write_file, content: bytes) -> None:
    with pytest.raises(
        InputError, match=r"^broken\.xlsx: (not a valid Excel workbook|the file is)"
    ):
        load_products(write_file("broken.xlsx", content))


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "other.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(
        InputError, match=r"other\.xlsx: not a valid Excel or OpenDocument workbook"
    ):
        load_products(path)
