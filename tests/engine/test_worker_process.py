"""The worker-process engine's window side, with a real worker process.

The worker is started on demand, serves run after run, and is replaced
whenever a run cannot end normally (killed, deaf to a cancel) or after a
large run (retired, the next start starting a fresh one); nothing of an
earlier run reaches a later one.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import time
from typing import Any

import pytest

from inventory_gui.core.fetch.fetcher import open_session
from inventory_gui.core.fetch.settings import FetchSettings
from inventory_gui.core.models import Product
from inventory_gui.engine import worker_process
from inventory_gui.engine.worker_process import WorkerProcessEngine, WorkerProcessRun
from tests.loopback import slow_or_stock, stock_handler, wait_forever

WAIT_S = 30  # a bound on what should take well under a second


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


@pytest.mark.asyncio
async def test_the_worker_serves_run_after_run_and_ignores_a_late_cancel(make_api, worker):
    api = await make_api(stock_handler)
    first = WorkerProcessRun([Product("a")], FetchSettings(api.template), worker)
    assert (await asyncio.wrap_future(first.start()))[0].status == "ok"
    pid = worker.pid
    first.cancel()  # after the end: must not touch the next run
    second = WorkerProcessRun([Product("b"), Product("c")], FetchSettings(api.template), worker)
    results = await asyncio.wrap_future(second.start())
    assert [r.status for r in results] == ["ok", "ok"]
    assert worker.pid == pid  # the same process, not a new one


@pytest.mark.asyncio
async def test_a_killed_worker_fails_the_run_keeps_its_results_and_is_replaced(make_api, worker):
    api = await make_api(wait_forever)
    products = [Product(f"p{i}") for i in range(20)]
    run = WorkerProcessRun(products, FetchSettings(api.template, concurrency=5), worker)
    future = asyncio.wrap_future(run.start())
    await api.wait_in_flight(5)
    os.kill(worker.pid, signal.SIGKILL)
    with pytest.raises(RuntimeError, match=r"fetch worker process stopped unexpectedly \(exit"):
        await future
    drained = run.drain()
    assert len(drained) == 20  # no row is left pending
    assert {r.status for r in drained} == {"error"}
    assert "stopped unexpectedly" in drained[0].error
    ok_api = await make_api(stock_handler)
    again = WorkerProcessRun([Product("x")], FetchSettings(ok_api.template), worker)
    assert (await asyncio.wrap_future(again.start()))[0].status == "ok"


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
    run = WorkerProcessRun([Product("a"), Product("b")], settings, worker)
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
    again = WorkerProcessRun([Product("c")], FetchSettings(api.template), worker)
    results = await asyncio.wait_for(asyncio.wrap_future(again.start()), WAIT_S)
    assert [(r.id, r.status) for r in results] == [("c", "ok")]
    assert worker.pid not in (None, wedged_pid)


@pytest.mark.asyncio
async def test_a_retired_worker_exits_and_the_next_start_starts_a_new_process(make_api, worker):
    api = await make_api(stock_handler)
    worker.start()
    old = worker.pid
    worker.retire().join(10)
    assert worker.pid is None  # none started meanwhile
    with pytest.raises(ProcessLookupError):  # exited and reaped
        os.kill(old, 0)
    worker.start()
    assert worker.pid not in (None, old)
    run = WorkerProcessRun([Product("a")], FetchSettings(api.template), worker)
    assert (await asyncio.wrap_future(run.start()))[0].status == "ok"


@pytest.mark.asyncio
async def test_the_engine_retires_its_worker_after_a_large_run_only(make_api, monkeypatch):
    monkeypatch.setattr(worker_process, "RETIRE_AFTER_PRODUCTS", 3)
    api = await make_api(stock_handler)
    engine = WorkerProcessEngine()
    try:
        engine.prepare()
        first = engine.worker_pid
        await asyncio.wrap_future(engine.start([Product("a")], FetchSettings(api.template)))
        assert engine.worker_pid == first
        large = [Product(f"p{i}") for i in range(3)]
        results = await asyncio.wrap_future(engine.start(large, FetchSettings(api.template)))
        assert [r.status for r in results] == ["ok"] * 3
        assert engine.worker_pid is None  # before the window hears of the end
        engine.prepare()
        assert engine.worker_pid not in (None, first)
        results = await asyncio.wrap_future(engine.start(large, FetchSettings(api.template)))
        assert [r.status for r in results] == ["ok"] * 3
    finally:
        await asyncio.to_thread(engine.close)
