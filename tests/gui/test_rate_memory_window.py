"""The window remembers an API's learned rate limit per host, like the CLI (issue 16).

A real window (offscreen) fetches from a loopback API limited to 50 requests a
second with its budget in headers; the history keeps the limit, and the next
run's settings, as the engine is given them, start at it.
"""

from __future__ import annotations

from aiohttp import web

from inventory_gui.core.fetch.rate_control import api_origin
from inventory_gui.core.history.store import HistoryStore
from inventory_gui.devtools.bench.limited_api import Bucket, Limits
from inventory_gui.gui.controllers import fetch_runner


def spy_on_engines(monkeypatch) -> list:
    """Every FetchSettings a window's engine is started with, in order."""
    given = []
    make_engine = fetch_runner.make_engine

    def make(*args, **kwargs):
        engine = make_engine(*args, **kwargs)
        start = engine.start

        def spied(products, settings, recorder=None):
            given.append(settings)
            return start(products, settings, recorder)

        engine.start = spied
        return engine

    monkeypatch.setattr(fetch_runner, "make_engine", make)
    return given


def test_the_learned_limit_is_stored_and_starts_the_next_run(
    make_window, make_api, qtbot, tmp_path, monkeypatch
):
    bucket = Bucket(Limits("bucket", rate=50, burst=5, headers=True))

    async def limited(request: web.Request, api) -> web.Response:
        if not bucket.take():
            headers = {"Retry-After": "1", **bucket.headers()}
            return web.Response(status=429, headers=headers)
        return web.json_response({"quantity": 1}, headers=bucket.headers())

    given = spy_on_engines(monkeypatch)
    api = make_api(limited)
    history = HistoryStore(tmp_path / "data")
    window = make_window(api.template, history=history)
    window.products_panel.set_text("\n".join(f"p{i}" for i in range(8)))
    origin = api_origin(api.template)
    assert history.remembered_rate(origin) is None
    for _run in range(2):
        with qtbot.waitSignal(window.fetchFinished, timeout=20_000):
            window.fetch_all()
        assert {r.status for r in window.model.results()} == {"ok"}
    assert history.remembered_rate(origin) == 50.0
    assert [settings.remembered_rate for settings in given] == [None, 50.0]
