"""The in-process thread engine, where it differs (tests/engine/test_interface.py has both)."""

from __future__ import annotations

import asyncio

import pytest

from inventory_gui.core.fetch.settings import FetchSettings
from inventory_gui.core.models import Product, Result
from inventory_gui.engine.thread_engine import ThreadEngine
from tests.loopback import stock_handler


@pytest.mark.asyncio
async def test_a_result_that_cannot_be_recorded_ends_the_run_saying_why(make_api, recorder):
    def refuse(result: Result) -> None:
        raise RuntimeError("disk full")

    recorder.record = refuse
    api = await make_api(stock_handler)
    engine = ThreadEngine()
    products = [Product(f"p{i}") for i in range(20)]
    future = engine.start(products, FetchSettings(api.template, concurrency=2), recorder)
    with pytest.raises(RuntimeError, match="disk full"):
        await asyncio.wrap_future(future)
    rows = engine.drain()
    assert sorted(r.id for r in rows) == sorted(p.id for p in products)  # none left pending
    errors = [r for r in rows if r.status != "ok"]
    assert len(errors) >= 18  # the fetcher stopped at the first failure
    assert {(r.status, r.error) for r in errors} == {("error", "RuntimeError: disk full")}
    assert all(r.checked_at for r in errors)
    assert recorder.begun == [p.id for p in products]
    assert recorder.ended is True


class CancelledAtOnce(ThreadEngine):
    """Cancels each run as soon as it is made, before its thread starts."""

    def _new_run(self, *args):
        run = super()._new_run(*args)
        run.cancel()
        return run


@pytest.mark.asyncio
async def test_a_run_cancelled_before_its_thread_starts_fetches_nothing(make_api, recorder):
    api = await make_api(stock_handler)
    engine = CancelledAtOnce()
    future = engine.start([Product("a"), Product("b")], FetchSettings(api.template), recorder)
    results = await asyncio.wrap_future(future)
    assert [(r.id, r.status) for r in results] == [("a", "cancelled"), ("b", "cancelled")]
    assert api.requests == []
    assert recorder.begun == []  # no history run was begun
    assert recorder.ended is True
