"""Headless clients timed against the bench server, one per process.

``python -m inventory_gui.devtools.bench.clients MODE PORT N CONCURRENCY`` prints one
JSON line: ``{"mode", "n", "seconds", "ok", "errors"}``.

Modes:
    seed:  the seed article's way: a new ``ClientSession`` per request, every
           product gathered at once (no bound at all).
    plain: plain aiohttp done right enough: one session, connector limit =
           CONCURRENCY, ``asyncio.gather`` over every product, stock loop.
    sem:   the same with a semaphore of CONCURRENCY around each request: the
           strongest plain client we know of (the anchors' baseline), so the
           reference (b) that our ratios are taken against.
    fetch: our headless ``fetch`` command's run (:func:`inventory_gui.cli.fetch_run.run_fetch`),
           progress printer included, on its own loop (uvloop where installed).
    bulk:  the same run in batches of :data:`BULK_BATCH_SIZE` products per
           ``POST`` to the server's bulk endpoint, answers split back onto rows.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys
import time
from typing import Any

import aiohttp

from inventory_gui.cli.fetch_run import run_fetch
from inventory_gui.core import gc_policy
from inventory_gui.core.fetch import event_loop

# Imported here, not in our_fetch(): the references' imports are not timed either.
from inventory_gui.core.fetch.settings import FetchSettings
from inventory_gui.core.models import Product, ProductList
from inventory_gui.devtools.bench.server import BATCH_PATH, raise_open_file_limit

with contextlib.suppress(ImportError):  # event_loop.run imports it: not timed either (about 5 ms)
    import uvloop  # noqa: F401


def ids(n: int) -> list[str]:
    """The product IDs every client fetches."""
    return [f"sku{i:06d}" for i in range(n)]


async def seed_way(base: str, n: int, concurrency: int) -> list[Any]:
    """The seed: a session per call, no bound; errors returned, not raised."""

    async def one(pid: str) -> Any:
        try:
            async with aiohttp.ClientSession() as session, session.get(base + pid) as response:
                return await response.json()
        except Exception as exc:  # the seed printed and went on
            return exc

    return await asyncio.gather(*(one(p) for p in ids(n)))


async def plain_aiohttp(base: str, n: int, concurrency: int) -> list[Any]:
    """One session, connector limit = concurrency, gather over every product."""
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def one(pid: str) -> Any:
            try:
                async with session.get(base + pid) as response:
                    return await response.json()
            except Exception as exc:
                return exc

        return await asyncio.gather(*(one(p) for p in ids(n)))


async def semaphore_aiohttp(base: str, n: int, concurrency: int) -> list[Any]:
    """As :func:`plain_aiohttp`, plus a semaphore bounding the requests in flight."""
    semaphore = asyncio.Semaphore(concurrency)
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def one(pid: str) -> Any:
            async with semaphore:
                try:
                    async with session.get(base + pid) as response:
                        return await response.json()
                except Exception as exc:
                    return exc

        return await asyncio.gather(*(one(p) for p in ids(n)))


async def our_fetch(base: str, n: int, concurrency: int) -> list[Any]:
    """The code path of ``inventory-gui fetch`` (loading and output excluded)."""
    products = ProductList([Product(p) for p in ids(n)], source="bench")
    settings = FetchSettings(base + "{id}", concurrency=concurrency, retries=0)
    outcome = await run_fetch(products, settings, quiet=True)
    return [r.response if r.status == "ok" else r.error for r in outcome.results]


BULK_BATCH_SIZE = 100  # the figure: 20x the one-request-per-product rate


async def our_bulk_fetch(base: str, n: int, concurrency: int) -> list[Any]:
    """:func:`our_fetch` with bulk requests: ``--method POST --batch-size 100``."""
    root = base.split("/get-current-inventory/", 1)[0]
    products = ProductList([Product(p) for p in ids(n)], source="bench")
    settings = FetchSettings(
        root + BATCH_PATH,
        concurrency=concurrency,
        retries=0,
        method="POST",
        body='{"ids": {ids}}',
        batch_size=BULK_BATCH_SIZE,
        items="counts",
        quantity_field="quantity",
    )
    outcome = await run_fetch(products, settings, quiet=True)
    return [r.response if r.status == "ok" else r.error for r in outcome.results]


MODES = {
    "seed": seed_way,
    "plain": plain_aiohttp,
    "sem": semaphore_aiohttp,
    "fetch": our_fetch,
    "bulk": our_bulk_fetch,
}


def main(argv: list[str]) -> None:
    """Run one mode and print its figures as JSON."""
    mode, port, n, concurrency = argv[0], int(argv[1]), int(argv[2]), int(argv[3])
    base = f"http://127.0.0.1:{port}/get-current-inventory/"
    raise_open_file_limit()
    if mode in ("fetch", "bulk"):
        gc_policy.tune_for_fetching()  # as the fetch command does before its run
    started = time.perf_counter()
    # The references run on the stock loop, as the issue defines them; ours on the
    # loop the headless command itself uses (uvloop where installed).
    run = event_loop.run if mode in ("fetch", "bulk") else asyncio.run
    results = run(MODES[mode](base, n, concurrency))
    seconds = time.perf_counter() - started
    ok = sum(1 for r in results if isinstance(r, dict))
    print(json.dumps({"mode": mode, "n": n, "seconds": seconds, "ok": ok, "errors": n - ok}))


if __name__ == "__main__":
    main(sys.argv[1:])
