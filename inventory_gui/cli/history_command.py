"""``inventory-gui history ID``: one product's recorded checks, as a table.

Nothing here imports Qt or aiohttp.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence

from inventory_gui.cli.exit_codes import EXIT_ERRORS, EXIT_OK, EXIT_USAGE
from inventory_gui.cli.options import OneLineParser, add_data_dir_option, data_dir, positive_int
from inventory_gui.cli.terminal import error, say, warn
from inventory_gui.core.history.store import Check, HistoryError, HistoryStore
from inventory_gui.core.safe_values import format_change, format_number

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_HEADER = ("checked at (UTC)", "status", "quantity", "change", "error")
_ALIGN = "<<>><"


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
    sys.stdout.write(format_history(shown) + "\n")
    if more:
        print(f"(the latest {args.limit} checks; --limit N shows more)")
    return EXIT_OK


def format_history(checks: Sequence[Check], *, max_error_width: int = 60) -> str:
    """Return checks as an aligned plain-text table (no final newline)."""
    rows = [list(_HEADER)] + [_history_cells(check, max_error_width) for check in checks]
    widths = [max(len(row[i]) for row in rows) for i in range(len(_HEADER))]
    rows.insert(1, ["-" * width for width in widths])
    line = "  ".join(f"{{:{a}{w}}}" for a, w in zip(_ALIGN, widths, strict=True))
    return "\n".join(line.format(*row).rstrip() for row in rows)


def _history_cells(check: Check, max_error_width: int) -> list[str]:
    when = check.checked_at.replace("T", " ").removesuffix("Z")
    quantity = "-" if check.quantity is None else format_number(check.quantity)
    change = "" if check.change is None else format_change(check.change)
    error = _CONTROL.sub(" ", check.error or "")
    if len(error) > max_error_width:
        error = error[: max_error_width - 1] + "…"
    return [when, check.status, quantity, change, error]
