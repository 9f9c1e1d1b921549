"""Soak: 100,000 results through the window on the qasync loop.

PySide6 6.12.0 on CPython 3.11 dies ("Fatal Python error: none_dealloc") after
some tens of thousands of signal emits or zero-delay timers, and qasync makes a
timer per callback.  A release with the same bug kills this test's process.

Both engines are soaked, the worker process (the default on POSIX) and the
worker thread: their results are drained on a timer into the window, which
runs on the qasync loop.
"""

from __future__ import annotations

import pytest

from inventory_gui.gui.table.columns import STATUS_COLUMN
from inventory_gui.gui.table.model import ResultRole
from tests.gui.demo_process import demo_api

SOAK_PRODUCTS = 100_000


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["process", "thread"])
def test_100k_results_through_the_window(make_window, run, qtbot, tmp_path, engine):
    path = tmp_path / "soak.csv"
    # Unknown IDs answer 404 at once: every one is a result, none needs a retry.
    path.write_text("id\n" + "\n".join(f"soak-{i}" for i in range(SOAK_PRODUCTS)) + "\n")
    with demo_api() as template:
        window = make_window(template)
        window.runner.engine = engine
        window.connection.findChild(object, "concurrencySpin").setValue(64)
        assert run(window.load_file(path), timeout=60_000)
        with qtbot.waitSignal(window.fetchFinished, timeout=600_000) as finished:
            window.fetch_all()
    progress = finished.args[0]
    assert progress.done == SOAK_PRODUCTS
    assert progress.errors == SOAK_PRODUCTS  # all 404s, none lost, none pending
    model = window.model
    assert model.rowCount() == SOAK_PRODUCTS
    assert {model.index(r, STATUS_COLUMN).data() for r in (0, 49_999, SOAK_PRODUCTS - 1)} == {
        "Error"
    }
    assert all(model.index(r, 0).data(ResultRole).http_status == 404 for r in range(SOAK_PRODUCTS))
