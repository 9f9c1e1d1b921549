"""Both window engines through the one interface the window drives.

Each test makes an engine with :func:`make_engine` and runs it against a
loopback server as the window would: start, drain on a timer, cancel.  The
process engine uses a real worker process.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator

import pytest
import pytest_asyncio
from aiohttp import web

from inventory_gui.core.fetch.rate_control import HEADERS
from inventory_gui.core.fetch.settings import FetchSettings
from inventory_gui.core.models import Product, Result
from inventory_gui.engine import worker_process
from inventory_gui.engine.factory import make_engine
from inventory_gui.engine.interface import FetchEngine
from tests.loopback import stock_handler, wait_forever

ENGINES = ["process", "thread"]


@pytest_asyncio.fixture(params=ENGINES)
async def engine(request: pytest.FixtureRequest) -> AsyncIterator[FetchEngine]:
    engine = make_engine(request.param)
    yield engine
    await asyncio.to_thread(engine.close)


async def drain_until_done(engine: FetchEngine, future) -> tuple[list[Result], list[Result]]:
    """Await the run while draining it as the window's timer would."""
    done = asyncio.wrap_future(future)
    drained: list[Result] = []
    while not done.done():
        drained.extend(engine.drain())
        await asyncio.wait([done], timeout=0.01)
    drained.extend(engine.drain())
    return await done, drained


@pytest.mark.asyncio
async def test_every_result_arrives_once_in_input_order(make_api, engine, recorder):
    api = await make_api(stock_handler)
    products = [Product(f"p/{i}", {"name": f"n{i}"}) for i in range(300)]
    settings = FetchSettings(api.template, concurrency=16, headers={"X-Key": "s3cret"})
    assert engine.concurrency is None  # no run yet
    results, drained = await drain_until_done(engine, engine.start(products, settings, recorder))
    assert [r.id for r in results] == [p.id for p in products]
    assert all(r.status == "ok" and r.http_status == 200 for r in results)
    assert results[7].quantity == len("p/7")
    assert results[7].fields == {"name": "n7"}
    assert results[7].parsed_response() == {"id": "p/7", "quantity": 3}
    assert sorted(r.id for r in drained) == sorted(p.id for p in products)
    assert recorder.begun == [p.id for p in products]
    assert len(recorder.recorded) == 300
    assert recorder.ended is False
    assert recorder.learned is None  # no limit met: none to remember
    assert engine.concurrency == (16, 16)
    assert {h["X-Key"] for h in api.headers} == {"s3cret"}


async def budget_handler(request, api) -> web.Response:
    """Stock, with a budget of 50 requests a second advertised on every answer."""
    headers = {"RateLimit-Policy": '"d";q=50;w=1', "RateLimit": '"d";r=40;t=1'}
    return web.json_response({"quantity": 1}, headers=headers)


@pytest.mark.asyncio
async def test_the_learned_rate_limit_reaches_the_recorder_at_the_end(make_api, engine, recorder):
    api = await make_api(budget_handler)
    settings = FetchSettings(api.template, concurrency=4)
    results, _drained = await drain_until_done(
        engine, engine.start([Product("a"), Product("b")], settings, recorder)
    )
    assert [r.status for r in results] == ["ok", "ok"]
    assert recorder.learned == (50.0, HEADERS)


@pytest.mark.asyncio
async def test_cancel_ends_the_rest_cancelled(make_api, engine, recorder):
    api = await make_api(wait_forever)
    products = [Product(f"p{i}") for i in range(50)]
    future = engine.start(products, FetchSettings(api.template, concurrency=4), recorder)
    with pytest.raises(RuntimeError, match="already running"):
        engine.start(products, FetchSettings(api.template), recorder)
    await api.wait_in_flight(4)
    engine.cancel()
    results = await asyncio.wrap_future(future)
    assert {r.status for r in results} == {"cancelled"}
    assert recorder.ended is True
    assert len(engine.drain()) == 50
    engine.cancel()  # after the end: nothing to stop, nothing breaks


@pytest.mark.asyncio
async def test_template_columns_reach_the_request_and_fields_are_not_copied(make_api, engine):
    api = await make_api(stock_handler)
    products = [Product(f"p{i}", {"store": f"s{i}", "name": f"n{i}"}) for i in range(20)]
    settings = FetchSettings(api.base + "/get-current-inventory/{id}?store={store}")
    results, _ = await drain_until_done(engine, engine.start(products, settings))
    assert sorted(api.requests) == sorted(
        f"/get-current-inventory/p{i}?store=s{i}" for i in range(20)
    )
    # Each result shares its product's ID and input columns: no copies per result.
    assert all(r.fields is p.fields for r, p in zip(results, products, strict=True))
    assert all(r.id is p.id for r, p in zip(results, products, strict=True))
    if engine.worker_pid is not None:  # the answer stays packed: no objects of its own
        assert all(r.response is None and type(r.body) is bytes for r in results)


@pytest.mark.asyncio
async def test_each_engine_has_the_interface_and_only_one_a_worker_process(engine):
    assert isinstance(engine, FetchEngine)
    engine.prepare()
    if isinstance(engine, worker_process.WorkerProcessEngine):
        assert engine.worker_pid is not None
    else:
        assert engine.worker_pid is None


def test_an_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="no fetch engine called 'loop'"):
        make_engine("loop")  # type: ignore[arg-type]


@pytest.mark.asyncio
async def test_runs_go_on_the_one_thread_started_by_prepare(make_api, engine):
    # Starting a thread at each Fetch click stuttered the window: prepare()
    # starts the runs' thread once, and every run after goes on it.
    api = await make_api(stock_handler)
    settings = FetchSettings(api.template, concurrency=4)
    before = {t.ident for t in threading.enumerate()}
    engine.prepare()
    ours = [t for t in threading.enumerate() if t.name == "inventory-fetch"]
    assert len(ours) == 1
    assert ours[0].ident not in before
    for round_ in range(2):
        results, _ = await drain_until_done(engine, engine.start([Product(f"r{round_}")], settings))
        assert results[0].status == "ok"
    assert [t.ident for t in threading.enumerate() if t.name == "inventory-fetch"] == [
        ours[0].ident
    ]
