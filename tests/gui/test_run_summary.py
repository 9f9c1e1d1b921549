"""The status bar keeps a summary of the last run, whatever hover hints come and go."""

from __future__ import annotations

import re

from aiohttp import web
from PySide6.QtGui import QStatusTipEvent
from PySide6.QtWidgets import QApplication

from inventory_gui.core.history.store import HistoryStore
from inventory_gui.core.models import Result
from inventory_gui.core.progress import Progress
from inventory_gui.gui.panels.run_summary import summary_text
from tests.loopback import product_id


def fetch(qtbot, window) -> None:
    with qtbot.waitSignal(window.fetchFinished, timeout=20_000):
        assert window.fetch_all()


def hover_hint(window, tip: str) -> None:
    """What hovering a menu item or button with a status tip does to the window."""
    QApplication.sendEvent(window, QStatusTipEvent(tip))


def test_summary_after_a_run_survives_hover_hints(make_window, make_api, qtbot, tmp_path):
    quantities = {"a": 10, "b": 4, "c": 0}

    async def handler(request, api):
        pid = product_id(request)
        if pid == "bad":
            return web.json_response({"error": "down"}, status=500)
        return web.json_response({"quantity": quantities[pid]})

    api = make_api(handler)
    window = make_window(api.template, history=HistoryStore(tmp_path / "data"))
    window.products_panel.set_text("a\nb\nc\nbad")
    fetch(qtbot, window)
    summary = window.run_summary
    # The first run has nothing to compare with: no "changed".
    assert re.fullmatch(r"Done in \d+\.\d s · 3 ok · 1 error", summary.text()), summary.text()
    quantities.update(a=13, c=6)
    fetch(qtbot, window)
    text = summary.text()
    assert re.fullmatch(r"Done in \d+\.\d s · 3 ok · 1 error · 2 changed", text), text
    assert summary.isVisible()

    hover_hint(window, "Fetch every product in the list")
    assert window.statusBar().currentMessage() == "Fetch every product in the list"
    assert summary.isVisible()  # a normal status bar widget would be hidden now
    assert summary.text() == text
    hover_hint(window, "")  # the pointer left
    assert summary.isVisible()
    assert summary.text() == text
    window.close()


def test_a_new_run_clears_the_last_summary(make_window, make_api, qtbot):
    async def handler(request, api):
        return web.json_response({"quantity": 1})

    api = make_api(handler)
    window = make_window(api.template)
    window.products_panel.set_text("a\nb")
    fetch(qtbot, window)
    assert window.run_summary.text().startswith("Done in ")
    with qtbot.waitSignal(window.runner.started):
        window.fetch_all()
    assert window.run_summary.text() == ""
    qtbot.waitSignal(window.fetchFinished, timeout=20_000).wait()
    assert window.run_summary.text().startswith("Done in ")


def test_summary_text_counts():
    progress = Progress(total=60)
    for status in ["ok"] * 54 + ["error"] * 4 + ["cancelled"] * 2:
        progress.add(Result("x", status))
    assert summary_text(progress, 2.34, 3) == (
        "Stopped after 2.3 s · 54 ok · 4 errors · 2 cancelled · 3 changed"
    )
    assert summary_text(progress, 75.0) == "Stopped after 1:15 · 54 ok · 4 errors · 2 cancelled"
    done = Progress(total=1)
    done.add(Result("x", "ok"))
    assert summary_text(done, 0.04, 0) == "Done in 0.0 s · 1 ok · 0 errors · 0 changed"
