"""The loopback APIs of the command-line tests, as fixtures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from aiohttp import web

from inventory_gui.demo.server import DemoConfig, start_demo_server
from tests.cli.apis import StockApi, ThreadedApi, serve_in_thread
from tests.loopback import LoopbackApi, product_id


@pytest.fixture
def demo_template() -> Iterator[str]:
    """The URL template of a demo API whose stock does not drift."""
    with serve_in_thread(lambda: start_demo_server(DemoConfig(drift=False))) as server:
        yield server.url_template


@pytest.fixture
def api() -> Iterator[ThreadedApi]:
    state = ThreadedApi()
    with serve_in_thread(lambda: LoopbackApi(state.handle).start()) as server:
        state.template = server.template
        yield state


@pytest.fixture
def stock_api() -> Iterator[StockApi]:
    stock = {"A1": 5, "B2": 7}

    async def answer(request: web.Request, _api: LoopbackApi) -> web.Response:
        pid = product_id(request)
        if pid in stock:
            return web.json_response({"id": pid, "quantity": stock[pid]})
        return web.json_response({"error": "unknown product"}, status=404)

    with serve_in_thread(lambda: LoopbackApi(answer).start()) as server:
        yield StockApi(server, stock)
