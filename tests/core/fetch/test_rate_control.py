"""The rate controller's decisions, on a fake clock (core/fetch/rate_control.py).

A simulated API (the benchmark's token bucket, :mod:`inventory_gui.devtools.bench.limited_api`,
on the same fake clock) answers requests that a few simulated workers send
as the controller lets them; no real time passes, so rates are exact.
"""

from __future__ import annotations

import asyncio
import heapq
import random

import pytest
from multidict import CIMultiDict

from inventory_gui.core.fetch.rate_control import (
    HEADERS,
    PUSHBACKS,
    REMEMBERED,
    RateController,
    RateLimitedRow,
    api_origin,
)
from inventory_gui.devtools.bench.limited_api import Bucket, Limits


class FakeClock:
    """Monotonic seconds that move only when the simulated tasks all wait.

    With ``driven``, ``sleep`` parks the caller until the clock reaches its wake
    time, and :meth:`drive` moves the clock to the earliest wake time whenever
    every task is parked (no callback left to run: a few event-loop turns pass
    with nothing new).  Otherwise each sleep simply moves the clock on.
    """

    def __init__(self, driven: bool = False) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []
        self._driven = driven
        self._timers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._seq = 0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        if not self._driven:
            self.now += seconds
            await asyncio.sleep(0)
            return
        wake = asyncio.get_running_loop().create_future()
        self._seq += 1
        heapq.heappush(self._timers, (self.now + seconds, self._seq, wake))
        await wake

    async def drive(self, tasks: list[asyncio.Future[None]]) -> None:
        """Run ``tasks`` to their end on this clock."""
        while not all(task.done() for task in tasks):
            for _ in range(10):  # let every ready task run until it parks
                await asyncio.sleep(0)
            if self._timers:
                when, _seq, wake = heapq.heappop(self._timers)
                self.now = max(self.now, when)
                wake.set_result(None)
        for task in tasks:
            task.result()


def controller(clock: FakeClock, **kwargs) -> RateController:
    return RateController(clock=clock, sleep=clock.sleep, rng=random.Random(1), **kwargs)


async def simulate(limits: Limits, n: int, *, workers: int = 4, latency: float = 0.001,
                   change=None) -> dict:  # fmt: skip
    """Send ``n`` requests through a controller to a simulated API; every one ends accepted.

    Each worker: wait for the controller, then the API answers after ``latency``
    (a refused request is sent again, as the fetcher re-queues it).
    """
    clock = FakeClock(driven=True)
    control = controller(clock)
    bucket = Bucket(limits, clock)
    seen = {"refused": 0, "ok": 0}
    queue = list(range(n))
    started = clock.now

    async def worker() -> None:
        while queue:
            queue.pop()
            while True:
                await control.acquire()
                sent_in = control.epoch
                if change is not None:
                    change(clock.now - started, limits)
                accepted = bucket.take()
                headers = CIMultiDict(bucket.headers())
                await clock.sleep(latency)
                if accepted:
                    control.on_answer(200, headers, None, sent_in, 1)
                    seen["ok"] += 1
                    break
                seen["refused"] += 1
                control.on_answer(429, headers, 1.0, sent_in, 1)
                await clock.sleep(1.0)  # the row's own Retry-After
                # (then, like the fetcher, it does not wait for that pause again)

    await clock.drive([asyncio.ensure_future(worker()) for _ in range(workers)])
    seen["seconds"] = clock.now - started
    seen["rate"] = n / seen["seconds"]
    seen["control"] = control
    return seen


# -- decisions -----------------------------------------------------------------------


@pytest.mark.asyncio
async def test_unpaced_until_the_api_says_anything():
    clock = FakeClock()
    control = controller(clock)
    for _ in range(1000):
        await control.acquire()
        assert control.on_answer(200, CIMultiDict(), None) is False
    assert clock.sleeps == []
    assert control.rate is None
    assert control.describe() is None


@pytest.mark.asyncio
async def test_advertised_budget_sets_the_pace_before_any_refusal():
    clock = FakeClock()
    control = controller(clock)
    headers = CIMultiDict({"RateLimit-Policy": '"d";q=100;w=10', "RateLimit": '"d";r=50;t=5'})
    control.on_answer(200, headers)
    assert control.rate == pytest.approx(10 * 0.98 + (50 - 2) / 1.0)
    assert control.learned_rate == 10
    assert control.describe() == f"pacing at {control.rate:,.0f} req/s, {HEADERS}"
    # Nearly spent: slower, before it runs out (the remaining 1 spread over the 5 s left).
    control.on_answer(200, CIMultiDict({"RateLimit-Policy": '"d";q=100;w=10',
                                        "RateLimit": '"d";r=1;t=5'}))  # fmt: skip
    assert control.rate == pytest.approx(10 * (0.5 + 0.5 * 1 / 2))


@pytest.mark.asyncio
async def test_retry_after_pauses_every_waiter_then_they_resume_with_jitter():
    clock = FakeClock(driven=True)
    control = controller(clock)
    assert control.on_answer(429, CIMultiDict(), 2.0, control.epoch) is True
    waits = []

    async def waiter() -> None:
        start = clock.now
        await control.acquire()
        waits.append(clock.now - start)

    await clock.drive([asyncio.ensure_future(waiter()) for _ in range(5)])
    assert all(2.0 <= wait <= 2.0 + 0.05 + 1.0 for wait in waits)  # the pause, jitter, pace
    assert len({round(w, 6) for w in waits}) == 5  # spread: not all at once
    # The request that was told the Retry-After (and slept it) does not wait for it again.
    clock = FakeClock()
    control = controller(clock)
    control.on_answer(429, CIMultiDict(), 3.0, control.epoch)
    before = clock.now
    await control.acquire(waited_out=True)
    assert clock.now - before < 1.0


@pytest.mark.asyncio
async def test_a_429_without_retry_after_lowers_the_pace_only_at_one_in_flight():
    clock = FakeClock()
    control = controller(clock)
    assert control.on_answer(429, None, None, control.epoch, concurrency=8) is True
    assert control.rate is None  # the concurrency limit deals with it first
    assert control.on_answer(429, None, None, control.epoch, concurrency=1) is True
    assert control.rate is not None
    assert control.source == PUSHBACKS
    # A 503 without Retry-After is the API failing: not a rate-limit refusal.
    assert control.on_answer(503, None, None, control.epoch, concurrency=1) is False


@pytest.mark.asyncio
async def test_one_round_of_refusals_decreases_once():
    clock = FakeClock()
    control = controller(clock, start_rate=100.0)
    sent_in = control.epoch
    for _ in range(20):
        control.on_answer(429, None, None, sent_in, 1)
    assert control.decreases == 1
    assert control.rate == pytest.approx(90.0)


def test_the_ceiling_and_the_remembered_start():
    clock = FakeClock()
    control = controller(clock, ceiling=5.0, start_rate=50.0)
    assert control.rate == 5.0
    assert control.describe() == f"pacing at 5.0 req/s, {REMEMBERED}"
    control.on_answer(200, CIMultiDict({"RateLimit-Policy": '"d";q=1000;w=1'}))
    assert control.rate == 5.0  # --rate-limit stays a hard ceiling


def test_a_row_refused_past_the_bound_fails_with_the_time():
    clock = FakeClock()
    row = RateLimitedRow(600.0, clock)

    class Answer:
        error = "HTTP 429"

    answer = Answer()
    assert row.requeue(answer) is True
    clock.now += 599
    assert row.requeue(answer) is True
    clock.now += 2
    assert row.requeue(answer) is False
    assert answer.error == "rate limited for 601 s"
    assert row.count == 3


def test_api_origin_keeps_no_secret():
    assert api_origin("https://user:pw@API.example.com/v1/{id}?key=s") == (
        "https://api.example.com:443"
    )
    assert api_origin("http://127.0.0.1:8080/{id}") == "http://127.0.0.1:8080"
    assert api_origin("{base}/x/{id}") is None


# -- against simulated APIs ------------------------------------------------------------


@pytest.mark.asyncio
async def test_token_bucket_without_headers_is_found():
    seen = await simulate(Limits("bucket", rate=200, burst=20), 3000)
    # A few refusals (each pauses everything 1 s), then close to the limit.
    assert seen["ok"] == 3000
    assert seen["refused"] <= 10
    assert 0.85 * 200 <= seen["rate"] <= 200 * 1.01
    assert 180 <= seen["control"].learned_rate <= 230


@pytest.mark.asyncio
async def test_token_bucket_with_headers_is_ridden_without_refusals():
    seen = await simulate(Limits("bucket", rate=200, burst=20, headers=True), 3000)
    assert seen["ok"] == 3000
    assert seen["refused"] == 0
    assert seen["rate"] >= 0.95 * 200
    assert seen["control"].source == HEADERS
    assert seen["control"].learned_rate == 200


@pytest.mark.asyncio
async def test_shopify_leaky_bucket_is_ridden():
    seen = await simulate(Limits("leaky", burst=40), 200)  # leaks 2/s
    assert seen["ok"] == 200
    assert seen["refused"] <= 1
    assert seen["rate"] >= 0.9 * (200 / ((200 - 40) / 2))


@pytest.mark.asyncio
async def test_a_limit_that_drops_half_way():
    def halve(elapsed: float, limits: Limits) -> None:
        if elapsed > 5:
            limits.rate = 100

    seen = await simulate(Limits("bucket", rate=200, burst=20), 2000, change=halve)
    assert seen["ok"] == 2000
    assert seen["refused"] <= 20
    assert 85 <= seen["control"].rate <= 110
