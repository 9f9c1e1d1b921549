"""The real app fetching through its worker process, end to end.

Run through the real entry point in a process of its own, so that what the
window's process imports can be checked: with the default engine it never
loads aiohttp (the worker does the network; ~27 MB the window does not need).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from tests.gui.demo_process import bench_api

SCRIPT = textwrap.dedent(
    """
    import dataclasses, sys
    from PySide6.QtCore import QSettings
    import inventory_gui.gui.app as gui_app
    from inventory_gui.cli.main import main

    template, settings_path, products = sys.argv[1], sys.argv[2], sys.argv[3]
    build = gui_app.build_main_window

    def build_window(**kwargs):
        window = build(settings=QSettings(settings_path, QSettings.Format.IniFormat))
        connection = window.connection.settings()
        window.connection.set_settings(dataclasses.replace(connection, url_template=template))
        load = window.load_file

        async def load_then_fetch(path):
            loaded = await load(path)
            window.fetch_all()
            return loaded

        def report(progress):
            ok = sum(1 for r in window.model.results() if r.status == "ok")
            print(window.runner.engine, progress.done, ok, "aiohttp" in sys.modules, flush=True)
            window.close()

        window.load_file = load_then_fetch
        window.fetchFinished.connect(report)
        return window

    gui_app.build_main_window = build_window
    sys.exit(main([products, "--data-dir", settings_path + ".data"]))
    """
)


@pytest.mark.skipif(os.name != "posix", reason="the process engine is the default on POSIX")
def test_the_app_fetches_in_its_worker_and_never_loads_aiohttp(tmp_path):
    script = tmp_path / "run.py"
    script.write_text(SCRIPT)
    products = tmp_path / "products.csv"
    products.write_text("sku\n" + "\n".join(f"p{i}" for i in range(500)) + "\n")
    with bench_api(0) as template:
        done = subprocess.run(
            [sys.executable, str(script), template, str(tmp_path / "s.ini"), str(products)],
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout.split() == ["process", "500", "500", "False"]
