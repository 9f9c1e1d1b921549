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
from inventory_gui.core.demo_server import DemoConfig, serve_demo_forever, start_demo_server
from inventory_gui.core.errors import InventoryError
from inventory_gui.core.export import EXPORT_FORMATS, format_table, write_results
from inventory_gui.core.fetcher import Fetcher, FetchSettings, parse_header
from inventory_gui.core.models import ProductList, Result
from inventory_gui.core.products import load_products
from inventory_gui.core.progress import Progress
from inventory_gui.core.resources import resource_path
from inventory_gui.core.urls import UrlTemplate

SAMPLE_LIST = "sample-products.csv"


def _fail(message: str) -> int:
    print(f"inventory-gui: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def run_fetch_command(args: argparse.Namespace) -> int:
    """Run ``inventory-gui fetch``; return the exit status."""
    if not args.file and not args.demo:
        return _fail("give a product FILE (or --demo to use the bundled sample)")
    if not args.url_template and not args.demo:
        return _fail("--url-template is required (or --demo to use the demo API)")
    if args.output and Path(args.output).suffix.lower() not in EXPORT_FORMATS:
        return _fail(f"{args.output}: output must end in {', '.join(EXPORT_FORMATS)}")
    path = args.file or str(resource_path(SAMPLE_LIST))
    try:
        products = load_products(path, id_column=args.id_column, sheet=args.sheet)
        headers = dict(parse_header(h) for h in args.header)
        template = args.url_template or "http://127.0.0.1:1/get-current-inventory/{id}"
        settings = FetchSettings(
            url_template=template,
            headers=headers,
            concurrency=args.concurrency,
            timeout=args.timeout,
            retries=args.retries,
            quantity_field=args.quantity_field,
            max_body_bytes=int(args.max_body_mib * 1024 * 1024),
            verify_tls=not args.insecure,
        )
        settings.validate()
        UrlTemplate(template).check_columns(products.columns)
    except InventoryError as exc:
        return _fail(str(exc))
    if not products.products:
        return _fail(f"{path}: no product IDs found")
    if args.insecure:
        warning = "inventory-gui: warning: TLS certificates are NOT verified (--insecure)"
        print(warning, file=sys.stderr)
    results, interrupted = asyncio.run(_fetch(products, settings, args))
    return _write_output(results, products, args, interrupted)


def _report_input(products: ProductList, quiet: bool) -> None:
    if quiet:
        return
    notes = [f"{len(products.products):,} products from {products.source}"]
    if products.duplicates:
        notes.append(f"{sum(products.duplicates.values()):,} duplicate IDs fetched once")
    if products.skipped:
        notes.append(f"{len(products.skipped):,} lines skipped")
    print("inventory-gui: " + ", ".join(notes), file=sys.stderr)


async def _fetch(
    products: ProductList, settings: FetchSettings, args: argparse.Namespace
) -> tuple[list[Result], bool]:
    demo = None
    if args.demo and not args.url_template:
        demo = await start_demo_server(DemoConfig(), "127.0.0.1", 0)
        settings = dataclasses.replace(settings, url_template=demo.url_template)
    fetcher = Fetcher(settings)
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
    try:
        results = await fetcher.run(products.products, lambda _i, r: progress.add(r))
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
