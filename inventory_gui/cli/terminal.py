"""Writing to the terminal (or whatever stdout and stderr are) without ever failing.

stdout may be a full device or a closed pipe, stderr a terminal that was
closed (SIGHUP), and either may use an encoding that cannot hold a product ID.
A message is one line with every unprintable character escaped; a failed
write is reported once (when stderr still works) and the stream is pointed at
the null device, so the interpreter's final flush does not print a traceback.
"""

from __future__ import annotations

import errno
import os
import signal
import sys
from contextlib import suppress
from typing import TextIO

from inventory_gui.core.outputs.cells import printable

PREFIX = "inventory-gui"


def say(message: str) -> None:
    """Print ``message`` as one line on stderr; nothing happens if stderr is gone.

    On a terminal the line replaces a progress line being drawn, which the
    progress printer then draws again below it.
    """
    _write(sys.stderr, _line_start(sys.stderr) + printable(message) + "\n")


def error(message: str) -> None:
    """Print ``inventory-gui: error: message`` on stderr."""
    say(f"{PREFIX}: error: {message}")


def warn(message: str) -> None:
    """Print ``inventory-gui: warning: message`` on stderr."""
    say(f"{PREFIX}: warning: {message}")


def write_stdout(text: str) -> int | None:
    """Write ``text`` to stdout and flush; return None, or an exit status if it failed.

    Characters stdout's encoding cannot hold are written as backslash escapes.
    A closed pipe (``| head``) ends quietly with 141, as SIGPIPE would; any
    other failure (a full device) is one line on stderr and status 1.
    """
    stream = sys.stdout
    with suppress(AttributeError, ValueError):  # not a TextIOWrapper, or closed
        stream.reconfigure(errors="backslashreplace")  # type: ignore[attr-defined]
    try:
        stream.write(text)
        stream.flush()
    except OSError as exc:
        _silence(stream)
        if exc.errno == errno.EPIPE:
            return 128 + getattr(signal, "SIGPIPE", 13)
        error(f"stdout: {exc.strerror or exc}")
        return 1
    return None


def _line_start(stream: TextIO) -> str:
    """Return what clears the terminal's current line, or "" when ``stream`` is no terminal."""
    try:
        return "\r\x1b[2K" if stream.isatty() else ""
    except (OSError, ValueError):  # closed
        return ""


def _write(stream: TextIO, text: str) -> None:
    try:
        stream.write(text)
        stream.flush()
    except (OSError, ValueError):
        _silence(stream)


def _silence(stream: TextIO) -> None:
    """Point the stream's descriptor at the null device: its buffered text goes nowhere."""
    with suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, stream.fileno())
        os.close(null)
