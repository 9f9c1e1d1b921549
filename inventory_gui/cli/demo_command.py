"""``inventory-gui serve-demo``: serve the bundled demo inventory API until Ctrl-C."""

from __future__ import annotations

import argparse

from inventory_gui.cli import terminal
from inventory_gui.cli.exit_codes import EXIT_OK, EXIT_USAGE
from inventory_gui.cli.options import OneLineParser, add_setting_option
from inventory_gui.core import settings_schema as schema


def build_parser() -> OneLineParser:
    """Return the parser of ``inventory-gui serve-demo``."""
    parser = OneLineParser(
        prog="inventory-gui serve-demo",
        description="Serve the bundled demo inventory API: GET /get-current-inventory/{id}.",
    )
    for setting in schema.DEMO_SETTINGS:
        add_setting_option(parser, setting)
    parser.add_argument(
        "--seed", type=int, default=None, metavar="S", help="make injected faults repeatable"
    )
    return parser


def run(args: argparse.Namespace) -> int:
    """Run ``inventory-gui serve-demo`` until Ctrl-C; return the exit status."""
    from inventory_gui.demo.server import DemoConfig, serve_demo_forever  # aiohttp: to serve only

    config = DemoConfig(
        latency_ms=args.latency_ms,
        jitter_ms=args.jitter_ms,
        error_rate=args.error_rate,
        seed=args.seed,
    )
    try:
        serve_demo_forever(config, args.host, args.port)
    except OSError as exc:
        terminal.error(f"cannot serve on {args.host}:{args.port}: {exc.strerror or exc}")
        return EXIT_USAGE
    return EXIT_OK
