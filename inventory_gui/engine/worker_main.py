"""The fetch worker process's main: runs the window's fetches away from its GIL.

Started by :class:`~inventory_gui.engine.worker_process.WorkerProcess` with
the socket it talks over (messages: :mod:`inventory_gui.engine.protocol`).
It serves one run at a time, on its own event loop (uvloop where installed),
and lives until the window closes it or goes away.

A run that fails is reported as done with its error, and the worker serves
the next one; a "run" or "exit" that comes during a run ends that run and is
then served, never dropped.  End of file on the socket (the window's process
has gone, even killed) makes the worker cancel its run and exit: it never
outlives the window.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Sequence
from multiprocessing.connection import Connection
from typing import Any

from inventory_gui.core import gc_policy
from inventory_gui.core.fetch import event_loop
from inventory_gui.core.fetch.fetcher import Fetcher, open_session
from inventory_gui.core.models import Product, Result
from inventory_gui.core.text import describe_exception
from inventory_gui.engine.protocol import PackedProducts, pack_result, unsendable

log = logging.getLogger(__name__)

# Results travel in batches: at most one message per FLUSH_SECONDS keeps the
# window's reader thread waking rarely, and a cap keeps one message small on a
# fast run.
FLUSH_SECONDS = 0.015
MAX_BATCH = 2000


class _Gone(Exception):
    """The window's end of the socket is closed."""


def main(fd: int) -> int:
    """Serve runs on the socket ``fd`` until told to exit; return the exit status."""
    conn = Connection(fd)
    gc_policy.tune_for_fetching()
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C in a terminal reaches us too
        event_loop.run(_serve(conn))
    conn.close()
    return 0


async def _serve(conn: Connection) -> None:
    loop = asyncio.get_running_loop()
    inbox: asyncio.Queue[tuple[Any, ...]] = asyncio.Queue()
    # A thread reads the socket with plain blocking calls: a loop's add_reader
    # may make the socket non-blocking, and a large "run" message then arrives
    # in pieces that recv() cannot wait for.
    threading.Thread(target=_read, args=(conn, loop, inbox), daemon=True).start()
    held: list[tuple[Any, ...]] = []  # what came during a run, served once it ends
    while True:
        message = held.pop(0) if held else await inbox.get()
        kind = message[0]
        if kind == "exit":
            return
        if kind != "run":  # "unreadable": reported; "cancel" of a run already over: stale
            if kind == "unreadable" and not _report(conn, message):
                return
            continue
        run_id, packed, settings, session_factory = message[1:]
        del message  # the run's products are in it: no other reference is kept
        try:
            products = PackedProducts(packed)
            del packed
            await _run(conn, inbox, held, run_id, products, settings, session_factory)
        except _Gone:
            return
        except Exception as exc:  # the run ends with its reason; the worker serves on
            log.exception("fetch run failed in the worker")
            if not _report(conn, ("done", run_id, describe_exception(exc), None)):
                return


def _report(conn: Connection, message: tuple[Any, ...]) -> bool:
    """Send ``message``; False if the window has gone."""
    try:
        _send(conn, message, None)
    except _Gone:
        return False
    return True


def _read(
    conn: Connection, loop: asyncio.AbstractEventLoop, inbox: asyncio.Queue[tuple[Any, ...]]
) -> None:
    """Pass each message to the loop; end of file becomes an "exit".

    A message that cannot be unpickled (say, a session factory this process
    cannot import) becomes an "unreadable" one, which the loop reports to the
    window: the socket stays in step, each message being read whole first.
    """
    while True:
        try:
            message: tuple[Any, ...] = conn.recv()
        except (EOFError, OSError):
            message = ("exit",)
        except Exception as exc:
            message = ("unreadable", None, describe_exception(exc))
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
    held: list[tuple[Any, ...]],
    run_id: int,
    products: Sequence[Product],
    settings: Any,
    session_factory: Any,
) -> None:
    """Run one fetch and report its end.

    A "run" or "exit" that comes meanwhile cancels this run and is kept in
    ``held`` for :func:`_serve`: the window sends a new run only once it is
    done with this one, so this one is abandoned.

    Raises:
        _Gone: the window has gone.
    """
    pending: list[tuple[int, Result]] = []
    fetcher: Fetcher | None = None

    def send_pending() -> None:
        if not pending:
            return
        concurrency = fetcher.current_concurrency if fetcher else settings.concurrency
        batch = pending[:]
        pending.clear()
        pace = fetcher.pace if fetcher else None
        _send_results(conn, run_id, batch, (concurrency, pace), fetcher)

    def collect(index: int, result: Result) -> None:
        pending.append((index, result))
        if len(pending) >= MAX_BATCH:
            send_pending()

    async def listen() -> None:
        while True:
            message = await inbox.get()
            kind = message[0]
            if kind == "unreadable":
                _send(conn, message, fetcher)
                continue
            if kind == "cancel" and message[1] != run_id:
                continue  # stale
            if kind != "cancel":
                held.append(message)
            if fetcher is not None:
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
        raise
    except Exception as exc:  # reported to the window, which logs and shows it
        log.exception("fetch run failed in the worker")
        error = describe_exception(exc)
    finally:
        for helper in helpers:
            helper.cancel()
        await asyncio.gather(*helpers, return_exceptions=True)
    send_pending()
    learned = fetcher.learned_limit if fetcher is not None else None
    _send(conn, ("done", run_id, error, learned), fetcher)


def _send(conn: Connection, message: tuple[Any, ...], fetcher: Fetcher | None) -> None:
    try:
        conn.send(message)
    except OSError as exc:  # the window is gone: stop working for it
        if fetcher is not None:
            fetcher.cancel()
        raise _Gone from exc


def _send_results(
    conn: Connection,
    run_id: int,
    batch: list[tuple[int, Result]],
    concurrency: tuple[int, str | None],
    fetcher: Fetcher | None,
) -> None:
    """Send a batch; a result that cannot be pickled is sent as an error row.

    An answer parsed from JSON nested some 900 deep cannot be pickled
    (RecursionError): one such result must not take its batch with it.
    """
    try:
        packed = [(index, pack_result(result)) for index, result in batch]
        _send(conn, ("results", run_id, packed, *concurrency), fetcher)
        return
    except _Gone:
        raise
    except Exception:  # nothing was written: a message is pickled whole first
        pass
    for index, result in batch:  # one by one, to find the culprits
        try:
            _send(conn, ("results", run_id, [(index, pack_result(result))], *concurrency), fetcher)
        except _Gone:
            raise
        except Exception as exc:
            failed = unsendable(result, describe_exception(exc))
            _send(conn, ("results", run_id, [(index, pack_result(failed))], *concurrency), fetcher)
