"""Tests for the result exporters and the text table."""

from __future__ import annotations

import csv
import gc
import json
import os
import re
import stat
import sys
import time
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet._writer import ALL_TEMP_FILES

from inventory_gui.core.models import RESULT_COLUMNS, Result
from inventory_gui.core.outputs import atomic_file, export
from inventory_gui.core.outputs.cells import json_value
from inventory_gui.core.outputs.export import (
    EXPORT_FORMATS,
    ExportError,
    format_table,
    read_results,
    write_results,
)

CHECKED = "2024-05-01T12:00:00+00:00"


def _sample() -> list[Result]:
    return [
        Result(
            id="007",
            status="ok",
            http_status=200,
            quantity=12,
            latency_ms=15.26,
            attempts=1,
            checked_at=CHECKED,
            fields={"name": "Widget é", "status": "active", "note": '=HYPERLINK("x")'},
            response={"sku": "007", "stock": {"qty": 12, "bins": [1, 2.5, None, True]}},
        ),
        Result(
            id="-A1",
            status="error",
            http_status=404,
            quantity=None,
            latency_ms=3.0,
            attempts=3,
            error="HTTP 404: not found",
            checked_at=CHECKED,
            fields={"name": "+cmd|' /C calc'!A0", "delta": "-5"},
            response=None,
        ),
        Result(id="X9", status="ok", http_status=200, quantity=-3.5, latency_ms=-1.0, attempts=1),
    ]


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- JSON -------------------------------------------------------------------


def test_json_round_trip_keeps_order_fields_response_and_none(tmp_path: Path) -> None:
    results = _sample()
    written = write_results(tmp_path / "out.JSON", results)

    assert written == tmp_path / "out.JSON"
    data = read_results(written)
    assert data == [r.to_dict(with_response=True) for r in results]
    assert [row["id"] for row in data] == ["007", "-A1", "X9"]
    assert data[0]["response"]["stock"]["bins"] == [1, 2.5, None, True]
    assert data[1]["response"] is None
    assert data[1]["quantity"] is None
    assert data[0]["latency_ms"] == 15.3
    assert "Widget é" in written.read_text(encoding="utf-8")  # ensure_ascii=False


def test_json_layout_matches_json_dumps_indent_1(tmp_path: Path) -> None:
    tricky = {
        "nested": {"a": [], "b": {}, "c": [[1, [2, {}]], {"d": 'é\n"\\'}]},
        "floats": [0.1, -0.0, 1e300, float("nan"), float("inf")],
        1: "int key",
        2.5: "float key",
        None: "none key",
        False: "bool key",
        "tuple": (1, "two"),
        "emoji": "📦 \u2028 \x00",
    }
    results = [*_sample(), Result(id="t", response=tricky), Result(id="e", response=[])]

    path = write_results(tmp_path / "out.json", results)

    strict = json_value([r.to_dict() for r in results])  # NaN and infinities as text
    expected = json.dumps(strict, ensure_ascii=False, indent=1)
    assert path.read_text(encoding="utf-8") == expected + "\n"


def test_json_field_named_response_does_not_duplicate_the_key(tmp_path: Path) -> None:
    result = Result(id="r", fields={"response": "input text"}, response={"qty": 1})

    path = write_results(tmp_path / "out.json", [result])

    assert path.read_text(encoding="utf-8").count('"response":') == 1
    assert read_results(path) == [result.to_dict()]


def test_json_empty_list(tmp_path: Path) -> None:
    path = write_results(tmp_path / "empty.json", [])

    assert path.read_text(encoding="utf-8") == "[]\n"
    assert read_results(path) == []


def test_json_lone_surrogate_is_escaped_and_round_trips(tmp_path: Path) -> None:
    path = write_results(tmp_path / "out.json", [Result(id="s", response={"v": "a\ud800b"})])

    assert read_results(path)[0]["response"] == {"v": "a\ud800b"}


# --- CSV --------------------------------------------------------------------


def _read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.reader(file))


def test_csv_header_bom_collision_and_no_response(tmp_path: Path) -> None:
    path = write_results(tmp_path / "out.csv", _sample())

    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = _read_csv(path)
    assert rows[0] == [*RESULT_COLUMNS, "name", "input_status", "note", "delta"]
    assert "response" not in rows[0]
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["status"] == "ok"
    assert first["input_status"] == "active"
    assert first["id"] == "007"
    assert first["name"] == "Widget é"
    assert first["latency_ms"] == "15.3"
    assert len(rows) == 4


def test_csv_formula_guard_only_touches_text(tmp_path: Path) -> None:
    rows = _read_csv(write_results(tmp_path / "out.csv", _sample()))
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
def test_csv_formula_guard_prefixes(tmp_path: Path, text: str) -> None:
    rows = _read_csv(write_results(tmp_path / "g.csv", [Result(id="a", fields={"c": text})]))

    assert rows[1][-1] == "'" + text


def test_csv_explicit_columns_and_renamed_twice(tmp_path: Path) -> None:
    result = Result(id="a", fields={"id": "dup", "input_id": "x", "other": "skip"})

    rows = _read_csv(write_results(tmp_path / "c.csv", [result], columns=["id", "input_id", "id"]))

    assert rows[0] == [*RESULT_COLUMNS, "input_input_id", "input_id"]
    assert rows[1][-2:] == ["dup", "x"]


# --- XLSX -------------------------------------------------------------------


def test_xlsx_round_trip(tmp_path: Path) -> None:
    results = [*_sample(), Result(id="bad\x01char", error="=1+1")]
    path = write_results(tmp_path / "out.xlsx", results)

    book = openpyxl.load_workbook(path)
    sheet = book["Results"]
    assert book.sheetnames == ["Results"]
    assert sheet.freeze_panes == "A2"
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[0] == [*RESULT_COLUMNS, "name", "input_status", "note", "delta"]
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


# --- failures and atomicity -------------------------------------------------


@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("name", ["out.json", "out.csv", "out.xlsx"])
def test_failure_midway_leaves_previous_file_and_no_temp(
    tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / name
    target.write_bytes(b"previous content")
    temp_files_before = list(ALL_TEMP_FILES)
    results = [*_sample(), Result(id="boom", response=object()), *_sample()]
    if not name.endswith(".json"):
        calls = 0
        real_rows = export._rows

        def failing_rows(*args: object) -> object:
            nonlocal calls
            for row in real_rows(*args):
                calls += 1
                if calls == 3:
                    raise OSError(28, "No space left on device")
                yield row

        monkeypatch.setattr(export, "_rows", failing_rows)

    with pytest.raises(ExportError) as caught:
        write_results(target, results)
    openpyxl_temp_files = [f for f in ALL_TEMP_FILES if f not in temp_files_before]

    message = str(caught.value)
    assert message.startswith(f"{target}: ")
    assert "\n" not in message
    assert ("'boom'" in message) if name.endswith(".json") else ("No space left" in message)
    assert target.read_bytes() == b"previous content"
    assert _leftovers(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
    gc.collect()  # a half-written openpyxl sheet must not complain when collected
    assert openpyxl_temp_files == [] or name != "out.xlsx"


def test_failure_without_previous_file_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="not JSON serializable"):
        write_results(tmp_path / "new.json", [Result(id="x", response={"a": {1, 2}})])

    assert list(tmp_path.iterdir()) == []


def test_replaces_previous_file_and_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)

    write_results(target, _sample())

    assert _read_csv(target)[1][0] == "007"
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(os.name != "posix", reason="umask is POSIX")
def test_new_file_gets_umask_permissions_not_0600(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        path = write_results(tmp_path / "out.json", _sample())
    finally:
        os.umask(old)

    assert stat.S_IMODE(path.stat().st_mode) == 0o644


@pytest.mark.parametrize("name", ["out.txt", "out", "out.json.bak", "out.xls"])
def test_unsupported_extension(tmp_path: Path, name: str) -> None:
    with pytest.raises(ExportError, match="unsupported file type") as caught:
        write_results(tmp_path / name, _sample())

    assert str(caught.value).startswith(str(tmp_path / name))
    assert list(tmp_path.iterdir()) == []


def test_missing_directory(tmp_path: Path) -> None:
    target = tmp_path / "nope" / "out.csv"

    with pytest.raises(ExportError, match="does not exist") as caught:
        write_results(target, _sample())

    assert str(caught.value).startswith(str(target))


def test_target_is_a_directory(tmp_path: Path) -> None:
    (tmp_path / "dir.json").mkdir()

    with pytest.raises(ExportError, match="is a folder"):
        write_results(tmp_path / "dir.json", _sample())


@pytest.mark.skipif(
    os.name != "posix" or (hasattr(os, "geteuid") and os.geteuid() == 0),
    reason="needs POSIX permissions that apply to the user",
)
def test_permission_denied(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ExportError, match="permission denied"):
            write_results(folder / "out.json", _sample())
    finally:
        folder.chmod(0o700)


def test_permission_denied_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def deny(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic_file.tempfile, "NamedTemporaryFile", deny)

    with pytest.raises(ExportError) as caught:
        write_results(tmp_path / "out.xlsx", _sample())

    assert str(caught.value) == f"{tmp_path / 'out.xlsx'}: permission denied"


# --- read_results -----------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b'[{"id": "a"},', "not valid JSON: Expecting value: line 1 column 14"),
        (b'{"id": "a"}', "expected a JSON array of results"),
        (b'[{"id": "a"}, 5]', "not a results file"),
        (b'[{"id": "a"}, {"status": "ok"}]', "not a results file"),
        (b"\xff\xfe[]", "not UTF-8"),
    ],
)
def test_read_results_rejects_bad_files(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)

    with pytest.raises(ExportError) as caught:
        read_results(path)

    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert problem in message
    assert "\n" not in message


def test_read_results_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="No such file"):
        read_results(tmp_path / "missing.json")


# --- format_table -----------------------------------------------------------


def test_format_table_no_results() -> None:
    assert format_table([]) == "No results."


_TABLE_HEADER = ("id", "status", "http", "quantity", "latency ms", "attempts", "error")


def test_format_table_aligns_and_truncates() -> None:
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

    lines = format_table(results, max_error_width=20).splitlines()

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


# --- 100k results -----------------------------------------------------------


def _many(count: int) -> list[Result]:
    return [
        Result(
            id=f"{i:06d}",
            status="ok" if i % 7 else "error",
            http_status=200 if i % 7 else 503,
            quantity=i % 50 - 10,
            latency_ms=12.34 + i % 100,
            attempts=1 + i % 3,
            error=None if i % 7 else "HTTP 503",
            checked_at=CHECKED,
            fields={"name": f"Product {i}", "warehouse": "=A1" if i % 1000 == 0 else "north"},
            response={"sku": f"{i:06d}", "quantity": i % 50 - 10, "meta": {"tags": ["a", "b"]}},
        )
        for i in range(count)
    ]


def _timed(label: str, action: object) -> None:
    start = time.perf_counter()
    action()  # type: ignore[operator]
    sys.stderr.write(f"\n{label}: {time.perf_counter() - start:.2f} s\n")


def test_100k_json(tmp_path: Path) -> None:
    results = _many(100_000)
    path = tmp_path / "big.json"

    _timed("write 100k JSON", lambda: write_results(path, results))

    data = read_results(path)
    assert len(data) == 100_000
    assert data[0] == results[0].to_dict()
    assert data[-1] == results[-1].to_dict()
    assert [row["id"] for row in data[:3]] == ["000000", "000001", "000002"]


def test_100k_csv(tmp_path: Path) -> None:
    results = _many(100_000)
    path = tmp_path / "big.csv"

    _timed("write 100k CSV", lambda: write_results(path, results))

    rows = _read_csv(path)
    assert len(rows) == 100_001
    assert rows[0] == [*RESULT_COLUMNS, "name", "warehouse"]
    assert rows[1][:4] == ["000000", "error", "503", "-10"]
    assert rows[1][-1] == "'=A1"
    assert rows[-1][0] == "099999"
    assert _leftovers(tmp_path) == []


def test_export_formats_constant() -> None:
    assert EXPORT_FORMATS == {".json": "JSON", ".csv": "CSV", ".xlsx": "Excel workbook"}
