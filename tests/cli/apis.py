"""The APIs the command-line tests fetch from, each served on loopback from a thread
of the test process (the command runs in this process or a child)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from aiohttp import web

from tests.loopback import LoopbackApi, product_id

FAST = ["fast-1", "fast-2", "fast-3"]
SLOW = [f"slow-{i}" for i in range(10)]
CONCURRENCY = 4
BIG = "9" * 400
ODD_BODIES = {  # answers real APIs send: JSON allows any digits, Python's parser NaN
    "big": f'{{"quantity": {BIG}}}',
    "nan": '{"quantity": 1, "history": [NaN, Infinity, -Infinity], "over": 1e400}',
}

Server = TypeVar("Server")


@contextmanager
def serve_in_thread(start: Callable[[], Awaitable[Server]]) -> Iterator[Server]:
    """Start a server on a new loop in a daemon thread; yield it; close it and stop the loop."""
    ready = threading.Event()
    box: dict[str, Any] = {}

    def serve() -> None:
        loop = asyncio.new_event_loop()
        box["loop"] = loop
        box["server"] = loop.run_until_complete(start())
        ready.set()
        loop.run_forever()
        loop.run_until_complete(box["server"].close())
        loop.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    assert ready.wait(10)
    try:
        yield box["server"]
    finally:
        box["loop"].call_soon_threadsafe(box["loop"].stop)
        thread.join(10)


@dataclass
class ThreadedApi:
    """A loopback API on its own thread: ``fast-*`` IDs answer at once, the rest never do."""

    held: int = 0
    requests: int = 0
    held_enough: threading.Event = field(default_factory=threading.Event)
    hold_count: int = CONCURRENCY
    template: str = ""

    async def handle(self, request: web.Request, _api: LoopbackApi) -> web.StreamResponse:
        self.requests += 1
        pid = product_id(request)
        if pid.startswith("fast"):
            return web.json_response({"id": pid, "quantity": len(pid)})
        if pid in ODD_BODIES:
            return web.Response(text=ODD_BODIES[pid], content_type="application/json")
        self.held += 1
        if self.held >= self.hold_count:
            self.held_enough.set()
        await asyncio.Event().wait()  # held until the client goes away or the server closes
        raise AssertionError("unreachable")


@dataclass
class StockApi:
    """A loopback API: known IDs answer their stock, the others 404."""

    api: LoopbackApi
    stock: dict[str, int]

    @property
    def template(self) -> str:
        return self.api.template

    def requested(self, since: int = 0) -> list[str]:
        return [path.rsplit("/", 1)[-1] for path in self.api.requests[since:]]
