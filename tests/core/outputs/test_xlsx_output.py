"""Tests for the Excel writer."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from inventory_gui.core.models import OUTPUT_COLUMNS, Result
from inventory_gui.core.outputs.registry import write_results


def test_xlsx_round_trip(tmp_path: Path, sample_results: list[Result]) -> None:
    results = [*sample_results, Result(id="bad\x01char", error="=1+1")]
    path = write_results(tmp_path / "out.xlsx", results)

    book = openpyxl.load_workbook(path)
    sheet = book["Results"]
    assert book.sheetnames == ["Results"]
    assert sheet.freeze_panes == "A2"
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == [*OUTPUT_COLUMNS, "name", "input_status", "note", "delta"]
    assert all(cell.font.b for cell in sheet[1])
    first, second, third, fourth = (dict(zip(rows[0], row, strict=True)) for row in rows[1:])
    assert first["id"] == "007"
    assert first["quantity"] == 12
    assert first["http_status"] == 200
    assert first["latency_ms"] == pytest.approx(15.3)
    assert first["note"] == '=HYPERLINK("x")'
    assert sheet.cell(row=2, column=rows[0].index("note") + 1).data_type == "s"
    assert second["quantity"] is None
    assert second["id"] == "-A1"
    assert third["quantity"] == -3.5
    assert fourth["id"] == "bad\\x01char"
    assert fourth["error"] == "=1+1"
    assert sheet.cell(row=5, column=rows[0].index("error") + 1).data_type == "s"
    book.close()


def test_xlsx_cell_rules_and_large_values(tmp_path: Path) -> None:
    """Numbers Excel cannot hold exactly are text; text is capped at 32,767 characters."""
    results = [
        Result(id="big", quantity=2**60, latency_ms=float("nan"), error="x" * 40_000),
        Result(id="12345", quantity=1e300, latency_ms=float("inf"), error="\x0b\ud800"),
    ]
    path = write_results(tmp_path / "out.xlsx", results)
    book = openpyxl.load_workbook(path, read_only=True)
    rows = [list(row) for row in book["Results"].iter_rows(values_only=True)]
    book.close()
    first, second = (dict(zip(rows[0], row, strict=True)) for row in rows[1:])
    assert first["quantity"] == str(2**60)
    assert first["latency_ms"] == "NaN"
    assert first["error"] == "x" * 32_767
    assert second["id"] == "12345"  # an ID stays text
    assert second["quantity"] == 1e300
    assert second["latency_ms"] == "Infinity"
    assert second["error"] == "\\x0b\\ud800"


def test_xlsx_writer_keeps_constant_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rows go to a temporary file as they are written, in a folder removed afterwards."""
    import xlsxwriter

    seen: list[dict[str, object]] = []
    real = xlsxwriter.Workbook

    def recording(*args: object, **kwargs: object) -> object:
        seen.append(dict(args[1]))  # type: ignore[arg-type]
        return real(*args, **kwargs)

    monkeypatch.setattr(xlsxwriter, "Workbook", recording)
    write_results(tmp_path / "out.xlsx", [Result(id=str(i)) for i in range(3)])
    assert seen[0]["constant_memory"] is True
    assert not Path(str(seen[0]["tmpdir"])).exists()
