"""A scripted inventory API on loopback for integration tests.

Each test gives a handler; the server counts requests and how many are in
flight at once, so tests can check the fetcher's concurrency bound.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import unquote

from aiohttp import web

Handler = Callable[[web.Request, "LoopbackApi"], Awaitable[web.StreamResponse]]


@dataclass
class LoopbackApi:
    """A running ``aiohttp.web`` server with one catch-all route."""

    handler: Handler
    requests: list[str] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0
    port: int = 0
    _runner: web.AppRunner | None = None
    _waiters: list[tuple[int, asyncio.Future[None]]] = field(default_factory=list)

    async def start(self) -> LoopbackApi:
        app = web.Application()
        app.router.add_route("GET", "/{tail:.*}", self._handle)
        # handler_cancellation: a handler ends when its client goes away, so tests
        # can see connections close.
        self._runner = web.AppRunner(
            app, access_log=None, shutdown_timeout=0.1, handler_cancellation=True
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        self.requests.append(request.raw_path)
        self.headers.append(dict(request.headers))
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        self._wake_waiters()
        try:
            return await self.handler(request, self)
        finally:
            self.in_flight -= 1

    async def wait_in_flight(self, count: int) -> None:
        """Return once at least ``count`` requests are being handled at the same time.

        The moment counts, not the moment the waiter runs again: a handler that
        waits for its ``count``-th fellow request is released even when that
        request's handler has already answered by then.
        """
        if self.in_flight >= count:
            return
        reached = asyncio.get_running_loop().create_future()
        self._waiters.append((count, reached))
        await reached

    def _wake_waiters(self) -> None:
        for count, reached in self._waiters:
            if self.in_flight >= count and not reached.done():
                reached.set_result(None)
        self._waiters = [(count, reached) for count, reached in self._waiters if not reached.done()]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def template(self) -> str:
        return f"{self.base}/get-current-inventory/{{id}}"

    def count(self, product_id_path: str) -> int:
        """How many requests asked for this raw (encoded) ID."""
        return sum(1 for r in self.requests if r.endswith("/" + product_id_path))

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None


def product_id(request: web.Request) -> str:
    """The decoded last path segment of a request (``%2F`` stays inside the ID)."""
    return unquote(request.raw_path.split("?", 1)[0].rsplit("/", 1)[-1])


async def stock_handler(request: web.Request, api: LoopbackApi) -> web.Response:
    """Answer every ID with a quantity derived from its length."""
    pid = product_id(request)
    return web.json_response({"id": pid, "quantity": len(pid)})


async def wait_forever(request: web.Request, api: LoopbackApi) -> web.Response:
    """Never answer (until the client gives up or the server closes)."""
    await asyncio.Event().wait()
    raise AssertionError("unreachable")


async def slow_or_stock(request: web.Request, api: LoopbackApi) -> web.Response:
    """IDs starting with "slow" are never answered; the others get their own ID back."""
    pid = product_id(request)
    if pid.startswith("slow"):
        await asyncio.Event().wait()
    return web.json_response({"id": pid, "quantity": len(pid)})
