"""The entry points: a file's suffix or content picks its reader; pasted text; progress."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inventory_gui.core.errors import InputError, LoadCancelled
from inventory_gui.core.inputs.registry import (
    SUPPORTED_SUFFIXES,
    _read_sniffed_text,
    _sniff,
    load_products,
    parse_pasted,
)
from inventory_gui.core.inputs.sniffing import sniff_delimiter
from inventory_gui.core.inputs.text_decoding import _utf8_in_steps
from inventory_gui.core.models import Product


def test_supported_suffixes_cover_every_format() -> None:
    assert set(SUPPORTED_SUFFIXES) == {
        ".csv",
        ".tsv",
        ".txt",
        ".json",
        ".xlsx",
        ".xlsm",
        ".xlsb",
        ".xls",
        ".ods",
    }


def test_unknown_suffix_is_sniffed(tmp_path: Path, write_file, write_xlsx, ids) -> None:
    assert ids(load_products(write_file("list.dat", "a\nb\n")).products) == ["a", "b"]
    assert ids(load_products(write_file("noext", "id;x\n1;2\n")).products) == ["1"]
    assert ids(load_products(write_file("p.js", '[{"id": "j"}]')).products) == ["j"]
    book = write_xlsx("book.xlsx", {"S": [["id"], ["x"]]})
    assert ids(load_products(book.rename(tmp_path / "book.bin")).products) == ["x"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", b"", "empty.csv: the file is empty"),
        ("blank.txt", b"\n  \r\n\t\n", "blank.txt: the file is empty"),
        ("bom.csv", b"\xef\xbb\xbf", "bom.csv: the file is empty"),
        ("empty.json", b"  \n", "empty.json: the file is empty"),
        ("nul.csv", b"id\nab\x00cd\n", "nul.csv: binary data, not text"),
        ("junk.txt", b"\x81\x8d\x8f\x90\x9d", "junk.txt: binary data, not text"),
        ("old.xls", b"\xd0\xcf\x11\xe0", "old.xls: not a valid Excel workbook"),
        ("pic.png", b"\x89PNG\r\n\x1a\n\x00\x00", "pic.png: unsupported file type"),
    ],
)
def test_bad_files(write_file, name: str, content: bytes, message: str) -> None:
    with pytest.raises(InputError) as caught:
        load_products(write_file(name, content))
    assert str(caught.value).startswith(message)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^nothing\.csv: file not found$"):
        load_products(tmp_path / "nothing.csv")
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    with pytest.raises(InputError, match=r"^folder\.csv: is a directory"):
        load_products(folder)


def test_error_message_names_file_line_and_problem(write_file) -> None:
    with pytest.raises(InputError) as caught:
        load_products(write_file("products.csv", "sku,name\n"))
    error = caught.value
    assert (error.source, error.line) == ("products.csv", 1)
    assert "\n" not in str(error)


def test_pasted_ids_one_per_line(ids) -> None:
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


def test_100k_row_csv_loads_correctly(write_file) -> None:
    lines = ["sku,name,store,price"]
    lines += [f"{i:07d},Widget {i},store-{i % 17},{i % 1000}.5" for i in range(100_000)]
    lines += ["0000005,again,x,1", ",no id,x,1"]
    path = write_file("big.csv", "\r\n".join(lines) + "\r\n")
    result = load_products(path)
    assert len(result) == 100_000
    assert result.products[0] == Product(
        "0000000", {"name": "Widget 0", "store": "store-0", "price": "0.5"}
    )
    assert result.products[-1].id == "0099999"
    assert result.duplicates == {"0000005": 1}
    assert result.skipped == [(100_003, "no product ID")]


def test_progress_is_reported_and_can_cancel_a_large_load(tmp_path: Path) -> None:
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


_CELLS = st.sampled_from(["a", "b1", "", '"x,y"', '"q\nr"', "7", " c"])


@given(
    rows=st.lists(st.lists(_CELLS, min_size=1, max_size=4), min_size=1, max_size=12),
    delimiter=st.sampled_from([",", ";", "\t", ""]),
    step=st.integers(min_value=1, max_value=40),
)
def test_text_in_blocks_reads_as_the_whole_text(rows, delimiter, step) -> None:
    # A large file is decoded in blocks ending on line breaks (text_decoding):
    # the delimiter guessed and the products read are those of the whole text,
    # errors included, whatever the blocks' size.
    if delimiter:
        text = f"sku{delimiter}note\n" + "".join(delimiter.join(row) + "\n" for row in rows)
    else:  # one ID a line, with every kind of line ending
        endings = ["\n", "\r\n", "\r", "\n\n"]
        text = "sku\n" + "".join(row[0] + endings[len(row) - 1] for row in rows)
    blocks = _utf8_in_steps(text.encode("utf-8"), step)
    assert _sniff(blocks) == sniff_delimiter(text)
    assert _outcome(blocks) == _outcome([text])


def _outcome(blocks: list[str]) -> object:
    """The products read, or the error's message and line."""
    try:
        return _read_sniffed_text(blocks, "f.csv", None)
    except InputError as exc:
        return str(exc), exc.line


def test_a_file_of_blank_blocks_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.csv"
    path.write_text(" \n" * 2_000_000)  # more than one decoded block, all blank
    with pytest.raises(InputError, match="the file is empty"):
        load_products(path)


def test_a_long_first_record_is_sniffed_across_blocks(tmp_path: Path) -> None:
    # The header alone is longer than a decoding step (a megabyte): the delimiter is still found.
    header = ";".join(f"column{i:06d}" for i in range(110_000))  # about 1.3 MB
    path = tmp_path / "wide.csv"
    path.write_text(header + "\n" + ";".join(["p1"] + ["x"] * 109_999) + "\n")
    products = load_products(path, id_column="column000000")
    assert [p.id for p in products.products] == ["p1"]
