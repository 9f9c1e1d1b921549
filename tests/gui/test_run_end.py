"""What the window does around a run: at the click, and at the end once the last row is in."""

from __future__ import annotations

import gc
import os
import threading

import pytest

from inventory_gui.core.history.store import HistoryStore
from inventory_gui.engine import worker_process
from inventory_gui.gui.app import after_window_shown
from tests.gui.window_actions import Quantities, fetch_all


@pytest.mark.skipif(os.name != "posix", reason="the process engine is the default on POSIX")
def test_a_large_runs_worker_is_replaced_once_the_end_is_shown(
    make_window, make_api, qtbot, monkeypatch
):
    monkeypatch.setattr(worker_process, "RETIRE_AFTER_PRODUCTS", 3)
    window = make_window(make_api(Quantities(a=1, b=2, c=3)).template)
    window.runner.engine = "process"  # make_window's engine may be the thread (--window-engine)
    window.products_panel.set_text("a\nb\nc")
    window.runner.prepare()
    first = window.runner.worker_pid
    at_the_end: list[int | None] = []
    window.runner.finished.connect(lambda _p: at_the_end.append(window.runner.worker_pid))
    fetch_all(qtbot, window)
    assert at_the_end == [None]  # retired; no fresh worker starting during the run's end
    assert window.runner.worker_pid not in (None, first)
    fetch_all(qtbot, window)  # the fresh worker serves the next run
    assert sum(r.status == "ok" for r in window.model.results()) == 3


def test_once_the_window_is_shown_the_fetch_click_starts_no_thread(
    make_window, make_api, qtbot, tmp_path, monkeypatch
):
    # Starting a thread waits for it to run: on a busy machine, a stall at the click.
    monkeypatch.setattr(gc, "freeze", lambda: None)  # not this test process's objects
    window = make_window(make_api(Quantities(a=1)).template, history=HistoryStore(tmp_path))
    after_window_shown(window)
    window.products_panel.set_text("a")
    before = {thread.ident for thread in threading.enumerate()}
    with qtbot.waitSignal(window.fetchFinished, timeout=20_000):
        assert window.fetch_all()
        started = [t.name for t in threading.enumerate() if t.ident not in before]
    assert started == []
    assert window.history.store.last_ok(["a"])["a"].quantity == 1  # recorded all the same
