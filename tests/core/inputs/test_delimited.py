"""CSV and TSV files: quotes, line numbers and fields the csv module refuses."""

from __future__ import annotations

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inventory_gui.core.errors import InputError
from inventory_gui.core.inputs.delimited import _TextLines
from inventory_gui.core.inputs.registry import load_products
from inventory_gui.core.inputs.text_decoding import _utf8_in_steps
from inventory_gui.core.models import Product


def test_csv_with_header_keeps_other_columns_as_fields(write_file) -> None:
    path = write_file("products.csv", "sku,name,store\n007,Widget,north\n 42 ,Gadget ,south\n")
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


def test_semicolon_csv_with_decimal_commas(write_file) -> None:
    path = write_file("de.csv", "Artikel;Preis;Menge\nA-1;2,50;3\nA-2;3,75;1\n")
    result = load_products(path)
    assert result.id_column == "Artikel"
    assert result.products[0] == Product("A-1", {"Preis": "2,50", "Menge": "3"})


def test_delimiters_inside_quotes_are_ignored(write_file) -> None:
    content = 'sku;name\n1;"Bolts, nuts; washers"\n2;"Say ""hi""; twice"\n3;plain\n'
    result = load_products(write_file("q.csv", content))
    assert [p.fields["name"] for p in result.products] == [
        "Bolts, nuts; washers",
        'Say "hi"; twice',
        "plain",
    ]


def test_quoted_newlines_keep_line_numbers_right(write_file, ids) -> None:
    content = 'id,note\n1,"two\nlines"\n,orphan\n2,ok\n'
    result = load_products(write_file("multi.csv", content))
    assert ids(result.products) == ["1", "2"]
    assert result.products[0].fields["note"] == "two\nlines"
    assert result.skipped == [(4, "no product ID")]


def test_csv_field_too_large_reports_the_line(write_file) -> None:
    content = 'id,note\n1,a\n2,"' + "x" * 200_000 + '"\n'
    with pytest.raises(InputError) as caught:
        load_products(write_file("huge.csv", content))
    assert caught.value.line == 3
    assert "field larger than field limit" in str(caught.value)


@given(
    text=st.lists(st.sampled_from(["a", ",", '"', "\n", "\r", "\r\n", "é", "\u2028"])).map("".join),
    step=st.integers(min_value=1, max_value=9),
    piece=st.integers(min_value=1, max_value=8),
)
def test_lines_read_in_blocks_are_the_lines_of_the_whole_text(text, step, piece) -> None:
    # In the decoder's blocks (ending on a line break), a piece at a time (see
    # _TextLines), the lines split exactly as one StringIO over the whole text
    # splits them: quoted line breaks included.
    blocks = _utf8_in_steps(text.encode("utf-8"), step)
    lines = _TextLines(blocks, piece)
    assert lines.fraction_read == 0.0
    seen, fractions = [], []
    for line in lines:
        seen.append(line)
        fractions.append(lines.fraction_read)
    assert seen == list(io.StringIO(text, newline=""))
    assert fractions == sorted(fractions)
    assert all(0.0 < f <= 1.0 for f in fractions)
    assert lines.fraction_read == (1.0 if text else 0.0)


def test_a_quoted_line_break_across_blocks_stays_in_its_cell(write_file) -> None:
    rows = "".join(f'p{i},"line one\nline two {i}"\r\n' for i in range(5_000))
    products = load_products(write_file("q.csv", "sku,note\n" + rows * 30))
    assert len(products.products) == 5_000  # the rest repeat these IDs
    assert products.products[4_999] == Product("p4999", {"note": "line one\nline two 4999"})
