"""Fixtures for the input tests: files written into the test's folder, their product IDs."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from inventory_gui.core.models import Product

Sheets = dict[str, list[list[object]]]


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write a file of the given name into the test's folder: text as UTF-8, or bytes."""

    def write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    return write


@pytest.fixture
def write_xlsx(tmp_path: Path) -> Callable[[str, Sheets], Path]:
    """Save a workbook of the given sheets (title -> rows) into the test's folder."""

    def write(name: str, sheets: Sheets) -> Path:
        book = openpyxl.Workbook()
        book.remove(book.active)
        for title, rows in sheets.items():
            sheet = book.create_sheet(title)
            for row in rows:
                sheet.append(row)
        path = tmp_path / name
        book.save(path)
        return path

    return write


@pytest.fixture
def workbook_with_sheet(tmp_path: Path) -> Callable[..., Path]:
    """Make a real workbook whose first sheet holds the given ``<sheetData>`` XML.

    Called as ``workbook_with_sheet(name, rows, dimension="A1")``: ``rows`` is
    the XML inside ``<sheetData>``, ``dimension`` the sheet's declared size.
    """

    def make(name: str, rows: str, dimension: str = "A1") -> Path:
        sheet = (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>'
        ).encode()
        plain = tmp_path / "plain.xlsx"
        book = openpyxl.Workbook()
        book.active.append(["id"])
        book.save(plain)
        path = tmp_path / name
        with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
            for info in source.infolist():
                data = sheet if info.filename == "xl/worksheets/sheet1.xml" else source.read(info)
                target.writestr(info.filename, data, compress_type=zipfile.ZIP_DEFLATED)
        return path

    return make


@pytest.fixture
def ids() -> Callable[[list[Product]], list[str]]:
    """Return the IDs of products, in order."""
    return lambda products: [product.id for product in products]
