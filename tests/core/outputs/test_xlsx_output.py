"""Tests for the Excel writer."""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import pytest

from inventory_gui.core.models import OUTPUT_COLUMNS, Result
from inventory_gui.core.outputs.registry import write_results
from inventory_gui.core.outputs.xlsx_output import discard_unsaved_rows


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


def test_discard_unsaved_rows_removes_openpyxl_temporary_file() -> None:
    """Fails if openpyxl changes the internal ``_writer`` that ``discard_unsaved_rows`` uses."""
    from openpyxl.worksheet._writer import ALL_TEMP_FILES

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Results")
    sheet.append(["id", 1])
    temp_file = sheet._writer.out
    assert os.path.exists(temp_file)
    sheet.close()

    discard_unsaved_rows(sheet)

    assert not os.path.exists(temp_file)
    assert temp_file not in ALL_TEMP_FILES
