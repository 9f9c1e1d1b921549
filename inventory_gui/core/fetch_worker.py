"""The fetch worker process: runs the window's fetches away from its GIL.

Started by :class:`~inventory_gui.core.fetch_process.FetchWorker` as
``python -m inventory_gui _fetch-worker FD`` (the frozen app: ``inventory-gui
_fetch-worker FD``), where FD is its end of a socket pair.  It serves one run
at a time, on its own event loop (uvloop where installed), and lives until the
window closes it or goes away.

Messages are pickled tuples (:class:`multiprocessing.connection.Connection`):

- in: ``("run", run_id, products, settings, session_factory)``,
  ``("cancel", run_id)``, ``("exit",)``;
- out: ``("results", run_id, [(index, result), ...], concurrency)`` about every
  15 ms while results come, then ``("done", run_id, error)`` once per run,
  where ``error`` is None or the message of an unexpected failure.

Products and results travel as plain tuples (see
:mod:`inventory_gui.core.fetch_wire`).

End of file on the socket (the window's process has gone, even killed) makes
the worker cancel its run and exit: it never outlives the window.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Sequence
from multiprocessing.connection import Connection
from typing import Any

from inventory_gui.core import collector, loops
from inventory_gui.core.fetch_wire import PackedProducts, pack_result
from inventory_gui.core.fetcher import Fetcher, open_session
from inventory_gui.core.models import Product, Result

log = logging.getLogger(__name__)

# Results travel in batches: one message per ~15 ms keeps the window's reader
# thread waking rarely, and a cap keeps one message small on a fast run.
FLUSH_SECONDS = 0.015
MAX_BATCH = 2000


class _Gone(Exception):
    """The window's end of the socket is closed."""


def main(fd: int) -> int:
    """Serve runs on the socket ``fd`` until told to exit; return the exit status."""
    conn = Connection(fd)
    collector.tune_for_fetching()
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C in a terminal reaches us too
        loops.run(_serve(conn))
    conn.close()
    return 0


async def _serve(conn: Connection) -> None:
    loop = asyncio.get_running_loop()
    inbox: asyncio.Queue[tuple[Any, ...]] = asyncio.Queue()
    # A thread reads the socket with plain blocking calls: a loop's add_reader
    # may make the socket non-blocking, and a large "run" message then arrives
    # in pieces that recv() cannot wait for.
    threading.Thread(target=_read, args=(conn, loop, inbox), daemon=True).start()
    while True:
        message = await inbox.get()
        if message[0] == "exit":
            return
        if message[0] == "run":
            run_id, packed, settings, session_factory = message[1:]
            del message  # the run's products are in it: no other reference is kept
            products = PackedProducts(packed)
            del packed
            if not await _run(conn, inbox, run_id, products, settings, session_factory):
                return
        # A "cancel" for a run already over is stale: ignore it.


def _read(
    conn: Connection, loop: asyncio.AbstractEventLoop, inbox: asyncio.Queue[tuple[Any, ...]]
) -> None:
    """Pass each message to the loop; end of file becomes an "exit"."""
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            message = ("exit",)
        try:
            loop.call_soon_threadsafe(inbox.put_nowait, message)
        except RuntimeError:  # the loop has closed: the worker is exiting
            return
        if message[0] == "exit":
            return
        del message  # not held while waiting for the next one


async def _run(
    conn: Connection,
    inbox: asyncio.Queue[tuple[Any, ...]],
    run_id: int,
    products: Sequence[Product],
    settings: Any,
    session_factory: Any,
) -> bool:
    """Run one fetch; return False if the worker must exit."""
    pending: list[tuple[int, Result]] = []
    keep_serving = True
    fetcher: Fetcher | None = None

    def send_pending() -> None:
        nonlocal keep_serving
        if not pending:
            return
        concurrency = fetcher.current_concurrency if fetcher else settings.concurrency
        batch = pending[:]
        pending.clear()
        try:
            packed = [(index, pack_result(result)) for index, result in batch]
            conn.send(("results", run_id, packed, concurrency))
        except OSError as exc:  # the window is gone: stop working for it
            keep_serving = False
            if fetcher is not None:
                fetcher.cancel()
            raise _Gone from exc

    def collect(index: int, result: Result) -> None:
        pending.append((index, result))
        if len(pending) >= MAX_BATCH:
            send_pending()

    async def listen() -> None:
        nonlocal keep_serving
        while True:
            message = await inbox.get()
            if message[0] == "exit":
                keep_serving = False
            ours = message[0] == "exit" or message[1:2] == (run_id,)
            if ours and fetcher is not None:
                fetcher.cancel()

    async def flush_often() -> None:
        while True:
            await asyncio.sleep(FLUSH_SECONDS)
            send_pending()

    error = None
    helpers = [asyncio.ensure_future(listen()), asyncio.ensure_future(flush_often())]
    try:
        session = (session_factory or open_session)(settings)
        try:
            fetcher = Fetcher(settings, session=session)
            await fetcher.run(products, collect, keep_results=False)  # the window keeps them
        finally:
            await session.close()
    except _Gone:
        return False
    except Exception as exc:  # reported to the window, which logs and shows it
        log.exception("fetch run failed in the worker")
        error = f"{type(exc).__name__}: {exc}"
    finally:
        for helper in helpers:
            helper.cancel()
        await asyncio.gather(*helpers, return_exceptions=True)
    try:
        send_pending()
        conn.send(("done", run_id, error))
    except (_Gone, OSError):
        return False
    return keep_serving
