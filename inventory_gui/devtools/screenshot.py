"""Make README's screenshot: the real window after a demo fetch, rendered offscreen.

Usage::

    QT_QPA_PLATFORM=offscreen python -m inventory_gui.devtools.screenshot resources/screenshot.png
    python -m inventory_gui.devtools.screenshot resources/screenshot-dark.png --dark

It starts the demo server (with a few injected faults, so errors show), loads
the bundled sample list, presses Fetch, selects an error row and saves the
window as PNG.  Settings go to a temporary folder, never the user's.
``--dark`` renders it under the dark palette the app uses for a dark scheme.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings

import qasync  # after PySide6

from inventory_gui.core.resources import resource_path
from inventory_gui.demo.server import DemoConfig, start_demo_server
from inventory_gui.gui.app import build_main_window, make_application
from inventory_gui.gui.table.columns import STATUS_COLUMN
from inventory_gui.gui.theme import dark_palette


async def capture(target: Path) -> None:
    """Run a demo fetch in a fresh window and save it to ``target``."""
    demo = await start_demo_server(DemoConfig(error_rate=0.04, seed=7, slow_seconds=0.5))
    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        window = build_main_window(
            settings=settings, demo_template=demo.url_template, data_dir=folder
        )
        connection = window.connection.settings()
        window.connection.set_settings(dataclasses.replace(connection, retries=0, timeout=0.3))
        window.resize(1360, 820)
        window.show()
        await window.load_file(resource_path("sample-products.csv"))
        finished = asyncio.Event()
        window.fetchFinished.connect(lambda _p: finished.set())
        window.fetch_all()
        await finished.wait()
        _select_first_error(window)
        await asyncio.sleep(0.2)  # let the view repaint before grabbing
        window.grab().save(str(target))
        window.close()
    await demo.close()


def _select_first_error(window) -> None:
    model = window.table.model()
    for row in range(model.rowCount()):
        if model.index(row, STATUS_COLUMN).data() == "Error":
            window.table.selectRow(row)
            return


def main(argv: list[str] | None = None) -> int:
    """Save the screenshot to the path given (default ``resources/screenshot.png``)."""
    parser = argparse.ArgumentParser(prog="python -m inventory_gui.devtools.screenshot")
    parser.add_argument("target", nargs="?", default="resources/screenshot.png")
    parser.add_argument("--dark", action="store_true", help="the dark colour scheme")
    options = parser.parse_args(sys.argv[1:] if argv is None else argv)
    target = Path(options.target)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = make_application()
    if options.dark:
        app.setPalette(dark_palette())
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
        runner.run(capture(target))
    print(f"saved {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
