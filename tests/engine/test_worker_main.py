"""The worker process's side of the protocol under failure, with a real worker process.

Each test breaks one thing the worker or its socket can meet: a run sent while
another still runs, a message it cannot unpickle, an answer it cannot pickle,
the window's process going away.  The run must end, and the next one complete.
"""

from __future__ import annotations

import asyncio
import dataclasses
import importlib
import json
import pickle
import sys
from typing import Any

import pytest
from aiohttp import web

from inventory_gui.core.fetch.settings import FetchSettings
from inventory_gui.core.models import Product
from inventory_gui.engine.protocol import pack_products
from inventory_gui.engine.worker_process import WorkerProcess, WorkerProcessRun
from tests.loopback import LoopbackApi, product_id, slow_or_stock

WAIT_S = 30  # a bound on what should take well under a second


def receive_until_done(worker: WorkerProcess, run_id: int) -> list[tuple[Any, ...]]:
    """Every message up to the "done" of ``run_id``; fails if the worker falls silent."""
    messages = []
    while True:
        assert worker._conn.poll(WAIT_S), f"no message for run {run_id}: {messages}"
        messages.append(worker.receive())
        if messages[-1][0] == "done" and messages[-1][1] == run_id:
            return messages


def statuses(messages: list[tuple[Any, ...]], run_id: int) -> dict[int, str]:
    """{index: status} of the results of ``run_id`` among ``messages``."""
    return {
        index: packed[1]
        for kind, rid, *rest in messages
        if kind == "results" and rid == run_id
        for index, packed in rest[0]
    }


@pytest.mark.asyncio
async def test_a_run_sent_during_another_ends_that_one_and_is_served(make_api, worker):
    # The window sends a run only once it is done with the last one; the
    # worker's run must then end and the new run be served, not swallowed.
    api = await make_api(slow_or_stock)
    settings = FetchSettings(api.template, concurrency=2)
    worker.start()
    worker.send(("run", 1001, pack_products([Product("slow"), Product("a")], []), settings, None))
    await asyncio.wait_for(api.wait_in_flight(1), WAIT_S)
    worker.send(("run", 1002, pack_products([Product("b"), Product("c")], []), settings, None))
    messages = await asyncio.to_thread(receive_until_done, worker, 1002)
    assert ("done", 1001, None, None) in messages
    first = statuses(messages, 1001)  # every row reported; "a" may have been in time
    assert first[0] == "cancelled"
    assert first[1] in ("ok", "cancelled")
    assert statuses(messages, 1002) == {0: "ok", 1: "ok"}
    assert messages.index(("done", 1001, None, None)) < messages.index(("done", 1002, None, None))


@pytest.mark.asyncio
async def test_a_run_the_worker_cannot_read_fails_with_the_reason(
    make_api, worker, tmp_path, monkeypatch
):
    # A session factory from a module only the window's process can import.
    (tmp_path / "window_only_factory.py").write_text(
        "from inventory_gui.core.fetch.fetcher import open_session\n"
        "def factory(settings):\n    return open_session(settings)\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    window_only_factory = importlib.import_module("window_only_factory")
    monkeypatch.setitem(sys.modules, "window_only_factory", window_only_factory)
    api = await make_api(slow_or_stock)
    worker.session_factory = window_only_factory.factory
    run = WorkerProcessRun([Product("a"), Product("b")], FetchSettings(api.template), worker)
    future = asyncio.wrap_future(run.start())
    with pytest.raises(RuntimeError, match="could not read the run: ModuleNotFoundError"):
        await asyncio.wait_for(future, WAIT_S)
    assert {(r.status, r.error.split(":")[0]) for r in run.drain()} == {("error", "RuntimeError")}
    worker.session_factory = None
    again = WorkerProcessRun([Product("c")], FetchSettings(api.template), worker)
    results = await asyncio.wait_for(asyncio.wrap_future(again.start()), WAIT_S)
    assert [(r.id, r.status) for r in results] == [("c", "ok")]


def parsed_but_unpicklable() -> str | None:
    """JSON text this interpreter parses but cannot pickle (nesting past pickle's
    recursion limit: 800 deep on 3.11, several thousand on 3.13), or None."""
    for depth in (800, 1_500, 3_000, 6_000, 12_000, 24_000):
        text = "[" * depth + "]" * depth
        try:
            value = json.loads(text)
        except RecursionError:
            return None  # json gives up first: every parsed answer pickles
        try:
            pickle.dumps(value)
        except RecursionError:
            return text
    return None


@pytest.mark.asyncio
async def test_an_answer_the_worker_cannot_pickle_is_that_rows_error_alone(make_api, worker):
    # An answer that parses but cannot be pickled must not take the other
    # results of its batch with it.
    deep = parsed_but_unpicklable()
    if deep is None:
        pytest.skip("on this Python every answer json parses can be pickled")

    async def handler(request: web.Request, api: LoopbackApi) -> web.Response:
        pid = product_id(request)
        nested = deep if pid == "deep" else "[]"
        return web.Response(
            text=f'{{"quantity": 4, "x": {nested}}}', content_type="application/json"
        )

    api = await make_api(handler)
    products = [Product(f"p{i}") for i in range(40)]
    products.insert(17, Product("deep"))
    run = WorkerProcessRun(products, FetchSettings(api.template, concurrency=8), worker)
    results = await asyncio.wait_for(asyncio.wrap_future(run.start()), WAIT_S)
    by_id = {r.id: r for r in results}
    assert by_id["deep"].status == "error"
    assert "could not be passed to the window (RecursionError" in by_id["deep"].error
    assert by_id["deep"].response is None
    assert by_id["deep"].body is None
    assert all(r.status == "ok" and r.quantity == 4 for r in results if r.id != "deep")
    unpacked = [dataclasses.replace(r, response=r.parsed_response(), body=None) for r in results]
    json.dumps([dataclasses.asdict(r) for r in unpacked])  # nothing odd left in any row


def test_the_worker_exits_when_the_window_process_goes_away(worker):
    worker.start()
    process = worker._process
    worker._conn.close()  # what the kernel does when the window's process dies
    assert process.wait(10) == 0
