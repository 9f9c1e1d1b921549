"""The window with its history locked by another process: told once, never frozen."""

from __future__ import annotations

import time

from aiohttp import web

from inventory_gui.core.history import HistoryStore
from tests.core.test_history_lock import NOTICE, exclusive_lock, journals
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
        assert store.get_run(1).state == "done"
    finally:
        store.close()
