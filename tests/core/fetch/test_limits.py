"""Politeness: the adaptive concurrency limit and the rate limiter, alone and in the fetcher."""

from __future__ import annotations

import asyncio
import logging

import pytest
from aiohttp import web
from multidict import CIMultiDict

from inventory_gui.cli.fetch_command import build_parser as build_fetch_parser
from inventory_gui.core.errors import SettingsError
from inventory_gui.core.fetch.fetcher import Fetcher
from inventory_gui.core.fetch.limits import NEUTRAL, PUSHBACK, SUCCESS, AdaptiveLimit, RateLimiter
from inventory_gui.core.fetch.settings import FetchSettings
from inventory_gui.core.models import Product
from inventory_gui.core.progress import Progress
from tests.loopback import LoopbackApi, product_id


class FakeClock:
    """A monotonic clock that moves only when told to."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class SteppingTime(FakeClock):
    """A clock whose sleep advances it at once: deterministic timing of a rate limiter."""

    def __init__(self) -> None:
        super().__init__()
        self.sleeps: list[float] = []

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)


class ManualTime(FakeClock):
    """A clock whose sleeps last until the test releases them."""

    def __init__(self) -> None:
        super().__init__()
        self.sleeping: list[asyncio.Future[None]] = []
        self.started = asyncio.Event()

    async def sleep(self, seconds: float) -> None:
        future = asyncio.get_running_loop().create_future()
        self.sleeping.append(future)
        self.started.set()
        await future

    def wake_all(self, advance: float) -> None:
        self.now += advance
        for future in self.sleeping:
            if not future.done():
                future.set_result(None)
        self.sleeping.clear()
        self.started.clear()


def products(n: int) -> list[Product]:
    return [Product(f"p{i}") for i in range(n)]


async def take(limit: AdaptiveLimit, n: int) -> list[int]:
    return [await limit.acquire() for _ in range(n)]


# --- AdaptiveLimit -----------------------------------------------------------------------


@pytest.mark.asyncio
async def test_permits_bound_in_flight_and_are_granted_in_order():
    limit = AdaptiveLimit(2)
    assert limit.try_acquire() == 0  # the fast path: a ticket, no coroutine
    await take(limit, 1)
    assert limit.try_acquire() == -1  # full: no waiting there
    order: list[str] = []

    async def waiter(name: str) -> None:
        ticket = await limit.acquire()
        order.append(name)
        limit.release(SUCCESS, ticket)

    tasks = [asyncio.ensure_future(waiter(n)) for n in "abc"]
    await asyncio.sleep(0)
    assert (limit.in_flight, order) == (2, [])
    limit.release(SUCCESS, 0)
    limit.release(SUCCESS, 0)
    await asyncio.gather(*tasks)
    assert order == ["a", "b", "c"]
    assert (limit.in_flight, limit.limit, limit.max_limit) == (0, 2, 2)


@pytest.mark.asyncio
async def test_a_burst_of_429_halves_once_then_cooldown_allows_more():
    clock = FakeClock()
    limit = AdaptiveLimit(16, clock=clock)
    tickets = await take(limit, 16)
    for status, ticket in zip([429] * 8 + [503] * 8, tickets, strict=True):
        limit.release(limit.on_answer(status, {}), ticket)
    assert limit.limit == 8  # one burst of the same round: one decrease, not down to 1
    # A pushback from a request sent before the decrease counts again after the cooldown.
    old = await limit.acquire()
    limit.release(PUSHBACK, old - 1)
    assert limit.limit == 8
    clock.now = 1.0
    old = await limit.acquire()
    limit.release(PUSHBACK, old - 1)
    assert limit.limit == 4


@pytest.mark.asyncio
async def test_a_request_sent_after_a_decrease_may_decrease_again_at_once():
    limit = AdaptiveLimit(64, clock=FakeClock())
    seen = [limit.limit]
    while limit.limit > 1:
        limit.release(PUSHBACK, await limit.acquire())
        seen.append(limit.limit)
    limit.release(PUSHBACK, await limit.acquire())
    assert seen == [64, 32, 16, 8, 4, 2, 1]
    assert limit.limit == 1  # never below 1


@pytest.mark.asyncio
async def test_additive_increase_after_limit_successes_up_to_the_max():
    limit = AdaptiveLimit(6, initial=4, clock=FakeClock())
    levels = []
    for _ in range(4 + 5 + 10):
        limit.release(SUCCESS, await limit.acquire())
        levels.append(limit.limit)
    assert levels[:3] == [4, 4, 4]
    assert levels[3] == 5  # 4 successes at limit 4
    assert levels[8] == 6  # then 5 at limit 5
    assert max(levels) == 6  # never above max_limit
    # A pushback restarts the count; neutral outcomes neither help nor hurt.
    limit = AdaptiveLimit(6, initial=2, clock=FakeClock())
    limit.release(SUCCESS, await limit.acquire())
    limit.release(NEUTRAL, await limit.acquire())
    assert limit.limit == 2
    limit.release(SUCCESS, await limit.acquire())
    assert limit.limit == 3


@pytest.mark.asyncio
async def test_increase_wakes_waiters():
    limit = AdaptiveLimit(3, initial=1, clock=FakeClock())
    ticket = await limit.acquire()
    waiter = asyncio.ensure_future(limit.acquire())
    await asyncio.sleep(0)
    assert not waiter.done()
    limit.release(SUCCESS, ticket)  # 1 success at limit 1: limit 2, and the waiter runs
    assert limit.limit == 2
    await waiter
    assert limit.in_flight == 1


@pytest.mark.asyncio
async def test_cancelled_waiter_takes_nothing():
    limit = AdaptiveLimit(1)
    held = await limit.acquire()
    first = asyncio.ensure_future(limit.acquire())
    second = asyncio.ensure_future(limit.acquire())
    await asyncio.sleep(0)
    first.cancel()
    with pytest.raises(asyncio.CancelledError):
        await first
    assert limit.in_flight == 1
    limit.release(SUCCESS, held)
    await second  # the permit went to the next waiter, not to the cancelled one
    assert limit.in_flight == 1
    limit.release(SUCCESS, 0)
    assert limit.in_flight == 0


@pytest.mark.asyncio
async def test_waiter_cancelled_then_skipped_by_a_release_still_ends_cancelled():
    limit = AdaptiveLimit(1)
    held = await limit.acquire()
    cancelled = asyncio.ensure_future(limit.acquire())
    behind = asyncio.ensure_future(limit.acquire())
    await asyncio.sleep(0)
    cancelled.cancel()  # its future is cancelled now; the task has not run yet...
    limit.release(SUCCESS, held)  # ...when a release drops it from the queue
    with pytest.raises(asyncio.CancelledError):
        await cancelled  # not any other error: the cancellation must not be swallowed
    await behind
    assert limit.in_flight == 1


@pytest.mark.asyncio
async def test_waiter_cancelled_just_after_being_granted_gives_the_permit_back():
    limit = AdaptiveLimit(1)
    held = await limit.acquire()
    granted = asyncio.ensure_future(limit.acquire())
    behind = asyncio.ensure_future(limit.acquire())
    await asyncio.sleep(0)
    limit.release(SUCCESS, held)  # hands the permit to `granted`...
    granted.cancel()  # ...which is cancelled before it can run
    with pytest.raises(asyncio.CancelledError):
        await granted
    await behind  # the permit was passed on, not lost
    assert limit.in_flight == 1
    limit.release(SUCCESS, 0)
    assert limit.in_flight == 0
    await limit.acquire()  # and the fast path works again


@pytest.mark.asyncio
async def test_rate_limit_headers_running_low_are_a_pushback():
    limit = AdaptiveLimit(32)
    quota = {"X-RateLimit-Limit": "1000"}

    def answer(status: int | None, remaining: str | None = None, **extra: str) -> object:
        headers = CIMultiDict({**quota, **extra})
        if remaining is not None:
            headers["x-ratelimit-remaining"] = remaining  # any case, as aiohttp gives them
        return limit.on_answer(status, headers)

    assert answer(200) is SUCCESS
    assert answer(200, "900") is SUCCESS
    assert answer(200, "99") is PUSHBACK  # below 10 % of the quota
    assert answer(404, "500") is SUCCESS
    assert answer(200, "lots") is SUCCESS  # unreadable: ignored
    assert answer(429) is PUSHBACK
    assert answer(503, "900") is PUSHBACK
    assert answer(500) is NEUTRAL
    assert answer(None) is NEUTRAL
    assert limit.on_answer(200, {"X-RateLimit-Remaining": "3"}) is SUCCESS  # no quota known
    await take(limit, 8)
    # Fewer requests left than are in flight right now.
    assert limit.on_answer(200, {"X-RateLimit-Remaining": "7"}) is PUSHBACK
    assert limit.on_answer(200, {"X-RateLimit-Remaining": "8"}) is SUCCESS


@pytest.mark.asyncio
async def test_fetcher_slows_down_as_remaining_requests_run_low(make_api):
    async def handler(request, api):
        remaining = max(0, 1000 - 10 * len(api.requests))  # below 10 % after 90 requests
        headers = {"X-RateLimit-Limit": "1000", "X-RateLimit-Remaining": str(remaining)}
        await asyncio.sleep(0.002)
        return web.json_response({"quantity": 1}, headers=headers)

    api = await make_api(handler)
    fetcher = Fetcher(FetchSettings(api.template, concurrency=16))
    early_limits: list[int] = []

    def on_result(index, result):
        if len(early_limits) < 60:
            early_limits.append(fetcher.current_concurrency)

    results = await fetcher.run(products(200), on_result)
    assert all(r.status == "ok" and r.attempts == 1 for r in results)
    assert set(early_limits) == {16}  # plenty left: full speed
    assert fetcher.current_concurrency <= 2


# --- RateLimiter -------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_rate_limiter_paces_after_the_burst():
    time = SteppingTime()
    limiter = RateLimiter(10, burst=3, clock=time, sleep=time.sleep)
    starts = []
    for _ in range(7):
        await limiter.acquire()
        starts.append(time.now)
    assert starts == pytest.approx([0, 0, 0, 0.1, 0.2, 0.3, 0.4])
    time.now += 10  # idle: the bucket refills up to the burst only
    idle = time.now
    starts = []
    for _ in range(4):
        await limiter.acquire()
        starts.append(time.now - idle)
    assert starts == pytest.approx([0, 0, 0, 0.1])  # three at once, then paced again


@pytest.mark.asyncio
async def test_rate_limiter_serves_concurrent_waiters_in_order_one_sleeper_at_a_time():
    time = SteppingTime()
    limiter = RateLimiter(100, clock=time, sleep=time.sleep)
    assert limiter.burst == 2
    starts: dict[int, float] = {}

    async def go(i: int) -> None:
        await limiter.acquire()
        starts[i] = time.now

    await asyncio.gather(*(go(i) for i in range(10)))
    assert list(starts) == list(range(10))
    assert list(starts.values()) == pytest.approx([0, 0] + [0.01 * k for k in range(1, 9)])
    assert len(time.sleeps) == 8  # one sleep per token, not one per waiter per token


@pytest.mark.asyncio
async def test_cancelled_rate_limiter_waiters_take_no_token():
    time = ManualTime()
    limiter = RateLimiter(1, burst=1, clock=time, sleep=time.sleep)
    await limiter.acquire()
    head = asyncio.ensure_future(limiter.acquire())  # sleeps for the next token
    queued = asyncio.ensure_future(limiter.acquire())  # waits behind it
    await time.started.wait()
    queued.cancel()
    head.cancel()
    for task in (head, queued):
        with pytest.raises(asyncio.CancelledError):
            await task
    time.wake_all(advance=1.0)
    taken = asyncio.ensure_future(limiter.acquire())
    await asyncio.sleep(0)  # one turn of the loop: enough only if no sleep is needed
    assert taken.done(), "the token the cancelled waiters gave up is not there"
    assert time.sleeping == []
    # A cancelled sleeper does not block the next one either.
    nxt = asyncio.ensure_future(limiter.acquire())
    await time.started.wait()
    time.wake_all(advance=1.0)
    await nxt


def test_rate_limiter_rejects_bad_rates():
    for bad in (0, -1, float("inf"), float("nan")):
        with pytest.raises(ValueError, match="above 0"):
            RateLimiter(bad)


# --- in the fetcher, against a loopback API ----------------------------------------------

SERVER_LIMIT = 8


async def run_against_strict_api(make_api, *, adaptive: bool) -> dict:
    """300 products, 64 workers, an API that refuses more than 8 requests at once."""
    seen = {"429": 0, "done": 0, "late_server_max": 0, "late_limit_max": 0}

    async def handler(request, api: LoopbackApi):
        if seen["done"] >= 150:
            seen["late_server_max"] = max(seen["late_server_max"], api.in_flight)
        if api.in_flight > SERVER_LIMIT:
            seen["429"] += 1
            return web.Response(status=429, headers={"Retry-After": "0"})
        await asyncio.sleep(0.02)
        return web.json_response({"quantity": 1})

    api = await make_api(handler)
    settings = FetchSettings(api.template, concurrency=64, retries=10, adaptive=adaptive)
    fetcher = Fetcher(settings)

    def on_result(index, result):
        seen["done"] += 1
        if seen["done"] >= 150:
            seen["late_limit_max"] = max(seen["late_limit_max"], fetcher.current_concurrency)

    results = await fetcher.run(products(300), on_result)
    seen["failed"] = sum(r.status != "ok" for r in results)
    seen["final_limit"] = fetcher.current_concurrency
    return seen


@pytest.mark.asyncio
async def test_adaptive_limit_converges_to_what_the_api_accepts(make_api):
    polite = await run_against_strict_api(make_api, adaptive=True)
    blunt = await run_against_strict_api(make_api, adaptive=False)
    print(f"adaptive: {polite}\nfixed:    {blunt}")
    assert polite["failed"] == 0
    assert polite["late_server_max"] <= SERVER_LIMIT + 2
    assert polite["late_limit_max"] <= SERVER_LIMIT + 2  # probes just above, then halves
    # At the very end fewer than SERVER_LIMIT requests are in flight, nothing
    # pushes back and the additive increase may take its one probing step
    # (6 to 10 over 12 runs since the workers ramp up; always 6 before).
    assert polite["final_limit"] <= SERVER_LIMIT + 2
    # Without it, the same run hammers the API with retries (about 20 times as many 429s).
    assert blunt["late_limit_max"] == 64
    assert blunt["429"] > 5 * polite["429"]


@pytest.mark.asyncio
async def test_cancel_while_workers_wait_for_a_permit(make_api, caplog):
    async def handler(request, api):
        if len(api.requests) == 1:
            await api.wait_in_flight(4)  # every worker has sent its first request
            return web.Response(status=429, headers={"Retry-After": "0"})
        await asyncio.Event().wait()
        raise AssertionError

    retrying = asyncio.Event()

    async def retry_sleep(seconds: float) -> None:
        retrying.set()  # returns at once: the worker goes on to wait for a permit

    api = await make_api(handler)
    fetcher = Fetcher(FetchSettings(api.template, concurrency=4), sleep=retry_sleep)
    caplog.set_level(logging.DEBUG, logger="asyncio")
    task = asyncio.ensure_future(fetcher.run(products(10)))
    await retrying.wait()
    await api.wait_in_flight(3)
    assert fetcher.current_concurrency == 2  # 3 still in flight: the retry waits
    fetcher.cancel()
    results = await task
    assert {r.status for r in results} == {"cancelled"}
    assert len(api.requests) == 4  # no request after the cancel
    assert sum(r.attempts for r in results) == 4  # waiting for a permit is not an attempt
    assert "destroyed but it is pending" not in caplog.text


@pytest.mark.asyncio
async def test_cancel_with_many_waiters_while_permits_come_back(make_api):
    async def handler(request, api):
        if int(product_id(request)[1:]) >= 8:
            # Only once all 16 first requests are here: the ramped workers that start
            # after the first 429 would otherwise wait for a permit the limit no longer has.
            await api.wait_in_flight(16)
            return web.Response(status=429, headers={"Retry-After": "0"})
        await asyncio.Event().wait()  # p0..p7 hang: their workers hold the permits
        raise AssertionError

    waiting = 0
    all_waiting = asyncio.Event()

    async def retry_sleep(seconds: float) -> None:
        nonlocal waiting
        waiting += 1
        if waiting == 8:
            all_waiting.set()

    api = await make_api(handler)
    fetcher = Fetcher(FetchSettings(api.template, concurrency=16), sleep=retry_sleep)
    task = asyncio.ensure_future(fetcher.run(products(40)))
    await all_waiting.wait()
    await api.wait_in_flight(8)
    assert fetcher.current_concurrency == 8
    sent = len(api.requests)  # 16 or fewer: a 429'd product may be retried before others start
    fetcher.cancel()  # cancelled hung requests give permits back while the waiters unwind
    results = await asyncio.wait_for(task, timeout=10)  # a guard: a cancelled run ends
    assert {r.status for r in results} == {"cancelled"}
    assert len(api.requests) == sent  # no request after the cancel


@pytest.mark.asyncio
async def test_rate_limit_spreads_requests_over_time(make_api):
    loop = asyncio.get_running_loop()
    arrivals: list[float] = []

    async def handler(request, api):
        arrivals.append(loop.time())
        return web.json_response({"quantity": 1})

    api = await make_api(handler)
    started = loop.time()
    results = await Fetcher(FetchSettings(api.template, rate_limit=100)).run(products(50))
    elapsed = loop.time() - started
    assert all(r.status == "ok" for r in results)
    assert elapsed >= 0.45  # (50 - burst of 2) / 100 per second
    busiest = max(sum(1 for t in arrivals if start <= t < start + 0.1) for start in arrivals)
    assert busiest <= 10 + 2 + 1  # rate x 100 ms + burst, and a little timer jitter


# --- settings, command line, progress line -----------------------------------------------


def test_settings_and_command_line_options():
    with pytest.raises(SettingsError, match="rate limit"):
        FetchSettings("http://127.0.0.1:9/{id}", rate_limit=0).validate()
    settings = FetchSettings("http://127.0.0.1:9/{id}")
    assert (settings.adaptive, settings.rate_limit) == (True, None)
    args = build_fetch_parser().parse_args(["f.csv", "--rate-limit", "2.5", "--no-adaptive"])
    assert (args.rate_limit, args.no_adaptive) == (2.5, True)
    args = build_fetch_parser().parse_args(["f.csv"])
    assert (args.rate_limit, args.no_adaptive) == (None, False)
    with pytest.raises(SystemExit):
        build_fetch_parser().parse_args(["f.csv", "--rate-limit", "0"])
    assert Fetcher(settings).current_concurrency == settings.concurrency


def test_progress_shows_concurrency_only_below_the_maximum():
    progress = Progress(total=10, clock=lambda: 0.0)
    progress.concurrency = (64, 64)
    assert "concurrency" not in progress.summary()
    progress.concurrency = (8, 64)
    assert "· 0/s · concurrency 8/64 · ETA" in progress.summary()
