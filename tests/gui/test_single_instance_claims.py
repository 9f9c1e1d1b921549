"""One window per user: the lock, the socket and the hand-over, without the window.

The first start is a small child process that holds the lock and serves later
starts on its own Qt event loop (a later start blocks in
:meth:`SingleInstance.claim`, holding the GIL, so both cannot share one
process); the later starts are claims made in this process.  The real
``python -m inventory_gui`` processes, and the window opening what it is
handed, are in test_single_instance.py (slow).
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile
from PySide6.QtNetwork import QLocalSocket

from inventory_gui.gui.app import claim_instance
from inventory_gui.gui.single_instance import (
    LOCK_NAME,
    Claim,
    FileRequest,
    SingleInstance,
    running_elsewhere,
)

WAIT_S = 10

# The first start: claims, says what it found, then on "serve" hands what later
# starts ask for (kept until then) to a handler that prints each as JSON; on
# "release" or the end of its input it lets the lock go and exits.
FIRST_START = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication, QSocketNotifier
from inventory_gui.gui.single_instance import SingleInstance

app = QCoreApplication([])
instance = SingleInstance(Path(sys.argv[1]))
print(instance.claim(None).value, flush=True)

def command() -> None:
    line = sys.stdin.readline().strip()
    if line == "serve":
        instance.serve(lambda request: print(json.dumps(request), flush=True))
    else:
        instance.release()
        app.quit()

notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
notifier.activated.connect(command)
app.exec()
"""


class FirstStart:
    """The first start on a data folder, in a child process."""

    def __init__(self, data: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", FIRST_START, str(data)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        self._lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        assert self.line() == "first"

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._lines.put(line.strip())

    def line(self) -> str:
        """The child's next line of output (fails after WAIT_S without one)."""
        try:
            return self._lines.get(timeout=WAIT_S)
        except queue.Empty:
            raise AssertionError(f"the first start said nothing in {WAIT_S} s") from None

    def served(self) -> FileRequest:
        """The next request the first start served."""
        return json.loads(self.line())

    def command(self, text: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(text + "\n")
        self.process.stdin.flush()

    def release(self) -> int:
        self.command("release")
        return self.process.wait(WAIT_S)


@pytest.fixture
def first(qapp, tmp_path) -> Iterator[FirstStart]:
    start = FirstStart(tmp_path / "data")
    with start.process:
        yield start
        if start.process.poll() is None:
            start.process.kill()


def later_start(data: Path, file: FileRequest) -> Claim:
    """A later start on ``data``, asking for ``file``: what it found."""
    instance = SingleInstance(data)
    claim = instance.claim(file)
    if claim is Claim.FIRST:
        instance.release()
    return claim


def options(tmp_path: Path, **given: object) -> argparse.Namespace:
    values = {
        "new_instance": False,
        "demo": False,
        "file": None,
        "data_dir": str(tmp_path / "data"),
    }
    return argparse.Namespace(**{**values, **given})


def test_later_starts_hand_over_their_files_in_order(first, tmp_path, monkeypatch):
    data = tmp_path / "data"
    assert (data / LOCK_NAME).exists()
    assert running_elsewhere(data)
    mine = str(tmp_path / "mine.txt")
    # Before the window serves (still starting up), requests are kept, in order.
    assert later_start(data, mine) is Claim.HANDED_OVER
    assert later_start(data, None) is Claim.HANDED_OVER  # only raise the window
    first.command("serve")
    assert first.served() == mine
    assert first.served() is None
    odd = str(tmp_path / "ünïcode \u2028 name.txt")  # sent \\u-escaped, read back whole
    assert later_start(data, odd) is Claim.HANDED_OVER
    assert first.served() == odd
    # The command line's file goes absolute: the first start has another working folder.
    monkeypatch.chdir(tmp_path)
    assert claim_instance(options(tmp_path, file="other.txt")) is Claim.HANDED_OVER
    assert first.served() == os.path.join(str(tmp_path), "other.txt")
    # Released (the window closed): the lock is gone and the next start is the first.
    assert first.release() == 0
    assert not (data / LOCK_NAME).exists()
    assert not running_elsewhere(data)
    assert later_start(data, None) is Claim.FIRST


def send(name: str, line: bytes) -> bytes:
    """Send one raw line to the first start's socket; what it answered before hanging up."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    assert socket.waitForConnected(WAIT_S * 1000)
    socket.write(line)
    socket.waitForBytesWritten(WAIT_S * 1000)
    answer = b""
    while socket.waitForReadyRead(WAIT_S * 1000):
        answer += socket.readAll().data()
    socket.abort()
    return answer


def test_a_request_that_is_not_one_is_hung_up_on_and_not_served(first, tmp_path):
    name = SingleInstance(tmp_path / "data").name
    first.command("serve")
    for line in (b"not json\n", b'["a list"]\n', b'{"file": 3}\n', b'{"file": ""}\n'):
        assert send(name, line) == b"", line
    assert send(name, b'{"file": "/x/list.csv"}\n') == b"ok\n"
    assert first.served() == "/x/list.csv"  # the first thing served: nothing before it


def test_a_killed_holders_lock_is_stale_and_taken_over(first, tmp_path):
    data = tmp_path / "data"
    first.process.send_signal(signal.SIGKILL)  # no clean-up: the lock file and socket stay
    first.process.wait(WAIT_S)
    assert (data / LOCK_NAME).exists()
    assert not running_elsewhere(data)
    taker = SingleInstance(data)
    try:
        assert taker.claim(None) is Claim.FIRST
        assert running_elsewhere(data)
    finally:
        taker.release()


def test_a_live_holder_that_never_listens_leaves_a_separate_window(qapp, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    held = QLockFile(str(data / LOCK_NAME))  # held by a live process that never listens
    held.setStaleLockTime(0)
    assert held.tryLock(0)
    try:
        started = time.monotonic()
        assert SingleInstance(data, connect_for=0.3).claim("/x/a.txt") is Claim.SEPARATE
        assert time.monotonic() - started >= 0.3  # it kept trying, then gave up
        assert running_elsewhere(data)  # so this separate window offers no resume
    finally:
        held.unlock()


def test_new_instance_and_demo_never_take_the_lock(qapp, tmp_path):
    assert claim_instance(options(tmp_path, new_instance=True)) is Claim.SEPARATE
    assert claim_instance(options(tmp_path, demo=True, file="list.csv")) is Claim.SEPARATE
    assert not (tmp_path / "data" / LOCK_NAME).exists()
    assert not running_elsewhere(tmp_path / "data")
