"""SIGINT, SIGTERM and SIGHUP close the window: the run cancelled and closed, no error box.

The real application runs in a child process (tests/gui/child_window.py,
``fetch-demo``: ``inventory-gui --demo`` with a slow demo API, fetching), and
the test sends it a signal once its history shows the run going.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _child_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", INVENTORY_GUI_NO_KEYRING="1")
    for variable in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME"):
        env[variable] = str(tmp_path / variable.lower())
    return env


def _runs(database: Path) -> list[tuple[int, str]]:
    """``(id, state)`` of every run, read-only ([] until the database exists)."""
    if not database.exists():
        return []
    try:
        with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as conn, conn:
            return conn.execute("SELECT id, state FROM runs ORDER BY id").fetchall()
    except sqlite3.OperationalError:  # created but not yet migrated
        return []


def _wait_for(condition, proc: subprocess.Popen, timeout: float) -> None:
    """Poll ``condition`` until it holds; fail if the child exits or time runs out."""
    deadline = time.monotonic() + timeout
    while not condition():
        if proc.poll() is not None:
            pytest.fail(f"the window exited early ({proc.returncode}): {proc.stderr.read()}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail("the window never started its run")
        time.sleep(0.05)  # a polling interval, not a synchronisation


# One signal in the fast set; the other two take the same path and run with the slow set.
SLOW = pytest.mark.slow


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize(
    "signum",
    [
        pytest.param(signal.SIGINT, marks=SLOW),
        signal.SIGTERM,
        pytest.param(signal.SIGHUP, marks=SLOW),
    ],
)
def test_quit_signal_cancels_the_run_and_exits_with_its_status(tmp_path, signum):
    data_dir = tmp_path / "data"
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.gui.child_window", "fetch-demo", str(data_dir)],
        cwd=ROOT, env=_child_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, errors="replace",
    )  # fmt: skip
    database = data_dir / "history.sqlite3"
    _wait_for(lambda: any(state == "running" for _, state in _runs(database)), proc, 120)
    proc.send_signal(signum)
    try:
        _out, err = proc.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail(f"the window did not exit on {signum.name}")
    assert proc.returncode == 128 + signum, err
    assert "Traceback" not in err
    assert "ERROR BOX" not in err
    runs = _runs(database)
    assert runs
    assert all(state != "running" for _, state in runs), runs
    assert runs[-1][1] == "cancelled"
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as conn, conn:
        total, checks, cancelled = conn.execute(
            "SELECT total, (SELECT COUNT(*) FROM checks WHERE run_id = runs.id),"
            " (SELECT COUNT(*) FROM checks WHERE run_id = runs.id AND status = 'cancelled')"
            " FROM runs WHERE id = ?",
            (runs[-1][0],),
        ).fetchone()
    assert checks == total  # every product recorded: the unfinished ones as cancelled
    assert cancelled > 0
    log = (tmp_path / "xdg_state_home" / "inventory-gui" / "log" / "inventory-gui.log").read_text()
    assert "uncaught exception" not in log
    assert "event loop error" not in log
    assert f"{signum.name} received" in log


@pytest.fixture
def error_hooks(qloop, monkeypatch):
    """Install the app's error hooks on a window; the test's own hooks come back after."""
    from inventory_gui.gui.app import install_error_hooks

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    handler = qloop.get_exception_handler()
    yield install_error_hooks
    qloop.set_exception_handler(handler)


def test_keyboard_interrupt_closes_the_window_without_an_error_box(make_window, error_hooks):
    from PySide6.QtWidgets import QMessageBox

    window = make_window()
    error_hooks(window)
    sys.excepthook(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert not window.isVisible()
    assert window.findChildren(QMessageBox) == []


def test_an_exception_without_a_message_is_named_in_the_error_box(make_window, error_hooks):
    from PySide6.QtWidgets import QMessageBox

    window = make_window()
    error_hooks(window)
    sys.excepthook(ValueError, ValueError(), None)
    (box,) = window.findChildren(QMessageBox)
    assert box.text() == "Unexpected error: ValueError"
