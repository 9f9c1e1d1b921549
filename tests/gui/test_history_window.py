"""History in the window: changes since the last check, the History tab, resuming."""

from __future__ import annotations

from aiohttp import web

from inventory_gui.core.history.store import HistoryStore
from inventory_gui.core.models import Product, Result
from inventory_gui.gui.table.columns import CHANGE_COLUMN, ID_COLUMN
from tests.gui.window_actions import column, fetch_all
from tests.loopback import product_id


def test_changes_between_runs_are_shown_and_kept(make_window, make_api, qtbot, tmp_path):
    quantities = {"a": 10, "b": 4, "c": 0}

    async def handler(request, api):
        return web.json_response({"quantity": quantities[product_id(request)]})

    api = make_api(handler)
    data = tmp_path / "data"
    window = make_window(api.template, history=HistoryStore(data))
    window.products_panel.set_text("a\nb\nc")
    fetch_all(qtbot, window)
    assert column(window, CHANGE_COLUMN) == ["", "", ""]  # nothing to compare with yet
    quantities.update(a=13, b=0, c=6)
    fetch_all(qtbot, window)
    assert column(window, CHANGE_COLUMN) == ["+3", "-4", "+6"]
    window.table.selectRow(0)
    window.detail_tabs.setCurrentWidget(window.history.view)
    assert window.history.view.checks.topLevelItemCount() == 2
    assert window.history.view.chart.points()[-1][1] == 13.0
    # A second window on the same database sees both checks.
    other = make_window(api.template, history=HistoryStore(data))
    other.products_panel.set_text("a")
    other.table.selectRow(0)
    other.detail_tabs.setCurrentWidget(other.history.view)
    assert other.history.view.checks.topLevelItemCount() == 2
    window.close()
    other.close()


def test_an_unfinished_run_is_offered_and_resumes_only_the_rest(
    make_window, make_api, qtbot, tmp_path
):
    api = make_api(lambda request, api: _ok(request))
    data = tmp_path / "data"
    store = HistoryStore(data)
    writer = store.writer()
    products = [Product(f"p{i}", {"name": f"n{i}"}) for i in range(6)]
    run_id = writer.begin_run("products.csv", api.template, products)
    for product in products[:4]:  # the app died after four results
        done = Result(product.id, "ok", 200, 1, checked_at="2026-11-28T10:00:00Z")
        writer.record(run_id, done)
    writer.close()
    store.close()
    window = make_window(api.template, history=HistoryStore(data))
    assert window.offer_resume()
    assert "2 of 6 products were not fetched" in window.message_bar.text()
    with qtbot.waitSignal(window.fetchFinished, timeout=20_000):
        window.message_bar.action_button.click()
    assert sorted(api.requests) == ["/get-current-inventory/p4", "/get-current-inventory/p5"]
    assert column(window, ID_COLUMN) == ["p4", "p5"]
    assert not window.offer_resume()  # resumed: not offered again
    window.close()


async def _ok(request):
    return web.json_response({"quantity": 1})
