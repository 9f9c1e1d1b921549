"""Servers the benchmark runs in processes of their own."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def serving(module: str, *args: str) -> Iterator[int]:
    """Run ``python -m module 0 *args`` (a server that prints ``ready PORT``); yield its port."""
    command = [sys.executable, "-m", module, "0", *args]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    ) as server:
        try:
            line = server.stdout.readline() if server.stdout else ""
            if not line.startswith("ready "):
                raise RuntimeError(f"{module} did not start: {line!r}")
            yield int(line.split()[1])
        finally:
            server.terminate()
            server.wait(10)
