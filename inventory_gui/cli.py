"""The ``inventory-gui`` command: argument parsing and dispatch.

Start-up order (kept cheap on purpose, so ``--version`` and ``--help`` answer
at once): parse arguments here with nothing but the standard library and the
settings' bounds (:mod:`inventory_gui.core.fetch_settings`, which imports no
more at start); then the chosen command imports what it needs.  ``fetch`` and
``serve-demo`` import the Qt-free core only; the window path (no sub-command)
imports :mod:`inventory_gui.gui.app`, which brings in PySide6 and qasync.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from inventory_gui import __version__
from inventory_gui.core.fetch_settings import (
    CONCURRENCY,
    MAX_BODY,
    RATE_LIMIT,
    RETRIES,
    TIMEOUT,
    Bound,
)

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

COMMANDS = ("fetch", "serve-demo", "history")
DATA_DIR_HELP = (
    "folder of the check history, history.sqlite3 (default: the user data folder,"
    " ~/.local/share/inventory-gui on Linux)"
)


class OneLineParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors are one line on stderr, exit status 2."""

    def error(self, message: str) -> NoReturn:
        """Print ``prog: error: message`` and exit with status 2."""
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _bounded(bound: Bound) -> Callable[[str], float]:
    """An argument type: a number within ``bound``, else one line naming the range."""

    def parse(text: str) -> float:
        try:
            value: float = int(text) if bound.integer else float(text)
        except ValueError:
            kind = "a whole number" if bound.integer else "a number"
            raise argparse.ArgumentTypeError(f"must be {kind}, not {text!r}") from None
        problem = bound.problem(value)
        if problem is not None:
            raise argparse.ArgumentTypeError(problem)
        return value

    return parse


def _max_body_mib(text: str) -> float:
    """``--max-body-mib``: a size in MiB whose byte count lies within ``MAX_BODY``."""
    try:
        mib = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number of MiB, not {text!r}") from None
    size = int(mib * 1024 * 1024) if math.isfinite(mib) else mib
    if MAX_BODY.problem(size) is not None:
        raise argparse.ArgumentTypeError(f"must be {MAX_BODY.span()}, not {text} MiB")
    return mib


def _rate(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, not {text}")
    return value


def build_fetch_parser() -> OneLineParser:
    """Return the parser of ``inventory-gui fetch``."""
    parser = OneLineParser(
        prog="inventory-gui fetch",
        description=(
            "Check every product in FILE against the inventory API, without a window. "
            "Every check is recorded in the history (see 'inventory-gui history')."
        ),
        epilog="Exit status: 0 all ok, 1 some errors, 2 bad usage or input, 130 interrupted.",
    )
    parser.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help=(
            "product list: .csv .tsv .txt .json .xlsx (optional with --demo: the bundled "
            "sample; not used with --retry-failed-from or --resume)"
        ),
    )
    parser.add_argument(
        "--url-template",
        metavar="T",
        help="e.g. https://api.example.com/get-current-inventory/{id}; {column} works too",
    )
    parser.add_argument("--id-column", metavar="C", help="column holding the product IDs")
    parser.add_argument("--sheet", metavar="NAME", help="XLSX sheet to read (default: the first)")
    parser.add_argument(
        "--header",
        metavar='"K: V"',
        action="append",
        default=[],
        help="request header, repeatable (values are never printed)",
    )
    parser.add_argument(
        "--concurrency",
        type=_bounded(CONCURRENCY),
        default=16,
        metavar="N",
        help=f"most requests in flight at once, {CONCURRENCY.span()} (default 16)",
    )
    parser.add_argument(
        "--timeout",
        type=_bounded(TIMEOUT),
        default=10.0,
        metavar="S",
        help=f"time allowed per request, body included, {TIMEOUT.span()} (default 10 s)",
    )
    parser.add_argument(
        "--retries",
        type=_bounded(RETRIES),
        default=3,
        metavar="N",
        help=f"retries on timeouts, connection errors, 408/429/5xx, {RETRIES.span()} (default 3)",
    )
    parser.add_argument(
        "--rate-limit",
        type=_bounded(RATE_LIMIT),
        default=None,
        metavar="RPS",
        help=f"most requests started per second, {RATE_LIMIT.span()} (default: no limit)",
    )
    parser.add_argument(
        "--no-adaptive",
        action="store_true",
        help="keep --concurrency even when the API answers 429/503 (default: back off)",
    )
    parser.add_argument(
        "--quantity-field", metavar="PATH", help="dotted path to the quantity (default: auto)"
    )
    parser.add_argument(
        "--max-body-mib",
        type=_max_body_mib,
        default=5.0,
        metavar="MIB",
        help=argparse.SUPPRESS,
    )
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
    parser.add_argument(
        "--insecure", action="store_true", help="do not verify TLS certificates (unsafe)"
    )
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress on stderr")
    _add_history_options(parser)
    return parser


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
    parser.add_argument("--data-dir", metavar="DIR", help=DATA_DIR_HELP)
    parser.add_argument(
        "--no-history", action="store_true", help="do not record this run in the history"
    )


def build_demo_parser() -> OneLineParser:
    """Return the parser of ``inventory-gui serve-demo``."""
    parser = OneLineParser(
        prog="inventory-gui serve-demo",
        description="Serve the bundled demo inventory API: GET /get-current-inventory/{id}.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8080, metavar="P", help="0 picks a free port")
    parser.add_argument(
        "--latency-ms", type=float, default=0.0, metavar="MS", help="delay before each answer"
    )
    parser.add_argument(
        "--jitter-ms", type=float, default=0.0, metavar="MS", help="± random extra delay"
    )
    parser.add_argument(
        "--error-rate",
        type=_rate,
        default=0.0,
        metavar="R",
        help="fraction of faulty answers: 500, 503, 429, too slow (0 to 1)",
    )
    parser.add_argument(
        "--seed", type=int, default=None, metavar="S", help="make injected faults repeatable"
    )
    return parser


def build_window_parser() -> OneLineParser:
    """Return the parser of plain ``inventory-gui`` (the window)."""
    parser = OneLineParser(
        prog="inventory-gui",
        description=(
            "Check stock for a list of products against an inventory API. "
            "Without a command, open the window."
        ),
        epilog=(
            "commands: 'inventory-gui fetch --help' (headless run), "
            "'inventory-gui serve-demo --help' (demo API), "
            "'inventory-gui history --help' (a product's recorded checks)"
        ),
    )
    parser.add_argument("--version", action="version", version=f"inventory-gui {__version__}")
    parser.add_argument("file", nargs="?", metavar="FILE", help="product list to open")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="start the demo API, load the sample list, point the URL template at it",
    )
    parser.add_argument("--data-dir", metavar="DIR", help=DATA_DIR_HELP)
    return parser


def build_history_parser() -> OneLineParser:
    """Return the parser of ``inventory-gui history``."""
    parser = OneLineParser(
        prog="inventory-gui history",
        description=(
            "Show the recorded checks of one product, oldest first: when, status, "
            "quantity, change since the previous ok check, error."
        ),
        epilog="Exit status: 0 shown, 1 no history for ID, 2 bad usage or no readable history.",
    )
    parser.add_argument("product_id", metavar="ID", help="the product ID, exactly as in the input")
    parser.add_argument("--data-dir", metavar="DIR", help=DATA_DIR_HELP)
    parser.add_argument(
        "--limit",
        type=_positive_int,
        default=200,
        metavar="N",
        help="show the latest N checks (default 200)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in ("--version", "-V"):
        print(f"inventory-gui {__version__}")
        return EXIT_OK
    if args[:1] == ["_fetch-worker"]:  # the window's fetch process, not for users
        from inventory_gui.engine.worker_main import main as worker_main

        return worker_main(int(args[1]))
    # Parse before importing a command's module, so --help never loads aiohttp or Qt.
    if args and args[0] == "fetch":
        fetch_options = build_fetch_parser().parse_args(args[1:])
        from inventory_gui.headless import run_fetch_command

        return run_fetch_command(fetch_options)
    if args and args[0] == "serve-demo":
        demo_options = build_demo_parser().parse_args(args[1:])
        from inventory_gui.headless import run_demo_command

        return run_demo_command(demo_options)
    if args and args[0] == "history":
        history_options = build_history_parser().parse_args(args[1:])
        from inventory_gui.history_cli import run_history_command

        return run_history_command(history_options)
    options = build_window_parser().parse_args(args)
    from inventory_gui.gui.app import run_app

    return run_app(options)
