"""A demo inventory API on ``aiohttp.web``, for trying the app without a real one.

``GET /get-current-inventory/{id}`` answers the bundled catalogue's products.
The ID must arrive percent-encoded as one path segment (``AB/12`` as
``AB%2F12``); a raw ``/`` in the ID is treated as an unknown product, so a
client that forgets to encode shows up as 404s.  Quantities drift every few
seconds, and faults (500, 503, 429, slow answers) and latency can be injected.

Also served: ``GET /health`` (``{"ok": true}``) and ``GET /stats`` (request
counters of the inventory route only).  No Qt here.
"""

from __future__ import annotations

import asyncio
import hashlib
import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any
from urllib.parse import unquote

from aiohttp import web

from inventory_gui.core.resources import load_catalogue
from inventory_gui.core.settings_schema import (
    DEMO_ERROR_RATE,
    DEMO_HOST,
    DEMO_JITTER,
    DEMO_LATENCY,
)

ROUTE_PREFIX = "/get-current-inventory/"
FAULT_KINDS = ("500", "503", "429", "slow")
FAULT_HEADER = "X-Demo-Fault"
DRIFT_WINDOW = 12  # buckets summed by the random walk (one minute at 5 s)


@dataclass(slots=True)
class DemoConfig:
    """How the demo server behaves.

    Attributes:
        latency_ms: delay before each inventory answer.
        jitter_ms: the delay varies uniformly by up to this much either way
            (never below 0).
        error_rate: fraction (0..1) of inventory requests that get a fault,
            chosen equally among 500, 503, 429 and a slow answer.
        seed: seeds the fault and latency choices; None for unpredictable ones.
        drift: let quantities change every ``bucket_seconds``; False answers
            the catalogue's quantities.
        slow_seconds: how long a "slow" fault stalls before answering 200.
        clock: seconds since the epoch; tests inject their own to move time.
        bucket_seconds: how long a drifted quantity stays the same.

    Raises:
        ValueError: a delay or rate outside its definition's range (see
            :mod:`inventory_gui.core.settings_schema`) or a bucket <= 0.
    """

    latency_ms: float = 0.0
    jitter_ms: float = 0.0
    error_rate: float = 0.0
    seed: int | None = None
    drift: bool = True
    slow_seconds: float = 30.0
    clock: Callable[[], float] = time.time
    bucket_seconds: float = 5.0

    def __post_init__(self) -> None:
        for setting in (DEMO_LATENCY, DEMO_JITTER, DEMO_ERROR_RATE):
            problem = setting.problem(getattr(self, setting.key))
            if problem is not None:
                raise ValueError(f"{setting.key} {problem}")
        if self.slow_seconds < 0:
            raise ValueError("slow_seconds must be 0 or more")
        if not self.bucket_seconds > 0:
            raise ValueError(f"bucket_seconds must be above 0, not {self.bucket_seconds}")


@dataclass(slots=True)
class DemoStats:
    """Counters of the inventory route (``/health`` and ``/stats`` are not counted)."""

    requests_total: int = 0
    in_flight: int = 0
    max_in_flight: int = 0
    faults: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FAULT_KINDS, 0))

    def as_dict(self) -> dict[str, Any]:
        """The counters as a JSON-ready dict."""
        return {
            "requests_total": self.requests_total,
            "in_flight": self.in_flight,
            "max_in_flight": self.max_in_flight,
            "faults": dict(self.faults),
        }


@dataclass(slots=True)
class _State:
    config: DemoConfig
    products: dict[str, dict[str, Any]]
    stats: DemoStats
    fault_rng: random.Random
    latency_rng: random.Random

    def pick_fault(self) -> str | None:
        """A fault kind for this request, or None for a normal answer."""
        rate = self.config.error_rate
        if rate <= 0 or self.fault_rng.random() >= rate:
            return None
        return self.fault_rng.choice(FAULT_KINDS)

    def delay(self) -> float:
        """Seconds to wait before answering (0 when no latency is configured)."""
        latency, jitter = self.config.latency_ms, self.config.jitter_ms
        if latency == 0 and jitter == 0:
            return 0.0
        return max(0.0, latency + self.latency_rng.uniform(-jitter, jitter)) / 1000.0

    def bucket(self) -> int:
        """The current drift time bucket."""
        return math.floor(self.config.clock() / self.config.bucket_seconds)


STATE = web.AppKey("demo_state", _State)


def _stable_int(*parts: object) -> int:
    """A hash of ``parts`` that is the same in every process (unlike ``hash``)."""
    text = "\x1f".join(str(p) for p in parts).encode("utf-8")
    return int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "big")


@lru_cache(maxsize=16384)
def drifted_quantity(product_id: str, base: int, bucket: int) -> int:
    """The quantity of a product during a time bucket; never negative.

    A random walk: the sum of the last ``DRIFT_WINDOW`` steps, each a
    deterministic function of ``(product_id, bucket)``, so consecutive buckets
    differ by one step.  One product in eight also sells out for two buckets
    in every nine, and low-stock products hit 0 and come back on their own.

    Args:
        product_id: the catalogue ID.
        base: the catalogue quantity.
        bucket: ``floor(time / bucket_seconds)``.
    """
    seed = _stable_int(product_id)
    if seed % 8 == 0 and (bucket + seed) % 9 < 2:
        return 0
    scale = max(2, base // 8)
    walk = sum(
        _stable_int(product_id, step) % (2 * scale + 1) - scale
        for step in range(bucket - DRIFT_WINDOW + 1, bucket + 1)
    )
    return max(0, base + walk)


def _requested_id(request: web.Request) -> tuple[str, bool]:
    """The decoded product ID, and whether it came as one encoded path segment."""
    segment = request.rel_url.raw_path[len(ROUTE_PREFIX) :]
    return unquote(segment), "/" not in segment


def _fault_response(kind: str) -> web.Response:
    """The answer of an error fault (500, 503 or 429)."""
    status = int(kind)
    headers = {FAULT_HEADER: kind}
    if status in (429, 503):
        headers["Retry-After"] = "1"
    body = {"error": "injected fault", "status": status}
    return web.json_response(body, status=status, headers=headers)


def _product_payload(state: _State, product: dict[str, Any]) -> dict[str, Any]:
    """The JSON answer for a known product at the current time."""
    bucket = state.bucket()
    quantity = int(product["quantity"])
    if state.config.drift:
        quantity = drifted_quantity(str(product["id"]), quantity, bucket)
    updated = datetime.fromtimestamp(bucket * state.config.bucket_seconds, UTC)
    return {
        "id": product["id"],
        "name": product.get("name", ""),
        "quantity": quantity,
        "warehouse": product.get("warehouse", ""),
        "category": product.get("category", ""),
        "updated_at": updated.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


async def _answer(state: _State, request: web.Request) -> web.Response:
    """Apply latency and faults, then answer the product or 404."""
    fault = state.pick_fault()
    if fault is not None:
        state.stats.faults[fault] += 1
    delay = state.delay()
    if delay > 0:
        await asyncio.sleep(delay)
    if fault is not None and fault != "slow":
        return _fault_response(fault)
    if fault == "slow":
        await asyncio.sleep(state.config.slow_seconds)
    headers = {FAULT_HEADER: fault} if fault else None
    product_id, one_segment = _requested_id(request)
    product = state.products.get(product_id) if one_segment else None
    if product is None:
        body = {"error": "unknown product", "id": product_id}
        return web.json_response(body, status=404, headers=headers)
    return web.json_response(_product_payload(state, product), headers=headers)


async def _inventory(request: web.Request) -> web.Response:
    """``GET /get-current-inventory/{id}``, counted in the stats."""
    state = request.app[STATE]
    stats = state.stats
    stats.requests_total += 1
    stats.in_flight += 1
    stats.max_in_flight = max(stats.max_in_flight, stats.in_flight)
    try:
        return await _answer(state, request)
    finally:
        stats.in_flight -= 1


async def _health(request: web.Request) -> web.Response:
    """``GET /health``."""
    return web.json_response({"ok": True})


async def _stats(request: web.Request) -> web.Response:
    """``GET /stats``: the inventory route's counters."""
    state = request.app[STATE]
    return web.json_response({**state.stats.as_dict(), "products": len(state.products)})


def _index(catalogue: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Products by ID (as text); duplicate IDs are an error."""
    products: dict[str, dict[str, Any]] = {}
    for product in catalogue:
        key = str(product["id"])
        if key in products:
            raise ValueError(f"duplicate product ID in catalogue: {key!r}")
        products[key] = product
    return products


def make_app(config: DemoConfig, catalogue: list[dict[str, Any]] | None = None) -> web.Application:
    """Build the demo API application.

    Args:
        config: latency, faults and drift settings.
        catalogue: products to serve; None serves the bundled catalogue.

    Returns:
        An application whose ``app[STATE].stats`` holds the live counters.

    Raises:
        ValueError: two catalogue products share an ID.
    """
    products = _index(load_catalogue() if catalogue is None else catalogue)
    seed = config.seed
    app = web.Application()
    app[STATE] = _State(
        config=config,
        products=products,
        stats=DemoStats(),
        fault_rng=random.Random(seed),
        latency_rng=random.Random(None if seed is None else f"{seed}:latency"),
    )
    # ".+" so that the route matches whatever aiohttp does with %2F; the handler
    # decodes the raw path itself.
    app.router.add_get(ROUTE_PREFIX + "{id:.+}", _inventory)
    app.router.add_get("/health", _health)
    app.router.add_get("/stats", _stats)
    return app


class DemoServer:
    """A running demo API; close it with :meth:`close` (or ``async with``).

    Attributes:
        host: the host it was bound to.
        port: the port it listens on (the real one when 0 was asked).
        app: the application, for ``app[STATE]``.
    """

    def __init__(self, runner: web.AppRunner, host: str, port: int) -> None:
        self._runner = runner
        self.host = host
        self.port = port
        self.app: web.Application = runner.app

    @property
    def url(self) -> str:
        """The base URL, e.g. ``http://127.0.0.1:8080``."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def url_template(self) -> str:
        """The app's URL template for this server (with a literal ``{id}``)."""
        return f"{self.url}{ROUTE_PREFIX}{{id}}"

    @property
    def stats(self) -> DemoStats:
        """The live request counters."""
        return self.app[STATE].stats

    async def close(self) -> None:
        """Stop listening and end pending requests (slow ones are cancelled)."""
        await self._runner.cleanup()

    async def __aenter__(self) -> DemoServer:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()


async def start_demo_server(
    config: DemoConfig,
    host: str = DEMO_HOST.default,
    port: int = 0,
    *,
    catalogue: list[dict[str, Any]] | None = None,
) -> DemoServer:
    """Start the demo API in the running event loop.

    Args:
        config: latency, faults and drift settings.
        host: the address to bind.
        port: the port; 0 picks a free one (see ``DemoServer.port``).
        catalogue: products to serve; None serves the bundled catalogue.

    Returns:
        The running server.

    Raises:
        OSError: the address cannot be bound (port in use, bad host).
    """
    runner = web.AppRunner(
        make_app(config, catalogue),
        access_log=None,
        handler_cancellation=True,  # a client that gives up ends its slow answer
        shutdown_timeout=1.0,
    )
    await runner.setup()
    try:
        site = web.TCPSite(runner, host, port)
        await site.start()
    except BaseException:
        await runner.cleanup()
        raise
    return DemoServer(runner, host, runner.addresses[0][1])


async def serve_demo_until(config: DemoConfig, host: str, port: int, stop: asyncio.Event) -> None:
    """Serve the demo API until ``stop`` is set (for ``inventory-gui serve-demo``).

    Prints one line with the URL template to stdout, then serves; the server
    closes on the way out, also when the task is cancelled.

    Args:
        config: latency, faults and drift settings.
        host: the address to bind.
        port: the port; 0 picks a free one (the printed line shows it).
        stop: set to end serving.

    Raises:
        OSError: the address cannot be bound (port in use, bad host).
    """
    server = await start_demo_server(config, host, port)
    try:
        print(f"Demo inventory API on {server.url_template} (Ctrl-C to stop)", flush=True)
        await stop.wait()
    finally:
        await server.close()
