"""Plain ``inventory-gui [FILE]``: open the window.

The options are parsed with no Qt imported; :mod:`inventory_gui.gui.app`
(PySide6, qasync) is imported once they are.
"""

from __future__ import annotations

import argparse

from inventory_gui import __version__
from inventory_gui.cli.options import OneLineParser, add_data_dir_option


def build_parser() -> OneLineParser:
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
    add_data_dir_option(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    """Open the window; return the exit status when it closes."""
    from inventory_gui.gui.app import run_app

    return run_app(args)
