"""Tests for the JSON writer: its layout, strictness and a 100,000-row output."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from inventory_gui.core.models import Result
from inventory_gui.core.outputs.cells import json_value
from inventory_gui.core.outputs.export_error import ExportError
from inventory_gui.core.outputs.registry import read_results, write_results
from inventory_gui.core.outputs.stock_columns import default_stock, json_row


def expected_row(result: Result) -> dict[str, object]:
    return json_row(result, default_stock())


def test_json_round_trip_keeps_order_fields_response_and_none(
    tmp_path: Path, sample_results: list[Result]
) -> None:
    results = sample_results
    written = write_results(tmp_path / "out.JSON", results)

    assert written == tmp_path / "out.JSON"
    data = read_results(written)
    assert data == [expected_row(r) for r in results]
    assert [row["id"] for row in data] == ["007", "-A1", "X9"]
    assert data[0]["response"]["stock"]["bins"] == [1, 2.5, None, True]
    assert data[1]["response"] is None
    assert data[1]["quantity"] is None
    assert data[0]["latency_ms"] == 15.3
    assert "Widget é" in written.read_text(encoding="utf-8")  # ensure_ascii=False
    assert data[0]["input_status"] == "active"  # named like a fixed column: kept, renamed
    assert list(data[0])[3:9] == [
        "quantity", "stock_status", "previous_quantity", "change", "previous_checked_at",
        "latency_ms",
    ]  # fmt: skip
    assert [row["stock_status"] for row in data] == ["In stock", "Unknown product", "Out"]


def test_json_layout_matches_json_dumps_indent_1(
    tmp_path: Path, sample_results: list[Result]
) -> None:
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
    results = [*sample_results, Result(id="t", response=tricky), Result(id="e", response=[])]

    path = write_results(tmp_path / "out.json", results)

    strict = json_value([expected_row(r) for r in results])  # NaN and infinities as text
    expected = json.dumps(strict, ensure_ascii=False, indent=1)
    assert path.read_text(encoding="utf-8") == expected + "\n"


def test_json_field_named_response_does_not_duplicate_the_key(tmp_path: Path) -> None:
    result = Result(id="r", fields={"response": "input text"}, response={"qty": 1})

    path = write_results(tmp_path / "out.json", [result])

    assert path.read_text(encoding="utf-8").count('"response":') == 1
    assert read_results(path) == [expected_row(result)]


def test_json_empty_list(tmp_path: Path) -> None:
    path = write_results(tmp_path / "empty.json", [])

    assert path.read_text(encoding="utf-8") == "[]\n"
    assert read_results(path) == []


def test_json_lone_surrogate_is_escaped_and_round_trips(tmp_path: Path) -> None:
    path = write_results(tmp_path / "out.json", [Result(id="s", response={"v": "a\ud800b"})])

    assert read_results(path)[0]["response"] == {"v": "a\ud800b"}


def test_failure_without_previous_file_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="not JSON serializable"):
        write_results(tmp_path / "new.json", [Result(id="x", response={"a": {1, 2}})])

    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_100k_json(tmp_path: Path, many_results: Callable[[int], list[Result]]) -> None:
    results = many_results(100_000)
    path = tmp_path / "big.json"

    write_results(path, results)

    data = read_results(path)
    assert len(data) == 100_000
    assert data[0] == expected_row(results[0])
    assert data[-1] == expected_row(results[-1])
    assert [row["id"] for row in data[:3]] == ["000000", "000001", "000002"]
