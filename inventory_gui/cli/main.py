"""The ``inventory-gui`` command: argument parsing and dispatch.

Start-up order (kept cheap on purpose, so ``--version`` and ``--help`` answer
at once): parse arguments here with nothing but the standard library and the
settings' definitions (:mod:`inventory_gui.core.settings_schema`, from which
every setting's option is built); then the chosen command imports what it
needs.  ``fetch`` and
``serve-demo`` import the Qt-free core only; the window path (no sub-command)
imports :mod:`inventory_gui.gui.app`, which brings in PySide6 and qasync.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from inventory_gui import __version__
from inventory_gui.cli.exit_codes import EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE
from inventory_gui.core import settings_schema as schema
from inventory_gui.core.settings_schema import Setting

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


def _add_setting_option(parser: argparse.ArgumentParser, setting: Setting) -> None:
    """Add ``setting``'s option: its type, range, default and help from its definition."""
    assert setting.flag is not None, setting.key
    text = setting.flag_help or setting.help
    if setting.kind is bool:  # a flag that turns the setting away from its default
        parser.add_argument(setting.flag, action="store_true", help=_help(setting, text))
    elif setting.kind is list:
        parser.add_argument(
            setting.flag, action="append", default=[], metavar=setting.metavar,
            help=_help(setting, text),
        )  # fmt: skip
    elif setting.kind is str:
        default = setting.default or None
        if default:
            text += f" (default {default})"
        parser.add_argument(
            setting.flag, default=default, metavar=setting.metavar, help=_help(setting, text)
        )
    else:
        parser.add_argument(
            setting.flag, type=_bounded(setting), default=_flag_default(setting),
            metavar=setting.metavar, help=_help(setting, _number_help(setting, text)),
        )  # fmt: skip


def _help(setting: Setting, text: str) -> str:
    return argparse.SUPPRESS if setting.hidden else text


def _flag_default(setting: Setting) -> float | None:
    if setting.default == setting.off:
        return None  # the option left out: off
    if setting.flag_scale == 1:
        return setting.default
    return setting.default / setting.flag_scale


def _number_help(setting: Setting, text: str) -> str:
    if setting.default == setting.off:
        default = f"default: {setting.off_text}"
    else:
        default = f"default {setting.show(setting.default)}"
    return f"{text}, {setting.span()} ({default})"


def _bounded(setting: Setting) -> Callable[[str], float]:
    """An argument type: a number within ``setting``'s range, else one line naming it.

    The option's value is returned in the option's unit (``flag_scale``).
    """
    whole = setting.kind is int and setting.flag_scale == 1

    def parse(text: str) -> float:
        try:
            value: float = int(text) if whole else float(text)
        except ValueError:
            kind = "a whole number" if whole else "a number"
            raise argparse.ArgumentTypeError(f"must be {kind}, not {text!r}") from None
        scaled = value * setting.flag_scale
        if setting.kind is int and math.isfinite(scaled):
            scaled = int(scaled)
        problem = setting.problem(scaled)
        if problem is not None:
            raise argparse.ArgumentTypeError(problem)
        return value

    return parse


def build_fetch_parser() -> OneLineParser:
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
            "product list: .csv .tsv .txt .json .xlsx (optional with --demo: the bundled "
            "sample; not used with --retry-failed-from or --resume)"
        ),
    )
    parser.add_argument("--id-column", metavar="C", help="column holding the product IDs")
    parser.add_argument("--sheet", metavar="NAME", help="XLSX sheet to read (default: the first)")
    for setting in (*schema.CONNECTION_SETTINGS, schema.MAX_BODY):
        _add_setting_option(parser, setting)
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
    for setting in schema.DEMO_SETTINGS:
        _add_setting_option(parser, setting)
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
    """Run the command line; return the exit status.

    Ctrl-C that reaches this level (while starting up, before a command
    handles its signals) is one line on stderr and status 130, not a traceback.
    """
    try:
        return _dispatch(list(sys.argv[1:] if argv is None else argv))
    except KeyboardInterrupt:
        with contextlib.suppress(OSError, ValueError):
            print("inventory-gui: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


def _dispatch(args: list[str]) -> int:
    if args and args[0] in ("--version", "-V"):
        print(f"inventory-gui {__version__}")
        return EXIT_OK
    if args[:1] == ["_fetch-worker"]:  # the window's fetch process, not for users
        from inventory_gui.engine.worker_main import main as worker_main

        return worker_main(int(args[1]))
    # Parse before importing a command's module, so --help never loads aiohttp or Qt.
    if args and args[0] == "fetch":
        fetch_options = build_fetch_parser().parse_args(args[1:])
        from inventory_gui.cli.fetch_command import run_fetch_command

        return run_fetch_command(fetch_options)
    if args and args[0] == "serve-demo":
        demo_options = build_demo_parser().parse_args(args[1:])
        from inventory_gui.cli.fetch_command import run_demo_command

        return run_demo_command(demo_options)
    if args and args[0] == "history":
        history_options = build_history_parser().parse_args(args[1:])
        from inventory_gui.cli.history_command import run_history_command

        return run_history_command(history_options)
    options = build_window_parser().parse_args(args)
    from inventory_gui.gui.app import run_app

    return run_app(options)
