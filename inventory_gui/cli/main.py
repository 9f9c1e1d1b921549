"""The ``inventory-gui`` command: ``--version``, then dispatch to one command's module.

Each command (``fetch``, ``serve-demo``, ``history``, and the window when no
command is named) has a module in this package with its ``build_parser()`` and
its ``run(args)``.  A command's module loads only what parsing needs; its
``run`` loads the rest, so ``--version`` and ``--help`` answer at once, and the
window, the worker and the headless commands each load only their own part
(``fetch`` and ``serve-demo`` never import Qt).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Sequence

from inventory_gui import __version__
from inventory_gui.cli.exit_codes import EXIT_INTERRUPTED, EXIT_OK
from inventory_gui.engine.protocol import WORKER_ARGUMENT

COMMANDS = ("fetch", "serve-demo", "history")


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
    if args[:1] == [WORKER_ARGUMENT]:  # the window's fetch process, not for users
        from inventory_gui.engine.worker_main import main as worker_main

        return worker_main(int(args[1]))
    command, rest = (args[0], args[1:]) if args and args[0] in COMMANDS else (None, args)
    # Each command's module is imported only when it is the one chosen.
    if command == "fetch":
        from inventory_gui.cli import fetch_command

        return fetch_command.run(fetch_command.parse(rest))
    if command == "serve-demo":
        from inventory_gui.cli import demo_command

        return demo_command.run(demo_command.build_parser().parse_args(rest))
    if command == "history":
        from inventory_gui.cli import history_command

        return history_command.run(history_command.build_parser().parse_args(rest))
    from inventory_gui.cli import window_command

    return window_command.run(window_command.build_parser().parse_args(rest))
