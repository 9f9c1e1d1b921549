"""One fetch run of ``inventory-gui fetch``: :func:`run_fetch`, also the benchmark's entry point.

It loads aiohttp (through the fetcher and the demo API), so the fetch command
imports it only once its arguments are parsed.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import sys
from dataclasses import dataclass

from inventory_gui.cli import terminal
from inventory_gui.cli.fetch_history import FetchHistory
from inventory_gui.cli.stop_signals import StopSignals
from inventory_gui.core.fetch.fetcher import Fetcher
from inventory_gui.core.fetch.settings import FetchSettings
from inventory_gui.core.history.store import Run
from inventory_gui.core.models import ProductList, Result
from inventory_gui.core.progress import Progress, ProgressPrinter


@dataclass
class FetchOutcome:
    """How a run ended.

    Attributes:
        results: one per product, in the products' order.
        stopped: a stop signal ended the run (its unfinished rows are ``cancelled``).
    """

    results: list[Result]
    stopped: bool


async def run_fetch(
    products: ProductList,
    settings: FetchSettings,
    *,
    history: FetchHistory | None = None,
    resumes: Run | None = None,
    signals: StopSignals | None = None,
    quiet: bool = False,
    demo: bool = False,
) -> FetchOutcome:
    """Fetch every product as ``inventory-gui fetch`` does, with its progress line on stderr.

    Reading the input and writing the output are the caller's.

    Args:
        products: what to fetch.
        settings: validated settings.
        history: where the run is recorded (begun, every result, ended), or None.
        resumes: the unfinished run this one resumes, marked ``resumed`` in the history.
        signals: stop signals that cancel the fetch, which then ends as usual.
        quiet: no progress line and no input summary (how the input was read is
            still shown).
        demo: start the demo API on loopback and fetch from it instead of
            ``settings.url_template``.
    """
    history = history or FetchHistory(None)
    demo_server = None
    if demo:
        # Imported here: only the demo needs aiohttp's server side at start-up.
        from inventory_gui.demo.server import DemoConfig, start_demo_server

        demo_server = await start_demo_server(DemoConfig(), "127.0.0.1", 0)
        settings = dataclasses.replace(settings, url_template=demo_server.url_template)
    fetcher = Fetcher(settings)
    stop: contextlib.AbstractContextManager[None] = contextlib.nullcontext()
    if signals is not None:
        stop = signals.calling(asyncio.get_running_loop(), fetcher.cancel)
    try:
        with stop:
            results = await _fetch_recorded(fetcher, products, settings, history, resumes, quiet)
    finally:
        if demo_server is not None:
            await demo_server.close()
    stopped = signals is not None and signals.received is not None
    history.end("interrupted" if stopped else "done")  # interrupted: closed, and resumable
    return FetchOutcome(results, stopped)


async def _fetch_recorded(
    fetcher: Fetcher,
    products: ProductList,
    settings: FetchSettings,
    history: FetchHistory,
    resumes: Run | None,
    quiet: bool,
) -> list[Result]:
    history.begin(products, settings.url_template, resumes)
    record = history.recorder()
    if fetcher.notice:  # the open-file limit forced a lower concurrency
        terminal.warn(fetcher.notice)
    progress = Progress(total=len(products.products), pace=lambda: fetcher.pace)
    _report_input(products, quiet)

    def read_concurrency() -> None:
        progress.concurrency = (fetcher.current_concurrency, settings.concurrency)

    printer = ProgressPrinter(progress, sys.stderr, quiet=quiet, before_draw=read_concurrency)
    printer.start()

    def on_result(_index: int, result: Result) -> None:
        progress.add(result)
        if record is not None:
            record(result)  # one queue put: the history's own thread writes it

    try:
        return await fetcher.run(products.products, on_result)
    finally:
        await printer.stop()
        history.remember_rate(fetcher.settings.url_template, fetcher.rate_control)


def _report_input(products: ProductList, quiet: bool) -> None:
    for note in products.notes:  # how the input was read; shown even when quiet
        terminal.say(f"inventory-gui: note: {note}")
    if quiet:
        return
    notes = [f"{len(products.products):,} products from {products.source}"]
    if products.duplicates:
        notes.append(f"{sum(products.duplicates.values()):,} duplicate IDs fetched once")
    if products.skipped:
        notes.append(f"{len(products.skipped):,} lines skipped")
    terminal.say("inventory-gui: " + ", ".join(notes))
