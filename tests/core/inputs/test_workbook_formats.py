"""Workbooks other than .xlsx, read by python-calamine: old binary .xls and OpenDocument .ods.

The files are made here: .xls with xlwt, .ods with odfpy.  No Python library
writes .xlsb, so that format is not covered by a file made in a test.
"""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import pytest
import xlwt
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

from inventory_gui.core.errors import InputError
from inventory_gui.core.inputs.registry import load_products


def write_xls(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """Save an old binary workbook of the given sheets (title -> rows)."""
    book = xlwt.Workbook()
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for title, rows in sheets.items():
        sheet = book.add_sheet(title)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if isinstance(value, datetime):
                    sheet.write(r, c, value, date_style)
                elif value is not None:
                    sheet.write(r, c, value)
    book.save(str(path))
    return path


def write_ods(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """Save an OpenDocument spreadsheet of the given sheets; numbers as float cells."""
    document = OpenDocumentSpreadsheet()
    for title, rows in sheets.items():
        table = Table(name=title)
        for row in rows:
            table_row = TableRow()
            for value in row:
                if isinstance(value, int | float) and not isinstance(value, bool):
                    cell = TableCell(valuetype="float", value=value)
                    cell.addElement(P(text=str(value)))
                elif value is None:
                    cell = TableCell()
                else:
                    cell = TableCell(valuetype="string")
                    cell.addElement(P(text=str(value)))
                table_row.addElement(cell)
            table.addElement(table_row)
        document.spreadsheet.addElement(table)
    document.write(str(path))
    return path


ROWS: list[list[object]] = [
    ["Name", "SKU", "Price"],
    ["Mug", 12345, 12.5],
    ["Cup", "007", None],
    ["Bowl", 3.0, 4],
]


@pytest.mark.parametrize("write", [write_xls, write_ods])
def test_xls_and_ods_read_like_xlsx(tmp_path: Path, write, ids) -> None:
    suffix = ".xls" if write is write_xls else ".ods"
    result = load_products(write(tmp_path / f"p{suffix}", {"Stock": ROWS}))
    assert result.source == f"p{suffix}"
    assert result.id_column == "SKU"
    assert ids(result.products) == ["12345", "007", "3"]
    assert result.products[0].fields == {"Name": "Mug", "Price": "12.5"}
    assert result.products[1].fields == {"Name": "Cup", "Price": ""}
    assert result.products[2].fields["Price"] == "4"


@pytest.mark.parametrize("write", [write_xls, write_ods])
def test_named_sheet_and_missing_sheet(tmp_path: Path, write, ids) -> None:
    suffix = ".xls" if write is write_xls else ".ods"
    path = write(tmp_path / f"book{suffix}", {"First": [["id"], ["a"]], "Second": [["id"], ["b"]]})
    assert ids(load_products(path).products) == ["a"]
    assert ids(load_products(path, sheet="Second").products) == ["b"]
    with pytest.raises(InputError) as caught:
        load_products(path, sheet="Nope")
    assert str(caught.value) == (
        f'book{suffix}: no worksheet named "Nope"; the sheets are "First", "Second"'
    )


def test_xls_date_cell_is_an_iso_date(tmp_path: Path) -> None:
    path = write_xls(tmp_path / "d.xls", {"S": [["id", "since"], ["A", datetime(2024, 3, 1)]]})
    assert load_products(path).products[0].fields == {"since": "2024-03-01"}


def test_xls_under_another_suffix_is_read_by_its_content(tmp_path: Path, ids) -> None:
    path = write_xls(tmp_path / "export.csv", {"S": [["id"], ["z1"], ["z2"]]})
    assert ids(load_products(path).products) == ["z1", "z2"]


def test_ods_bomb_is_refused_by_the_zip_guard(tmp_path: Path) -> None:
    """The .ods content goes through the same unpacked-size guard as .xlsx."""
    path = write_ods(tmp_path / "bomb.ods", {"S": [["id"], ["a"]]})
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts["content.xml"] += b" " * (300 << 20)  # compresses over 1,000 to 1
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    with pytest.raises(InputError) as caught:
        load_products(path)
    assert str(caught.value).startswith("bomb.ods: ")
    assert "unpacks" in str(caught.value)


def test_ods_with_an_empty_first_sheet_says_so(tmp_path: Path) -> None:
    path = write_ods(tmp_path / "e.ods", {"Blank": [[None]], "Other": [["id"], ["a"]]})
    with pytest.raises(InputError, match=r'^e\.ods: sheet "Blank" is empty$'):
        load_products(path)
