"""The demo API in a separate process, so the GUI under test has a core to itself."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def demo_api(*options: str) -> Iterator[str]:
    """Start ``inventory-gui serve-demo --port 0``; yield its URL template."""
    command = [sys.executable, "-m", "inventory_gui", "serve-demo", "--port", "0", *options]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as server:
        try:
            line = server.stdout.readline()
            assert " on " in line, f"demo server did not start: {line!r}"
            yield line.split(" on ", 1)[1].split(" ", 1)[0]
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(10)


@contextmanager
def bench_api(latency_ms: float) -> Iterator[str]:
    """Start the benchmark API (every ID answers 200); yield its URL template."""
    command = [sys.executable, "-m", "inventory_gui.devtools.bench.server", "0", str(latency_ms)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as server:
        try:
            line = server.stdout.readline()
            assert line.startswith("ready "), f"bench server did not start: {line!r}"
            yield f"http://127.0.0.1:{line.split()[1]}/get-current-inventory/{{id}}"
        finally:
            server.terminate()
            server.wait(10)
