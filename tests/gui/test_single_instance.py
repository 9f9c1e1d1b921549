"""One window per user: real ``python -m inventory_gui`` processes, offscreen.

Each process gets the test's own XDG folders: the data folder (where the lock
is), the config folder and the runtime folder (the socket) are shared by the
starts of one test, as they are by one user's starts; each start logs to its
own state folder, so the test reads what that start did.  The tests wait for
log lines (polled, bounded), never for a fixed time.
Each start is a whole app (about 1.5 s): slow; the lock, the socket and the
hand-over are tested without the window in test_single_instance_claims.py.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from inventory_gui.core.history.product_lists import store_list
from inventory_gui.core.history.store import HistoryStore
from inventory_gui.gui.single_instance import LOCK_NAME

pytestmark = pytest.mark.slow

APP = [sys.executable, "-m", "inventory_gui"]
LISTENING = "single instance: listening on "
WAIT_S = 60


class User:
    """One user's folders, and the app's starts in them."""

    def __init__(self, tmp_path: Path) -> None:
        self.root = tmp_path
        self.data = tmp_path / "data"
        # A socket path must stay short (about 100 bytes): not under tmp_path.
        self.runtime = Path(tempfile.mkdtemp(prefix="igr-"))  # private (0700), as XDG asks
        self.started: list[subprocess.Popen[bytes]] = []

    def env(self, name: str) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            XDG_DATA_HOME=str(self.data),
            XDG_CONFIG_HOME=str(self.root / "config"),
            XDG_RUNTIME_DIR=str(self.runtime),
            XDG_STATE_HOME=str(self.root / f"state-{name}"),
        )
        return env

    def log(self, name: str) -> Path:
        return self.root / f"state-{name}" / "inventory-gui" / "log" / "inventory-gui.log"

    def start(self, name: str, *args: str) -> subprocess.Popen[bytes]:
        output = (self.root / f"{name}.out").open("wb")
        child = subprocess.Popen(
            [*APP, *args], env=self.env(name), cwd=self.root, stdout=output, stderr=output
        )
        output.close()  # the child has its own copy
        self.started.append(child)
        return child

    def run(self, name: str, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*APP, *args], env=self.env(name), cwd=self.root, capture_output=True, text=True,
            timeout=WAIT_S, check=False,
        )  # fmt: skip

    def wait_for(self, name: str, text: str, child: subprocess.Popen[bytes]) -> str:
        """The start's log, once it holds ``text`` (polled; fails if the start ends first)."""
        path, deadline = self.log(name), time.monotonic() + WAIT_S
        while True:
            log = path.read_text(errors="replace") if path.exists() else ""
            if text in log:
                return log
            ended = child.poll()
            output = (self.root / f"{name}.out").read_text(errors="replace")
            assert ended is None, f"{name} ended ({ended}) before {text!r}:\n{log}\n{output}"
            assert time.monotonic() < deadline, f"{name} never logged {text!r}:\n{log}\n{output}"
            time.sleep(0.05)  # polling another process's log, bounded

    def stop(self, child: subprocess.Popen[bytes]) -> int:
        child.send_signal(signal.SIGTERM)  # closes the window, as Quit does
        return child.wait(WAIT_S)

    def clean_up(self) -> None:
        for child in self.started:
            if child.poll() is None:
                child.kill()
                child.wait(WAIT_S)


@pytest.fixture
def user(tmp_path) -> Iterator[User]:
    folders = User(tmp_path)
    yield folders
    folders.clean_up()


def product_list(user: User, name: str) -> Path:
    path = user.root / name
    path.write_text("a\nb\nc\n")
    return path


def interrupted_run(data_dir: Path) -> None:
    """A run that never ended in the history, so that a start offers to resume it."""
    HistoryStore(data_dir).close()  # creates the schema
    with closing(sqlite3.connect(data_dir / "history.sqlite3")) as conn, conn:
        conn.execute(
            "INSERT INTO runs (started_at, source, url_template, total, state)"
            " VALUES ('2026-01-01T00:00:00Z', 'list.txt', 'http://x/{id}', 1, 'interrupted')"
        )
        store_list(conn, 1, [["left", None]])


def test_second_start_hands_its_file_to_the_running_window_and_exits_0(user):
    first = user.start("first")
    user.wait_for("first", LISTENING, first)
    mine = product_list(user, "mine.txt")
    started = time.monotonic()
    second = user.run("second", mine.name)  # relative: the first window has another cwd
    assert second.returncode == 0, second.stderr
    assert time.monotonic() - started < 30
    log = user.wait_for("first", f"later start's file {mine}: loaded", first)
    assert log.count(LISTENING) == 1
    assert "handed over to the window already running" in user.log("second").read_text()
    assert user.stop(first) == 128 + signal.SIGTERM
    # The first window opened it for real: it is in that window's recent files.
    settings = (user.root / "config" / "inventory-gui" / "inventory-gui.ini").read_text()
    assert str(mine) in settings
    assert not (user.data / "inventory-gui" / LOCK_NAME).exists()  # released on exit


def test_a_second_start_without_a_file_only_raises_the_window(user):
    first = user.start("first")
    user.wait_for("first", LISTENING, first)
    assert user.run("second").returncode == 0
    user.wait_for("first", "a later start asks to show the window", first)
    assert first.poll() is None


def test_a_killed_window_leaves_a_stale_lock_that_the_next_start_takes_over(user):
    first = user.start("first")
    user.wait_for("first", LISTENING, first)
    first.kill()  # SIGKILL: no clean-up, the lock file and the socket stay
    first.wait(WAIT_S)
    assert (user.data / "inventory-gui" / LOCK_NAME).exists()
    mine = product_list(user, "mine.txt")
    second = user.start("second", str(mine))
    user.wait_for("second", LISTENING, second)
    user.wait_for("second", f"command line file {mine}: loaded", second)
    # And it serves the next start in turn.
    assert user.run("third", str(mine)).returncode == 0
    user.wait_for("second", f"later start's file {mine}: loaded", second)
    assert user.stop(second) == 128 + signal.SIGTERM


def test_new_instance_runs_alongside_and_one_window_offers_to_resume(user):
    interrupted_run(user.data / "inventory-gui")
    first = user.start("first")
    user.wait_for("first", "offered to resume an interrupted run", first)
    mine = product_list(user, "mine.txt")
    separate = user.start("separate", "--new-instance", str(mine))
    user.wait_for("separate", f"command line file {mine}: loaded", separate)
    assert separate.poll() is None  # a window of its own, still open
    # The first window still serves later starts: the separate one took nothing over.
    other = product_list(user, "other.txt")
    assert user.run("third", str(other)).returncode == 0
    user.wait_for("first", f"later start's file {other}: loaded", first)
    assert user.stop(separate) == 128 + signal.SIGTERM
    separate_log = user.log("separate").read_text()
    assert LISTENING not in separate_log  # no lock, no socket
    assert "offered to resume" not in separate_log  # the first window made the offer
    assert f"{mine}" not in user.log("first").read_text()
    assert user.stop(first) == 128 + signal.SIGTERM


def test_new_instance_alone_offers_to_resume(user):
    interrupted_run(user.data / "inventory-gui")
    alone = user.start("alone", "--new-instance")
    user.wait_for("alone", "offered to resume an interrupted run", alone)
    assert user.stop(alone) == 128 + signal.SIGTERM


HOLDER = """
import sys
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1])
print(lock.tryLock(0), flush=True)
sys.stdin.readline()
"""


def test_a_lock_whose_holder_does_not_answer_leaves_a_separate_window(user):
    folder = user.data / "inventory-gui"
    folder.mkdir(parents=True)
    # A live process holds the lock and never listens (a hung window, another host).
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(folder / LOCK_NAME)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    ) as holder:  # fmt: skip
        try:
            assert holder.stdout.readline() == "True\n"
            mine = product_list(user, "mine.txt")
            second = user.start("second", str(mine))
            log = user.wait_for("second", f"command line file {mine}: loaded", second)
            assert "the running window does not answer: a separate window" in log
            assert LISTENING not in log
            assert user.stop(second) == 128 + signal.SIGTERM
        finally:
            holder.stdin.close()
            holder.wait(WAIT_S)
