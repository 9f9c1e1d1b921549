"""Tests for the CSV writer: header, formula guard, input columns and a 100,000-row output."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from inventory_gui.core.models import OUTPUT_COLUMNS, Result
from inventory_gui.core.outputs.registry import write_results


def test_csv_header_bom_collision_and_no_response(
    tmp_path: Path, sample_results: list[Result], read_csv_rows: Callable[[Path], list[list[str]]]
) -> None:
    path = write_results(tmp_path / "out.csv", sample_results)

    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = read_csv_rows(path)
    assert rows[0] == [*OUTPUT_COLUMNS, "name", "input_status", "note", "delta"]
    assert "response" not in rows[0]
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["status"] == "ok"
    assert first["input_status"] == "active"
    assert first["id"] == "007"
    assert first["name"] == "Widget é"
    assert first["latency_ms"] == "15.3"
    assert len(rows) == 4


def test_csv_formula_guard_only_touches_text(
    tmp_path: Path, sample_results: list[Result], read_csv_rows: Callable[[Path], list[list[str]]]
) -> None:
    rows = read_csv_rows(write_results(tmp_path / "out.csv", sample_results))
    first, second, third = (dict(zip(rows[0], row, strict=True)) for row in rows[1:])

    assert first["note"] == '\'=HYPERLINK("x")'
    assert second["id"] == "'-A1"
    assert second["name"] == "'+cmd|' /C calc'!A0"
    assert second["delta"] == "-5"  # plain number text cannot run anything
    assert third["quantity"] == "-3.5"
    assert third["latency_ms"] == "-1.0"
    assert second["quantity"] == ""
    assert third["name"] == ""  # missing input column


@pytest.mark.parametrize("text", ["=1+1", "+1+1", "-1+cmd", "@SUM(A1)", "\tx", "\rx"])
def test_csv_formula_guard_prefixes(
    tmp_path: Path, text: str, read_csv_rows: Callable[[Path], list[list[str]]]
) -> None:
    rows = read_csv_rows(write_results(tmp_path / "g.csv", [Result(id="a", fields={"c": text})]))

    assert rows[1][-1] == "'" + text


def test_csv_explicit_columns_and_renamed_twice(
    tmp_path: Path, read_csv_rows: Callable[[Path], list[list[str]]]
) -> None:
    result = Result(id="a", fields={"id": "dup", "input_id": "x", "other": "skip"})

    rows = read_csv_rows(
        write_results(tmp_path / "c.csv", [result], columns=["id", "input_id", "id"])
    )

    assert rows[0] == [*OUTPUT_COLUMNS, "input_input_id", "input_id"]
    assert rows[1][-2:] == ["dup", "x"]


@pytest.mark.slow
def test_100k_csv(
    tmp_path: Path,
    temp_files_in: Callable[[Path], list[str]],
    read_csv_rows: Callable[[Path], list[list[str]]],
    many_results: Callable[[int], list[Result]],
) -> None:
    results = many_results(100_000)
    path = tmp_path / "big.csv"

    write_results(path, results)

    rows = read_csv_rows(path)
    assert len(rows) == 100_001
    assert rows[0] == [*OUTPUT_COLUMNS, "name", "warehouse"]
    assert rows[1][:4] == ["000000", "error", "503", "-10"]
    assert rows[1][-1] == "'=A1"
    assert rows[-1][0] == "099999"
    assert temp_files_in(tmp_path) == []
