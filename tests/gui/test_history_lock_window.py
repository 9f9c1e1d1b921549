"""The window with its history locked by another process: told once, never frozen."""

from __future__ import annotations

import math
import sqlite3
import time
from contextlib import closing

from aiohttp import web

from inventory_gui.core.history.store import HistoryStore
from inventory_gui.core.models import Product, Result
from tests.history_locks import NOTICE, exclusive_lock, journals
from tests.loopback import product_id


async def _stock(request: web.Request) -> web.Response:
    return web.json_response({"quantity": len(product_id(request))})


def test_a_locked_history_is_shown_closing_is_prompt_and_the_next_start_records_it(
    make_window, make_api, qtbot, tmp_path
):
    api = make_api(lambda request, api: _stock(request))
    data = tmp_path / "data"
    window = make_window(api.template, history=HistoryStore(data))
    window.products_panel.set_text("a\nbb\nccc")
    with exclusive_lock(data / "history.sqlite3"):
        with qtbot.waitSignal(window.fetchFinished, timeout=20_000):
            window.fetch_all()
        qtbot.waitUntil(lambda: NOTICE in window.message_bar.text(), timeout=10_000)
        window.table.selectRow(0)
        started = time.monotonic()
        window.detail_tabs.setCurrentWidget(window.history.view)  # reads; must not wait
        assert time.monotonic() - started < 0.5
        started = time.monotonic()
        window.close()
        took = time.monotonic() - started
        assert took < 2.5, f"closing took {took:.2f} s with the history locked"  # waits ~1 s
        assert not window.isVisible()
        assert len(journals(data)) == 1
    store = HistoryStore(data)  # the next start
    try:
        assert journals(data) == []
        assert store.unfinished_run() is None
        assert [store.history(pid)[0].quantity for pid in ("a", "bb", "ccc")] == [1, 2, 3]
        with closing(sqlite3.connect(store.file)) as conn:
            assert conn.execute("SELECT state FROM runs").fetchall() == [("done",)]
    finally:
        store.close()


def test_the_history_tab_shows_quantities_past_float_range_nan_and_infinity(make_window, tmp_path):
    data = tmp_path / "data"
    store = HistoryStore(data)
    writer = store.writer()
    quantities = [10**400, math.nan, -math.inf, 5, 7]
    run = writer.begin_run("s", "http://x/{id}", [Product("big\udc80")])
    for second, quantity in enumerate(quantities):
        at = f"2026-01-01T00:00:0{second}.000Z"
        writer.record(run, Result("big\udc80", "ok", 200, quantity, checked_at=at))
    writer.close()
    store.close()
    window = make_window(history=HistoryStore(data))
    view = window.history.view
    window.history.show_product("big\udc80")
    shown = [view.checks.topLevelItem(i).text(2) for i in range(view.checks.topLevelItemCount())]
    assert shown == ["7", "5", "-∞", "NaN", "1.0000e+400"]  # newest first
    assert view.checks.topLevelItem(0).text(3) == "+2"
    assert [q for _, q in view.chart.points()] == [5.0, 7.0]
    view.chart.grab()  # paints without raising
