"""The window's fetch engines never wedge, whatever fails on either side.

Each test breaks a run in one way (an ID that cannot be encoded, a failure
injected on the window's side, the worker process killed, results that cannot
be shown), on each engine (worker process, worker thread).  The run must end
with no row left pending, and the window stay usable: a normal list then
fetches in full with nothing of the broken run in it, Cancel stops a run, and
the window closes.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any

import pytest

from inventory_gui.core.history.run_recorder import RunRecorder
from inventory_gui.core.history.store import HistoryStore
from inventory_gui.engine import worker_process
from tests.loopback import LoopbackApi, slow_or_stock

ENGINES = ["process", "thread"]
WAIT_MS = 20_000


def load(run, window, path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    assert run(window.load_file(path))


def statuses(window) -> dict[str, str]:
    return {r.id: r.status for r in window.model.results()}


def wait_until_over(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.runner.running, timeout=WAIT_MS)
    assert window.actions["fetch"].isEnabled()


def raise_once(monkeypatch, target: Any, name: str) -> None:
    """Make ``target.name`` raise the first time it is called."""
    real = getattr(target, name)
    calls: list[None] = []

    def flaky(*args: Any, **kwargs: Any) -> Any:
        if not calls:
            calls.append(None)
            raise RuntimeError("injected failure")
        return real(*args, **kwargs)

    monkeypatch.setattr(target, name, flaky)


def failures_of(window) -> list[str]:
    failures: list[str] = []
    window.runner.failed.connect(failures.append)
    return failures


def assert_usable(run, qtbot, window, api: LoopbackApi, tmp_path: Path) -> None:
    """A normal list fetches in full, Cancel stops a run, and the window closes."""
    load(run, window, tmp_path / "next.txt", "C1\nC22\nC333\n")
    with qtbot.waitSignal(window.fetchFinished, timeout=WAIT_MS):
        assert window.fetch_all()
    results = window.model.results()
    assert [(r.id, r.status) for r in results] == [("C1", "ok"), ("C22", "ok"), ("C333", "ok")]
    # Each row holds its own answer: nothing of the broken run landed in this one.
    assert [(r.parsed_response()["id"], r.quantity) for r in results] == [
        ("C1", 2), ("C22", 3), ("C333", 4)
    ]  # fmt: skip
    load(run, window, tmp_path / "hangs.txt", "slow-x\nslow-y\n")
    with qtbot.waitSignal(window.fetchFinished, timeout=WAIT_MS):
        assert window.fetch_all()
        qtbot.waitUntil(lambda: api.count("slow-x") == 1, timeout=WAIT_MS)
        window.actions["cancel"].trigger()
    assert statuses(window) == {"slow-x": "cancelled", "slow-y": "cancelled"}
    with qtbot.waitSignal(window.closed, timeout=WAIT_MS):
        window.close()


@pytest.mark.parametrize("engine", ENGINES)
def test_an_id_that_cannot_be_encoded_ends_the_run_and_leaves_the_window_usable(
    make_window, make_api, run, qtbot, tmp_path, engine
):
    api = make_api(slow_or_stock)
    window = make_window(api.template, history=HistoryStore(tmp_path / "data"))
    window.runner.engine = engine
    # A lone surrogate, as a JSON file can hold it: no UTF-8 for it, no URL.
    load(run, window, tmp_path / "products.json", '["slow-A1", "bad\\udc80", "B2"]')
    assert window.fetch_all()
    qtbot.waitUntil(lambda: api.count("slow-A1") or not window.runner.running, timeout=WAIT_MS)
    window.cancel()  # slow-A1 is never answered: the run may still wait for it
    wait_until_over(qtbot, window)
    rows = statuses(window)
    assert rows["bad\udc80"] == "error"
    assert "pending" not in rows.values()
    assert_usable(run, qtbot, window, api, tmp_path)


@pytest.mark.parametrize(
    ("engine", "target", "name"),
    [
        ("process", worker_process, "pack_products"),  # before the worker has the run
        ("process", worker_process, "unpack_result"),  # decoding a batch
        ("process", RunRecorder, "record_many"),  # recording it in the history
        ("thread", RunRecorder, "record"),
    ],
)
def test_a_failure_on_the_window_side_ends_the_run_on_both_sides(
    make_window, make_api, run, qtbot, tmp_path, monkeypatch, engine, target, name
):
    api = make_api(slow_or_stock)
    window = make_window(api.template, history=HistoryStore(tmp_path / "data"))
    window.runner.engine = engine
    failures = failures_of(window)
    load(run, window, tmp_path / "first.txt", "\n".join(["slow-1", *map(str, range(30))]))
    raise_once(monkeypatch, target, name)
    # slow-1 is never answered: only the failure can end this run.
    assert window.fetch_all()
    wait_until_over(qtbot, window)
    assert len(failures) == 1
    assert "injected failure" in failures[0]
    results = window.model.results()
    assert {r.status for r in results} <= {"ok", "error"}
    assert results[0].status == "error"
    assert results[0].error == "RuntimeError: injected failure"
    assert_usable(run, qtbot, window, api, tmp_path)


def test_a_worker_killed_mid_run_ends_the_run_and_is_replaced(
    make_window, make_api, run, qtbot, tmp_path
):
    api = make_api(slow_or_stock)
    window = make_window(api.template)
    window.runner.engine = "process"
    failures = failures_of(window)
    load(run, window, tmp_path / "first.txt", "slow-1\nslow-2\n")
    assert window.fetch_all()
    qtbot.waitUntil(lambda: api.count("slow-1") == 1, timeout=WAIT_MS)
    killed = window.runner.worker_pid
    os.kill(killed, signal.SIGKILL)
    wait_until_over(qtbot, window)
    assert len(failures) == 1
    assert "stopped unexpectedly" in failures[0]
    assert statuses(window) == {"slow-1": "error", "slow-2": "error"}
    assert_usable(run, qtbot, window, api, tmp_path)
    assert window.runner.worker_pid != killed


@pytest.mark.parametrize("engine", ENGINES)
def test_results_the_table_cannot_take_end_the_run(
    make_window, make_api, run, qtbot, tmp_path, monkeypatch, engine
):
    api = make_api(slow_or_stock)
    window = make_window(api.template)
    window.runner.engine = engine
    failures = failures_of(window)
    load(run, window, tmp_path / "first.txt", "\n".join(["slow-1", *map(str, range(30))]))
    raise_once(monkeypatch, window.model, "apply")
    assert window.fetch_all()
    wait_until_over(qtbot, window)
    assert len(failures) == 1
    assert "injected failure" in failures[0]
    rows = statuses(window)
    assert "pending" not in rows.values()
    assert rows["slow-1"] in ("cancelled", "error")
    assert_usable(run, qtbot, window, api, tmp_path)
