"""Riding an API's rate limit: :class:`RateController` paces requests per second.

The adaptive concurrency limit (:mod:`inventory_gui.core.fetch.limits`) cannot
express a per-second quota: at loopback or LAN latency one request in flight
already exceeds it.  This controller paces the *start* of requests:

* **Headers first.**  When answers carry a budget (:mod:`.rate_headers`), the
  pace is the API's sustained rate (``limit / window``), or the remaining budget
  spread over the time to its reset; when the remaining budget falls to a few
  requests the pace drops to what is left per second, *before* it runs out.
* **Measured from refusals otherwise.**  An API without headers is taken for
  a token bucket of ``B`` requests refilled at ``R`` per second, full at the
  start and after each ``Retry-After`` pause.  Each stretch of answers from
  then to the next refusal (an *episode*) accepted ``A = B + R t`` requests in
  ``t`` seconds.  The first refusal gives one such equation: the pace drops to
  ``BETA`` times what was accepted, which overshoots ``R`` by the burst.  The
  second gives the other: ``R`` and ``B`` are solved, and the pace settles at
  ``MEASURED_MARGIN`` of ``R``; later refusals re-measure ``R`` as ``(A -
  B) / t`` (a limit that drops).  A decrease happens at most once per round:
  answers to requests sent before it do not decrease again.
* **Probing, slowly.**  After ``_PROBE_AFTER_S`` without a refusal the pace
  grows by ``_GROWTH_ABOVE`` a second (a limit that rises), up to
  ``_PROBE_CAP`` times the last measured rate; each refusal it costs pauses
  the run, so it waits long.
* **Retry-After pauses everyone.**  No request starts until it has passed; each
  waiter then resumes after a small random jitter, so they do not all hit the
  wall together.

While the API never pushes back and sends no budget, :meth:`acquire` returns at
once (no clock read, no sleep) and :meth:`on_answer` only counts the answer and
looks over its header names: unpaced runs pay little per request.

The clock, sleep and random source are injectable: the unit tests drive the
controller on a fake clock.  One event loop only.  Qt-free.
"""

from __future__ import annotations

import asyncio
import math
import random
import time
from collections import deque
from collections.abc import Awaitable, Callable, Mapping
from typing import Protocol
from urllib.parse import urlsplit

from inventory_gui.core.fetch.rate_headers import Budget, carries_budget, read_budget
from inventory_gui.core.fetch.retry import RETRY_AFTER_CAP
from inventory_gui.core.fetch.settings import FetchSettings

PUSHBACK_STATUSES = frozenset({429, 503})
BETA = 0.9  # a decrease keeps this share of the rate the API accepted
MIN_RATE = 0.2  # requests per second: the pace never goes below this
HEADER_MARGIN = 0.98  # pace at this share of an advertised sustained rate
MEASURED_MARGIN = 0.98  # pace at this share of a rate measured from two episodes
_GROWTH_BELOW = 0.5  # 1/s: how fast the pace closes its gap to the last failed rate
_GROWTH_ABOVE = 0.01  # 1/s: relative growth past the last failed rate...
_PROBE_AFTER_S = 30.0  # ...once this long has passed without a refusal...
_PROBE_CAP = 2.0  # ...up to this many times that rate
_GUESS_PROBE_AFTER_S = 2.0  # the first guess, unmeasured, may be low: probe after this long...
_GUESS_GROWTH = 0.5  # 1/s: ...this fast
_ROUND_S = 1.0  # refusals this soon after a decrease, of requests sent before it: one round
_FIRST_WINDOW_S = 0.1  # the first episode's accepted answers count over at least this long
_MIN_SPREAD_S = 0.05  # two episodes this close in length cannot tell R from B
_CALM_S = 1.0  # a refusal after this long below a measured limit...
_CALM_KEEP = 0.97  # ...keeps at least this share of it
_RESUME_JITTER_S = 0.05  # waiters resume up to this long after a pause ends
_BURST_S = 0.02  # the pacer lets this much time's worth of requests go at once
_SPREAD_S = 1.0  # an advertised budget above the reserve is spread over this long
_MAX_SLEEP_S = 60.0

HEADERS = "API limit learned from headers"
PUSHBACKS = "API limit learned from 429s"
REMEMBERED = "API limit remembered from an earlier run"


class _HasError(Protocol):
    error: str | None


class RateController:
    """Paces request starts to the rate an API allows.

    Use in the request loop::

        await control.acquire()        # may wait: paced, or paused by a Retry-After
        ...send, read the answer...
        limited = control.on_answer(status, headers, retry_after)

    Args:
        ceiling: a hard most requests per second (``--rate-limit``), or None.
        start_rate: the pace to start at (a limit remembered from an earlier
            run), or None to start unpaced.
        start_source: how :attr:`source` describes ``start_rate``.
        clock: monotonic seconds; sleep: the coroutine used to wait;
        rng: random source of the resume jitter (tests inject all three).
    """

    def __init__(
        self,
        *,
        ceiling: float | None = None,
        start_rate: float | None = None,
        start_source: str = REMEMBERED,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self._ceiling = ceiling
        self._clock = clock
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._rate: float | None = None  # None: unpaced
        self.source = ""
        self._learned: float | None = None  # the API's limit as learned, for the next run
        if start_rate:
            self._set_rate(start_rate)
            self.source = start_source
        self._next = -math.inf  # the pacer's next free start time
        self._pause_until = -math.inf
        self._pauses = 0  # pauses begun so far
        self._lock = asyncio.Lock()
        self._paused = False
        self.epoch = 0  # bumped at each decrease: pass it back to on_answer() as sent_in
        self._last_decrease = -math.inf
        self._failed_rate: float | None = None  # the API's rate as estimated at the last decrease
        self._last_growth = clock()
        # The episode since the start or the last pause: its first answer, answers,
        # accepted, and the pauses begun before it.  Answers during a pause (to
        # requests sent before it) still count in it.
        self._episode: list[float] | None = None
        self._first: tuple[float, float] | None = None  # the first episode: accepted, seconds
        self._first_episode: list[float] | None = None
        self._burst: float | None = None  # the bucket's depth B, once solved
        self._measured = False  # a refusal has measured R (not only the first guess)
        if start_rate:  # a limit measured by an earlier run: probed only after a calm
            self._failed_rate, self._measured = start_rate, True
            self._last_decrease = self._last_growth
        self._recent: deque[float] = deque()  # times of the accepted answers of the last round
        # Quiet: unpaced, and no answer has pushed back or carried a budget yet.  The
        # first episode is then kept as its first answer's time and a count.
        self._quiet = not start_rate
        self._quiet_since: float | None = None
        self._quiet_answers = 0
        self.pushbacks = 0
        self.decreases = 0

    @property
    def rate(self) -> float | None:
        """The current pace in requests per second, or None when unpaced."""
        return self._rate

    @property
    def learned_rate(self) -> float | None:
        """The API's limit as learned this run (headers or 429s), to remember."""
        return self._learned

    def describe(self) -> str | None:
        """``"pacing at 180 req/s, API limit learned from headers"``, or None if unpaced."""
        if self._rate is None:
            return None
        text = f"pacing at {_rate_text(self._rate)} req/s"
        if self._paused and self._clock() < self._pause_until:
            text += f", paused {self._pause_until - self._clock():.0f} s (Retry-After)"
        return f"{text}, {self.source}" if self.source else text

    def must_wait(self) -> bool:
        """Whether :meth:`acquire` may wait (paced, or paused); else the caller skips it."""
        return self._rate is not None or self._paused

    @property
    def paused(self) -> bool:
        """Whether a ``Retry-After`` pauses the run now: :meth:`acquire` waits it out."""
        return self._paused and self._clock() < self._pause_until

    async def acquire(self) -> None:
        """Wait for this request's turn: past any pause, plus a jitter, then at the pace."""
        if not self.must_wait():
            return
        async with self._lock:  # one waiter at a time: the pace is read as each one goes
            while True:  # again after each sleep: a pause may have begun meanwhile
                await self._wait_pause()
                rate = self._rate
                if rate is None:
                    return
                now = self._clock()
                slot = max(self._next, now - _BURST_S)
                if slot <= now:
                    self._next = slot + 1.0 / rate
                    return
                await self._sleep(min(_MAX_SLEEP_S, slot - now))

    async def _wait_pause(self) -> None:
        """Sleep until a ``Retry-After`` pause has passed, plus a little jitter.

        Again after each sleep: a later refusal may have extended the pause.
        """
        while self._paused:
            now = self._clock()
            if now >= self._pause_until:
                self._paused = False
            else:
                jitter = self._rng.uniform(0.0, _RESUME_JITTER_S)
                await self._sleep(min(_MAX_SLEEP_S, self._pause_until - now + jitter))

    def on_answer(
        self,
        status: int | None,
        headers: Mapping[str, str] | None = None,
        retry_after: float | None = None,
        sent_in: int | None = None,
        concurrency: int | None = None,
    ) -> bool:
        """Learn from one answer; True when it is a rate-limit refusal (429/503).

        Args:
            status: the HTTP status, None for no answer (which teaches nothing).
            headers: the answer's headers (budget fields, if any).
            retry_after: its ``Retry-After`` in seconds, already parsed.
            sent_in: :attr:`epoch` when the request was sent; a refusal of a
                request sent before the last decrease does not decrease again.
            concurrency: the adaptive limit on requests in flight, if any.  A
                refusal without ``Retry-After`` may be about requests in flight,
                not per second: the pace is lowered for it only once that limit
                is down to 1 (at low latency one request in flight can exceed a
                per-second quota).
        """
        if status is None:
            return False
        if self._quiet:
            if status not in PUSHBACK_STATUSES and not (headers and carries_budget(headers)):
                self._quiet_answers += 1
                if self._quiet_since is None:
                    self._quiet_since = self._clock()
                return False
            self._wake()
        now = self._clock()
        episode = self._episode
        if now >= self._pause_until and (episode is None or episode[3] != self._pauses):
            episode = self._episode = [now, 0.0, 0.0, self._pauses]  # the first answer since
        if episode is not None:
            episode[1] += 1
        budget = read_budget(headers, time.time()) if headers else None
        if budget is not None:
            self._follow_budget(budget)
        if status in PUSHBACK_STATUSES:
            self.pushbacks += 1
            timed = retry_after is not None and retry_after > 0
            if (budget is None or budget.sustained_rate is None) and (
                timed or concurrency is None or concurrency <= 1
            ):
                self._decrease(now, sent_in, timed)
            if timed:
                self._pause(now + min(retry_after, RETRY_AFTER_CAP))  # type: ignore[arg-type]
            # A 503 without Retry-After or a budget is the API failing, not limiting.
            return status == 429 or retry_after is not None or budget is not None
        if episode is not None:
            episode[2] += 1
            if episode is self._first_episode and now < self._pause_until:
                self._first_estimate(now)  # the first round's late answers: a better guess
        recent = self._recent
        recent.append(now)
        if recent[0] < now - _ROUND_S:
            recent.popleft()
        if budget is None and self._rate is not None:
            self._grow(now)
        return False

    def _wake(self) -> None:
        """Leave quiet: the answers counted so far become the first episode."""
        self._quiet = False
        if self._quiet_since is not None:
            answers = float(self._quiet_answers)
            self._episode = [self._quiet_since, answers, answers, self._pauses]

    def _follow_budget(self, budget: Budget) -> None:
        """Pace to what the headers say the API takes, before it runs out."""
        sustained = budget.sustained_rate
        remaining, reset = budget.remaining, budget.reset
        spread = None
        if remaining is not None and reset is not None:
            spread = remaining / max(reset, 1.0)
        if sustained is not None:
            # The sustained rate, plus what is left above a small reserve spread
            # over a second (a leaky bucket's room, a token bucket's burst)...
            reserve = max(1.0, 0.02 * (budget.limit or 0.0))
            room = max(0.0, remaining - reserve) if remaining is not None else 0.0
            pace = sustained * HEADER_MARGIN + room / _SPREAD_S
            if remaining is not None and remaining <= reserve:
                # ...and slower once the budget is nearly spent, before it runs out.
                pace = max(spread or 0.0, sustained * (0.5 + 0.5 * remaining / reserve))
            self._learned = sustained
        elif spread is not None:
            pace = spread * HEADER_MARGIN
            self._learned = spread if self._learned is None else max(self._learned, spread)
        else:
            return  # a limit with nothing to pace by: the 429s will say more
        self._set_rate(pace)
        self.source = HEADERS

    def _decrease(self, now: float, sent_in: int | None, timed: bool) -> None:
        if sent_in != self.epoch and now - self._last_decrease < _ROUND_S:
            return  # the same round of requests: already decreased for it
        rate, episode = self._rate, self._episode
        if rate is None or (timed and self._first is None):  # the limit still unknown
            self._first_episode = episode
            self._first_estimate(now)
        elif timed and episode is not None and self._first is not None:
            refilled = episode[0] - self._last_decrease  # the pause before the episode
            seconds = now - episode[0]
            measure, solved = self._measure(episode[2], seconds, refilled, now)
            base = min(rate, measure)
            if not solved:  # a lower bound only: at most halve, and go on probing
                base = max(base, rate * 0.5)
            elif self._measured and seconds > _CALM_S and self._failed_rate is not None:
                # Long below a measured limit, then one refusal: a stall of the API's
                # clock as likely as a lower limit; if lower, the next comes soon.
                base = max(base, self._failed_rate * _CALM_KEEP)
            self._measured = self._measured or solved
            self._failed_rate = self._learned = max(MIN_RATE, base)
            self._set_rate(base * MEASURED_MARGIN)
        else:  # nothing to measure by: a plain multiplicative decrease
            self._failed_rate = self._learned = rate
            self._set_rate(rate * BETA)
        self.source = PUSHBACKS
        self.epoch += 1
        self._last_decrease = self._last_growth = now
        self.decreases += 1

    def _first_estimate(self, now: float) -> None:
        """Pace at a first guess: what the first episode accepted per second, times ``BETA``.

        It includes the bucket's burst, so it overshoots; remembered for
        :meth:`_measure`.  Answers to the first round arriving after the first
        refusal revise it.
        """
        start, answered, accepted, _pauses = self._episode or (now, 0.0, 0.0, 0)
        seconds = now - start
        self._first = (accepted, seconds)
        window = max(_FIRST_WINDOW_S, seconds)
        # All refused: go by what was sent.
        base = (accepted or answered) / window if answered else 1.0
        self._failed_rate = self._learned = max(MIN_RATE, base)
        self._set_rate(base * BETA)
        self.source = PUSHBACKS

    def _measure(
        self, accepted: float, seconds: float, refilled: float, now: float
    ) -> tuple[float, bool]:
        """The bucket's refill rate ``R`` from an episode of ``accepted`` in ``seconds``.

        Returns ``R``, and whether it is solved (else it is a lower bound).  The
        bucket, empty at the last refusal, refilled for ``refilled`` seconds
        before the episode: ``accepted = min(B, R refilled) + R seconds``, so
        ``R`` is at least ``accepted / (refilled + seconds)``.  The first
        episode's ``A = B + R t`` solves both: ``R = (accepted - A) / (seconds
        - t)``, ``B = A - R t``, unless the two episodes are too alike; once
        ``B`` is known, ``R = (accepted - B) / seconds``.
        """
        first_accepted, first_seconds = self._first or (0.0, 0.0)
        burst = self._burst if self._burst is not None else first_accepted  # B <= A
        # And in the last round: what it accepted, less at most a burst.
        window = min(_ROUND_S, seconds)
        lately = (_count_since(self._recent, now - window) - burst) / max(window, 1e-3)
        at_least = max(accepted / max(refilled + seconds, 1e-3), lately)
        if self._burst is not None:
            return max(at_least, (accepted - self._burst) / max(seconds, 1e-3)), True
        if seconds - first_seconds < _MIN_SPREAD_S:
            return at_least, False  # too alike to tell R from B apart
        rate = (accepted - first_accepted) / (seconds - first_seconds)
        if rate <= at_least:  # the bucket was not full at the start: R is the refill
            return at_least, True
        self._burst = max(0.0, first_accepted - rate * first_seconds)
        return rate, True

    def _grow(self, now: float) -> None:
        """Raise the pace with time: back toward the failed rate, then past it slowly."""
        dt = now - self._last_growth
        if dt < 0.05 or self._rate is None:
            return
        self._last_growth = now
        rate, failed = self._rate, self._failed_rate
        target = failed * MEASURED_MARGIN if failed is not None else None
        # (only after a first guess: unpaced or paced by headers, _grow is not called)
        guessed = not self._measured and now - self._last_decrease >= _GUESS_PROBE_AFTER_S
        # While the opening wave's guess is all there is, it grows once that wave
        # is _GUESS_PROBE_AFTER_S past, even below its target: the approach nears
        # the target only exponentially (from BETA below, 9 s to within 0.1%).
        if target is not None and rate < target * 0.999 and not (guessed and self.decreases == 1):
            rate += (target - rate) * min(1.0, _GROWTH_BELOW * dt)
        elif guessed:
            rate *= 1.0 + _GUESS_GROWTH * dt  # the first guess was low: find the limit
        elif now - self._last_decrease >= _PROBE_AFTER_S:
            # No refusal for a while: the limit may have risen.
            rate *= 1.0 + _GROWTH_ABOVE * dt
            if failed is not None:
                rate = min(rate, failed * _PROBE_CAP)
        else:
            return
        self._set_rate(rate)

    def _pause(self, until: float) -> None:
        if until > self._pause_until:
            self._pauses += 1
            self._pause_until = until
            self._paused = True

    def _set_rate(self, rate: float) -> None:
        rate = max(MIN_RATE, rate)
        if self._ceiling is not None:
            rate = min(rate, self._ceiling)
        self._rate = rate


def _count_since(times: deque[float], since: float) -> int:
    """Drop the times before ``since``; return how many are left."""
    while times and times[0] < since:
        times.popleft()
    return len(times)


def _rate_text(rate: float) -> str:
    return f"{rate:,.0f}" if rate >= 10 else f"{rate:.1f}"


def rate_controller(settings: FetchSettings) -> RateController | None:
    """The controller a run with ``settings`` uses: None with adaptation off."""
    if not settings.adaptive:
        return None
    return RateController(ceiling=settings.rate_limit, start_rate=settings.remembered_rate)


class RateLimitedRow:
    """One row's refusals by the rate limit: re-queued, up to ``max_seconds`` in all.

    A refusal answered while the controller backs off is not the row's failure
    and spends none of its retries; past the bound the row fails with
    ``rate limited for N s``.
    """

    __slots__ = ("_clock", "_first", "_max", "count")

    def __init__(self, max_seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._max = max_seconds
        self._clock = clock
        self._first: float | None = None
        self.count = 0

    def requeue(self, answer: _HasError) -> bool:
        """Count one refusal; False (and ``answer.error`` set) once the bound has passed."""
        now = self._clock()
        if self._first is None:
            self._first = now
        self.count += 1
        waited = now - self._first
        if waited < self._max:
            return True
        answer.error = f"rate limited for {waited:.0f} s"
        return False


def api_origin(url_template: str) -> str | None:
    """The API host a template names, ``https://api.example.com:443``, to remember a pace by.

    No user name, password, path or query: nothing secret is kept.  None when
    the template names no host (or its host is a placeholder).
    """
    try:
        parts = urlsplit(url_template)
        host, port = parts.hostname, parts.port
    except ValueError:
        return None
    if not host or "{" in host or parts.scheme not in ("http", "https"):
        return None
    port = port or (443 if parts.scheme == "https" else 80)
    return f"{parts.scheme}://{host}:{port}"
