"""The headless commands: ``inventory-gui fetch`` and ``inventory-gui serve-demo``.

Nothing here imports Qt: these paths run on servers and in scripts.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import signal
import sys
from pathlib import Path
from typing import TextIO

from inventory_gui.cli import EXIT_ERRORS, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE
from inventory_gui.core import collector, loops
from inventory_gui.core.demo_server import DemoConfig, serve_demo_forever, start_demo_server
from inventory_gui.core.errors import InputError, InventoryError
from inventory_gui.core.export import EXPORT_FORMATS, format_table, write_results
from inventory_gui.core.fetcher import Fetcher, FetchSettings, parse_header
from inventory_gui.core.history import Run
from inventory_gui.core.models import ProductList, Result
from inventory_gui.core.products import load_products
from inventory_gui.core.progress import Progress
from inventory_gui.core.resources import resource_path
from inventory_gui.core.urls import UrlTemplate
from inventory_gui.history_cli import (
    FetchHistory,
    FetchInput,
    load_resume_input,
    load_retry_input,
    resume_template,
)

SAMPLE_LIST = "sample-products.csv"


def _fail(message: str) -> int:
    print(f"inventory-gui: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def run_fetch_command(args: argparse.Namespace) -> int:
    """Run ``inventory-gui fetch``; return the exit status."""
    problem = _usage_problem(args)
    if problem:
        return _fail(problem)
    try:
        history = FetchHistory.open(args)
    except InventoryError as exc:
        return _fail(str(exc))
    try:
        return _run_fetch(args, history)
    finally:
        history.close()


def _usage_problem(args: argparse.Namespace) -> str | None:
    again = args.retry_failed_from or args.resume
    if args.file and again:
        return "give a product FILE or --retry-failed-from/--resume, not both"
    if not args.file and not args.demo and not again:
        return "give a product FILE (or --demo to use the bundled sample)"
    if not args.url_template and not args.demo and not args.resume:
        return "--url-template is required (or --demo to use the demo API)"
    if args.resume and args.no_history:
        return "--resume reads the history: drop --no-history"
    if args.output and Path(args.output).suffix.lower() not in EXPORT_FORMATS:
        return f"{args.output}: output must end in {', '.join(EXPORT_FORMATS)}"
    return None


def _load_input(args: argparse.Namespace, history: FetchHistory) -> FetchInput:
    if args.retry_failed_from:
        return load_retry_input(args.retry_failed_from)
    if args.resume:
        return load_resume_input(history)
    path = args.file or str(resource_path(SAMPLE_LIST))
    products = load_products(path, id_column=args.id_column, sheet=args.sheet)
    if not products.products:
        raise InputError(path, "no product IDs found")
    return FetchInput(products)


def _run_fetch(args: argparse.Namespace, history: FetchHistory) -> int:
    try:
        job = _load_input(args, history)
        products = job.products
        headers = dict(parse_header(h) for h in args.header)
        template = args.url_template
        if not template and job.resumes is not None and not args.demo:
            template = resume_template(job.resumes)
        template = template or "http://127.0.0.1:1/get-current-inventory/{id}"
        settings = FetchSettings(
            url_template=template,
            headers=headers,
            concurrency=args.concurrency,
            timeout=args.timeout,
            retries=args.retries,
            quantity_field=args.quantity_field,
            max_body_bytes=int(args.max_body_mib * 1024 * 1024),
            verify_tls=not args.insecure,
            adaptive=not args.no_adaptive,
            rate_limit=args.rate_limit,
        )
        settings.validate()
        UrlTemplate(template).check_columns(products.columns)
    except InventoryError as exc:
        return _fail(str(exc))
    if args.insecure:
        warning = "inventory-gui: warning: TLS certificates are NOT verified (--insecure)"
        print(warning, file=sys.stderr)
    # uvloop where installed: less CPU per request (see core/loops.py).
    collector.tune_for_fetching()
    results, interrupted = loops.run(_fetch(products, settings, args, history, job.resumes))
    return _write_output(job.merge(results), products, args, interrupted)


def _report_input(products: ProductList, quiet: bool) -> None:
    for note in products.notes:  # how the input was read; shown even when quiet
        print(f"inventory-gui: note: {note}", file=sys.stderr)
    if quiet:
        return
    notes = [f"{len(products.products):,} products from {products.source}"]
    if products.duplicates:
        notes.append(f"{sum(products.duplicates.values()):,} duplicate IDs fetched once")
    if products.skipped:
        notes.append(f"{len(products.skipped):,} lines skipped")
    print("inventory-gui: " + ", ".join(notes), file=sys.stderr)


async def _fetch(
    products: ProductList,
    settings: FetchSettings,
    args: argparse.Namespace,
    history: FetchHistory | None = None,
    resumes: Run | None = None,
) -> tuple[list[Result], bool]:
    history = history or FetchHistory(None)  # the benchmark calls this without a history
    demo = None
    if args.demo and not args.url_template:
        demo = await start_demo_server(DemoConfig(), "127.0.0.1", 0)
        settings = dataclasses.replace(settings, url_template=demo.url_template)
    history.begin(products, settings.url_template, resumes)
    record = history.recorder()
    fetcher = Fetcher(settings)
    if fetcher.notice:  # the open-file limit forced a lower concurrency
        print(f"inventory-gui: warning: {fetcher.notice}", file=sys.stderr)
    progress = Progress(total=len(products.products))
    interrupted = False

    def on_sigint() -> None:
        nonlocal interrupted
        interrupted = True
        fetcher.cancel()

    loop = asyncio.get_running_loop()
    with contextlib.suppress(NotImplementedError, RuntimeError):  # not on Windows
        loop.add_signal_handler(signal.SIGINT, on_sigint)
    _report_input(products, args.quiet)  # after the handler: Ctrl-C from now on is clean
    printer = ProgressPrinter(progress, sys.stderr, quiet=args.quiet)
    printer.start()

    def on_result(_index: int, result: Result) -> None:
        progress.add(result)
        progress.concurrency = (fetcher.current_concurrency, settings.concurrency)
        if record is not None:
            record(result)  # one queue put: the history's own thread writes it

    try:
        results = await fetcher.run(products.products, on_result)
        history.end("cancelled" if interrupted else "done")
    finally:
        await printer.stop()
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.remove_signal_handler(signal.SIGINT)
        if demo is not None:
            await demo.close()
    return results, interrupted


def _write_output(
    results: list[Result], products: ProductList, args: argparse.Namespace, interrupted: bool
) -> int:
    if args.output:
        try:
            write_results(args.output, results, columns=products.columns)
        except InventoryError as exc:
            print(f"inventory-gui: error: {exc}", file=sys.stderr)
            return EXIT_ERRORS
    else:
        sys.stdout.write(format_table(results) + "\n")
    if interrupted:
        return EXIT_INTERRUPTED
    return EXIT_OK if all(r.status == "ok" for r in results) else EXIT_ERRORS


class ProgressPrinter:
    """Prints progress to stderr on a timer, never per result.

    On a terminal the line is redrawn in place ten times a second; otherwise a
    line is written every few seconds, so logs stay readable.
    """

    def __init__(self, progress: Progress, stream: TextIO, *, quiet: bool = False) -> None:
        self._progress = progress
        self._stream = stream
        self._quiet = quiet
        self._tty = stream.isatty()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Begin printing (no-op when quiet)."""
        if not self._quiet:
            self._task = asyncio.ensure_future(self._loop())

    async def _loop(self) -> None:
        interval = 0.1 if self._tty else 5.0
        while True:
            await asyncio.sleep(interval)
            self._progress.tick()
            self._draw()

    def _draw(self, final: bool = False) -> None:
        line = self._progress.summary()
        if self._tty:
            self._stream.write("\r\x1b[2K" + line + ("\n" if final else ""))
        else:
            self._stream.write(line + "\n")
        self._stream.flush()

    async def stop(self) -> None:
        """Stop the timer and print the final line."""
        if self._task is None:
            return
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        self._progress.tick()
        self._draw(final=True)


def run_demo_command(args: argparse.Namespace) -> int:
    """Run ``inventory-gui serve-demo`` until Ctrl-C."""
    config = DemoConfig(
        latency_ms=args.latency_ms,
        jitter_ms=args.jitter_ms,
        error_rate=args.error_rate,
        seed=args.seed,
    )
    try:
        serve_demo_forever(config, args.host, args.port)
    except OSError as exc:
        return _fail(f"cannot serve on {args.host}:{args.port}: {exc.strerror or exc}")
    return EXIT_OK
