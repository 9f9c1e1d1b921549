"""``fetch``'s outputs carry the stock status and the change since the last ok check
(issue 15): each format, twice against an API whose stock changes between runs."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from inventory_gui.core.models import OUTPUT_COLUMNS
from tests.cli.apis import StockApi
from tests.cli.commands import assert_one_line_error, fetch_cli

STOCK_COLUMNS = ["stock_status", "previous_quantity", "change", "previous_checked_at"]


def write_list(path: Path) -> Path:
    """A1 and D4 go by the global threshold, B2 by its own reorder point; C3 is unknown."""
    path.write_text("id,reorder_point\nA1,\nB2,8\nC3,\nD4,\n", encoding="utf-8")
    return path


def read_rows(path: Path) -> list[dict[str, Any]]:
    """The rows of a JSON, CSV or XLSX output as dicts (empty cells as None)."""
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as file:
            rows = list(csv.DictReader(file))
        return [{k: (v if v != "" else None) for k, v in row.items()} for row in rows]
    book = openpyxl.load_workbook(path)
    header, *rows = book.active.iter_rows()
    names = [cell.value for cell in header]
    return [{n: c.value for n, c in zip(names, row, strict=True)} | {"_cells": row} for row in rows]


def header_of(path: Path) -> list[str]:
    if path.suffix == ".json":
        return list(json.loads(path.read_text(encoding="utf-8"))[0])
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as file:
            return next(csv.reader(file))
    return [cell.value for cell in next(openpyxl.load_workbook(path).active.iter_rows())]


def number(value: Any) -> float | None:
    return None if value is None else float(value)


def fetch(api: StockApi, products: Path, data: Path, *extra: str) -> str:
    done = fetch_cli(
        str(products), "--url-template", api.template, "-q", "--data-dir", str(data),
        "--low-threshold", "4", *extra,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr  # C3 is a 404
    assert "Traceback" not in done.stderr
    return done.stdout


@pytest.mark.parametrize("suffix", [".json", ".csv", ".xlsx"])
def test_outputs_carry_stock_status_and_change_since_the_previous_run(
    tmp_path: Path, stock_api: StockApi, suffix: str
) -> None:
    products, data = write_list(tmp_path / "products.csv"), tmp_path / "data"
    stock_api.stock["D4"] = 20
    first, second = tmp_path / f"first{suffix}", tmp_path / f"second{suffix}"

    fetch(stock_api, products, data, "-o", str(first))
    stock_api.stock.update(A1=9, B2=3, D4=0)
    fetch(stock_api, products, data, "-o", str(second))

    header = header_of(second)
    assert header[:4] == ["id", "status", "http_status", "quantity"]
    assert header[4:8] == STOCK_COLUMNS  # right after the quantity
    assert header[: len(OUTPUT_COLUMNS)] == list(OUTPUT_COLUMNS)
    assert "reorder_point" in header  # the input column still follows
    before = {row["id"]: row for row in read_rows(first)}
    assert [row["stock_status"] for row in before.values()] == [
        "In stock", "Low", "Unknown product", "In stock",  # B2: 7 is under its own 8
    ]  # fmt: skip
    for row in before.values():  # nothing earlier to compare with
        assert row["previous_quantity"] is row["change"] is row["previous_checked_at"] is None
    after = {row["id"]: row for row in read_rows(second)}
    assert [row["stock_status"] for row in after.values()] == [
        "In stock", "Low", "Unknown product", "Out",
    ]  # fmt: skip
    assert [number(after[i]["previous_quantity"]) for i in after] == [5, 7, None, 20]
    assert [number(after[i]["change"]) for i in after] == [4, -4, None, -20]
    assert [after[i]["previous_checked_at"] for i in after] == [
        before["A1"]["checked_at"], before["B2"]["checked_at"], None, before["D4"]["checked_at"],
    ]  # fmt: skip
    if suffix == ".xlsx":  # Excel shows the change signed, as the window does
        change = after["A1"]["_cells"][header.index("change")]
        assert change.number_format == '"+"General;"-"General;0'
        assert isinstance(change.value, int)


def table_cells(out: str) -> list[dict[str, str]]:
    """The printed table's rows as {header: cell}, cut where the line of dashes has gaps."""
    header, dashes, *lines = out.splitlines()
    spans, start = [], 0
    for dash in dashes.split("  "):
        spans.append((start, start + len(dash)))
        start += len(dash) + 2
    names = [header[a:b].strip() for a, b in spans]
    return [
        {n: line[a:b].strip() for n, (a, b) in zip(names, spans, strict=True)} for line in lines
    ]


def test_terminal_table_shows_stock_and_change(tmp_path: Path, stock_api: StockApi) -> None:
    products, data = write_list(tmp_path / "products.csv"), tmp_path / "data"
    stock_api.stock["D4"] = 20

    first = table_cells(fetch(stock_api, products, data))
    stock_api.stock.update(A1=9, B2=3, D4=0)
    out = fetch(stock_api, products, data)

    assert out.splitlines()[0].split()[:6] == [
        "id",
        "status",
        "http",
        "quantity",
        "stock",
        "change",
    ]
    assert [(row["id"], row["stock"], row["change"]) for row in first] == [
        ("A1", "In stock", ""), ("B2", "Low", ""), ("C3", "Unknown product", ""),
        ("D4", "In stock", ""),
    ]  # fmt: skip
    assert [(row["quantity"], row["stock"], row["change"]) for row in table_cells(out)] == [
        ("9", "In stock", "+4"), ("3", "Low", "-4"), ("-", "Unknown product", ""),
        ("0", "Out", "-20"),
    ]  # fmt: skip
    assert max(len(line) for line in out.splitlines()) < 120  # still readable


def test_no_history_leaves_the_previous_columns_empty(tmp_path: Path, stock_api: StockApi) -> None:
    products, data = write_list(tmp_path / "products.csv"), tmp_path / "data"
    fetch(stock_api, products, data)
    stock_api.stock["A1"] = 9
    out = tmp_path / "out.csv"

    fetch(stock_api, products, data, "--no-history", "-o", str(out))

    rows = read_rows(out)
    assert [row["stock_status"] for row in rows] == ["In stock", "Low", "Unknown product",
                                                     "Unknown product"]  # fmt: skip
    assert all(row["previous_quantity"] is row["change"] is None for row in rows)


def test_thresholds_come_from_the_options(tmp_path: Path, stock_api: StockApi) -> None:
    products, out = write_list(tmp_path / "products.csv"), tmp_path / "out.json"

    fetch(stock_api, products, tmp_path, "--no-history", "--low-threshold", "5",
          "--threshold-columns", "none_such", "-o", str(out))  # fmt: skip

    assert [row["stock_status"] for row in read_rows(out)][:2] == ["Low", "In stock"]


def test_default_threshold_is_the_windows(tmp_path: Path, stock_api: StockApi) -> None:
    products, out = write_list(tmp_path / "products.csv"), tmp_path / "out.json"

    done = fetch_cli(str(products), "--url-template", stock_api.template, "-q",
                     "--no-history", "-o", str(out))  # fmt: skip

    assert done.returncode == 1, done.stderr
    assert [row["stock_status"] for row in read_rows(out)][:2] == ["Low", "Low"]  # at or under 10


@pytest.mark.parametrize("value", ["-2", "NaN", "lots"])
def test_bad_threshold_is_one_line(tmp_path: Path, stock_api: StockApi, value: str) -> None:
    products = write_list(tmp_path / "products.csv")

    done = fetch_cli(str(products), "--url-template", stock_api.template, "--no-history",
                     f"--low-threshold={value}")  # fmt: skip

    assert_one_line_error(done, "--low-threshold")
    assert stock_api.requested() == []


def test_retry_keeps_the_earlier_rows_comparison(tmp_path: Path, stock_api: StockApi) -> None:
    products, data = write_list(tmp_path / "products.csv"), tmp_path / "data"
    first, second, third = (tmp_path / f"{name}.json" for name in ("first", "second", "third"))
    fetch(stock_api, products, data, "-o", str(first))
    stock_api.stock["A1"] = 9
    fetch(stock_api, products, data, "-o", str(second))
    stock_api.stock.update(C3=1, A1=50)  # the failed row now answers; A1 is not fetched again

    done = fetch_cli("--retry-failed-from", str(second), "--url-template", stock_api.template,
                     "-q", "--data-dir", str(data), "--low-threshold", "4",
                     "-o", str(third))  # fmt: skip

    assert done.returncode == 1, done.stderr  # D4 is still unknown
    rows = {row["id"]: row for row in read_rows(third)}
    assert (rows["A1"]["quantity"], rows["A1"]["previous_quantity"], rows["A1"]["change"]) == (
        9, 5, 4,
    )  # fmt: skip
    assert rows["A1"]["previous_checked_at"] == read_rows(first)[0]["checked_at"]
    assert not [key for key in rows["A1"] if key.startswith("input_")]  # none taken for input
    assert set(rows["C3"]) == set(rows["A1"])
    assert (rows["C3"]["stock_status"], rows["C3"]["previous_quantity"]) == ("Low", None)
