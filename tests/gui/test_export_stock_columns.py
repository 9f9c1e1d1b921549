"""Exports from the window carry what its table shows (issue 15): the stock status
and the change since the last ok check, the same text as the table's cells."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from aiohttp import web

from inventory_gui.core.history.store import HistoryStore
from inventory_gui.core.safe_values import format_change
from inventory_gui.core.stock import StockRules
from inventory_gui.gui.panels.stock_panel import StockSettings
from inventory_gui.gui.table.columns import CHANGE_COLUMN, ID_COLUMN, STOCK_COLUMN
from tests.gui.window_actions import column, fetch_all
from tests.loopback import product_id


def read_rows(path: Path) -> list[dict[str, Any]]:
    """An export's rows as dicts (CSV cells as text, empty ones None)."""
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as file:
            return [{k: v or None for k, v in row.items()} for row in csv.DictReader(file)]
    book = openpyxl.load_workbook(path, read_only=True)
    header, *rows = book.active.iter_rows(values_only=True)
    book.close()
    return [dict(zip(header, row, strict=True)) for row in rows]


def shown_change(value: Any) -> str:
    """The change as the table writes it: ``+3``; a CSV cell is text."""
    if value is None:
        return ""
    return format_change(float(value) if isinstance(value, str) else value)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".json"])
def test_export_after_a_run_matches_the_table(make_window, make_api, run, qtbot, tmp_path, suffix):
    quantities = {"a": 30, "b": 4, "c": 12, "d": 9}

    async def handler(request, _api):
        pid = product_id(request)
        if pid not in quantities:
            return web.json_response({"error": "unknown product"}, status=404)
        return web.json_response({"quantity": quantities[pid]})

    api = make_api(handler)
    window = make_window(api.template, history=HistoryStore(tmp_path / "data"))
    # The window's own rules, not the defaults: Low at or under 5, or under a row's min.
    window.stock.panel.set_settings(StockSettings(rules=StockRules(low_threshold=5)))
    window.stock.panel.changed.emit()
    window.products_panel.set_text("id,min\na,\nb,\nc,20\nd,\nzz,")
    fetch_all(qtbot, window)
    first = tmp_path / f"first{suffix}"
    assert run(window.exporter.export_to(first))
    quantities.update(a=0, b=6, c=12, d=2)
    fetch_all(qtbot, window)
    second = tmp_path / f"second{suffix}"

    assert run(window.exporter.export_to(second))

    before, after = read_rows(first), read_rows(second)
    assert column(window, ID_COLUMN) == [row["id"] for row in after]
    assert [row["stock_status"] for row in after] == column(window, STOCK_COLUMN)
    assert column(window, STOCK_COLUMN) == ["Out", "In stock", "Low", "Low", "Unknown product"]
    assert [shown_change(row["change"]) for row in after] == column(window, CHANGE_COLUMN)
    assert column(window, CHANGE_COLUMN) == ["-30", "+2", "0", "-7", ""]
    assert [row["previous_checked_at"] for row in after] == [
        *(row["checked_at"] for row in before[:4]), None,
    ]  # fmt: skip
    previous = [row["previous_quantity"] for row in after]
    assert [None if q is None else float(q) for q in previous] == [30, 4, 12, 9, None]
    assert [shown_change(row["change"]) for row in before] == [""] * 5  # nothing earlier
    assert [row["stock_status"] for row in before] == ["In stock", "Low", "Low", "In stock",
                                                       "Unknown product"]  # fmt: skip
    window.close()
