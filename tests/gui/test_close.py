"""Closing the window during a run: cancelled, session closed, no asyncio warnings."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from inventory_gui.gui.table.model import ResultRole
from tests.gui.demo_process import demo_api
from tests.loopback import wait_forever


def test_close_during_run_cancels_and_closes(make_window, make_api, qtbot):
    api = make_api(wait_forever)
    window = make_window(api.template)
    window.products_panel.set_text("\n".join(f"p{i}" for i in range(50)))
    window.fetch_all()
    qtbot.waitUntil(lambda: api.in_flight == 16)
    with qtbot.waitSignal(window.closed, timeout=2000):
        window.close()
    assert not window.runner.running
    assert not window.isVisible()
    qtbot.waitUntil(lambda: api.in_flight == 0)  # the server saw every connection close
    assert {window.model.index(r, 0).data(ResultRole).status for r in range(50)} == {"cancelled"}
    # The qloop fixture fails the test if the loop reported an unclosed session
    # or a task destroyed while pending.


SCRIPT = textwrap.dedent(
    """
    import dataclasses, sys, time, warnings
    warnings.simplefilter("error")  # asyncio and aiohttp warnings fail the run
    from PySide6.QtCore import QSettings
    import inventory_gui.gui.app as gui_app
    from inventory_gui.cli.main import main

    template, settings_path = sys.argv[1], sys.argv[2]
    build = gui_app.build_main_window
    closing = []

    def build_window(**kwargs):
        window = build(settings=QSettings(settings_path, QSettings.Format.IniFormat))
        connection = window.connection.settings()
        window.connection.set_settings(dataclasses.replace(connection, url_template=template))
        window.products_panel.set_text("\\n".join(f"p{i}" for i in range(200)))

        def close_once(progress):
            if not closing:
                closing.append(time.monotonic())
                window.close()

        window.runner.progressed.connect(close_once)
        window.fetch_all()
        return window

    gui_app.build_main_window = build_window
    code = main([])
    print(f"{code} {time.monotonic() - closing[0]:.3f}", flush=True)
    sys.exit(code)
    """
)


def test_real_app_closing_during_a_run_exits_0_quickly(tmp_path):
    script = tmp_path / "run.py"
    script.write_text(SCRIPT)
    with demo_api("--latency-ms", "60000") as template:
        done = subprocess.run(
            [sys.executable, str(script), template, str(tmp_path / "s.ini")],
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
    assert done.returncode == 0, done.stderr
    code, seconds = done.stdout.split()
    assert code == "0"
    assert float(seconds) < 2.0
    for warning in ("Task was destroyed", "Unclosed", "Traceback", "Error"):
        assert warning not in done.stderr
