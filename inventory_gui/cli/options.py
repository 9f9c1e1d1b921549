"""What the commands' parsers share: one-line usage errors, options built from
the settings' definitions (:mod:`inventory_gui.core.settings_schema`), ``--data-dir``.

Nothing here loads aiohttp or Qt, so a command's parser answers ``--help``
before the command loads what it runs with.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from inventory_gui.cli.exit_codes import EXIT_USAGE
from inventory_gui.core.history.store import default_data_dir
from inventory_gui.core.settings_schema import Setting

DATA_DIR_HELP = (
    "folder of the check history, history.sqlite3 (default: the user data folder,"
    " ~/.local/share/inventory-gui on Linux)"
)


class OneLineParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors are one line on stderr, exit status 2."""

    def error(self, message: str) -> NoReturn:
        """Print ``prog: error: message`` and exit with status 2."""
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def add_data_dir_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--data-dir DIR``: where the check history is."""
    parser.add_argument("--data-dir", metavar="DIR", help=DATA_DIR_HELP)


def data_dir(args: argparse.Namespace) -> Path:
    """Return ``--data-dir``, or the user data folder."""
    return Path(args.data_dir) if args.data_dir else default_data_dir()


def positive_int(text: str) -> int:
    """An argument type: a whole number of at least 1."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def add_setting_option(parser: argparse.ArgumentParser, setting: Setting) -> None:
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
