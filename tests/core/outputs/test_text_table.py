"""Tests for the aligned text table of ``fetch`` and ``history``."""

from __future__ import annotations

import re

from inventory_gui.core.history.store import Check
from inventory_gui.core.models import Result
from inventory_gui.core.outputs.text_table import aligned_table, history_table, results_table


def test_results_table_no_results() -> None:
    assert results_table([]) == "No results."


_TABLE_HEADER = (
    "id", "status", "http", "quantity", "stock", "change", "latency ms", "attempts", "error",
)  # fmt: skip


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


def _check(quantity: float | None, change: float | None, error: str | None = None) -> Check:
    return Check(
        id=1,
        run_id=1,
        product_id="007",
        status="ok" if error is None else "error",
        http_status=200,
        quantity=quantity,
        error=error,
        checked_at="2024-05-01T12:00:00.000Z",
        latency_ms=15.0,
        change=change,
    )


def test_history_table_aligns_numbers_and_signs_changes() -> None:
    lines = history_table([_check(1234, None), _check(12, -1222)]).splitlines()

    assert re.split(" {2,}", lines[0]) == [
        "checked at (UTC)", "status", "quantity", "change", "error",
    ]  # fmt: skip
    assert lines[2] == "2024-05-01 12:00:00.000  ok" + " " * 9 + "1,234"
    assert lines[3] == "2024-05-01 12:00:00.000  ok" + " " * 12 + "12  -1,222"


def test_history_table_cuts_and_escapes_errors_as_the_results_table_does() -> None:
    error = "line\nbreak\x00nul\u202e" + "x" * 100
    checks = [_check(None, None, error)]

    history_error = history_table(checks, max_error_width=20).splitlines()[2].split("  ")[-1]
    result = Result(id="007", status="error", error=error)
    results_error = results_table([result], max_error_width=20).splitlines()[2].split("  ")[-1]

    assert history_error == results_error == "line break\\x00nul\\u…"
