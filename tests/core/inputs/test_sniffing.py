"""Guessing the delimiter of text files."""

from __future__ import annotations

import pytest

from inventory_gui.core.inputs.registry import load_products
from inventory_gui.core.inputs.sniffing import sniff_delimiter
from inventory_gui.core.models import Product


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
def test_delimiter_is_sniffed(write_file, name: str, content: str) -> None:
    result = load_products(write_file(name, content))
    assert result.products == [Product("1", {"name": "a"}), Product("2", {"name": "b"})]


def test_sniffing_prefers_the_consistent_delimiter() -> None:
    assert sniff_delimiter("a,b;c\n1,2;3\n4,5,6;7\n") == ";"
    assert sniff_delimiter("name|qty\nSmith, John|3\nDoe|4\n") == "|"
    assert sniff_delimiter("A-1\nA-2\n") is None
    assert sniff_delimiter('"a,b"\n"c,d"\n') is None
    assert sniff_delimiter('"' + "x" * 40_000 + '",b\n1,2\n') == ","
