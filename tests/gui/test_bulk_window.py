"""The Connection panel's request fields, and a bulk fetch from the window."""

from __future__ import annotations

import dataclasses
import json
from urllib.parse import unquote

from aiohttp import web

from inventory_gui.core.connection import ConnectionSettings
from inventory_gui.gui.panels.connection_panel import ConnectionPanel
from tests.gui.window_actions import click, paste, write_csv


async def comma_joined_handler(request, api):
    """Answers ``?skus=a,b,c`` with two location records per SKU."""
    ids = [unquote(part) for part in request.raw_path.split("skus=", 1)[1].split(",")]
    records = [{"sku": i, "level": {"n": len(i)}} for i in ids if i != "nope" for _ in "LL"]
    return web.json_response({"data": {"items": records}})


def test_the_panel_round_trips_the_request_settings(qtbot):
    panel = ConnectionPanel(secrets_persistent=False)
    qtbot.addWidget(panel)
    wanted = ConnectionSettings(
        url_template="https://api.example.com/batch",
        method="POST",
        body='{"ids": {ids}}',
        batch_size=250,
        items="data.items",
        item_id="sku",
        quantity_field="sum(levels[].to_number(n))",
    )
    panel.set_settings(wanted)
    assert panel.settings() == wanted
    assert panel.validation_error() is None
    with qtbot.waitSignal(panel.changed):
        panel.method_box.setCurrentText("PUT")
    panel.body_edit.setText('{"ids": {ids}')
    assert panel.validation_error().startswith("body is not valid JSON")
    panel.body_edit.setText('{"ids": {ids}}')
    panel.method_box.setCurrentText("GET")
    assert panel.validation_error() == "a body needs method POST, PUT or PATCH, not GET"


def test_a_bulk_fetch_from_the_window_fills_every_row(make_window, make_api, qtbot):
    api = make_api(comma_joined_handler)
    window = make_window()
    current = window.connection.settings()
    window.connection.set_settings(
        dataclasses.replace(
            current,
            url_template=api.base + "/stock?skus={ids}",
            retries=0,
            batch_size=3,
            items="data.items",
            item_id="sku",
            quantity_field="level.n",
        )
    )
    ids = ["a", "bb", "nope", "c/d", "eeeee", "f,g", "h"]
    paste(qtbot, window.products_panel.editor, "\n".join(ids))
    with qtbot.waitSignal(window.fetchFinished, timeout=20_000):
        click(qtbot, window, "fetchButton")
    results = {r.id: r for r in window.model.results()}
    assert len(api.requests) == 3  # ceil(7 / 3)
    for i in ids:
        if i == "nope":
            assert results[i].http_status == 404
            assert results[i].status == "error"
        else:
            assert results[i].quantity == 2 * len(i), results[i].error  # two locations summed


def test_a_post_with_a_column_in_its_body_reaches_the_worker(make_window, qtbot, run, tmp_path):
    """A fixed URL, the products named in the body only: the fetch worker gets the
    body's columns too (``name`` here), and the Content-Type."""
    bodies: list[object] = []

    async def answer(request: web.Request) -> web.Response:
        assert request.content_type == "application/json"
        body = json.loads(await request.read())
        bodies.append(body)
        return web.json_response({"on_hand": len(body["name"])})

    app = web.Application()
    app.router.add_post("/lookup", answer)
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=0.1)
    run(runner.setup())
    site = web.TCPSite(runner, "127.0.0.1", 0)
    run(site.start())
    try:
        window = make_window()
        window.connection.set_settings(
            dataclasses.replace(
                window.connection.settings(),
                url_template=f"http://127.0.0.1:{runner.addresses[0][1]}/lookup",
                retries=0,
                method="POST",
                body='{"sku": {id}, "name": {name}}',
            )
        )
        assert run(window.load_file(write_csv(tmp_path, ["a", "b"])))
        with qtbot.waitSignal(window.fetchFinished, timeout=20_000):
            click(qtbot, window, "fetchButton")
        results = {r.id: r for r in window.model.results()}
        assert {r.status for r in results.values()} == {"ok"}, [r.error for r in results.values()]
        assert results["a"].quantity == len("name of a")
        assert sorted(bodies, key=str) == [
            {"sku": "a", "name": "name of a"},
            {"sku": "b", "name": "name of b"},
        ]
    finally:
        run(runner.cleanup())
