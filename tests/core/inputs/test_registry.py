"""Loading product lists from CSV/TSV/text/JSON/Excel files and pasted text."""

from __future__ import annotations

import json
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from inventory_gui.core.errors import InputError
from inventory_gui.core.inputs import tabular as tab
from inventory_gui.core.inputs.products import SUPPORTED_SUFFIXES, load_products, parse_pasted
from inventory_gui.core.models import Product


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_bytes(content.encode("utf-8"))
    else:
        path.write_bytes(content)
    return path


def ids(products: list[Product]) -> list[str]:
    return [product.id for product in products]


def write_xlsx(tmp_path: Path, name: str, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def test_supported_suffixes_cover_every_format() -> None:
    assert set(SUPPORTED_SUFFIXES) == {".csv", ".tsv", ".txt", ".json", ".xlsx", ".xlsm"}


# ------------------------------------------------------------------ CSV and TSV


def test_csv_with_header_keeps_other_columns_as_fields(tmp_path: Path) -> None:
    path = write(tmp_path, "products.csv", "sku,name,store\n007,Widget,north\n 42 ,Gadget ,south\n")
    result = load_products(path)
    assert result.source == "products.csv"
    assert result.id_column == "sku"
    assert result.columns == ["name", "store"]
    assert result.products == [
        Product("007", {"name": "Widget", "store": "north"}),
        Product("42", {"name": "Gadget", "store": "south"}),
    ]
    assert result.duplicates == {}
    assert result.skipped == []
    assert len(result) == 2


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("comma.csv", "id,name\n1,a\n2,b\n"),
        ("semicolon.csv", "id;name\n1;a\n2;b\n"),
        ("tab.tsv", "id\tname\n1\ta\n2\tb\n"),
        ("tab.csv", "id\tname\n1\ta\n2\tb\n"),
        ("pipe.csv", "id|name\n1|a\n2|b\n"),
        ("tabs.txt", "id\tname\n1\ta\n2\tb\n"),
    ],
)
def test_delimiter_is_sniffed(tmp_path: Path, name: str, content: str) -> None:
    result = load_products(write(tmp_path, name, content))
    assert result.products == [Product("1", {"name": "a"}), Product("2", {"name": "b"})]


def test_semicolon_csv_with_decimal_commas(tmp_path: Path) -> None:
    path = write(tmp_path, "de.csv", "Artikel;Preis;Menge\nA-1;2,50;3\nA-2;3,75;1\n")
    result = load_products(path)
    assert result.id_column == "Artikel"
    assert result.products[0] == Product("A-1", {"Preis": "2,50", "Menge": "3"})


def test_delimiters_inside_quotes_are_ignored(tmp_path: Path) -> None:
    content = 'sku;name\n1;"Bolts, nuts; washers"\n2;"Say ""hi""; twice"\n3;plain\n'
    result = load_products(write(tmp_path, "q.csv", content))
    assert [p.fields["name"] for p in result.products] == [
        "Bolts, nuts; washers",
        'Say "hi"; twice',
        "plain",
    ]


def test_quoted_newlines_keep_line_numbers_right(tmp_path: Path) -> None:
    content = 'id,note\n1,"two\nlines"\n,orphan\n2,ok\n'
    result = load_products(write(tmp_path, "multi.csv", content))
    assert ids(result.products) == ["1", "2"]
    assert result.products[0].fields["note"] == "two\nlines"
    assert result.skipped == [(4, "no product ID")]


def test_sniffing_prefers_the_consistent_delimiter() -> None:
    assert tab.sniff_delimiter("a,b;c\n1,2;3\n4,5,6;7\n") == ";"
    assert tab.sniff_delimiter("name|qty\nSmith, John|3\nDoe|4\n") == "|"
    assert tab.sniff_delimiter("A-1\nA-2\n") is None
    assert tab.sniff_delimiter('"a,b"\n"c,d"\n') is None
    assert tab.sniff_delimiter('"' + "x" * 40_000 + '",b\n1,2\n') == ","


def test_ragged_rows_get_empty_cells_and_extra_columns(tmp_path: Path) -> None:
    content = "id,name,qty\n1,a\n2,b,3,surplus\n"
    result = load_products(write(tmp_path, "ragged.csv", content))
    assert result.columns == ["name", "qty", "column 4"]
    assert result.products == [
        Product("1", {"name": "a", "qty": "", "column 4": ""}),
        Product("2", {"name": "b", "qty": "3", "column 4": "surplus"}),
    ]


def test_trailing_empty_columns_are_dropped(tmp_path: Path) -> None:
    result = load_products(write(tmp_path, "trail.csv", "id,name,,\n1,a,,\n2,b,,\n"))
    assert result.columns == ["name"]


def test_blank_and_duplicate_header_names_are_made_unique(tmp_path: Path) -> None:
    content = "sku,name,,name,name_2\n1,a,b,c,d\n"
    result = load_products(write(tmp_path, "dup.csv", content))
    assert result.columns == ["name", "column 3", "name_3", "name_2"]
    assert result.products[0].fields == {"name": "a", "column 3": "b", "name_3": "c", "name_2": "d"}


def test_two_columns_without_known_header_use_first_row_as_header(tmp_path: Path) -> None:
    result = load_products(write(tmp_path, "x.csv", "A1,first\nA2,second\n"))
    assert result.id_column == "A1"
    assert result.products == [Product("A2", {"first": "second"})]


# ---------------------------------------------------------------- ID column


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
def test_id_column_is_the_first_id_like_header(tmp_path: Path, header: str, expected: str) -> None:
    result = load_products(write(tmp_path, "h.csv", f"{header}\nx,y,z\n"))
    assert result.id_column == expected


def test_id_column_override_exact_then_normalised(tmp_path: Path) -> None:
    path = write(tmp_path, "o.csv", "sku,Store Code,name\n1,S1,a\n2,S2,b\n")
    assert ids(load_products(path, id_column="Store Code").products) == ["S1", "S2"]
    result = load_products(path, id_column="store_code")
    assert result.id_column == "Store Code"
    assert result.products[0] == Product("S1", {"sku": "1", "name": "a"})


def test_missing_id_column_names_it_and_lists_the_columns(tmp_path: Path) -> None:
    path = write(tmp_path, "o.csv", "sku,name\n1,a\n")
    with pytest.raises(InputError) as caught:
        load_products(path, id_column="article")
    assert str(caught.value) == 'o.csv: no column named "article"; the columns are "sku", "name"'


def test_id_column_named_for_headerless_input_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match='no column named "sku": the input has no header row'):
        load_products(write(tmp_path, "ids.txt", "A\nB\n"), id_column="sku")


# -------------------------------------------------------------- plain text


def test_plain_text_one_id_per_line(tmp_path: Path) -> None:
    path = write(tmp_path, "ids.txt", "007\n\n  A-1  \n\nB 2\n")
    result = load_products(path)
    assert ids(result.products) == ["007", "A-1", "B 2"]
    assert result.id_column is None
    assert result.columns == []
    assert result.skipped == []
    assert all(product.fields == {} for product in result.products)


@pytest.mark.parametrize("header", ["sku", "SKU", "Product ID", "item", "id"])
def test_single_column_with_known_header(tmp_path: Path, header: str) -> None:
    result = load_products(write(tmp_path, "ids.txt", f"{header}\n1\n2\n"))
    assert result.id_column == header
    assert ids(result.products) == ["1", "2"]


def test_single_column_named_by_id_column_is_a_header(tmp_path: Path) -> None:
    result = load_products(write(tmp_path, "ids.txt", "Artikel\n1\n"), id_column="Artikel")
    assert result.id_column == "Artikel"
    assert ids(result.products) == ["1"]


def test_single_column_csv_without_header(tmp_path: Path) -> None:
    result = load_products(write(tmp_path, "ids.csv", '"007"\n"A,1"\nB""x\n'))
    assert ids(result.products) == ["007", "A,1", 'B""x']
    assert result.id_column is None


def test_header_only_files_are_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_products(write(tmp_path, "h.csv", "\nsku,name\n\n"))
    assert str(caught.value) == "h.csv: line 2: there is a header row but no products below it"
    with pytest.raises(InputError, match="header row but no products"):
        load_products(write(tmp_path, "h.txt", "sku\n"))


# ---------------------------------------------------- duplicates and skipped


def test_duplicates_are_kept_once_and_counted(tmp_path: Path) -> None:
    content = "id,name\nB,first\nA,x\nB,second\nB,third\nA,y\nC,z\n"
    result = load_products(write(tmp_path, "d.csv", content))
    assert ids(result.products) == ["B", "A", "C"]
    assert result.products[0].fields == {"name": "first"}
    assert result.duplicates == {"B": 2, "A": 1}


def test_rows_without_id_are_skipped_with_their_line(tmp_path: Path) -> None:
    content = "id,name\n1,a\n,no id\n  ,blank id\n\n,,\n2,b\n"
    result = load_products(write(tmp_path, "s.csv", content))
    assert ids(result.products) == ["1", "2"]
    assert result.skipped == [(3, "no product ID"), (4, "no product ID")]


def test_whitespace_is_trimmed_but_leading_zeros_kept(tmp_path: Path) -> None:
    result = load_products(write(tmp_path, "z.csv", "sku,qty\n  0012  , 5 \n"))
    assert result.products == [Product("0012", {"qty": "5"})]


# ---------------------------------------------------------------- encodings


def test_utf8_bom_and_crlf(tmp_path: Path) -> None:
    data = "\ufeffsku,name\r\n1,Caf\u00e9\r\n2,\u00fc\r\n".encode()
    result = load_products(write(tmp_path, "bom.csv", data))
    assert result.id_column == "sku"
    assert result.products == [Product("1", {"name": "Café"}), Product("2", {"name": "ü"})]


def test_cp1252_fallback(tmp_path: Path) -> None:
    data = "sku;name\r\n1;Caf\u00e9 \u20ac\r\n".encode("cp1252")
    result = load_products(write(tmp_path, "win.csv", data))
    assert result.products == [Product("1", {"name": "Café €"})]


def test_utf16_with_bom(tmp_path: Path) -> None:
    data = "sku\tname\r\n1\t\u00e9\r\n".encode("utf-16")
    result = load_products(write(tmp_path, "unicode.txt", data))
    assert result.products == [Product("1", {"name": "é"})]


def test_old_mac_line_ends(tmp_path: Path) -> None:
    assert ids(load_products(write(tmp_path, "mac.txt", "a\rb\r")).products) == ["a", "b"]


# ---------------------------------------------------------------------- JSON


def test_json_seed_list_of_objects(tmp_path: Path) -> None:
    items = [{"id": "k3is9dj", "name": "Blue mug"}, {"id": "0042", "name": "Red mug"}]
    result = load_products(write(tmp_path, "products.json", json.dumps(items, indent=2)))
    assert result.id_column == "id"
    assert result.columns == ["name"]
    assert result.products == [
        Product("k3is9dj", {"name": "Blue mug"}),
        Product("0042", {"name": "Red mug"}),
    ]


def test_json_list_of_strings_and_numbers(tmp_path: Path) -> None:
    result = load_products(write(tmp_path, "p.json", '["007", 12345, 12345.0, 12.5, " x "]'))
    assert ids(result.products) == ["007", "12345", "12.5", "x"]
    assert result.duplicates == {"12345": 1}
    assert result.id_column is None


@pytest.mark.parametrize("key", ["products", "items"])
def test_json_object_holding_the_list(tmp_path: Path, key: str) -> None:
    document = {"meta": {"list": [1, 2]}, key: [{"sku": "A", "qty": 3}]}
    result = load_products(write(tmp_path, "p.json", json.dumps(document)))
    assert result.products == [Product("A", {"qty": "3"})]


def test_json_object_values_become_text(tmp_path: Path) -> None:
    items = [
        {"name": "a", "sku": 7, "tags": ["x", "y"], "dims": {"w": 1}, "ok": True, "gone": None},
        {"sku": "8", "extra": 1.0},
    ]
    result = load_products(write(tmp_path, "p.json", json.dumps(items)))
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


def test_json_id_column_override(tmp_path: Path) -> None:
    items = [{"id": 1, "code": "C1"}]
    result = load_products(write(tmp_path, "p.json", json.dumps(items)), id_column="code")
    assert result.products == [Product("C1", {"id": "1"})]
    with pytest.raises(InputError, match='no column named "nope"; the columns are "id", "code"'):
        load_products(tmp_path / "p.json", id_column="nope")


def test_json_items_without_id_are_skipped_with_their_line(tmp_path: Path) -> None:
    text = '{"products": [\n  "a",\n  null,\n  "",\n  "b"\n]}\n'
    result = load_products(write(tmp_path, "p.json", text))
    assert ids(result.products) == ["a", "b"]
    assert result.skipped == [(3, "no product ID"), (4, "no product ID")]
    objects = '[\n{"id": "a"},\n{"name": "no id"},\n{"id": " "}\n]'
    result = load_products(write(tmp_path, "o.json", objects))
    assert result.skipped == [(3, "no product ID"), (4, "no product ID")]


def test_broken_json_gives_the_line(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_products(write(tmp_path, "bad.json", '[\n  "a",\n  "b"\n  "c"\n]'))
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
def test_json_of_the_wrong_shape(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        load_products(write(tmp_path, "shape.json", text))


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ('[\n["a", "b"]\n]', "item 1 is a list; expected strings or numbers", 2),
        ('[\n"a",\n{"id": 1}\n]', "item 2 is an object; expected strings or numbers", 3),
        ('[\n{"id": 1},\n"a"\n]', "item 2 is a string; expected objects like the first one", 3),
        ('["a", true]', "item 2 is a boolean", 1),
    ],
)
def test_json_items_of_the_wrong_kind(tmp_path: Path, text: str, message: str, line: int) -> None:
    with pytest.raises(InputError, match=message) as caught:
        load_products(write(tmp_path, "kind.json", text))
    assert caught.value.line == line


# --------------------------------------------------------------------- Excel


def test_xlsx_numbers_dates_and_text(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        ["SKU", "Name", "Price", "Since", "At", "Active"],
        [12345, "Mug", 12.5, date(2024, 3, 1), datetime(2024, 3, 1, 8, 30), True],
        [12346.0, "Cup", 3.0, None, None, False],
        ["007", "Bowl", None, None, None, None],
    ]
    result = load_products(write_xlsx(tmp_path, "p.xlsx", {"Stock": rows}))
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


def test_xlsx_named_sheet_and_xlsm_suffix(tmp_path: Path) -> None:
    sheets: dict[str, list[list[object]]] = {"First": [["id"], ["a"]], "Second": [["id"], ["b"]]}
    path = write_xlsx(tmp_path, "book.xlsx", sheets)
    assert ids(load_products(path).products) == ["a"]
    assert ids(load_products(path, sheet="Second").products) == ["b"]
    xlsm = path.rename(tmp_path / "book.xlsm")
    assert ids(load_products(xlsm, sheet="Second").products) == ["b"]


def test_xlsx_missing_sheet_lists_the_sheets(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path, "book.xlsx", {"First": [["id"], ["a"]], "Other": [["x"]]})
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


def test_xlsx_single_column_without_header(tmp_path: Path) -> None:
    result = load_products(write_xlsx(tmp_path, "ids.xlsx", {"S": [["A"], [7], ["A"]]}))
    assert result.id_column is None
    assert ids(result.products) == ["A", "7"]
    assert result.duplicates == {"A": 1}


def test_xlsx_empty_sheet_and_header_only(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path, "empty.xlsx", {"Blank": [], "Head": [["sku", "name"]]})
    with pytest.raises(InputError, match=r'empty\.xlsx: sheet "Blank" is empty'):
        load_products(path)
    with pytest.raises(InputError, match="line 1: there is a header row but no products"):
        load_products(path, sheet="Head")


@pytest.mark.parametrize(
    "content",
    [b"this is not a zip file", b"PK\x03\x04 truncated zip", b""],
    ids=["text", "truncated", "empty"],
)
def test_invalid_xlsx(tmp_path: Path, content: bytes) -> None:
    with pytest.raises(
        InputError, match=r"^broken\.xlsx: (not a valid Excel workbook|the file is)"
    ):
        load_products(write(tmp_path, "broken.xlsx", content))


def test_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "other.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(InputError, match=r"other\.xlsx: not a valid Excel workbook"):
        load_products(path)


# -------------------------------------------------------------- bad input


def test_error_message_names_file_line_and_problem(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_products(write(tmp_path, "products.csv", "sku,name\n"))
    error = caught.value
    assert (error.source, error.line) == ("products.csv", 1)
    assert "\n" not in str(error)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", b"", "empty.csv: the file is empty"),
        ("blank.txt", b"\n  \r\n\t\n", "blank.txt: the file is empty"),
        ("bom.csv", b"\xef\xbb\xbf", "bom.csv: the file is empty"),
        ("empty.json", b"  \n", "empty.json: the file is empty"),
        ("nul.csv", b"id\nab\x00cd\n", "nul.csv: binary data, not text"),
        ("junk.txt", b"\x81\x8d\x8f\x90\x9d", "junk.txt: binary data, not text"),
        ("old.xls", b"\xd0\xcf\x11\xe0", "old.xls: old .xls workbooks are not supported"),
        ("pic.png", b"\x89PNG\r\n\x1a\n\x00\x00", "pic.png: unsupported file type"),
    ],
)
def test_bad_files(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    with pytest.raises(InputError) as caught:
        load_products(write(tmp_path, name, content))
    assert str(caught.value).startswith(message)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^nothing\.csv: file not found$"):
        load_products(tmp_path / "nothing.csv")
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    with pytest.raises(InputError, match=r"^folder\.csv: is a directory"):
        load_products(folder)


def test_unknown_suffix_is_sniffed(tmp_path: Path) -> None:
    assert ids(load_products(write(tmp_path, "list.dat", "a\nb\n")).products) == ["a", "b"]
    assert ids(load_products(write(tmp_path, "noext", "id;x\n1;2\n")).products) == ["1"]
    assert ids(load_products(write(tmp_path, "p.js", '[{"id": "j"}]')).products) == ["j"]
    book = write_xlsx(tmp_path, "book.xlsx", {"S": [["id"], ["x"]]})
    assert ids(load_products(book.rename(tmp_path / "book.bin")).products) == ["x"]


def test_csv_field_too_large_reports_the_line(tmp_path: Path) -> None:
    content = 'id,note\n1,a\n2,"' + "x" * 200_000 + '"\n'
    with pytest.raises(InputError) as caught:
        load_products(write(tmp_path, "huge.csv", content))
    assert caught.value.line == 3
    assert "field larger than field limit" in str(caught.value)


# -------------------------------------------------------------- pasted text


def test_pasted_ids_one_per_line() -> None:
    result = parse_pasted("007\r\n  A-1 \r\n\r\n007\r\n")
    assert result.source == "pasted text"
    assert ids(result.products) == ["007", "A-1"]
    assert result.duplicates == {"007": 1}


def test_pasted_spreadsheet_rows_with_header() -> None:
    result = parse_pasted("Name\tSKU\tQty\nMug\t0012\t3\nCup\t\t4\n")
    assert result.id_column == "SKU"
    assert result.products == [Product("0012", {"Name": "Mug", "Qty": "3"})]
    assert result.skipped == [(3, "no product ID")]


def test_pasted_spreadsheet_rows_without_header_use_first_row() -> None:
    result = parse_pasted("A1\tMug\nA2\tCup\n", id_column="A1")
    assert result.products == [Product("A2", {"Mug": "Cup"})]


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t\n", "\ufeff"])
def test_pasted_blank_text_gives_an_empty_list(text: str) -> None:
    result = parse_pasted(text)
    assert result.products == []
    assert len(result) == 0


def test_pasted_errors_name_the_source() -> None:
    with pytest.raises(InputError, match=r"^clipboard: line 1: there is a header row"):
        parse_pasted("sku\tname\n", source="clipboard")
    with pytest.raises(InputError, match='pasted text: no column named "qty"'):
        parse_pasted("sku\tname\n1\ta\n", id_column="qty")


# -------------------------------------------------------------- large input


def test_100k_row_csv_loads_correctly(tmp_path: Path) -> None:
    lines = ["sku,name,store,price"]
    lines += [f"{i:07d},Widget {i},store-{i % 17},{i % 1000}.5" for i in range(100_000)]
    lines += ["0000005,again,x,1", ",no id,x,1"]
    path = write(tmp_path, "big.csv", "\r\n".join(lines) + "\r\n")
    result = load_products(path)
    assert len(result) == 100_000
    assert result.products[0] == Product(
        "0000000", {"name": "Widget 0", "store": "store-0", "price": "0.5"}
    )
    assert result.products[-1].id == "0099999"
    assert result.duplicates == {"0000005": 1}
    assert result.skipped == [(100_003, "no product ID")]


def test_progress_is_reported_and_can_cancel_a_large_load(tmp_path):
    from inventory_gui.core.errors import LoadCancelled

    path = tmp_path / "big.csv"
    path.write_text("id,name\n" + "".join(f"p{i},n{i}\n" for i in range(200_000)))
    seen: list[float] = []
    products = load_products(path, progress=seen.append)
    assert len(products) == 200_000
    assert seen == sorted(seen)
    assert seen[0] == 0.0
    assert seen[-1] == 1.0
    assert len(seen) >= 5  # read, split, several row batches, done

    def stop_halfway(fraction: float) -> None:
        if fraction > 0.5:
            raise LoadCancelled("big.csv: loading cancelled")

    with pytest.raises(LoadCancelled):
        load_products(path, progress=stop_halfway)
