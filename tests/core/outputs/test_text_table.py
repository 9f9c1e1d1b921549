"""Tests for the aligned text table of ``fetch`` and ``history``."""

from __future__ import annotations

import re

from inventory_gui.core.models import Result
from inventory_gui.core.outputs.text_table import aligned_table, results_table


def test_results_table_no_results() -> None:
    assert results_table([]) == "No results."


_TABLE_HEADER = ("id", "status", "http", "quantity", "latency ms", "attempts", "error")


def test_results_table_aligns_and_truncates() -> None:
    results = [
        Result(id="007", status="ok", http_status=200, quantity=12.0, latency_ms=15.26, attempts=1),
        Result(
            id="B" * 60,
            status="error",
            http_status=None,
            quantity=-3.5,
            latency_ms=1234.5,
            attempts=3,
            error="timeout\nafter " + "x" * 100,
        ),
    ]

    lines = results_table(results, max_error_width=20).splitlines()

    assert len(lines) == 4
    assert re.split(" {2,}", lines[0].strip()) == [*_TABLE_HEADER]
    assert set(lines[1].replace(" ", "")) == {"-"}
    long_id = "B" * 39 + "…"
    assert lines[3].startswith(long_id + "  error")
    assert lines[2].startswith("007" + " " * (len(long_id) - 3) + "  ok")
    assert lines[3].endswith("timeout after xxxxx…")
    assert len(lines[3].split("  ")[-1]) == 20
    # numbers are right-aligned: the columns end at the same place
    for header, first, second in [("http", "200", "-"), ("quantity", "12", "-3.5")]:
        end = lines[0].index(header) + len(header)
        assert lines[2][:end].endswith(first)
        assert lines[3][:end].endswith(second)
    end = lines[0].index("latency ms") + len("latency ms")
    assert lines[2][:end].endswith(" 15")
    assert lines[3][:end].endswith("1234")


def test_aligned_table_pads_columns_and_strips_line_ends() -> None:
    table = aligned_table(("name", "count"), [["a", "1"], ["longer", "1234"]], "<>")

    assert table.splitlines() == [
        "name    count",
        "------  -----",
        "a           1",
        "longer   1234",
    ]


def test_aligned_table_without_rows_is_header_and_dashes() -> None:
    assert aligned_table(("a", "bb"), [], "<<") == "a  bb\n-  --"
