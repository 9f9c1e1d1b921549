"""The fetcher riding real rate limits on loopback (issue 16).

Short real-time runs against the benchmark's limited API
(:mod:`inventory_gui.devtools.bench.limited_api`); the bounds allow for a
loaded machine, the exact figures are tested on a fake clock in test_rate_control.py.
The runs that take seconds of real time to ride a limit are marked slow: CI runs
them, the inner loop keeps the fake-clock tests and the short runs here.
"""

from __future__ import annotations

import asyncio
import time

import pytest
import pytest_asyncio
from aiohttp import web

from inventory_gui.core.fetch.fetcher import Fetcher, FetchSettings
from inventory_gui.core.history.store import HistoryStore
from inventory_gui.core.models import Product
from inventory_gui.core.progress import Progress
from inventory_gui.devtools.bench.limited_api import Limits, Stats, make_app


def products(n: int) -> list[Product]:
    return [Product(f"p{i}", {}) for i in range(n)]


@pytest_asyncio.fixture
async def limited_api():
    runners = []

    async def start(limits: Limits) -> tuple[str, Stats]:
        stats = Stats()
        runner = web.AppRunner(make_app(limits, stats), access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        runners.append(runner)
        port = runner.addresses[0][1]
        return f"http://127.0.0.1:{port}/get-current-inventory/{{id}}", stats

    yield start
    for runner in runners:
        await runner.cleanup()


async def timed_run(settings: FetchSettings, n: int) -> tuple[list, float, Fetcher]:
    fetcher = Fetcher(settings)
    started = time.monotonic()
    results = await fetcher.run(products(n))
    return results, time.monotonic() - started, fetcher


@pytest.mark.slow
@pytest.mark.asyncio
async def test_budget_headers_are_ridden_without_refusals(limited_api):
    template, stats = await limited_api(Limits("bucket", rate=100, burst=10, headers=True))
    results, seconds, fetcher = await timed_run(FetchSettings(template, concurrency=32), 250)
    assert all(r.status == "ok" for r in results)
    # At most the opening wave: 32 requests may leave before the first answer
    # tells the budget, 10 are taken; then the few the fake clock shows after
    # that wave's pause (test_rate_control.py: 22 + 3).
    assert stats.refused <= 22 + 3
    # 10 at once, then 100/s: 2.4 s; a refused opening wave adds its 1 s pause.
    # 0.5 s more for a loaded machine; the figures are exact on the fake clock.
    best = 2.4 + (1.0 if stats.refused else 0.0)
    assert best - 0.4 <= seconds <= best + 0.5
    assert fetcher.pace.startswith("pacing at ")
    assert fetcher.pace.endswith("API limit learned from headers")


@pytest.mark.slow
@pytest.mark.asyncio
async def test_unadvertised_bucket_every_row_ok_without_spending_retries(limited_api):
    template, stats = await limited_api(Limits("bucket", rate=100, burst=10))
    settings = FetchSettings(template, concurrency=32, retries=0)  # a refusal spends none
    results, seconds, fetcher = await timed_run(settings, 300)
    assert all(r.status == "ok" for r in results), {r.error for r in results}
    assert 1 <= stats.refused <= 60  # learned from a few rounds of 429 + Retry-After: 1
    assert 300 / seconds >= 0.5 * 100
    assert fetcher.rate_control.learned_rate == pytest.approx(100, rel=0.5)
    assert sum(r.attempts for r in results) == 300 + stats.refused


@pytest.mark.asyncio
async def test_without_adaptation_the_same_api_fails_rows(limited_api):
    template, _stats = await limited_api(Limits("bucket", rate=100, burst=10))
    settings = FetchSettings(template, concurrency=32, retries=0, adaptive=False)
    results, _seconds, fetcher = await timed_run(settings, 100)
    assert sum(r.status == "error" for r in results) >= 50
    assert fetcher.pace is None


@pytest.mark.slow
@pytest.mark.asyncio
async def test_leaky_bucket_used_over_limit(limited_api):
    template, stats = await limited_api(Limits("leaky", burst=60))  # leaks 3/s
    results, seconds, _fetcher = await timed_run(FetchSettings(template, concurrency=16), 66)
    assert all(r.status == "ok" for r in results)
    assert stats.refused <= 3
    assert seconds <= 6.0  # 60 at once, 6 more at 3/s


@pytest.mark.asyncio
async def test_concurrency_cap_is_left_to_the_concurrency_limit(limited_api):
    limits = Limits("concurrency", cap=8, latency_s=0.01)
    template, _stats = await limited_api(limits)
    results, seconds, fetcher = await timed_run(FetchSettings(template, concurrency=64), 400)
    assert all(r.status == "ok" for r in results)
    assert fetcher.rate_control.rate is None  # 429s without Retry-After: not a rate limit
    assert seconds < 400 * 0.01 / 8 * 5  # within a few times what 8 at once allow


@pytest.mark.asyncio
async def test_no_request_goes_before_the_last_retry_after_has_passed(make_api):
    # The opening wave of 8 is refused, the answers 40 ms apart, each with
    # Retry-After 0.3: the run's pause lasts until the last one's has passed,
    # for every row, the row told the first one included.
    wave: list[float] = []
    wave_in = asyncio.Event()
    arrived_after: list[float] = []

    async def handler(request, api):
        if not wave_in.is_set():
            index = len(wave)
            wave.append(0.0)
            if len(wave) == 8:
                wave_in.set()
            await wave_in.wait()
            await asyncio.sleep(0.04 * index)  # the API answers them 40 ms apart
            wave[index] = time.monotonic()
            return web.Response(status=429, headers={"Retry-After": "0.3"})
        arrived_after.append(time.monotonic())
        return web.json_response({"quantity": 1})

    api = await make_api(handler)
    results, _seconds, _fetcher = await timed_run(FetchSettings(api.template, concurrency=8), 8)
    assert all(r.status == "ok" for r in results)
    assert min(arrived_after) >= max(wave) + 0.3


@pytest.mark.asyncio
async def test_a_row_refused_too_long_fails_with_the_time(make_api):
    async def handler(request, api):
        return web.Response(status=429, headers={"Retry-After": "0.2"})

    api = await make_api(handler)
    settings = FetchSettings(api.template, retries=0, rate_limited_max=1.0)
    results, _seconds, _fetcher = await timed_run(settings, 1)
    assert results[0].status == "error"
    assert results[0].error == "rate limited for 1 s"
    assert results[0].attempts >= 4


@pytest.mark.asyncio
async def test_the_learned_limit_is_remembered_and_starts_the_next_run(tmp_path):
    store = HistoryStore(tmp_path)
    try:
        assert store.remembered_rate("http://127.0.0.1:1") is None
        store.remember_rate("http://127.0.0.1:1", 180.0, "API limit learned from headers")
        assert store.remembered_rate("http://127.0.0.1:1") == 180.0
    finally:
        store.close()
    fetcher = Fetcher(FetchSettings("http://127.0.0.1:1/{id}", remembered_rate=180.0))
    await fetcher.run([])
    assert fetcher.pace == "pacing at 180 req/s, API limit remembered from an earlier run"


def test_the_progress_line_shows_the_pace():
    progress = Progress(
        total=10, pace=lambda: "pacing at 180 req/s, API limit learned from headers"
    )
    assert "pacing at 180 req/s, API limit learned from headers" in progress.summary()
    assert "pacing" not in Progress(total=10, pace=lambda: None).summary()
