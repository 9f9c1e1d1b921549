"""``inventory-gui serve-demo``: serve the bundled demo inventory API until stopped.

Ctrl-C, SIGTERM and SIGHUP all stop it cleanly with status 0: they are how a
server started in a terminal, by ``timeout`` or by a service manager ends.
The handlers are installed explicitly, so the server stops on Ctrl-C even when
it was started with SIGINT ignored (``cmd &`` in a script).
"""

from __future__ import annotations

import argparse
import asyncio
from typing import TYPE_CHECKING

from inventory_gui.cli import terminal
from inventory_gui.cli.exit_codes import EXIT_OK, EXIT_USAGE
from inventory_gui.cli.options import OneLineParser, add_setting_option
from inventory_gui.cli.stop_signals import StopSignals
from inventory_gui.core import settings_schema as schema

if TYPE_CHECKING:
    from inventory_gui.demo.server import DemoConfig


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
    """Run ``inventory-gui serve-demo`` until a stop signal; return the exit status."""
    from inventory_gui.demo.server import DemoConfig  # aiohttp: to serve only

    config = DemoConfig(
        latency_ms=args.latency_ms,
        jitter_ms=args.jitter_ms,
        error_rate=args.error_rate,
        seed=args.seed,
    )
    try:
        with StopSignals() as signals:
            asyncio.run(_serve(config, args.host, args.port, signals))
    except OSError as exc:
        terminal.error(f"cannot serve on {args.host}:{args.port}: {exc.strerror or exc}")
        return EXIT_USAGE
    return EXIT_OK


async def _serve(config: DemoConfig, host: str, port: int, signals: StopSignals) -> None:
    from inventory_gui.demo.server import serve_demo_until

    stop = asyncio.Event()
    with signals.calling(asyncio.get_running_loop(), stop.set):
        await serve_demo_until(config, host, port, stop)
