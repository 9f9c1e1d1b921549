"""Stock in the window: statuses, thresholds, extra fields, alerts, auto-refresh."""

from __future__ import annotations

from aiohttp import web
from PySide6.QtCore import Qt

from inventory_gui.core.models import Previous
from inventory_gui.core.stock import FieldMap, Stock, StockRules
from inventory_gui.gui.controllers import stock_controller
from inventory_gui.gui.panels.stock_panel import StockSettings
from inventory_gui.gui.table.columns import (
    CHANGE_COLUMN,
    ID_COLUMN,
    QUANTITY_COLUMN,
    STOCK_COLUMN,
)
from inventory_gui.gui.table.model import ResultRole
from tests.gui.window_actions import Quantities, column, fetch_all


def test_stock_status_thresholds_counts_and_filter(make_window, make_api, qtbot):
    api = make_api(Quantities(a=50, b=5, c=0, d=15))
    window = make_window(api.template)
    window.stock.panel.set_settings(StockSettings(rules=StockRules(low_threshold=10)))
    window.stock.panel.changed.emit()
    window.products_panel.set_text("id\treorder_point\na\t\nb\t\nc\t\nd\t20\nzz\t")
    fetch_all(qtbot, window)
    assert column(window, STOCK_COLUMN) == ["In stock", "Low", "Out", "Low", "Unknown product"]
    assert window.stock.counts.text() == "In stock 1 · Low 2 · Out 1 · Unknown product 1"
    window.stock.combo.setCurrentIndex(window.stock.combo.findData(Stock.LOW))
    assert column(window, ID_COLUMN) == ["b", "d"]
    window.stock.combo.setCurrentIndex(0)
    assert len(column(window, ID_COLUMN)) == 5


def test_extra_fields_are_typed_columns(make_window, make_api, qtbot):
    api = make_api(Quantities(**{"bb": 1, "a": 2, "cccccccccc": 3}))
    window = make_window(api.template)
    window.stock.panel.fields_edit.setText("name, row=shelf.row, updated_at")
    window.stock.panel.changed.emit()
    window.products_panel.set_text("bb\na\ncccccccccc")
    fetch_all(qtbot, window)
    model = window.model
    assert model.field_columns == ["name", "row", "updated_at"]
    row_column = model.columnCount() - 2
    assert [model.index(r, row_column).data() for r in range(3)] == ["2", "1", "10"]
    window.table.sortByColumn(row_column, Qt.SortOrder.AscendingOrder)
    assert column(window, ID_COLUMN) == ["a", "bb", "cccccccccc"]  # 1 < 2 < 10, as numbers
    assert model.index(0, model.columnCount() - 1).data() == "2026-11-28 10:00:00+00:00"


def test_change_and_flips_against_the_previous_check(make_window, make_api, qtbot):
    api = make_api(Quantities(a=5, b=0))
    window = make_window(api.template)
    window.products_panel.set_text("a\nb")
    window.model.set_previous(
        {"a": Previous(8, "2026-11-28T09:00:00Z"), "b": Previous(3, "2026-11-28T09:00:00Z")}
    )
    fetch_all(qtbot, window)
    assert column(window, CHANGE_COLUMN) == ["-3", "-3"]
    flip = window.model.index(1, QUANTITY_COLUMN).data(Qt.ItemDataRole.ToolTipRole)
    assert flip == "Ran out since the last check"
    assert window.model.index(0, QUANTITY_COLUMN).data(Qt.ItemDataRole.BackgroundRole) is None


def test_one_alert_per_run_when_stock_crosses_into_low(make_window, make_api, qtbot):
    server = Quantities(a=50, b=50, c=50)
    api = make_api(server)
    window = make_window(api.template)
    window.stock.panel.set_settings(StockSettings(rules=StockRules(low_threshold=10)))
    window.stock.panel.changed.emit()
    window.products_panel.set_text("a\nb\nc")
    alerts: list[str] = []
    window.stock.alerted.connect(alerts.append)
    fetch_all(qtbot, window)
    assert alerts == []  # first check: nothing crossed
    server.quantities.update(a=5, b=3)
    fetch_all(qtbot, window)
    assert alerts == ["2 running low: a, b"]
    server.quantities.update(a=50, b=0)
    fetch_all(qtbot, window)
    assert alerts[1:] == ["1 out of stock: b; 1 back in stock: a"]


def test_the_end_of_a_run_summarises_only_rows_whose_known_stock_changed(
    make_window, make_api, qtbot, monkeypatch
):
    # The summary runs after the last slice, in one go: on a first run it must
    # not get every row (none had a stock before, none can alert).
    seen: list[dict] = []

    def spy(before, after):
        seen.append(dict(after))
        return real(before, after)

    real = stock_controller.alert_summary
    monkeypatch.setattr(stock_controller, "alert_summary", spy)
    server = Quantities(a=50, b=50, c=50)
    window = make_window(make_api(server).template)
    window.stock.panel.set_settings(StockSettings(rules=StockRules(low_threshold=10)))
    window.stock.panel.changed.emit()
    window.products_panel.set_text("a\nb\nc")
    alerts: list[str] = []
    window.stock.alerted.connect(alerts.append)
    fetch_all(qtbot, window)
    server.quantities.update(a=5)
    fetch_all(qtbot, window)
    assert seen == [{}, {"a": Stock.LOW}]
    assert alerts == ["1 running low: a"]
    assert window.stock.counts.text() == "In stock 2 · Low 1"


def test_auto_refresh_fetches_when_idle_and_skips_while_busy(make_window, make_api, qtbot):
    import asyncio

    release = asyncio.Event()

    async def slow(request, api):
        await release.wait()
        return web.json_response({"quantity": 1})

    api = make_api(slow)
    window = make_window(api.template)
    window.stock.panel.auto_refresh.setValue(5)
    assert window.stock.next_refresh.text().startswith("Next auto-refresh")
    window.products_panel.set_text("a\nb")
    with qtbot.waitSignal(window.stock.autoRefreshed):
        window.stock.auto_refresh_tick()
    assert window.runner.running
    window.stock.auto_refresh_tick()
    assert window.stock.next_refresh.text() == "Auto-refresh skipped: busy"
    with qtbot.waitSignal(window.fetchFinished, timeout=10_000):
        release.set()
    assert len(api.requests) == 2
    window.stock.panel.auto_refresh.setValue(0)
    assert window.stock.next_refresh.text() == ""


def test_stock_settings_persist(make_window):
    first = make_window()
    first.stock.panel.set_settings(
        StockSettings(StockRules(7, ("par",)), FieldMap.parse("name"), 15, notify=False)
    )
    first.stock.panel.changed.emit()
    second = make_window()
    settings = second.stock.settings
    assert settings.rules == StockRules(7, ("par",))
    assert settings.fields.names == ["name"]
    assert (settings.auto_refresh_minutes, settings.notify) == (15, False)


def test_window_shows_the_lowered_concurrency_when_the_api_pushes_back(
    make_window, make_api, qtbot
):
    import asyncio
    import dataclasses

    async def crowded(request, api):
        if api.in_flight > 4:
            return web.Response(status=429, headers={"Retry-After": "0"})
        await asyncio.sleep(0.01)  # server-side latency, so requests overlap
        return web.json_response({"quantity": 1})

    api = make_api(crowded)
    window = make_window(api.template)
    connection = window.connection.settings()
    window.connection.set_settings(dataclasses.replace(connection, concurrency=32, retries=10))
    window.products_panel.set_text("\n".join(f"p{i}" for i in range(150)))
    lines: list[str] = []
    window.runner.progressed.connect(lambda progress: lines.append(progress.summary()))
    fetch_all(qtbot, window)
    assert all(window.model.index(r, 0).data(ResultRole).status == "ok" for r in range(150))
    assert any("concurrency " in line and "/32" in line for line in lines)


def test_counts_of_a_large_list_come_in_slices_and_are_right(make_window, qtbot):
    from inventory_gui.core.models import Result
    from inventory_gui.gui.controllers.stock_controller import SLICE_ROWS

    window = make_window()
    n = SLICE_ROWS * 6  # above the size counted in one go
    window.products_panel.set_text("\n".join(f"p{i}" for i in range(n)))
    window.model.apply([Result(f"p{i}", "ok", 200, quantity=0 if i % 3 else 500) for i in range(n)])
    window.stock.update_counts()
    assert window.stock.counts.text() == ""  # not yet: the GUI thread was not held up
    qtbot.waitUntil(lambda: window.stock.counts.text() != "")
    assert window.stock.counts.text() == f"In stock {n // 3:,} · Out {n - n // 3:,}"


def test_counts_of_rows_that_change_amid_the_count_are_of_the_rows_after(make_window, qtbot):
    from inventory_gui.core.models import Result
    from inventory_gui.gui.controllers.stock_controller import SLICE_ROWS

    window = make_window()
    n = SLICE_ROWS * 6
    window.products_panel.set_text("\n".join(f"p{i}" for i in range(n)))
    window.model.apply([Result(f"p{i}", "ok", 200, quantity=0) for i in range(n)])
    window.stock.update_counts()
    for _ in range(2):  # two slices counted in place, as two turns of the loop would
        window.stock._count_next_slice()
    window.model.mark_pending([f"p{i}" for i in range(n - 10, n)])  # read as pending rows
    window.model.apply([Result(f"p{i}", "ok", 200, quantity=500) for i in range(10)])
    qtbot.waitUntil(lambda: window.stock.counts.text() != "")
    assert window.stock.counts.text() == f"In stock 10 · Out {n - 20:,}"  # pending: not shown


def test_the_rows_read_in_place_are_pending_where_marked_so(make_window):
    from inventory_gui.core.models import Result

    window = make_window()
    window.products_panel.set_text("a\nb\nc\nd")
    window.model.apply([Result(i, "ok", 200, quantity=1) for i in "abcd"])
    version = window.model.version
    window.model.mark_pending(["b", "d"])
    assert window.model.version != version
    assert window.model.total_rows == 4
    assert [r.status for r in window.model.rows_between(1, 3)] == ["pending", "ok"]
    assert [r.status for r in window.model.snapshot()] == ["ok", "pending", "ok", "pending"]
