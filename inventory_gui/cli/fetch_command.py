"""``inventory-gui fetch``: check every product of a file without a window.

The command reads the input (a file, ``--retry-failed-from`` or ``--resume``),
opens the history, runs :func:`~inventory_gui.cli.fetch_run.run_fetch` under
the stop signals and writes the output.  Nothing here imports Qt; aiohttp is
loaded only once the arguments are parsed and checked.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from inventory_gui.cli import terminal
from inventory_gui.cli.auth_options import add_auth_options, auth_settings
from inventory_gui.cli.exit_codes import EXIT_ERRORS, EXIT_OK, EXIT_USAGE
from inventory_gui.cli.fetch_history import FetchHistory
from inventory_gui.cli.fetch_input import (
    FetchInput,
    load_resume_input,
    load_retry_input,
    resume_template,
)
from inventory_gui.cli.fetch_output import output_problem, write_output
from inventory_gui.cli.fetch_profile import add_profile_options, apply_profile, given_options
from inventory_gui.cli.options import OneLineParser, add_data_dir_option, add_setting_option
from inventory_gui.cli.stop_signals import Interrupted, StopSignals, signal_name
from inventory_gui.core import gc_policy
from inventory_gui.core import settings_schema as schema
from inventory_gui.core.errors import InputError, InventoryError
from inventory_gui.core.fetch import event_loop
from inventory_gui.core.fetch.settings import FetchSettings, parse_header
from inventory_gui.core.inputs.registry import load_products
from inventory_gui.core.outputs.registry import EXPORT_FORMATS
from inventory_gui.core.resources import resource_path
from inventory_gui.core.settings_schema import split_names
from inventory_gui.core.stock import StockContext, StockRules

SAMPLE_LIST = "sample-products.csv"


def build_parser() -> OneLineParser:
    """Return the parser of ``inventory-gui fetch``."""
    parser = OneLineParser(
        prog="inventory-gui fetch",
        description=(
            "Check every product in FILE against the inventory API, without a window. "
            "Every check is recorded in the history (see 'inventory-gui history')."
        ),
        epilog=(
            "Exit status: 0 all ok, 1 some errors (or the output could not be written), "
            "2 bad usage or input, 130/143/129 stopped by SIGINT/SIGTERM/SIGHUP (output "
            "written, unfinished rows cancelled)."
        ),
    )
    parser.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help=(
            "product list: .csv .tsv .txt .json .xlsx .xlsm .xlsb .xls .ods (optional with "
            "--demo: the bundled sample; not used with --retry-failed-from or --resume)"
        ),
    )
    parser.add_argument("--id-column", metavar="C", help="column holding the product IDs")
    parser.add_argument("--sheet", metavar="NAME", help="sheet of a workbook (default: the first)")
    for setting in (
        *schema.CONNECTION_SETTINGS,
        schema.MAX_BODY,
        *schema.NETWORK_SETTINGS,
        schema.RATE_LIMITED_MAX,
    ):
        add_setting_option(parser, setting)
    add_auth_options(parser)
    add_profile_options(parser)
    parser.add_argument(
        "--output",
        "-o",
        metavar="PATH",
        help=(
            "write results to .json .csv .xlsx (else a table goes to stdout); with "
            "--retry-failed-from, the output holds every earlier row in its original order: "
            "the ok rows unchanged, the failed ones replaced by their new results"
        ),
    )
    parser.add_argument(
        "--demo", action="store_true", help="start the demo API on loopback and use it"
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress on stderr")
    for setting in (schema.LOW_THRESHOLD, schema.THRESHOLD_COLUMNS):  # the stock columns
        add_setting_option(parser, setting)
    _add_history_options(parser)
    return parser


def parse(argv: Sequence[str]) -> argparse.Namespace:
    """The arguments of ``inventory-gui fetch ARGV``; with ``--profile``, which
    connection options were given rides along as ``given_options``."""
    args = build_parser().parse_args(argv)
    if args.profile:
        args.given_options = given_options(build_parser, argv)
    return args


def _add_history_options(parser: argparse.ArgumentParser) -> None:
    again = parser.add_mutually_exclusive_group()
    again.add_argument(
        "--retry-failed-from",
        metavar="RESULTS.json",
        help=(
            "fetch again only the rows of an earlier JSON output that ended in error or "
            "cancelled, with their input columns (FILE is then not needed)"
        ),
    )
    again.add_argument(
        "--resume",
        action="store_true",
        help=(
            "resume the latest unfinished run in the history (one that was killed or "
            "interrupted): fetch only its products without an ok check, as a new run"
        ),
    )
    add_data_dir_option(parser)
    parser.add_argument(
        "--no-history", action="store_true", help="do not record this run in the history"
    )


def _fail(message: str) -> int:
    terminal.error(message)
    return EXIT_USAGE


def run(args: argparse.Namespace) -> int:
    """Run ``inventory-gui fetch``; return the exit status.

    SIGINT, SIGTERM and SIGHUP stop it alike (:mod:`~inventory_gui.cli.stop_signals`):
    during the fetch, the output is still written with the unfinished rows
    ``cancelled`` and the run is closed in the history as ``interrupted`` (which
    ``--resume`` takes up); the status is then ``128 +`` the signal's number.
    """
    try:
        apply_profile(args, getattr(args, "given_options", set()))
    except InventoryError as exc:
        return _fail(str(exc))
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
                stock = _stock(args, history, job)
            return _run_fetch(args, history, job, settings, stock, signals)
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
        return "--url-template is required (or --profile, or --demo to use the demo API)"
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
        method=args.method.strip().upper(),
        body=args.body,
        batch_size=args.batch_size,
        items=args.items,
        item_id=args.item_id,
        proxy=args.proxy or "",
        proxy_env=not args.no_proxy_env,
        ca_bundle=args.ca_bundle or "",
        client_cert=args.client_cert or "",
        client_key=args.client_key or "",
        auth=auth_settings(args, template),
        rate_limited_max=args.rate_limited_max,
        remembered_rate=history.remembered_rate(template) if not args.no_adaptive else None,
    )
    settings.validate()
    settings.check_columns(job.products.columns)
    return job, settings


def _stock(args: argparse.Namespace, history: FetchHistory, job: FetchInput) -> StockContext:
    """The stock rules of ``--low-threshold`` and ``--threshold-columns``, and each
    product's previous ok check (read before the run records anything)."""
    rules = StockRules(args.low_threshold, split_names(args.threshold_columns or ""))
    fetched = history.previous(product.id for product in job.products.products)
    return StockContext(rules, {**job.previous, **fetched})


def _run_fetch(
    args: argparse.Namespace,
    history: FetchHistory,
    job: FetchInput,
    settings: FetchSettings,
    stock: StockContext,
    signals: StopSignals,
) -> int:
    from inventory_gui.cli.fetch_run import run_fetch  # aiohttp: loaded for the run only

    if args.insecure:
        terminal.warn("TLS certificates are NOT verified (--insecure)")
    gc_policy.tune_for_fetching()
    fetching = run_fetch(
        job.products,
        settings,
        history=history,
        resumes=job.resumes,
        signals=signals,
        quiet=args.quiet,
        demo=args.demo and not args.url_template,
    )
    # From here a signal never abandons the run: during the fetch it stops it;
    # after, it waits for the output (which write_output may let it abandon).
    with signals.deferred():
        # uvloop where installed (see core/fetch/event_loop.py)
        outcome = event_loop.run(fetching)
        results = job.merge(outcome.results)
        failed = write_output(results, job.products.columns, args.output, signals, stock)
    if signals.exit_status is not None:
        return signals.exit_status
    if failed is not None:
        return failed
    return EXIT_OK if all(r.status == "ok" for r in results) else EXIT_ERRORS
