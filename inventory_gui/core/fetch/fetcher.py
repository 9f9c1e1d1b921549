"""The concurrent fetcher: one session per run, bounded concurrency, no row lost.

The seed article gathered one coroutine per product and opened a session per
call.  Here one :class:`aiohttp.ClientSession` serves the whole run, and
``asyncio.gather`` runs a fixed pool of ``concurrency`` workers that take
products from one shared iterator.  On a qasync loop every ready callback
becomes a Qt timer, and gathering tens of thousands of coroutines at once makes
bursts that cost far more per callback than a small pool does (DEVELOPERS.md).

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
import json
import logging
import random
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import aiohttp

from inventory_gui.core.fetch.failures import describe_failure, describe_unsendable, shorten
from inventory_gui.core.fetch.limits import NEUTRAL, AdaptiveLimit, Outcome, RateLimiter
from inventory_gui.core.fetch.open_files import fit_concurrency
from inventory_gui.core.fetch.quantity import QuantityError, extract_quantity
from inventory_gui.core.fetch.rate_control import RateController, RateLimitedRow, rate_controller
from inventory_gui.core.fetch.redirects import (
    MAX_REDIRECTS,
    REDIRECT_STATUSES,
    RedirectGuard,
    RedirectRefused,
)
from inventory_gui.core.fetch.retry import RetryPolicy, parse_retry_after
from inventory_gui.core.fetch.settings import FetchSettings, parse_header
from inventory_gui.core.fetch.url_template import UrlTemplate
from inventory_gui.core.models import Product, Result
from inventory_gui.core.secrets import Scrubber, is_secret_name

log = logging.getLogger(__name__)
ResultCallback = Callable[[int, Result], None]
_RELEASED: Any = object()  # a finished row's slot when results are not kept

# FetchSettings and its helpers live in fetch_settings (no aiohttp there); they
# are re-exported here, where a fetch's callers have always found them.
__all__ = ["FetchSettings", "Fetcher", "ResultCallback", "open_session", "parse_header"]

_CHUNK = 64 * 1024

# Workers start this far apart, the whole ramp kept under _RAMP_MAX_S.  Started
# together, they advance in lock step (the loop runs every ready task one step
# in turn), so no request leaves before every connection is open (the first
# left some 40-50 ms after the start for 100 on loopback), and the first wave's
# answers come back in one burst that is worked through serially, wave after
# wave.  0.4 ms is about the client's CPU time to open a connection and send a
# request: the first request leaves at once and each wave stays spread
# (README, "Performance", target 2).
_RAMP_STEP_S = 0.0004
_RAMP_MAX_S = 0.1


@dataclass(slots=True)
class _Answer:
    """What one request attempt produced."""

    http_status: int | None = None
    body: Any = None
    error: str | None = None
    retryable: bool = False
    retry_after: float | None = None
    outcome: Outcome = NEUTRAL  # for the adaptive limit
    headers: Any = None  # the answer's headers, for the rate controller


class Fetcher:
    """Checks a list of products against the API.

    Args:
        settings: the API and the limits of the run.
        session: an open session to use (not closed here), like httpx's
            injectable transport; by default each run opens and closes its own.
        rng: random source for backoff jitter (tests pass a seeded one).
        sleep: the coroutine used to wait between attempts.

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
    ) -> None:
        settings.validate()
        self.settings = settings
        self._template = UrlTemplate(settings.url_template)
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
        self._scrubber = Scrubber.for_run(settings.url_template, settings.headers)
        self._redirects = RedirectGuard(self._template.sample, self._scrubber.values)
        self._secret_headers = secret_headers(settings) or None
        budget = fit_concurrency(settings.concurrency)
        self._concurrency = budget.concurrency
        self.notice: str | None = budget.notice  # for the user: why concurrency is lower

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
        indices = iter(range(len(products)))
        settings = self.settings
        self._adaptive = AdaptiveLimit(self._concurrency) if settings.adaptive else None
        self._limiter = RateLimiter(settings.rate_limit) if settings.rate_limit else None
        self._control = rate_controller(settings)
        count = min(self._concurrency, len(products))
        step = _ramp_step(count)
        self._workers = [
            asyncio.ensure_future(
                self._work(session, products, indices, results, emit, keep_results, k * step)
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
        now = _utc_now()
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
                if result.status == "error":  # the one place an error row is finalised
                    result.error = self._scrubber.text(result.error or "")
                    result.response = self._scrubber.value(result.response)
                results[index] = result if keep_results else _RELEASED
                emit(index, result)
            except Exception:  # e.g. the callback failed: go on, the next rows need this worker
                log.exception("fetch worker: product %d could not be finished", index)

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
            url = self._template.build(product)
        except Exception as exc:  # an unsafe or unencodable value: this row is not sent
            return _finalise(result, started, error=describe_unsendable(exc))
        try:
            answer = await self._attempts(session, url, result)
            error = answer.error
            result.http_status = answer.http_status
            result.response = answer.body
            if error is None:
                result.quantity = extract_quantity(answer.body, self.settings.quantity_field)
        except QuantityError as exc:
            error = str(exc)
        except asyncio.CancelledError:
            results[index] = result  # still pending: _finish ends it, attempts kept
            raise
        except Exception as exc:  # a bug here must not lose the row
            log.exception("unexpected error checking a product")
            error = describe_failure(exc, self.settings.timeout)[0]
        return _finalise(result, started, error=error)

    async def _attempts(self, session: aiohttp.ClientSession, url: Any, result: Result) -> _Answer:
        adaptive, limiter, control = self._adaptive, self._limiter, self._control
        limited: RateLimitedRow | None = None  # this row's refusals by the rate limit
        waited_out = False  # this row has just slept a Retry-After the whole run pauses for
        while True:
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
                    await control.acquire(waited_out=waited_out)
                    sent_in = control.epoch
                result.attempts += 1
                answer = await self._attempt(session, url)
                outcome = answer.outcome
            finally:
                if adaptive is not None:
                    adaptive.release(outcome, ticket)
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
            elif not answer.retryable or result.attempts - _count(limited) > self._policy.retries:
                return answer
            waited_out = answer.retry_after is not None
            await self._sleep(self._policy.delay(result.attempts, answer.retry_after, self._rng))

    async def _attempt(self, session: aiohttp.ClientSession, url: Any) -> _Answer:
        try:
            return await self._follow(session, url)
        except (aiohttp.ClientError, OSError, TimeoutError) as exc:
            error, retryable = describe_failure(exc, self.settings.timeout)
            return _Answer(error=error, retryable=retryable)

    async def _follow(self, session: aiohttp.ClientSession, url: Any) -> _Answer:
        """GET ``url``, following redirects with secrets kept to the template's origin."""
        headers = self._secret_headers  # the first URL is on the template's origin
        for _hop in range(MAX_REDIRECTS + 1):
            async with session.get(url, allow_redirects=False, headers=headers) as response:
                status = response.status
                location = response.headers.get("Location") if status in REDIRECT_STATUSES else None
                if location is None:
                    return await self._read_answer(response)
            try:
                url = self._redirects.follow(url, location)
            except RedirectRefused as exc:
                return _Answer(http_status=status, error=str(exc))
            headers = self._secret_headers if self._redirects.same_origin(url) else None
        return _Answer(error="too many redirects")

    async def _read_answer(self, response: aiohttp.ClientResponse) -> _Answer:
        status = response.status
        answer = _Answer(http_status=status, headers=response.headers)
        if self._adaptive is not None:
            answer.outcome = self._adaptive.on_answer(status, response.headers)
        raw, too_large = await self._read_capped(response)
        if too_large:
            limit = _size(self.settings.max_body_bytes)
            answer.error = f"HTTP {status}: response larger than {limit}, not read"
            return answer
        if status >= 400:
            reason = shorten(response.reason or "", 60)
            answer.error = f"HTTP {status} {reason}".rstrip() + _detail(raw)
            answer.retryable = self._policy.retryable_status(status)
            answer.retry_after = parse_retry_after(response.headers.get("Retry-After"))
            answer.body = _try_json(raw)
            return answer
        try:
            answer.body = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError):
            kind = shorten(response.content_type or "no content type", 60)
            answer.error = f"HTTP {status}: not JSON ({kind}): {_first_bytes(raw)}"
        except RecursionError:
            answer.error = f"HTTP {status}: JSON nested too deeply to read"
        except ValueError:  # an integer of more digits than Python converts
            answer.error = f"HTTP {status}: JSON holds a number too long to read"
        return answer

    async def _read_capped(self, response: aiohttp.ClientResponse) -> tuple[bytes, bool]:
        """Read the body, stopping as soon as it passes the cap."""
        cap = self.settings.max_body_bytes
        length = response.content_length
        if length is not None and length > cap:
            return b"", True
        if length is not None and "Content-Encoding" not in response.headers:
            return await response.read(), False  # fast path: the size is known and small
        chunks: list[bytes] = []
        total = 0
        while chunk := await response.content.read(_CHUNK):
            total += len(chunk)
            if total > cap:
                return b"", True
            chunks.append(chunk)
        return b"".join(chunks), False


def open_session(settings: FetchSettings) -> aiohttp.ClientSession:
    """Open the session a run uses: one connection pool sized to the concurrency.

    Must be called with an event loop running; the caller closes the session.
    """
    connector = aiohttp.TCPConnector(
        limit=settings.concurrency,
        ssl=None if settings.verify_tls else False,
    )
    secret = secret_headers(settings)
    return aiohttp.ClientSession(
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
    result.status = "ok" if error is None else "error"
    result.error = error
    result.latency_ms = (time.perf_counter() - started) * 1000.0
    result.checked_at = _utc_now()
    return result


_last_stamp: tuple[int, str] = (-1, "")


def _utc_now() -> str:
    """The time as ISO 8601 UTC to the millisecond.

    Results ending in the same millisecond share one string: the window's
    process then holds one copy per batch from its fetch worker (pickle shares
    an object sent twice).  At full speed several results end in each
    millisecond, each sparing a ~70-byte string (not measured on its own).
    """
    global _last_stamp
    millis = int(time.time() * 1000)
    stamp = _last_stamp  # one read: another thread may replace it meanwhile
    if millis != stamp[0]:
        moment = datetime.fromtimestamp(millis / 1000, UTC)
        stamp = _last_stamp = (millis, moment.isoformat(timespec="milliseconds")[:-6] + "Z")
    return stamp[1]


def _ignore(index: int, result: Result) -> None:
    """The default result callback: do nothing."""


def _try_json(raw: bytes) -> Any:
    try:
        return json.loads(raw) if raw else None
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        return None


def _detail(raw: bytes) -> str:
    """A short reason from an error body: its JSON error/message, or its first bytes."""
    body = _try_json(raw)
    if isinstance(body, dict):
        for key in ("error", "message", "detail", "title"):
            if isinstance(body.get(key), str) and body[key].strip():
                return f": {shorten(body[key].strip(), 120)}"
    text = raw[:200].decode("utf-8", "replace").strip()
    return f": {shorten(' '.join(text.split()), 80)}" if text and body is None else ""


def _first_bytes(raw: bytes, limit: int = 40) -> str:
    if not raw:
        return "empty body"
    return repr(raw[:limit]) + ("…" if len(raw) > limit else "")


def _size(n: int) -> str:
    if n % (1024 * 1024) == 0:
        return f"{n // (1024 * 1024)} MiB"
    if n % 1024 == 0:
        return f"{n // 1024} KiB"
    return f"{n} bytes"
