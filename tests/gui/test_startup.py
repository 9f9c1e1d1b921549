"""Start-up through the real command: ``inventory-gui --demo`` and ``inventory-gui FILE``.

Each start is a whole app in a child process.  The demo's start runs in the
inner loop (it loads its sample list through the same path a FILE takes); the
FILE starts are slow: loading good and bad files is tested in the window in
this process (test_window.py, controllers/test_file_loader.py).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

# Runs the real entry point; the window reports what it shows, then closes itself.
SCRIPT = textwrap.dedent(
    """
    import sys, time
    started = time.monotonic()
    from PySide6.QtCore import QSettings
    import inventory_gui.gui.app as gui_app
    from inventory_gui.cli.main import main

    build = gui_app.build_main_window

    def build_window(**kwargs):
        kwargs["settings"] = QSettings(sys.argv[1], QSettings.Format.IniFormat)
        window = build(**kwargs)
        load = window.load_file

        async def load_then_report(path):
            loaded = await load(path)
            shown = time.monotonic() - started
            template = window.connection.settings().url_template or "-"
            print(loaded, window.model.rowCount(), template, f"{shown:.2f}", flush=True)
            window.close()
            return loaded

        window.load_file = load_then_report
        return window

    gui_app.build_main_window = build_window
    sys.exit(main(sys.argv[2:]))
    """
)


def start(tmp_path, *args: str) -> list[str]:
    script = tmp_path / "start.py"
    script.write_text(SCRIPT)
    done = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "s.ini"), *args],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout.split()


def test_demo_loads_the_sample_and_points_at_the_demo_server(tmp_path):
    loaded, rows, template, _seconds = start(tmp_path, "--demo")
    assert loaded == "True"
    assert int(rows) == 58  # the bundled sample: 59 rows, one duplicate
    assert template.startswith("http://127.0.0.1:")
    assert template.endswith("/get-current-inventory/{id}")


@pytest.mark.slow
def test_file_argument_opens_the_window_with_it_loaded(tmp_path):
    products = tmp_path / "mine.txt"
    products.write_text("a\nb\nc\n")
    loaded, rows, _template, _seconds = start(tmp_path, str(products))
    assert (loaded, rows) == ("True", "3")


@pytest.mark.slow
@pytest.mark.parametrize("bad", ["missing.csv"])
def test_bad_file_argument_still_opens_the_window(tmp_path, bad):
    loaded, rows, _template, _seconds = start(tmp_path, str(tmp_path / bad))
    assert (loaded, rows) == ("False", "0")
