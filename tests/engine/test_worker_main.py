"""The window <-> fetch worker protocol under failure, with a real worker process.

Each test breaks one thing the worker or its socket can meet: a run sent while
another still runs, a message it cannot unpickle, an answer it cannot pickle,
a worker that ignores a cancel.  The run must end, and the next one complete.
"""

from __future__ import annotations

import asyncio
import importlib
import json
import os
import socket
import sys
import time
from collections.abc import Iterator
from multiprocessing.reduction import ForkingPickler
from typing import Any

import pytest
from aiohttp import web
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from inventory_gui.core.fetcher import FetchSettings, open_session
from inventory_gui.core.models import Product, Result
from inventory_gui.engine import worker_process
from inventory_gui.engine.protocol import PackedProducts, pack_products, pack_result, unpack_result
from inventory_gui.engine.worker_process import FetchWorker, ProcessFetch
from tests.loopback import LoopbackApi, product_id

WAIT_S = 30  # a bound on what should take well under a second


@pytest.fixture
def worker() -> Iterator[FetchWorker]:
    worker = FetchWorker()
    yield worker
    worker.close()


async def slow_or_stock(request: web.Request, api: LoopbackApi) -> web.Response:
    """IDs starting with "slow" are never answered; the others get a quantity."""
    pid = product_id(request)
    if pid.startswith("slow"):
        await asyncio.Event().wait()
    return web.json_response({"id": pid, "quantity": len(pid)})


def wedging_session(settings: FetchSettings) -> Any:
    """A session factory that blocks the worker's loop for good once it has said so.

    Module-level so that the worker can unpickle it; the header names the
    port it connects to before blocking, which tells the test it has the run.
    """
    port = settings.headers.get("X-Test-Wedged")
    if port:
        socket.create_connection(("127.0.0.1", int(port)))
        time.sleep(3600)  # the worker's loop blocked: a cancel cannot be heard
    return open_session(settings)


def receive_until_done(worker: FetchWorker, run_id: int) -> list[tuple[Any, ...]]:
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
    assert ("done", 1001, None) in messages
    first = statuses(messages, 1001)  # every row reported; "a" may have been in time
    assert first[0] == "cancelled"
    assert first[1] in ("ok", "cancelled")
    assert statuses(messages, 1002) == {0: "ok", 1: "ok"}
    assert messages.index(("done", 1001, None)) < messages.index(("done", 1002, None))


@pytest.mark.asyncio
async def test_a_run_the_worker_cannot_read_fails_with_the_reason(
    make_api, worker, tmp_path, monkeypatch
):
    # A session factory from a module only the window's process can import.
    (tmp_path / "window_only_factory.py").write_text(
        "from inventory_gui.core.fetcher import open_session\n"
        "def factory(settings):\n    return open_session(settings)\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    window_only_factory = importlib.import_module("window_only_factory")
    monkeypatch.setitem(sys.modules, "window_only_factory", window_only_factory)
    api = await make_api(slow_or_stock)
    worker.session_factory = window_only_factory.factory
    run = ProcessFetch([Product("a"), Product("b")], FetchSettings(api.template), worker)
    future = asyncio.wrap_future(run.start())
    with pytest.raises(RuntimeError, match="could not read the run: ModuleNotFoundError"):
        await asyncio.wait_for(future, WAIT_S)
    assert {(r.status, r.error.split(":")[0]) for r in run.drain()} == {("error", "RuntimeError")}
    worker.session_factory = None
    again = ProcessFetch([Product("c")], FetchSettings(api.template), worker)
    results = await asyncio.wait_for(asyncio.wrap_future(again.start()), WAIT_S)
    assert [(r.id, r.status) for r in results] == [("c", "ok")]


@pytest.mark.asyncio
async def test_an_answer_the_worker_cannot_pickle_is_that_rows_error_alone(make_api, worker):
    # JSON nested 800 deep parses, but pickling it exceeds the recursion limit:
    # it must not take the other results of its batch with it.
    deep = "[" * 800 + "]" * 800

    async def handler(request: web.Request, api: LoopbackApi) -> web.Response:
        pid = product_id(request)
        nested = deep if pid == "deep" else "[]"
        return web.Response(
            text=f'{{"quantity": 4, "x": {nested}}}', content_type="application/json"
        )

    api = await make_api(handler)
    products = [Product(f"p{i}") for i in range(40)]
    products.insert(17, Product("deep"))
    run = ProcessFetch(products, FetchSettings(api.template, concurrency=8), worker)
    results = await asyncio.wait_for(asyncio.wrap_future(run.start()), WAIT_S)
    by_id = {r.id: r for r in results}
    assert by_id["deep"].status == "error"
    assert "could not be passed to the window (RecursionError" in by_id["deep"].error
    assert by_id["deep"].response is None
    assert all(r.status == "ok" and r.quantity == 4 for r in results if r.id != "deep")
    json.dumps([r.to_dict() for r in results])  # nothing odd left in any row


@pytest.mark.asyncio
async def test_a_worker_that_ignores_a_cancel_is_replaced(make_api, worker, monkeypatch):
    monkeypatch.setattr(worker_process, "CANCEL_GRACE_SECONDS", 0.5)
    api = await make_api(slow_or_stock)
    wedged = asyncio.Event()

    def accepted(_reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        wedged.set()
        writer.close()

    server = await asyncio.start_server(accepted, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    worker.session_factory = wedging_session
    settings = FetchSettings(api.template, headers={"X-Test-Wedged": str(port)})
    run = ProcessFetch([Product("a"), Product("b")], settings, worker)
    future = asyncio.wrap_future(run.start())
    await asyncio.wait_for(wedged.wait(), WAIT_S)
    server.close()
    await server.wait_closed()
    wedged_pid = worker.pid
    run.cancel()
    results = await asyncio.wait_for(future, WAIT_S)
    assert [(r.id, r.status) for r in results] == [("a", "cancelled"), ("b", "cancelled")]
    with pytest.raises(ProcessLookupError):  # killed and reaped
        os.kill(wedged_pid, 0)
    again = ProcessFetch([Product("c")], FetchSettings(api.template), worker)
    results = await asyncio.wait_for(asyncio.wrap_future(again.start()), WAIT_S)
    assert [(r.id, r.status) for r in results] == [("c", "ok")]
    assert worker.pid not in (None, wedged_pid)


ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=12)  # lone surrogates too
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | ANY_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(ANY_TEXT, inner, max_size=4),
    max_leaves=20,
)


@hypothesis_settings(max_examples=200, deadline=None)
@given(
    ids=st.lists(ANY_TEXT, max_size=20),
    column=st.sampled_from([None, "store"]),
    value=ANY_TEXT,
    response=JSON_VALUES,
)
def test_any_text_crosses_the_socket_both_ways(ids, column, value, response):
    products = [Product(i, {"store": value, "name": value}) for i in ids]
    packed = pack_products(products, [column] if column else [])
    received = PackedProducts(ForkingPickler.loads(ForkingPickler.dumps(("run", 1, packed)))[2])
    assert [p.id for p in received] == ids
    assert all(p.fields == ({column: value} if column else {}) for p in received)
    for product in products[:3]:
        result = Result(product.id, "ok", 200, 1, 1.0, 1, None, "t", response=response)
        message = ForkingPickler.dumps(("results", 1, [(0, pack_result(result))], 4))
        back = unpack_result(ForkingPickler.loads(message)[2][0][1], product)
        assert back.id is product.id
        assert back.fields is product.fields
        assert repr(back.response) == repr(response)  # NaN != NaN: compare as text
