"""An inventory API that limits its callers, as real ones do (issue 16).

``python -m inventory_gui.devtools.bench.limited_api PORT KIND [OPTIONS]`` serves
``GET /get-current-inventory/{id}`` and ``GET /stats`` (answers, 429s, first
and last accepted request) on loopback; prints ``ready PORT``.  The kinds:

* ``bucket``: a token bucket, ``--rate`` per second, ``--burst`` deep; beyond
  it ``429`` with ``Retry-After: 1``.  ``--headers`` advertises the budget on
  every answer (``RateLimit``/``RateLimit-Policy`` and ``X-RateLimit-*``).
* ``leaky``: Shopify's leaky bucket of ``--burst`` requests leaking ``burst /
  20`` per second, ``X-Shopify-Shop-Api-Call-Limit: used/size`` on every answer.
* ``concurrency``: ``429`` (no ``Retry-After``) above ``--cap`` requests in flight.
* ``slow``: no limit.

Every kind waits ``--latency-ms`` before answering.  :func:`make_app` is also
what the tests serve.  The clock is injectable (tests may drive the bucket).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from aiohttp import web

from inventory_gui.devtools.bench.server import serve_app

SHOPIFY_LEAK_WINDOW_S = 20.0


@dataclass
class Limits:
    """What the API allows; ``rate`` may be changed while it runs (a limit that drops)."""

    kind: str = "bucket"
    rate: float = 200.0
    burst: float = 20.0
    headers: bool = False
    cap: int = 8
    latency_s: float = 0.0


@dataclass
class Stats:
    """What the API saw."""

    answers: int = 0
    refused: int = 0
    in_flight: int = 0
    first_ok: float | None = None
    last_ok: float | None = None
    ok: int = 0

    def as_dict(self) -> dict[str, float | int | None]:
        span = (self.last_ok or 0.0) - (self.first_ok or 0.0)
        return {"answers": self.answers, "refused": self.refused, "ok": self.ok, "ok_span_s": span}


class Bucket:
    """A token bucket (``leaky``: the same, read as used/size)."""

    def __init__(self, limits: Limits, clock: Callable[[], float] = time.monotonic) -> None:
        self._limits = limits
        self._clock = clock
        self.tokens = limits.burst
        self._stamp = clock()

    def take(self) -> bool:
        """Take a token if there is one."""
        now = self._clock()
        rate = self._rate()
        self.tokens = min(self._limits.burst, self.tokens + (now - self._stamp) * rate)
        self._stamp = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return True
        return False

    def _rate(self) -> float:
        limits = self._limits
        return limits.burst / SHOPIFY_LEAK_WINDOW_S if limits.kind == "leaky" else limits.rate

    def headers(self) -> dict[str, str]:
        """The budget as the kind advertises it (none for a plain bucket)."""
        limits = self._limits
        left = math.floor(self.tokens)
        if limits.kind == "leaky":
            used = int(limits.burst) - left
            return {"X-Shopify-Shop-Api-Call-Limit": f"{used}/{int(limits.burst)}"}
        if not limits.headers:
            return {}
        rate = int(limits.rate)
        refill = math.ceil((limits.burst - self.tokens) / limits.rate)
        return {
            "RateLimit-Policy": f'"default";q={rate};w=1',
            "RateLimit": f'"default";r={left};t={refill}',
            "X-RateLimit-Limit": str(rate),
            "X-RateLimit-Remaining": str(left),
            "X-RateLimit-Reset": str(refill),
        }


def make_app(
    limits: Limits, stats: Stats | None = None, clock: Callable[[], float] = time.monotonic
) -> web.Application:
    """The limited API: one inventory route and ``/stats``."""
    stats = stats or Stats()
    bucket = Bucket(limits, clock)

    async def inventory(request: web.Request) -> web.Response:
        stats.in_flight += 1
        try:
            return await _answer(request.match_info["id"])
        finally:
            stats.in_flight -= 1

    async def _answer(pid: str) -> web.Response:
        stats.answers += 1
        if limits.kind == "concurrency" and stats.in_flight > limits.cap:
            stats.refused += 1
            return web.Response(status=429, text="too many requests in flight")
        if limits.kind in ("bucket", "leaky") and not bucket.take():
            stats.refused += 1
            headers = {"Retry-After": "1", **bucket.headers()}
            return web.Response(status=429, headers=headers, text="rate limited")
        headers = bucket.headers() if limits.kind in ("bucket", "leaky") else {}
        if limits.latency_s:
            await asyncio.sleep(limits.latency_s)
        now = clock()
        stats.first_ok = now if stats.first_ok is None else stats.first_ok
        stats.last_ok = now
        stats.ok += 1
        return web.json_response({"id": pid, "quantity": len(pid) * 7 % 50}, headers=headers)

    async def report(request: web.Request) -> web.Response:
        return web.json_response(stats.as_dict())

    app = web.Application()
    app.router.add_get("/get-current-inventory/{id}", inventory)
    app.router.add_get("/stats", report)
    return app


async def serve(port: int, limits: Limits) -> None:
    """Serve until cancelled."""
    await serve_app(make_app(limits), port)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m inventory_gui.devtools.bench.limited_api")
    parser.add_argument("port", type=int)
    parser.add_argument("kind", choices=["bucket", "leaky", "concurrency", "slow"])
    parser.add_argument("--rate", type=float, default=200.0)
    parser.add_argument("--burst", type=float, default=20.0)
    parser.add_argument("--headers", action="store_true")
    parser.add_argument("--cap", type=int, default=8)
    parser.add_argument("--latency-ms", type=float, default=0.0)
    args = parser.parse_args()
    limits = Limits(args.kind, args.rate, args.burst, args.headers, args.cap, args.latency_ms / 1e3)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(args.port, limits))


if __name__ == "__main__":
    main()
