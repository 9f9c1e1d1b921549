"""Time from the command to a visible window: ``python -m inventory_gui.devtools.bench.startup``.

Runs the real entry point (``inventory_gui.cli.main``) in a child process whose
window reports the moment it has been shown and painted once, then closes.
CLOCK_MONOTONIC is shared by processes on Linux, so the child's timestamp can
be compared with the moment the parent spawned it.  Prints one JSON line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time

CHILD = """
import sys, time
from PySide6.QtCore import QSettings, QTimer
import inventory_gui.gui.app as gui_app
from inventory_gui.cli.main import main

build = gui_app.build_main_window

def build_window(**kwargs):
    kwargs["settings"] = QSettings(sys.argv[1], QSettings.Format.IniFormat)
    window = build(**kwargs)
    def painted():
        print(f"visible {time.monotonic()}", flush=True)
        window.close()
    QTimer.singleShot(0, painted)  # runs once show() has returned and the loop has painted
    return window

gui_app.build_main_window = build_window
sys.exit(main([]))
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
        started = time.monotonic()
        done = subprocess.run(
            [sys.executable, "-c", CHILD, os.path.join(folder, "s.ini")],
            capture_output=True, text=True, env=env, timeout=60, check=True,
        )  # fmt: skip
    line = next(x for x in done.stdout.splitlines() if x.startswith("visible "))
    print(json.dumps({"visible_s": float(line.split()[1]) - started}))


if __name__ == "__main__":
    main()
