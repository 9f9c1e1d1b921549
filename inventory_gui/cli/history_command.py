"""``inventory-gui history ID``: one product's recorded checks, as a table.

Nothing here imports Qt or aiohttp.
"""

from __future__ import annotations

import argparse
import sys

from inventory_gui.cli.exit_codes import EXIT_ERRORS, EXIT_OK, EXIT_USAGE
from inventory_gui.cli.options import OneLineParser, add_data_dir_option, data_dir, positive_int
from inventory_gui.cli.terminal import error, say, warn
from inventory_gui.core.errors import HistoryError
from inventory_gui.core.history.store import HistoryStore
from inventory_gui.core.outputs.text_table import history_table


def build_parser() -> OneLineParser:
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
    add_data_dir_option(parser)
    parser.add_argument(
        "--limit",
        type=positive_int,
        default=200,
        metavar="N",
        help="show the latest N checks (default 200)",
    )
    return parser


def run(args: argparse.Namespace) -> int:
    """Run ``inventory-gui history ID``: print its checks as a table; return the exit status."""
    try:
        store = HistoryStore(data_dir(args), create=False)
        try:
            checks = store.history(args.product_id, limit=args.limit + 1)
            unrecorded = store.unrecorded()
        finally:
            store.close()
    except HistoryError as exc:
        error(str(exc))
        return EXIT_USAGE
    if unrecorded:
        warn(f"the history is locked: the checks kept in {unrecorded[0].name} are not shown yet")
    if not checks:
        say(f"inventory-gui: no history for {args.product_id}")
        return EXIT_ERRORS
    more = len(checks) > args.limit
    shown = checks[1:] if more else checks
    sys.stdout.write(history_table(shown) + "\n")
    if more:
        print(f"(the latest {args.limit} checks; --limit N shows more)")
    return EXIT_OK
