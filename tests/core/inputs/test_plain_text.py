"""Text with one product ID per line."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from inventory_gui.core.errors import InputError
from inventory_gui.core.inputs.plain_text import read_plain_text
from inventory_gui.core.inputs.registry import load_products
from inventory_gui.core.inputs.text_decoding import _utf8_in_steps


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


@given(
    lines=st.lists(st.sampled_from(["", "sku", "A1", '"007"', " B2 ", "A1"]), max_size=12),
    endings=st.lists(st.sampled_from(["\n", "\r\n", "\r"]), min_size=12, max_size=12),
    step=st.integers(min_value=1, max_value=12),
)
@example(lines=["", "sku"], endings=["\n"] * 12, step=1)  # the header's line is named
def test_text_in_blocks_reads_as_the_whole_text(lines, endings, step) -> None:
    # Blocks ending on line breaks (how a file is decoded) read line for line as
    # the whole text: the same products, and errors naming the same line.
    text = "".join(line + ending for line, ending in zip(lines, endings, strict=False))
    if not text.strip():
        return  # blank text never reaches the reader (the file is empty)
    blocks = _utf8_in_steps(text.encode("utf-8"), step)
    assert _outcome(blocks) == _outcome([text])


def _outcome(blocks: list[str]) -> object:
    """The products read, or the error's message and line."""
    try:
        return read_plain_text(blocks, "ids.txt", None)
    except InputError as exc:
        return str(exc), exc.line
