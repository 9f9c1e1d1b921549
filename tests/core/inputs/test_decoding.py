"""Text encodings: UTF-8 with or without BOM, UTF-16, Windows-1252 and mixtures."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from inventory_gui.core.errors import InputError
from inventory_gui.core.inputs.registry import load_products
from inventory_gui.core.inputs.text_decoding import _utf8_in_steps
from inventory_gui.core.models import Product


def test_utf8_bom_and_crlf(write_file) -> None:
    data = "\ufeffsku,name\r\n1,Caf\u00e9\r\n2,\u00fc\r\n".encode()
    result = load_products(write_file("bom.csv", data))
    assert result.id_column == "sku"
    assert result.products == [Product("1", {"name": "Café"}), Product("2", {"name": "ü"})]


def test_cp1252_fallback(write_file) -> None:
    data = "sku;name\r\n1;Caf\u00e9 \u20ac\r\n".encode("cp1252")
    result = load_products(write_file("win.csv", data))
    assert result.products == [Product("1", {"name": "Café €"})]


def test_utf16_with_bom(write_file) -> None:
    data = "sku\tname\r\n1\t\u00e9\r\n".encode("utf-16")
    result = load_products(write_file("unicode.txt", data))
    assert result.products == [Product("1", {"name": "é"})]


MIXED = "id\n" + "".join(f"Café-{n}\n" for n in range(1, 6))


def test_one_latin1_byte_among_utf8_keeps_the_utf8_ids(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(MIXED.encode() + b"Caf\xe9-9\n" + "Zoë-1\n".encode())
    products = load_products(path)
    assert [p.id for p in products.products] == [
        *(f"Café-{n}" for n in range(1, 6)),
        "Café-9",
        "Zoë-1",
    ]
    assert products.notes == [
        "mixed.csv: read as UTF-8, but line 7 held bytes that are not; read those as Windows-1252"
    ]


def test_stray_bytes_on_many_lines_are_all_named(tmp_path: Path) -> None:
    path = tmp_path / "many.txt"
    body = "".join(f"Ü-{n}\n" for n in range(20)).encode()
    stray = b"".join(b"\xe9-%d\n" % n for n in range(7))
    path.write_bytes(body + stray)
    products = load_products(path)
    assert [p.id for p in products.products][:20] == [f"Ü-{n}" for n in range(20)]
    assert [p.id for p in products.products][20:] == [f"é-{n}" for n in range(7)]
    assert products.notes == [
        "many.txt: read as UTF-8, but lines 21, 22, 23, 24, 25… held bytes that are not;"
        " read those as Windows-1252"
    ]


def test_a_byte_neither_utf8_nor_cp1252_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_bytes(MIXED.encode() + b"bad\x81\n")
    with pytest.raises(InputError) as caught:
        load_products(path)
    assert str(caught.value) == "odd.csv: line 7: byte 0x81 is neither UTF-8 nor Windows-1252"


def test_a_windows_file_is_read_as_cp1252_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "win.csv"
    path.write_bytes("sku;name\r\n1;Café €\r\n2;Größe\r\n".encode("cp1252"))
    products = load_products(path)
    assert [p.fields["name"] for p in products.products] == ["Café €", "Größe"]
    assert products.notes == ["win.csv: read as Windows-1252: the file is not UTF-8"]


def test_utf16_says_so_and_utf8_says_nothing(tmp_path: Path) -> None:
    wide = tmp_path / "wide.txt"
    wide.write_bytes("id\nÉ1\n".encode("utf-16"))
    assert load_products(wide).notes == ["wide.txt: read as UTF-16 (it starts with a UTF-16 mark)"]
    plain = tmp_path / "plain.txt"
    plain.write_bytes(MIXED.encode())
    assert load_products(plain).notes == []


@given(
    data=st.one_of(
        st.binary(max_size=40),
        st.text(max_size=20).map(lambda t: t.encode("utf-8")),
        st.text(max_size=20).map(lambda t: codecs.BOM_UTF8 + t.encode("utf-8")),
    ),
    step=st.integers(min_value=1, max_value=7),
)
@example(data=b"\xef", step=1)  # the start of a BOM alone: not UTF-8 (found by CI)
@example(data=b"\xef\xbb", step=5)
def test_utf8_decoded_in_steps_is_the_whole_decode(data: bytes, step: int) -> None:
    # Steps split multi-byte characters and the BOM: the text is still the same,
    # in blocks that each end on a line break but the last, none empty.
    try:
        whole = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        with pytest.raises(UnicodeDecodeError):
            _utf8_in_steps(data, step)
    else:
        blocks = _utf8_in_steps(bytearray(data), step)
        assert "".join(blocks) == whole
        assert all(blocks)
        assert all(block.endswith("\n") for block in blocks[:-1])
