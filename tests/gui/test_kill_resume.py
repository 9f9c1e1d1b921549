"""Kill the window's process mid-run, start again: nothing fetched is lost, resume does the rest."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from contextlib import closing

import pytest

from inventory_gui.core.history.store import HistoryStore
from tests.gui.demo_process import bench_api

# The real entry point with a data folder; the window fetches 200 products at once.
SCRIPT = textwrap.dedent(
    """
    import dataclasses, sys
    from PySide6.QtCore import QSettings
    import inventory_gui.gui.app as gui_app
    from inventory_gui.cli.main import main

    template, settings_path, data_dir = sys.argv[1:4]
    build = gui_app.build_main_window

    def build_window(**kwargs):
        kwargs["settings"] = QSettings(settings_path, QSettings.Format.IniFormat)
        window = build(**kwargs)
        connection = window.connection.settings()
        window.connection.set_settings(
            dataclasses.replace(connection, url_template=template, concurrency=8, retries=0)
        )
        window.products_panel.set_text(chr(10).join(f"p{i:03d}" for i in range(200)))
        window.fetch_all()
        return window

    gui_app.build_main_window = build_window
    sys.exit(main(["--data-dir", data_dir]))
    """
)


def checks_recorded(database) -> int:
    if not database.exists():
        return 0
    try:
        with closing(sqlite3.connect(database, timeout=1)) as conn, conn:
            return conn.execute("SELECT COUNT(*) FROM checks").fetchone()[0]
    except sqlite3.Error:
        return 0


@pytest.mark.slow
def test_killed_window_loses_nothing_and_resume_fetches_the_rest(
    make_window, make_api, qtbot, tmp_path
):
    script = tmp_path / "window.py"
    script.write_text(SCRIPT)
    data = tmp_path / "data"
    database = data / "history.sqlite3"
    # A plain API answering every ID (ok) after 150 ms, in its own process.
    with bench_api(150) as template:
        child = subprocess.Popen(
            [sys.executable, str(script), template, str(tmp_path / "s.ini"), str(data)]
        )
        try:
            deadline = time.monotonic() + 60
            while checks_recorded(database) < 16 and time.monotonic() < deadline:
                time.sleep(0.1)  # polling another process's database, bounded
            child.send_signal(signal.SIGKILL)
            child.wait(10)
        finally:
            if child.poll() is None:
                child.kill()
    recorded = checks_recorded(database)
    assert 16 <= recorded < 200
    store = HistoryStore(data)
    run = store.unfinished_run()
    assert run is not None
    assert run.total == 200
    left = store.resume_items(run.id)
    assert len(left) == 200 - recorded  # every check committed before the kill is kept
    store.close()

    api = make_api(_answer)
    window = make_window(api.template, history=HistoryStore(data))
    assert window.offer_resume()
    with qtbot.waitSignal(window.fetchFinished, timeout=30_000):
        window.message_bar.action_button.click()
    assert len(api.requests) == len(left)  # only what the killed run had not fetched
    assert {r.split("/")[-1] for r in api.requests} == {p.id for p in left}
    window.close()


async def _answer(request, api):
    from aiohttp import web

    return web.json_response({"quantity": 1})
