"""The headless commands: ``inventory-gui fetch`` and ``inventory-gui serve-demo``.

Nothing here imports Qt: these paths run on servers and in scripts.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import sys
from pathlib import Path

from inventory_gui.cli import terminal
from inventory_gui.cli.exit_codes import EXIT_ERRORS, EXIT_OK, EXIT_USAGE
from inventory_gui.cli.fetch_output import output_problem, write_output
from inventory_gui.cli.history_command import (
    FetchHistory,
    FetchInput,
    load_resume_input,
    load_retry_input,
    resume_template,
)
from inventory_gui.cli.stop_signals import Interrupted, StopSignals, signal_name
from inventory_gui.core import gc_policy
from inventory_gui.core.errors import InputError, InventoryError
from inventory_gui.core.fetch import event_loop
from inventory_gui.core.fetch.fetcher import Fetcher
from inventory_gui.core.fetch.settings import FetchSettings, parse_header
from inventory_gui.core.fetch.url_template import UrlTemplate
from inventory_gui.core.history.store import Run
from inventory_gui.core.inputs.products import load_products
from inventory_gui.core.models import ProductList, Result
from inventory_gui.core.outputs.export import EXPORT_FORMATS
from inventory_gui.core.progress import Progress, ProgressPrinter
from inventory_gui.core.resources import resource_path
from inventory_gui.demo.server import DemoConfig, serve_demo_forever, start_demo_server

SAMPLE_LIST = "sample-products.csv"


def _fail(message: str) -> int:
    terminal.error(message)
    return EXIT_USAGE


def run_fetch_command(args: argparse.Namespace) -> int:
    """Run ``inventory-gui fetch``; return the exit status.

    SIGINT, SIGTERM and SIGHUP stop it alike (:mod:`~inventory_gui.cli.stop_signals`):
    during the fetch, the output is still written with the unfinished rows
    ``cancelled`` and the run is closed in the history as ``interrupted`` (which
    ``--resume`` takes up); the status is then ``128 +`` the signal's number.
    """
    input_path = None if args.retry_failed_from or args.resume else _input_path(args)
    problem = _usage_problem(args) or output_problem(args.output, input_path)
    if problem:
        return _fail(problem)
    with StopSignals() as signals:
        try:
            with signals.raising():
                history = FetchHistory.open(args)
        except InventoryError as exc:
            return _fail(str(exc))
        except Interrupted as exc:
            return _interrupted(exc)
        try:
            with signals.raising():
                job, settings = _prepare(args, history)
            return _run_fetch(args, history, job, settings, signals)
        except InventoryError as exc:
            return _fail(str(exc))
        except Interrupted as exc:
            return _interrupted(exc)
        finally:
            with signals.deferred():  # the end of the run must reach the history
                history.close()


def _interrupted(exc: Interrupted) -> int:
    terminal.error(f"interrupted by {signal_name(exc.signum)}")
    return exc.exit_status


def _input_path(args: argparse.Namespace) -> str:
    return args.file or str(resource_path(SAMPLE_LIST))


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
    path = _input_path(args)
    products = load_products(path, id_column=args.id_column, sheet=args.sheet)
    if not products.products:
        raise InputError(path, "no product IDs found")
    return FetchInput(products)


def _prepare(args: argparse.Namespace, history: FetchHistory) -> tuple[FetchInput, FetchSettings]:
    """Load the products and build the settings.

    Raises:
        InventoryError: bad input, settings or template (one line for the user).
    """
    job = _load_input(args, history)
    template = args.url_template
    if not template and job.resumes is not None and not args.demo:
        template = resume_template(job.resumes)
    template = template or "http://127.0.0.1:1/get-current-inventory/{id}"
    settings = FetchSettings(
        url_template=template,
        headers=dict(parse_header(h) for h in args.header),
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
    UrlTemplate(template).check_columns(job.products.columns)
    return job, settings


def _run_fetch(
    args: argparse.Namespace,
    history: FetchHistory,
    job: FetchInput,
    settings: FetchSettings,
    signals: StopSignals,
) -> int:
    if args.insecure:
        terminal.warn("TLS certificates are NOT verified (--insecure)")
    gc_policy.tune_for_fetching()
    fetching = _fetch(job.products, settings, args, history, job.resumes, signals)
    # From here a signal never abandons the run: during the fetch it stops it;
    # after, it waits for the output (which write_output may let it abandon).
    with signals.deferred():
        # uvloop where installed (see core/fetch/event_loop.py)
        results, _ = event_loop.run(fetching)
        results = job.merge(results)
        failed = write_output(results, job.products.columns, args.output, signals)
    if signals.exit_status is not None:
        return signals.exit_status
    if failed is not None:
        return failed
    return EXIT_OK if all(r.status == "ok" for r in results) else EXIT_ERRORS


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


async def _fetch(
    products: ProductList,
    settings: FetchSettings,
    args: argparse.Namespace,
    history: FetchHistory | None = None,
    resumes: Run | None = None,
    signals: StopSignals | None = None,
) -> tuple[list[Result], bool]:
    """Fetch every product; return the results and whether a signal stopped the run."""
    history = history or FetchHistory(None)  # the benchmark calls this without a history
    demo = None
    if args.demo and not args.url_template:
        demo = await start_demo_server(DemoConfig(), "127.0.0.1", 0)
        settings = dataclasses.replace(settings, url_template=demo.url_template)
    fetcher = Fetcher(settings)
    stop: contextlib.AbstractContextManager[None] = contextlib.nullcontext()
    if signals is not None:  # a stop signal cancels the fetch, which then ends as usual
        stop = signals.calling(asyncio.get_running_loop(), fetcher.cancel)
    try:
        with stop:
            results = await _fetch_recorded(fetcher, products, settings, args, history, resumes)
    finally:
        if demo is not None:
            await demo.close()
    stopped = signals is not None and signals.received is not None
    history.end("interrupted" if stopped else "done")  # interrupted: closed, and resumable
    return results, stopped


async def _fetch_recorded(
    fetcher: Fetcher,
    products: ProductList,
    settings: FetchSettings,
    args: argparse.Namespace,
    history: FetchHistory,
    resumes: Run | None,
) -> list[Result]:
    history.begin(products, settings.url_template, resumes)
    record = history.recorder()
    if fetcher.notice:  # the open-file limit forced a lower concurrency
        terminal.warn(fetcher.notice)
    progress = Progress(total=len(products.products))
    _report_input(products, args.quiet)
    printer = ProgressPrinter(progress, sys.stderr, quiet=args.quiet)
    printer.start()

    def on_result(_index: int, result: Result) -> None:
        progress.add(result)
        progress.concurrency = (fetcher.current_concurrency, settings.concurrency)
        if record is not None:
            record(result)  # one queue put: the history's own thread writes it

    try:
        return await fetcher.run(products.products, on_result)
    finally:
        await printer.stop()


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
