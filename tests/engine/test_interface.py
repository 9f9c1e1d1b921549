"""The window's two off-GUI fetch engines: a worker thread, a worker process.

Both have one interface (start / drain / concurrency / cancel); each test runs
against a loopback server, and the process tests use a real worker process.
"""

from __future__ import annotations

import asyncio
import os
import pickle
import signal
import tracemalloc
from collections.abc import Iterator
from multiprocessing.reduction import ForkingPickler
from typing import Any

import pytest

from inventory_gui.core.fetcher import FetchSettings
from inventory_gui.core.models import Product, Result
from inventory_gui.engine.protocol import PackedProducts, pack_products
from inventory_gui.engine.thread_engine import BackgroundFetch
from inventory_gui.engine.worker_process import FetchWorker, ProcessFetch
from tests.loopback import stock_handler, wait_forever


@pytest.fixture
def worker() -> Iterator[FetchWorker]:
    worker = FetchWorker()
    yield worker
    worker.close()
    assert not worker.alive


def start_run(engine: str, worker: FetchWorker, products: list[Product], settings, recorder=None):
    if engine == "process":
        return ProcessFetch(products, settings, worker, recorder)
    return BackgroundFetch(products, settings, recorder=recorder)


class ListRecorder:
    """A RunRecorder stand-in that keeps what it is given (the history has its own tests)."""

    def __init__(self) -> None:
        self.begun: list[str] = []
        self.recorded: list[Result] = []
        self.ended: bool | None = None
        self.previous: Any = None

    def begin(self, products: list[Product]) -> None:
        self.begun = [p.id for p in products]

    def record(self, result: Result) -> None:
        self.recorded.append(result)

    def record_many(self, results: list[Result]) -> None:
        self.recorded.extend(results)

    def end(self, cancelled: bool) -> None:
        self.ended = cancelled


async def drain_until_done(run) -> tuple[list[Result], list[Result]]:
    """Await the run while draining it as the window's timer would."""
    future = asyncio.wrap_future(run.start())
    drained: list[Result] = []
    while not future.done():
        drained.extend(run.drain())
        await asyncio.wait([future], timeout=0.01)
    drained.extend(run.drain())
    return await future, drained


@pytest.mark.asyncio
@pytest.mark.parametrize("engine", ["process", "thread"])
async def test_every_result_arrives_once_in_input_order(make_api, worker, engine):
    api = await make_api(stock_handler)
    products = [Product(f"p/{i}", {"name": f"n{i}"}) for i in range(300)]
    recorder = ListRecorder()
    settings = FetchSettings(api.template, concurrency=16, headers={"X-Key": "s3cret"})
    run = start_run(engine, worker, products, settings, recorder)
    results, drained = await drain_until_done(run)
    assert [r.id for r in results] == [p.id for p in products]
    assert all(r.status == "ok" and r.http_status == 200 for r in results)
    assert results[7].quantity == len("p/7")
    assert results[7].fields == {"name": "n7"}
    assert results[7].response == {"id": "p/7", "quantity": 3}
    assert sorted(r.id for r in drained) == sorted(p.id for p in products)
    assert recorder.begun == [p.id for p in products]
    assert len(recorder.recorded) == 300
    assert recorder.ended is False
    assert run.concurrency == (16, 16)
    assert {h["X-Key"] for h in api.headers} == {"s3cret"}


@pytest.mark.asyncio
@pytest.mark.parametrize("engine", ["process", "thread"])
async def test_cancel_ends_the_rest_cancelled(make_api, worker, engine):
    api = await make_api(wait_forever)
    products = [Product(f"p{i}") for i in range(50)]
    recorder = ListRecorder()
    run = start_run(engine, worker, products, FetchSettings(api.template, concurrency=4), recorder)
    future = asyncio.wrap_future(run.start())
    await api.wait_in_flight(4)
    run.cancel()
    results = await future
    assert {r.status for r in results} == {"cancelled"}
    assert recorder.ended is True
    assert len(run.drain()) == 50


@pytest.mark.asyncio
async def test_the_worker_serves_run_after_run_and_ignores_a_late_cancel(make_api, worker):
    api = await make_api(stock_handler)
    first = ProcessFetch([Product("a")], FetchSettings(api.template), worker)
    assert (await asyncio.wrap_future(first.start()))[0].status == "ok"
    pid = worker._process.pid
    first.cancel()  # after the end: must not touch the next run
    second = ProcessFetch([Product("b"), Product("c")], FetchSettings(api.template), worker)
    results = await asyncio.wrap_future(second.start())
    assert [r.status for r in results] == ["ok", "ok"]
    assert worker._process.pid == pid  # the same process, not a new one


@pytest.mark.asyncio
async def test_a_killed_worker_fails_the_run_keeps_its_results_and_is_replaced(make_api, worker):
    api = await make_api(wait_forever)
    products = [Product(f"p{i}") for i in range(20)]
    run = ProcessFetch(products, FetchSettings(api.template, concurrency=5), worker)
    future = asyncio.wrap_future(run.start())
    await api.wait_in_flight(5)
    os.kill(worker._process.pid, signal.SIGKILL)
    with pytest.raises(RuntimeError, match=r"fetch worker process stopped unexpectedly \(exit"):
        await future
    drained = run.drain()
    assert len(drained) == 20  # no row is left pending
    assert {r.status for r in drained} == {"error"}
    assert "stopped unexpectedly" in drained[0].error
    ok_api = await make_api(stock_handler)
    again = ProcessFetch([Product("x")], FetchSettings(ok_api.template), worker)
    assert (await asyncio.wrap_future(again.start()))[0].status == "ok"


def test_the_worker_exits_when_the_window_process_goes_away(worker):
    worker.start()
    process = worker._process
    worker._conn.close()  # what the kernel does when the window's process dies
    assert process.wait(10) == 0


@pytest.mark.asyncio
@pytest.mark.parametrize("engine", ["process", "thread"])
async def test_template_columns_reach_the_request_and_fields_are_not_copied(
    make_api, worker, engine
):
    api = await make_api(stock_handler)
    products = [Product(f"p{i}", {"store": f"s{i}", "name": f"n{i}"}) for i in range(20)]
    settings = FetchSettings(api.base + "/get-current-inventory/{id}?store={store}")
    results, _ = await drain_until_done(start_run(engine, worker, products, settings))
    assert sorted(api.requests) == sorted(
        f"/get-current-inventory/p{i}?store=s{i}" for i in range(20)
    )
    # Each result shares its product's ID and input columns: no copies per result.
    assert all(r.fields is p.fields for r, p in zip(results, products, strict=True))
    assert all(r.id is p.id for r, p in zip(results, products, strict=True))
    if engine == "process":  # and an answer repeating the ID shares it too
        assert all(r.response["id"] is p.id for r, p in zip(results, products, strict=True))


@pytest.mark.asyncio
async def test_a_recycled_worker_is_a_new_process_and_the_old_one_exits(make_api, worker):
    api = await make_api(stock_handler)
    worker.start()
    old = worker.pid
    worker.recycle().join(10)
    assert worker.pid not in (None, old)
    with pytest.raises(ProcessLookupError):  # exited and reaped
        os.kill(old, 0)
    run = ProcessFetch([Product("a")], FetchSettings(api.template), worker)
    assert (await asyncio.wrap_future(run.start()))[0].status == "ok"


def test_ids_cross_to_the_worker_as_one_string_whatever_they_hold():
    ids = ["a", "b/c", "é€😀", "line\nbreak", "x\x1fy", "sku000001", "."]
    packed = pickle.loads(pickle.dumps(pack_products([Product(i) for i in ids], [])))
    products = PackedProducts(packed)
    assert len(products) == len(ids)
    assert [p.id for p in products] == ids
    assert products[-1].id == "."
    assert products[0].fields == {}
    with pytest.raises(IndexError):
        products[len(ids)]
    assert len(PackedProducts(pack_products([], []))) == 0


def test_sending_a_large_run_does_not_memoize_every_id():
    # A list of 100,000 strings pickled with a memo entry each: 7.5 MB traced
    # for a 1.2 MB message.
    packed = pack_products([Product(f"sku{i:06d}") for i in range(100_000)], [])
    tracemalloc.start()
    try:
        message = ForkingPickler.dumps(("run", 1, packed))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2 * len(message)
