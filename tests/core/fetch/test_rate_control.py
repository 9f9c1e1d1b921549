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
from inventory_gui.core.fetch.retry import RETRY_AFTER_CAP
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
                # Like the fetcher, sent again once the controller's pause has passed.

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
    assert control.paused
    waits = []

    async def waiter() -> None:
        start = clock.now
        await control.acquire()
        waits.append(clock.now - start)

    await clock.drive([asyncio.ensure_future(waiter()) for _ in range(5)])
    assert all(2.0 <= wait <= 2.0 + 0.05 + 1.0 for wait in waits)  # the pause, jitter, pace
    assert len({round(w, 6) for w in waits}) == 5  # spread: not all at once
    assert not control.paused
    # A refusal while a waiter sleeps extends the pause: it wakes, looks again, and
    # does not go before that one's Retry-After has passed either.
    clock = FakeClock(driven=True)
    control = controller(clock)
    control.on_answer(429, CIMultiDict(), 3.0, control.epoch)
    went: list[float] = []

    async def waiter_told_first() -> None:
        await control.acquire()
        went.append(clock.now - 1000.0)

    async def refused_later() -> None:
        await clock.sleep(0.5)
        control.on_answer(429, CIMultiDict(), 3.0, control.epoch)

    await clock.drive([asyncio.ensure_future(waiter_told_first()),
                       asyncio.ensure_future(refused_later())])  # fmt: skip
    assert 3.5 <= went[0] <= 3.5 + 0.05


@pytest.mark.asyncio
async def test_a_retry_after_past_the_cap_pauses_for_the_cap():
    clock = FakeClock()
    control = controller(clock)
    control.on_answer(429, CIMultiDict(), 3600.0, control.epoch)  # an HTTP date an hour ahead
    await control.acquire()
    assert RETRY_AFTER_CAP <= clock.now - 1000.0 <= RETRY_AFTER_CAP + 0.05


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


def answers(control: RateController, clock: FakeClock, accepted: int, seconds: float) -> None:
    """``accepted`` answers spread evenly over ``seconds`` from now; the clock ends past them."""
    start = clock.now
    for k in range(accepted):
        clock.now = start + k * seconds / accepted
        control.on_answer(200, None, None, control.epoch, 1)
    clock.now = start + seconds


def refuse(control: RateController, clock: FakeClock, retry_after: float = 1.0) -> None:
    control.on_answer(429, None, retry_after, control.epoch, 1)


def test_two_episodes_solve_a_token_bucket_exactly():
    clock = FakeClock()
    control = controller(clock)
    # A bucket of 20 refilled at 200/s: 30 accepted in 0.05 s, then refused.
    answers(control, clock, 30, 0.05)
    refuse(control, clock)
    assert control.learned_rate == pytest.approx(300)  # 30 over at least 0.1 s: a guess
    assert control.rate == pytest.approx(0.9 * 300)
    # After the 1 s pause (the bucket full again) 120 accepted in 0.5 s, then refused.
    clock.now += 1.0
    answers(control, clock, 120, 0.5)
    refuse(control, clock)
    assert control.learned_rate == pytest.approx(200)  # (120 - 30) / (0.5 - 0.05)
    assert control.rate == pytest.approx(0.98 * 200)
    # Its depth is known now: a later episode measures (accepted - 20) / seconds.
    clock.now += 1.0
    answers(control, clock, 20 + 150, 1.0)  # the limit dropped to 150
    refuse(control, clock)
    assert control.learned_rate == pytest.approx(150)


def test_a_pause_too_short_to_refill_the_bucket_is_measured_by_the_refill():
    clock = FakeClock()
    control = controller(clock)
    # A bucket of 100 refilled at 50/s: 101 accepted in 0.02 s; the guess, 1,010/s.
    answers(control, clock, 101, 0.02)
    refuse(control, clock)
    assert control.rate == pytest.approx(909)
    # The 1 s pause refills 50: with 4 more refilled, 54 accepted in 0.08 s.
    clock.now += 1.0
    answers(control, clock, 54, 0.08)
    refuse(control, clock)
    assert control.learned_rate == pytest.approx(54 / 1.08)  # accepted / refilling time
    assert control.rate == pytest.approx(0.98 * 50)


def test_episodes_too_alike_to_solve_at_most_halve_the_pace():
    clock = FakeClock()
    control = controller(clock)
    answers(control, clock, 30, 0.05)
    refuse(control, clock)
    clock.now += 1.0
    answers(control, clock, 25, 0.06)  # 0.01 s longer than the first: R and B not told apart
    before = control.rate
    refuse(control, clock)
    assert control.learned_rate == pytest.approx(0.5 * before)
    assert control.rate == pytest.approx(0.98 * 0.5 * before)
    answers(control, clock, 3, 0.01)  # late answers of this round: not a first guess again
    assert control.learned_rate == pytest.approx(0.5 * before)
    clock.now += 1.0
    answers(control, clock, 25 + 15, 0.15)  # 0.1 s apart: solved, B = 25 and R = 100
    refuse(control, clock)
    assert control.learned_rate == pytest.approx(100)


def test_late_answers_of_the_first_round_revise_the_first_guess():
    clock = FakeClock()
    control = controller(clock)
    answers(control, clock, 16, 0.05)
    refuse(control, clock)
    assert control.rate == pytest.approx(0.9 * 160)
    answers(control, clock, 10, 0.01)  # accepted, answered after the refusal: same round
    assert control.learned_rate == pytest.approx(260)
    assert control.rate == pytest.approx(0.9 * 260)
    clock.now += 1.0
    answers(control, clock, 5, 0.5)  # after the pause: the next episode, no revision
    assert control.learned_rate == pytest.approx(260)


def test_one_refusal_after_a_calm_keeps_most_of_the_measured_limit():
    clock = FakeClock()
    control = controller(clock)
    answers(control, clock, 30, 0.05)
    refuse(control, clock)
    clock.now += 1.0
    answers(control, clock, 120, 0.5)
    refuse(control, clock)
    clock.now += 1.0
    # 5 s at the pace, then one refusal (a stall of the API's clock, say).
    answers(control, clock, 20 + 5 * 180, 5.0)
    refuse(control, clock)
    assert control.learned_rate == pytest.approx(0.97 * 200)  # not the 180 the episode says
    # Refused again at once: the limit did drop, measured without the floor.
    clock.now += 1.0
    answers(control, clock, 20 + 50, 0.5)
    refuse(control, clock)
    assert control.learned_rate == pytest.approx(100)


def test_a_remembered_limit_is_kept_then_probed_only_after_a_calm():
    clock = FakeClock()
    control = controller(clock, start_rate=180.0)
    answers(control, clock, 180 * 29, 29.0)
    assert control.rate == 180.0  # no refusal yet, but the limit was measured before
    answers(control, clock, 180 * 2, 2.0)
    assert 180.0 < control.rate < 180.0 * 1.03  # 30 s calm: 1 % a second
    # Refused (the limit dropped to 50): a first guess from the calm episode...
    refuse(control, clock)
    assert control.learned_rate == pytest.approx(180.0, rel=0.01)
    clock.now += 1.0
    answers(control, clock, 20 + 50, 1.0)
    before = control.rate
    refuse(control, clock)
    # ...then halved, not solved (this episode is the shorter of the two).
    assert control.learned_rate == pytest.approx(0.5 * before)


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
    # Burst 40: the first guess (41 accepted in 0.1 s, then late answers of that
    # round) overshoots; the second episode at that pace measures the limit
    # (within the 1 ms answers' rounding: exact decisions are tested above), then
    # no refusal to the end.
    seen = await simulate(Limits("bucket", rate=200, burst=40), 3000)
    assert seen["ok"] == 3000
    assert seen["refused"] == 4  # two rounds of the 4 workers, 2 pauses
    assert seen["control"].decreases == 2
    assert seen["control"].learned_rate == pytest.approx(200, rel=0.015)
    assert seen["control"].rate == pytest.approx(0.98 * seen["control"].learned_rate)
    # 0.88: two 1 s pauses of a run that would take 15 s (0.9 would need one).
    assert seen["rate"] == pytest.approx(0.878 * 200, abs=1)


@pytest.mark.asyncio
async def test_a_first_guess_below_the_limit_is_probed_up():
    # Burst 5: the first guess (5 in 0.1 s = 50/s) is far below 200/s; the pace
    # grows from it 2 s after the opening wave until a refusal measures the limit.
    seen = await simulate(Limits("bucket", rate=200, burst=5), 3000)
    assert seen["ok"] == 3000
    assert seen["control"].decreases == 2
    # 0.26 on the code before growth from a low guess; 0.58 while the guess first
    # crept toward itself (exponentially: 9 s to within 0.1%) before growing.
    assert seen["rate"] >= 0.68 * 200
    assert seen["control"].learned_rate >= 170


@pytest.mark.asyncio
async def test_a_limit_that_rises_is_followed():
    def rise(elapsed: float, limits: Limits) -> None:
        if elapsed > 5:
            limits.rate = 300

    # The opening guess (180/s) is probed up after 2 s: the limit, 200/s then, is
    # measured at about 3 s; the rise at 5 s is found by probing after 30 s of
    # calm, 1% a second.  (With 6,000 requests, the run ended before that probe
    # could find it; it passed while the opening guess crept for 9 s and was
    # measured only after the rise.)
    seen = await simulate(Limits("bucket", rate=200, burst=20), 14_000, change=rise)
    assert seen["ok"] == 14_000
    assert seen["refused"] <= 8
    assert seen["control"].rate >= 250  # 190 on the code before the calm probe


@pytest.mark.asyncio
async def test_token_bucket_with_headers_is_ridden_without_refusals():
    seen = await simulate(Limits("bucket", rate=200, burst=20, headers=True), 3000)
    assert seen["ok"] == 3000
    assert seen["refused"] == 0
    assert seen["rate"] >= 0.95 * 200
    assert seen["control"].source == HEADERS
    assert seen["control"].learned_rate == 200


@pytest.mark.asyncio
async def test_budget_headers_after_an_opening_wave():
    # 32 workers leave before any answer: 10 taken, 22 refused (pause 1 s); the
    # bucket refilled by the pause is spent a little fast: 3 more, then none.
    seen = await simulate(Limits("bucket", rate=100, burst=10, headers=True), 250, workers=32)
    assert seen["ok"] == 250
    assert seen["refused"] == 22 + 3
    assert seen["seconds"] == pytest.approx(3.36, abs=0.01)  # 2.4 s at 100/s, plus the pause
    assert seen["control"].decreases == 0  # the headers set the pace, not the refusals


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
    assert seen["refused"] <= 8
    assert seen["control"].learned_rate == pytest.approx(100, rel=0.01)
    assert seen["control"].rate == pytest.approx(98, rel=0.01)
