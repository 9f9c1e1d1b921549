"""Tests for the JSON writer: its layout, strictness and a 100,000-row output."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inventory_gui.core.models import Result
from inventory_gui.core.outputs import json_output
from inventory_gui.core.outputs.cells import json_value
from inventory_gui.core.outputs.export_error import ExportError
from inventory_gui.core.outputs.json_columns import chunk_rows
from inventory_gui.core.outputs.registry import read_results, write_results
from inventory_gui.core.outputs.stock_columns import default_stock, json_row
from inventory_gui.core.stock import StockContext
from tests.core.outputs.hostile_values import (
    JSON_LIKE,
    NUMBERS,
    PREVIOUS,
    PROPERTY,
    RULES,
    TEXT,
)

ROWS_PER_CHUNK = json_output._ROWS_PER_CHUNK


class ErrorText(str):
    """Text of a str subclass: JSON holds it, the fast path leaves it to the slow one."""


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


# --- the column-by-column fast path (json_columns) ------------------------------------

PLAIN_VALUES = st.none() | st.booleans() | NUMBERS | TEXT
ANSWERS = st.one_of(
    st.dictionaries(TEXT, PLAIN_VALUES, min_size=1, max_size=4),  # the fast path's kind
    JSON_LIKE,
)


@st.composite
def shared_column_runs(draw: st.DrawFn) -> tuple[list[Result], StockContext]:
    """Results that share their input columns (as a CSV's do), answers mostly flat."""
    keys = draw(st.lists(TEXT, max_size=3, unique=True))
    results = [
        Result(
            id=draw(TEXT),
            status=draw(st.sampled_from(["ok", "error", "cancelled"])),
            http_status=draw(st.none() | st.integers(100, 599)),
            quantity=draw(st.none() | NUMBERS),
            latency_ms=draw(st.none() | st.floats(0, 1e6)),
            error=draw(st.none() | TEXT),
            checked_at=draw(st.none() | TEXT),
            fields={key: draw(TEXT) for key in keys},
            response=draw(ANSWERS),
        )
        for _ in range(draw(st.integers(0, 7)))
    ]
    previous = {r.id: draw(PREVIOUS) for r in results if draw(st.booleans())}
    return results, StockContext(draw(RULES), previous)


@PROPERTY
@given(run=shared_column_runs())
def test_property_layout_is_json_dumps_indent_1_in_chunks_of_any_kind(
    tmp_path: Path, run: tuple[list[Result], StockContext]
) -> None:
    results, stock = run
    json_output._ROWS_PER_CHUNK = 2  # chunks laid out by columns next to ones row by row
    try:
        path = write_results(tmp_path / "p.json", results, stock=stock)
    finally:
        json_output._ROWS_PER_CHUNK = ROWS_PER_CHUNK
    strict = json_value([json_row(r, stock) for r in results])
    expected = json.dumps(strict, ensure_ascii=False, indent=1) + "\n"
    assert path.read_bytes() == expected.encode("utf-8", "backslashreplace")


def plain_results(n: int) -> list[Result]:
    return [
        Result(f"p{i}", "ok", 200, i, 1.5, 1, None, "2026-01-01T00:00:00.000Z",
               {"name": f"n{i}", "min": "3"}, {"id": f"p{i}", "quantity": i, "ok": True})
        for i in range(n)
    ]  # fmt: skip


def test_rows_that_share_columns_and_have_flat_answers_take_the_fast_path() -> None:
    results = plain_results(3)
    rows = chunk_rows(results, default_stock())
    assert rows is not None
    strict = json_value([json_row(r, default_stock()) for r in results])
    assert "[" + ",".join(rows) + "\n]" == json.dumps(strict, ensure_ascii=False, indent=1)


@pytest.mark.parametrize(
    "odd",
    [
        {"fields": {"other": "column"}},  # input columns that differ
        {"response": {"nested": {"a": 1}}},
        {"response": {}},  # json.dumps writes {} on one line
        {"response": [1, 2]},
        {"response": None},
        {"response": {1: "number key"}},
        {"quantity": float("nan")},
        {"quantity": -(10**5000)},  # past int's digit limit
        {"error": ErrorText("a str subclass")},
    ],
)
def test_one_odd_row_sends_its_chunk_row_by_row(odd: dict[str, object]) -> None:
    results = plain_results(3)
    for name, value in odd.items():
        setattr(results[1], name, value)
    assert chunk_rows(results, default_stock()) is None
