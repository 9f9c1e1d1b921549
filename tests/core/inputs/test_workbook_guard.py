"""Hostile workbooks: past Excel's limits, zip bombs, encrypted or old binary files."""

from __future__ import annotations

import struct
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from inventory_gui.core.errors import InputError
from inventory_gui.core.inputs.registry import load_products

MakeWorkbook = Callable[..., Path]


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


ROW_ID = '<row r="1">' + _cell("A1", "id") + "</row>"


@pytest.mark.parametrize(
    ("rows", "dimension", "needle"),
    [
        (
            ROW_ID + '<row r="2000000">' + _cell("A2000000", "x") + "</row>",
            "A1",
            "row 2,000,000 in xl/worksheets/sheet1.xml is past Excel's limit of 1,048,576 rows",
        ),
        (
            ROW_ID + '<row r="1048577"><c r="B1048577"><v>1</v></c></row>',
            "A1",
            "row 1,048,577 in xl/worksheets/sheet1.xml is past Excel's limit",
        ),
        (
            ROW_ID + '<row r="2">' + _cell("XFE2", "x") + "</row>",
            "A1",
            "column XFE in xl/worksheets/sheet1.xml is past Excel's last column, XFD",
        ),
        (
            ROW_ID + '<row r="2">' + _cell("ZZZ2", "x") + "</row>",
            "A1",
            "column ZZZ in xl/worksheets/sheet1.xml is past Excel's last column",
        ),
        (
            ROW_ID + '<row r="2">' + _cell("A2", "x") + "</row>",
            "A1:C3000000",
            "row 3,000,000 in xl/worksheets/sheet1.xml is past Excel's limit",
        ),
        (
            ROW_ID + '<row r="2">' + _cell("A2", "x") + "</row>",
            "A1:AAAA2",
            "column AAAA in xl/worksheets/sheet1.xml is past Excel's last column",
        ),
    ],
)
def test_workbook_past_excel_limits_is_refused(
    workbook_with_sheet: MakeWorkbook, rows: str, dimension: str, needle: str
) -> None:
    path = workbook_with_sheet("bomb.xlsx", rows, dimension)
    with pytest.raises(InputError) as caught:
        load_products(path)
    assert str(caught.value).startswith(f"bomb.xlsx: {needle}")


@pytest.mark.slow  # a 1,048,577-row sheet; the dimension case above is the fast sibling
def test_rows_past_the_limit_without_references_are_refused(
    workbook_with_sheet: MakeWorkbook,
) -> None:
    # No r= attributes at all: openpyxl counts the rows itself, and so does the loader.
    # Each row differs, so the part packs no better than a real sheet does.
    rows = "".join(f"<row><c><v>{n * 7919 % 1_000_003}</v></c></row>" for n in range(1_048_576))
    header = "<row>" + _cell("", "id").replace(' r=""', "") + "</row>"
    path = workbook_with_sheet("long.xlsx", header + rows)
    with pytest.raises(InputError, match=r"^long\.xlsx: line 1048577: the sheet reaches past"):
        load_products(path)


def test_columns_past_the_limit_without_references_are_refused(
    workbook_with_sheet: MakeWorkbook,
) -> None:
    path = workbook_with_sheet("wide.xlsx", "<row>" + "<c><v>1</v></c>" * 16_385 + "</row>")
    with pytest.raises(InputError, match=r"^wide\.xlsx: line 1: the sheet reaches past Excel's"):
        load_products(path)


def test_zip_bomb_is_refused_by_its_ratio(workbook_with_sheet: MakeWorkbook) -> None:
    padding = " " * (64 << 20)  # whitespace a parser must wade through, packed ~1000:1
    rows = ROW_ID + padding + '<row r="2">' + _cell("A2", "x") + "</row>"
    path = workbook_with_sheet("bomb.xlsx", rows)
    tracemalloc.start()
    try:
        with pytest.raises(InputError) as caught:
            load_products(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    message = str(caught.value)
    assert message.startswith("bomb.xlsx: not a usable workbook: xl/worksheets/sheet1.xml unpacks")
    assert message.endswith("times its packed size (a zip bomb)")
    assert peak < 16 << 20


def test_workbook_declaring_more_than_the_cap_is_refused(workbook_with_sheet: MakeWorkbook) -> None:
    # The zip reader stops at each part's declared size: a part declaring 600 MiB
    # could make it unpack that much, whatever it really holds.
    path = workbook_with_sheet("vast.xlsx", ROW_ID)
    data = bytearray(path.read_bytes())
    entry = data.index(b"PK\x01\x02")  # the central directory's first entry
    while not data[entry + 46 :].startswith(b"xl/worksheets/sheet1.xml"):
        entry = data.index(b"PK\x01\x02", entry + 4)
    struct.pack_into("<I", data, entry + 24, 600 << 20)  # its uncompressed size
    path.write_bytes(data)
    with pytest.raises(InputError, match=r"^vast\.xlsx: the workbook unpacks to 600 MiB, more"):
        load_products(path)


def test_a_normal_workbook_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "ok.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["sku", "name"])
    for number in range(1, 2001):
        # Text that looks like a reference past the limits is only text.
        book.active.append([f"S{number}", 'thing r="XFE2000000"'])
    book.active.cell(row=2001, column=3, value="far")  # column C is fine
    book.save(path)
    products = load_products(path)
    assert len(products.products) == 2000
    assert products.notes == []


def compound_file(*streams: str) -> bytes:
    """A small OLE2 compound file: its header and one directory sector naming ``streams``."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHH", header, 24, 0x3E, 3, 0xFFFE, 9)  # version 3, 512-byte sectors
    struct.pack_into("<I", header, 48, 0)  # the directory starts at sector 0
    directory = bytearray()
    for number, name in enumerate(("Root Entry", *streams)):
        entry = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        entry[: len(encoded)] = encoded
        struct.pack_into("<HBB", entry, 64, len(encoded), 5 if number == 0 else 2, 1)
        directory += entry
    directory += bytes(512 - len(directory) % 512) if len(directory) % 512 else b""
    return bytes(header + directory)


@pytest.mark.parametrize("name", ["secret.xlsx", "secret.xlsm", "secret.bin", "secret.xls"])
def test_encrypted_workbook_says_password_protected(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(compound_file("EncryptionInfo", "EncryptedPackage"))
    with pytest.raises(InputError) as caught:
        load_products(path)
    assert str(caught.value) == (
        f"{name}: the workbook is password-protected; remove the password in Excel and save again"
    )


@pytest.mark.parametrize("name", ["old.xls", "renamed.xlsx", "old.csv"])
def test_damaged_binary_workbook_is_one_line(tmp_path: Path, name: str) -> None:
    """An OLE2 file that is no workbook is read as one (.xls is supported) and refused."""
    path = tmp_path / name
    path.write_bytes(compound_file("Workbook", "\x05SummaryInformation"))
    with pytest.raises(InputError) as caught:
        load_products(path)
    assert str(caught.value).startswith(f"{name}: not a valid Excel or OpenDocument workbook (")
    assert "\n" not in str(caught.value)
