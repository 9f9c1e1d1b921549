"""The concurrent fetcher: one session per run, bounded concurrency, no row lost.

One :class:`aiohttp.ClientSession` serves the whole run, and ``asyncio.gather``
runs a fixed pool of ``concurrency`` workers that take products from one
shared iterator, rather than one coroutine per product: tens of thousands of
coroutines gathered at once make bursts of ready callbacks that cost far more
than a small pool's.  With ``batch_size`` above 1 a worker takes a batch of
products instead, sent as one request and split back onto the rows
(:mod:`inventory_gui.core.fetch.batches`); the method and body of each request
come from :mod:`inventory_gui.core.fetch.request_template`.  Each attempt is
sent by :mod:`inventory_gui.core.fetch.sending` (redirects, secrets kept to the
API's origin) and its answer read by :mod:`inventory_gui.core.fetch.answers`.

Politeness (:mod:`inventory_gui.core.fetch.limits`): each request attempt takes a
permit from an :class:`AdaptiveLimit`, which lowers the requests in flight below
``concurrency`` when the API pushes back (429, 503, ``X-RateLimit-Remaining``)
and raises them again step by step, and a token from a :class:`RateLimiter`
when ``rate_limit`` is set.  The worker pool stays at ``concurrency``.

Every failure becomes a :class:`Result` with ``status="error"``; only
cancellation leaves :meth:`Fetcher._check`, and then the row reads ``cancelled``.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import aiohttp

from inventory_gui.core.clock import utc_stamp
from inventory_gui.core.fetch.answers import Answer
from inventory_gui.core.fetch.auth import AuthError, build_auth
from inventory_gui.core.fetch.batches import batches, check_batch
from inventory_gui.core.fetch.failures import describe_failure, describe_unsendable
from inventory_gui.core.fetch.limits import NEUTRAL, AdaptiveLimit, RateLimiter
from inventory_gui.core.fetch.network import session_options
from inventory_gui.core.fetch.open_files import fit_concurrency
from inventory_gui.core.fetch.quantity import QuantityError, extract_quantity
from inventory_gui.core.fetch.rate_control import RateController, RateLimitedRow, rate_controller
from inventory_gui.core.fetch.redirects import RedirectGuard
from inventory_gui.core.fetch.request_template import RequestBuilder, body_headers
from inventory_gui.core.fetch.retry import RetryPolicy
from inventory_gui.core.fetch.sending import Sender
from inventory_gui.core.fetch.settings import FetchSettings
from inventory_gui.core.fetch.url_template import UrlTemplate
from inventory_gui.core.models import Product, Result
from inventory_gui.core.secrets import is_secret_name

log = logging.getLogger(__name__)
ResultCallback = Callable[[int, Result], None]
_RELEASED: Any = object()  # a finished row's slot when results are not kept

# Workers start this far apart, the whole ramp kept under _RAMP_MAX_S.  Started
# together, they advance in lock step (the loop runs every ready task one step
# in turn), so no request leaves before every connection is open, and the first
# wave's answers come back in one burst that is worked through serially, wave
# after wave.  The step is about the client's CPU time to open a connection and
# send a request: the first request leaves at once and each wave stays spread
# (README, "Performance").
_RAMP_STEP_S = 0.0004
_RAMP_MAX_S = 0.1


class Fetcher:
    """Checks a list of products against the API.

    Args:
        settings: the API and the limits of the run.
        session: an open session to use (not closed here), like httpx's
            injectable transport; by default each run opens and closes its own.
        rng: random source for backoff jitter (tests pass a seeded one).
        sleep: the coroutine used to wait between attempts.
        clock: monotonic seconds, for when an OAuth2 token expires (tests fake it).

    Making it raises the process's open-file limit for ``concurrency``
    connections where allowed, else runs fewer at once (see :attr:`notice`).
    """

    def __init__(
        self,
        settings: FetchSettings,
        *,
        session: aiohttp.ClientSession | None = None,
        rng: random.Random | None = None,
        sleep: Callable[[float], Any] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        settings.validate()
        self.settings = settings
        self._parts = settings.request()  # body template and answer paths, compiled once
        self._template = UrlTemplate(
            settings.url_template, needs_placeholder=self._parts.body is None
        )
        self._request = RequestBuilder(self._template, self._parts.body)
        self._policy = RetryPolicy(retries=settings.retries, backoff_base=settings.backoff_base)
        self._session = session
        self._rng = rng or random.Random()
        self._sleep = sleep
        self._workers: list[asyncio.Task[None]] = []
        self._cancel_requested = False
        self._adaptive: AdaptiveLimit | None = None
        self._limiter: RateLimiter | None = None
        self._control: RateController | None = None
        # Secrets: scrubbed from error rows, sent only to the template's origin.
        self._scrubber = settings.scrubber()  # with the body's secrets ("api_key": "…")
        redirects = RedirectGuard(self._template.sample, self._scrubber.values)
        # A body's type: sent with the body, on the template's origin only.
        body_type = body_headers(settings.headers) if self._parts.body is not None else {}
        self._sender = Sender(
            settings, self._policy, redirects, secret_headers(settings) or None, body_type or None
        )
        # Basic or OAuth2 (core/fetch/auth.py): its headers join the secret ones.
        if settings.auth is not None:
            self._scrubber.add(*settings.auth.secrets)
        self._auth = build_auth(
            settings.auth, self._scrubber.add, clock, self._policy.retries, self._pause
        )
        budget = fit_concurrency(settings.concurrency)
        self._concurrency = budget.concurrency
        self.notice: str | None = budget.notice  # for the user: why concurrency is lower

    async def _pause(self, attempt: int) -> None:
        """Wait the backoff after failed attempt number ``attempt`` (a token request's)."""
        await self._sleep(self._policy.delay(attempt, None, self._rng))

    @property
    def template(self) -> UrlTemplate:
        """The parsed URL template."""
        return self._template

    @property
    def current_concurrency(self) -> int:
        """The most requests in flight allowed right now (readable from any thread)."""
        adaptive = self._adaptive
        return adaptive.limit if adaptive is not None else self._concurrency

    @property
    def rate_control(self) -> RateController | None:
        """The run's rate controller (None with ``adaptive`` off or before a run)."""
        return self._control

    @property
    def learned_limit(self) -> tuple[float, str] | None:
        """The API's limit this run learned and how (for the next run), or None."""
        control = self._control
        rate = control.learned_rate if control is not None else None
        return (rate, control.source) if rate is not None else None  # type: ignore[union-attr]

    @property
    def pace(self) -> str | None:
        """The current pace for people, or None when unpaced (readable from any thread)."""
        control = self._control
        return control.describe() if control is not None else None

    def cancel(self) -> None:
        """Stop the run: no new requests, those in flight cancelled.

        :meth:`run` then returns normally, the unfinished rows marked ``cancelled``.
        """
        self._cancel_requested = True
        for task in self._workers:
            task.cancel()

    async def run(
        self,
        products: Sequence[Product],
        on_result: ResultCallback | None = None,
        *,
        keep_results: bool = True,
    ) -> list[Result]:
        """Check every product; return one result per product, in input order.

        Args:
            products: what to check (IDs should be unique).
            on_result: called as ``on_result(index, result)`` the moment each
                product's result is final, cancelled rows included.
            keep_results: False to keep no result once ``on_result`` has had
                it (the window's fetch worker: the window keeps them); the
                returned list is then empty.

        Raises:
            asyncio.CancelledError: only when the task running this is cancelled
                from outside; the rows are still finalised and reported first.
        """
        # A row's slot stays None until its check starts (no placeholder per row).
        results: list[Result | None] = [None] * len(products)
        emit = on_result or _ignore
        own_session = self._session is None
        session = self._session or open_session(self.settings)
        settings = self.settings
        self._adaptive = AdaptiveLimit(self._concurrency) if settings.adaptive else None
        self._limiter = RateLimiter(settings.rate_limit) if settings.rate_limit else None
        self._control = rate_controller(settings)
        # A worker takes one row, or with batches one batch: limits count requests.
        size = settings.batch_size
        units: Iterator[Any] = (
            batches(len(products), size) if size > 1 else iter(range(len(products)))
        )
        work = self._work_batches if size > 1 else self._work
        count = min(self._concurrency, -(-len(products) // size))
        step = _ramp_step(count)
        self._workers = [
            asyncio.ensure_future(
                work(session, products, units, results, emit, keep_results, k * step)
            )
            for k in range(count)
        ]
        if self._cancel_requested:  # cancel() came before run(): start none of them
            self.cancel()
        try:
            # Cancelled workers come back as CancelledError instances here; only an
            # outside cancellation of this task makes gather itself raise.
            await asyncio.gather(*self._workers, return_exceptions=True)
        finally:
            await self._finish(products, results, emit, session if own_session else None)
        return results if keep_results else []  # type: ignore[return-value]  # no None left

    async def _finish(
        self,
        products: Sequence[Product],
        results: list[Result | None],
        emit: ResultCallback,
        session: aiohttp.ClientSession | None,
    ) -> None:
        for task in self._workers:
            task.cancel()
        if self._workers:
            await asyncio.wait(self._workers)
        self._workers = []
        self._cancel_requested = False  # the next run starts afresh
        now = utc_stamp()
        for index, result in enumerate(results):
            if result is _RELEASED:
                continue
            if result is None:  # never started
                result = results[index] = Result.pending(products[index])
            if result.status == "pending":  # never started, or cut off mid-check
                result.end_unfinished(now)
                emit(index, result)
        if session is not None:
            await session.close()

    async def _work(
        self,
        session: aiohttp.ClientSession,
        products: Sequence[Product],
        indices: Iterator[int],
        results: list[Result | None],
        emit: ResultCallback,
        keep_results: bool,
        start_after: float,
    ) -> None:
        if start_after:
            await asyncio.sleep(start_after)  # the ramp: see _RAMP_STEP_S
        for index in indices:
            try:
                result = await self._check(session, products[index], results, index)
                self._deliver(index, result, results, emit, keep_results)
            except Exception:  # e.g. the callback failed: go on, the next rows need this worker
                log.exception("fetch worker: product %d could not be finished", index)

    async def _work_batches(
        self,
        session: aiohttp.ClientSession,
        products: Sequence[Product],
        units: Iterator[range],
        results: list[Result | None],
        emit: ResultCallback,
        keep_results: bool,
        start_after: float,
    ) -> None:
        """:meth:`_work` for batches (see :func:`check_batch`): rows are emitted as
        their batch lands."""
        if start_after:
            await asyncio.sleep(start_after)  # the ramp: see _RAMP_STEP_S

        async def send(url: Any, counter: Result, body: bytes | None) -> Answer:
            return await self._attempts(session, url, counter, body)

        for batch in units:
            started = time.perf_counter()
            mine = [products[i] for i in batch]
            rows = [Result(id=product.id, fields=product.fields) for product in mine]
            for index, row in zip(batch, rows, strict=True):
                results[index] = row  # pending: if cancelled, _finish ends them
            build, timeout = self._request.build, self.settings.timeout
            errors = await check_batch(mine, rows, build, send, self._parts, timeout)
            latency, stamp = (time.perf_counter() - started) * 1000.0, utc_stamp()  # the batch's
            for index, row, error in zip(batch, rows, errors, strict=True):
                try:
                    result = _end(row, error, latency, stamp)
                    self._deliver(index, result, results, emit, keep_results)
                except Exception:  # as in _work: the other rows still need delivering
                    log.exception("fetch worker: product %d could not be finished", index)

    def _deliver(
        self,
        index: int,
        result: Result,
        results: list[Result | None],
        emit: ResultCallback,
        keep_results: bool,
    ) -> None:
        if result.status == "error":  # the one place an error row is finalised
            result.error = self._scrubber.text(result.error or "")
            result.response = self._scrubber.value(result.response)
        results[index] = result if keep_results else _RELEASED
        emit(index, result)

    async def _check(
        self,
        session: aiohttp.ClientSession,
        product: Product,
        results: list[Result | None],
        index: int,
    ) -> Result:
        """Check one product with retries; never raises but CancelledError.

        Whatever fails for this product (building its URL, sending, reading,
        parsing, finding the quantity) ends as this product's error row, so
        that the worker running it goes on to the next product.
        """
        started = time.perf_counter()
        result = Result(id=product.id, fields=product.fields)
        try:
            if self._request.needed:
                url, body = self._request.build((product,))
            else:  # the plain GET: the hot path as before
                url, body = self._template.build(product), None
        except Exception as exc:  # an unsafe or unencodable value: this row is not sent
            return _finalise(result, started, error=describe_unsendable(exc))
        try:
            answer = await self._attempts(session, url, result, body)
            error = answer.error
            result.http_status = answer.http_status
            result.response = answer.body
            if error is None:
                result.quantity = extract_quantity(answer.body, self._parts.quantity)
        except QuantityError as exc:
            error = str(exc)
        except asyncio.CancelledError:
            results[index] = result  # still pending: _finish ends it, attempts kept
            raise
        except Exception as exc:  # a bug here must not lose the row
            log.exception("unexpected error checking a product")
            error = describe_failure(exc, self.settings.timeout)[0]
        return _finalise(result, started, error=error)

    async def _attempts(
        self, session: aiohttp.ClientSession, url: Any, result: Result, body: bytes | None = None
    ) -> Answer:
        adaptive, limiter, auth = self._adaptive, self._limiter, self._auth
        control = self._control
        reauthorized = False  # a 401 renews the credentials once per product
        limited: RateLimitedRow | None = None  # this row's refusals by the rate limit
        while True:
            sent = None  # the auth's headers, fetched outside the limits (a token request)
            if auth is not None:
                try:
                    sent = await auth.headers(session)
                except AuthError as exc:
                    return Answer(error=str(exc))
            # Each attempt holds a permit of the adaptive limit, then takes a rate
            # token (after the permit, so the token is spent at once).
            ticket = sent_in = 0
            if adaptive is not None:
                ticket = adaptive.try_acquire()
                if ticket < 0:
                    ticket = await adaptive.acquire()
            outcome = NEUTRAL
            try:
                if limiter is not None:
                    await limiter.acquire()
                if control is not None:
                    if control.must_wait():
                        await control.acquire()
                    sent_in = control.epoch
                result.attempts += 1
                answer = await self._sender.send(session, url, sent, body)
                if adaptive is not None and answer.headers is not None:
                    outcome = adaptive.on_answer(answer.http_status, answer.headers)
            finally:
                if adaptive is not None:
                    adaptive.release(outcome, ticket)
            if sent is not None and answer.http_status == 401 and not reauthorized:
                reauthorized = auth.on_unauthorized(sent)  # type: ignore[union-attr]
                if reauthorized:
                    continue
            if control is not None and control.on_answer(
                answer.http_status,
                answer.headers,
                answer.retry_after,
                sent_in,
                adaptive.limit if adaptive is not None else None,
            ):  # refused by the rate limit: again, without spending a retry, up to a bound
                limited = limited or RateLimitedRow(self.settings.rate_limited_max)
                if not limited.requeue(answer):
                    return answer
                if control.paused:  # the whole run waits in acquire(), this row with it
                    continue
            elif not answer.retryable or result.attempts - _count(limited) > self._policy.retries:
                return answer
            await self._sleep(self._policy.delay(result.attempts, answer.retry_after, self._rng))


def open_session(settings: FetchSettings) -> aiohttp.ClientSession:
    """Open the session a run uses: one connection pool sized to the concurrency.

    Must be called with an event loop running; the caller closes the session.
    """
    tls, network = session_options(settings)  # proxy and TLS: core/fetch/network.py
    connector = aiohttp.TCPConnector(limit=settings.concurrency, ssl=tls)
    secret = secret_headers(settings)
    return aiohttp.ClientSession(
        **network,
        connector=connector,
        # Secret headers go per request, only to the template's origin (Fetcher._follow).
        headers={name: value for name, value in settings.headers.items() if name not in secret},
        timeout=aiohttp.ClientTimeout(total=settings.timeout),
        # Cookies from one product's answer must not leak into the next request.
        cookie_jar=aiohttp.DummyCookieJar(),
    )


def secret_headers(settings: FetchSettings) -> dict[str, str]:
    """The headers of ``settings`` whose values are secret."""
    return {name: value for name, value in settings.headers.items() if is_secret_name(name)}


def _count(limited: RateLimitedRow | None) -> int:
    """Requests of a row refused by the rate limit (they spend no retries)."""
    return limited.count if limited is not None else 0


def _ramp_step(workers: int) -> float:
    """Seconds between two workers' starts (see ``_RAMP_STEP_S``)."""
    return min(_RAMP_STEP_S, _RAMP_MAX_S / workers) if workers else 0.0


def _finalise(result: Result, started: float, *, error: str | None) -> Result:
    return _end(result, error, (time.perf_counter() - started) * 1000.0, utc_stamp())


def _end(result: Result, error: str | None, latency_ms: float, checked_at: str) -> Result:
    result.status = "ok" if error is None else "error"
    result.error = error
    result.latency_ms = latency_ms
    result.checked_at = checked_at
    return result


def _ignore(index: int, result: Result) -> None:
    """The default result callback: do nothing."""
