"""A plain inventory API for benchmarks.

``python -m inventory_gui.devtools.bench.server PORT LATENCY_MS [stock]``.

Answers ``GET /get-current-inventory/{id}`` with ``{"id", "quantity"}`` after a
fixed latency, and ``POST /inventory/batch-retrieve`` (``{"ids": [...]}``) with
``{"counts": [{"id", "quantity"}, ...]}``, one record per ID (the bulk
endpoint), and nothing else, so that clients, not the server, are measured:
it runs on uvloop where installed, which takes about a third off the server's
CPU per request (on two cores the server's CPU is time the client waits for).
With ``stock`` it runs on the stock asyncio loop instead: the plain
``aiohttp.web`` server the whole-process sections measure against, as the
issue defines them.
Prints ``ready PORT`` once listening (PORT 0 picks a free port).
"""

from __future__ import annotations

import asyncio
import contextlib
import resource
import sys

from aiohttp import web

from inventory_gui.core.fetch import event_loop

BATCH_PATH = "/inventory/batch-retrieve"


def make_app(latency_s: float) -> web.Application:
    """The app: one route, optional fixed latency."""

    async def inventory(request: web.Request) -> web.Response:
        if latency_s:
            await asyncio.sleep(latency_s)
        pid = request.match_info["id"]
        return web.json_response({"id": pid, "quantity": len(pid) * 7 % 50})

    async def batch(request: web.Request) -> web.Response:
        if latency_s:
            await asyncio.sleep(latency_s)
        ids = (await request.json())["ids"]
        return web.json_response({"counts": [{"id": i, "quantity": len(i) * 7 % 50} for i in ids]})

    app = web.Application()
    app.router.add_get("/get-current-inventory/{id}", inventory)
    app.router.add_post(BATCH_PATH, batch)
    return app


async def serve(port: int, latency_ms: float) -> None:
    """Serve until cancelled."""
    await serve_app(make_app(latency_ms / 1000.0), port)


async def serve_app(app: web.Application, port: int) -> None:
    """Serve ``app`` on loopback, print ``ready PORT`` for the parent, until cancelled."""
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", port, backlog=1024)
    await site.start()
    print(f"ready {runner.addresses[0][1]}", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()


def raise_open_file_limit() -> None:
    """The seed's way opens a connection per product at once: allow that many sockets."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


if __name__ == "__main__":
    raise_open_file_limit()
    with contextlib.suppress(KeyboardInterrupt):
        run = asyncio.run if sys.argv[3:] == ["stock"] else event_loop.run
        run(serve(int(sys.argv[1]), float(sys.argv[2])))
