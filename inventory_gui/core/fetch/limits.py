"""Being polite to the API: an adaptive concurrency limit and a rate limiter.

:class:`AdaptiveLimit` bounds the requests in flight to a ``limit`` that follows
the server's signals, AIMD style (as TCP does with its congestion window):

* multiplicative decrease: a 429 or 503 answer, or an ``X-RateLimit-Remaining``
  header running low, halves the limit (never below 1) -- at most once per
  round of requests: answers to requests sent before the last decrease do not
  count again, unless ``cooldown`` seconds have passed since it.  One burst of
  429s thus halves the limit once, not down to 1.
* additive increase: after ``limit`` successes in a row the limit grows by 1,
  up to ``max_limit``.

While the server never pushes back the limit stays at ``max_limit`` and a permit
costs one comparison: no clock is read, no future is made.

:class:`RateLimiter` is a token bucket: at most ``burst + rate * t`` requests
start in any ``t`` seconds.

Both are cancellation-safe: a waiter cancelled before it is granted takes
nothing; one cancelled just after being granted gives its permit back.  Both
are meant for one event loop (no thread safety); ``limit`` may be read from any
thread.  Qt-free.
"""

from __future__ import annotations

import asyncio
import enum
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable, Mapping

REMAINING_HEADER = "X-RateLimit-Remaining"
LIMIT_HEADER = "X-RateLimit-Limit"
PUSHBACK_STATUSES = frozenset({429, 503})
_ONE = 1.0 - 1e-9  # a token, less float rounding (so a timed wait is never redone for 1e-16)
# The longest single sleep of a RateLimiter waiter: a slow rate waits in slices,
# so no timer is ever set absurdly far away (the loop re-checks in between).
_MAX_WAIT_S = 60.0


class Outcome(enum.Enum):
    """What an answer says about the load the server is willing to take."""

    SUCCESS = "success"  # an answer, no complaint: counts toward an increase
    PUSHBACK = "pushback"  # 429/503 or quota running low: decrease
    NEUTRAL = "neutral"  # no answer (timeout, network error), a 5xx, cancelled


SUCCESS = Outcome.SUCCESS
PUSHBACK = Outcome.PUSHBACK
NEUTRAL = Outcome.NEUTRAL


class AdaptiveLimit:
    """An AIMD limit on the requests in flight.

    Use::

        ticket = await limit.acquire()   # or limit.try_acquire(), -1 if none is free
        try:
            ...send, read the answer...
            outcome = limit.on_answer(status, headers)
        finally:
            limit.release(outcome, ticket)   # NEUTRAL if no answer

    Args:
        max_limit: the configured most requests in flight; the limit never exceeds it.
        initial: the starting limit (default ``max_limit``).
        cooldown: seconds after a decrease when any pushback may decrease again,
            even from a request sent before it.
        low_fraction: ``X-RateLimit-Remaining`` below this fraction of
            ``X-RateLimit-Limit`` is a pushback.
        clock: monotonic seconds (tests inject one).
    """

    def __init__(
        self,
        max_limit: int,
        *,
        initial: int | None = None,
        cooldown: float = 1.0,
        low_fraction: float = 0.1,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if max_limit < 1:
            raise ValueError(f"max_limit must be at least 1, not {max_limit}")
        self._max = max_limit
        self._limit = max_limit if initial is None else max(1, min(initial, max_limit))
        self._cooldown = cooldown
        self._low_fraction = low_fraction
        self._clock = clock
        self._in_flight = 0
        self._waiters: deque[asyncio.Future[None]] = deque()
        self._epoch = 0  # bumped by every decrease; tickets carry the epoch they were sent in
        self._last_decrease = -math.inf
        self._successes = 0

    @property
    def limit(self) -> int:
        """The current most requests in flight."""
        return self._limit

    @property
    def max_limit(self) -> int:
        """The configured ceiling of :attr:`limit`."""
        return self._max

    @property
    def in_flight(self) -> int:
        """Permits held right now."""
        return self._in_flight

    def try_acquire(self) -> int:
        """Take a permit if one is free at once: return its ticket, or -1 (no waiting).

        The fast path of :meth:`acquire`, without making a coroutine.
        """
        if self._in_flight < self._limit and not self._waiters:
            self._in_flight += 1
            return self._epoch
        return -1

    async def acquire(self) -> int:
        """Wait for a permit (FIFO); return its ticket for :meth:`release`."""
        if self._in_flight < self._limit and not self._waiters:
            self._in_flight += 1
            return self._epoch
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        try:
            await waiter  # _wake() counts the permit in _in_flight before setting the result
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self._in_flight -= 1  # granted, then cancelled before running: hand it back
                self._wake()
            elif waiter in self._waiters:  # (_wake() may have dropped it already)
                self._waiters.remove(waiter)
            raise
        return self._epoch

    def release(self, outcome: Outcome = NEUTRAL, ticket: int | None = None) -> None:
        """Give a permit back, telling what its answer said.

        Args:
            outcome: see :meth:`on_answer`; NEUTRAL when there was no answer.
            ticket: what :meth:`acquire` returned; a pushback from a request sent
                before the last decrease (or without a ticket) decreases again
                only once ``cooldown`` has passed.
        """
        self._in_flight -= 1
        if outcome is PUSHBACK:
            self._pushback(ticket)
        elif outcome is SUCCESS and self._limit < self._max:
            self._successes += 1
            if self._successes >= self._limit:
                self._successes = 0
                self._limit += 1
        if self._waiters:
            self._wake()

    def on_answer(self, status: int | None, headers: Mapping[str, str] | None = None) -> Outcome:
        """Classify an answer (call it while its permit is still held).

        PUSHBACK for 429 and 503, and for ``X-RateLimit-Remaining`` below
        ``low_fraction`` of ``X-RateLimit-Limit`` or below the requests in flight;
        NEUTRAL for no status and other 5xx; SUCCESS otherwise.
        """
        if status in PUSHBACK_STATUSES:
            return PUSHBACK
        if headers is not None:
            remaining = headers.get(REMAINING_HEADER)
            if remaining is not None and self._quota_low(remaining, headers.get(LIMIT_HEADER)):
                return PUSHBACK
        if status is None or status >= 500:
            return NEUTRAL
        return SUCCESS

    def _quota_low(self, remaining_text: str, limit_text: str | None) -> bool:
        try:
            remaining = float(remaining_text)
        except ValueError:
            return False
        if remaining < self._in_flight:
            return True
        if limit_text is None:
            return False
        try:
            quota = float(limit_text)
        except ValueError:
            return False
        return quota > 0 and remaining < quota * self._low_fraction

    def _pushback(self, ticket: int | None) -> None:
        self._successes = 0
        now = self._clock()
        if ticket != self._epoch and now - self._last_decrease < self._cooldown:
            return  # the same round of requests (or too soon): already decreased for it
        self._last_decrease = now
        self._epoch += 1
        if self._limit > 1:
            self._limit = max(1, self._limit // 2)

    def _wake(self) -> None:
        while self._waiters and self._in_flight < self._limit:
            waiter = self._waiters.popleft()
            if not waiter.done():
                self._in_flight += 1
                waiter.set_result(None)


class RateLimiter:
    """A token bucket: ``requests_per_second`` on average, bursts of ``burst``.

    Waiters are served in order; only the first one sleeps.

    Args:
        requests_per_second: the refill rate (above 0).
        burst: the bucket size, also its starting content (default: 20 ms of
            tokens, at least 1), so a late timer does not lose throughput.
        clock: monotonic seconds; sleep: the coroutine used to wait (tests inject both).
    """

    def __init__(
        self,
        requests_per_second: float,
        burst: float | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        if not 0 < requests_per_second < math.inf:
            raise ValueError(f"requests_per_second must be above 0, not {requests_per_second}")
        self._rate = float(requests_per_second)
        self._burst = max(1.0, self._rate / 50.0) if burst is None else float(burst)
        if self._burst < 1:
            raise ValueError(f"burst must be at least 1, not {burst}")
        self._clock = clock
        self._sleep = sleep
        self._tokens = self._burst
        self._stamp = clock()
        self._lock = asyncio.Lock()
        self._queued = 0  # acquirers waiting for the lock: newcomers queue behind them

    @property
    def rate(self) -> float:
        """Tokens per second."""
        return self._rate

    @property
    def burst(self) -> float:
        """The bucket size."""
        return self._burst

    async def acquire(self) -> None:
        """Wait until a token is available and take it."""
        if not self._queued and self._take():
            return
        self._queued += 1
        try:
            async with self._lock:
                while not self._take():
                    await self._sleep(min(_MAX_WAIT_S, (1.0 - self._tokens) / self._rate))
        finally:
            self._queued -= 1

    def _take(self) -> bool:
        self._refill()
        if self._tokens >= _ONE:
            self._tokens -= 1.0
            return True
        return False

    def _refill(self) -> None:
        now = self._clock()
        if now > self._stamp:
            self._tokens = min(self._burst, self._tokens + (now - self._stamp) * self._rate)
            self._stamp = now
