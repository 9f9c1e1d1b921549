"""One window per user and data folder: a second start hands its file to the first.

The first start takes a lock file in the data folder (the history lives there:
two windows on one history would both offer to resume an interrupted run) and
listens on a local socket named after the user and that folder, in the user's
runtime folder.  A later start finds the lock held, connects, sends one line
of JSON naming the file from its command line (``{"file": "/abs/path"}`` or
``{"file": null}``), waits for ``ok`` and exits 0; the first window comes to
the front and opens the file.

A lock whose process is gone (killed, crashed) is stale and taken over: the
stale time is 0, so only a dead holder makes a lock stale, never its age (a
window stays open for days).  A lock held by a live process that does not
answer (a window on another host sharing the home folder, a hung one) does not
block the start: it goes on as a separate window, as ``--new-instance`` does.
"""

from __future__ import annotations

import enum
import getpass
import hashlib
import json
import logging
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QStandardPaths, QThread
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

LOCK_NAME = "instance.lock"
CONNECT_FOR_S = 2.0  # the first start listens right after taking the lock
ANSWER_TIMEOUT_MS = 5_000
MAX_MESSAGE = 64 * 1024  # a path, with room to spare; more is not a request
SOCKET_PATH_MAX = 100  # bytes: sun_path holds 104 (macOS) to 108 (Linux)

FileRequest = str | None
"""What a later start asks for: the file to open (an absolute path), or None."""


class Claim(enum.Enum):
    """What :meth:`SingleInstance.claim` found."""

    FIRST = "first"  # this start holds the lock and serves later starts
    HANDED_OVER = "handed over"  # a running window took the request: exit 0
    SEPARATE = "separate"  # neither: run as a separate window, as --new-instance


def _user() -> str:
    if hasattr(os, "getuid"):
        return str(os.getuid())
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no name for this user
        return "user"


def server_name(data_dir: Path) -> str:
    """The local socket's name: per user and per data folder.

    A path in the user's runtime folder (private to the user on Linux), or on
    Windows (named pipes) and where that path would not fit a socket address,
    a plain name that Qt puts in the temporary folder.
    """
    digest = hashlib.sha256(os.fsencode(data_dir.resolve())).hexdigest()[:16]
    name = f"inventory-gui-{_user()}-{digest}"
    if sys.platform == "win32":
        return name
    runtime = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.RuntimeLocation)
    path = os.path.join(runtime, name) if runtime else ""
    return path if path and len(os.fsencode(path)) <= SOCKET_PATH_MAX else name


def running_elsewhere(data_dir: Path) -> bool:
    """True if a live start holds ``data_dir``'s lock (checked, not kept)."""
    lock = QLockFile(str(data_dir / LOCK_NAME))
    lock.setStaleLockTime(0)
    if lock.tryLock(0):
        lock.unlock()
        return False
    return lock.error() == QLockFile.LockError.LockFailedError


class SingleInstance(QObject):
    """The single-instance lock and socket of one data folder.

    Args:
        data_dir: the data folder (its lock file and socket name).
        parent: the usual QObject parent.
        connect_for: how long a later start tries to reach a live lock's holder
            before it goes on as a separate window, in seconds.
    """

    def __init__(
        self, data_dir: Path, parent: QObject | None = None, *, connect_for: float = CONNECT_FOR_S
    ) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._connect_for = connect_for
        self._lock = QLockFile(str(data_dir / LOCK_NAME))
        self._lock.setStaleLockTime(0)  # stale only when its process is gone
        self.name = server_name(data_dir)
        self._server: QLocalServer | None = None
        self._handler: Callable[[FileRequest], None] | None = None
        self._pending: list[FileRequest] = []

    def claim(self, file: FileRequest) -> Claim:
        """Take the lock and listen, or hand ``file`` to the start that holds it."""
        try:
            self._data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            log.warning("single instance: no data folder (%s): a separate window", exc)
            return Claim.SEPARATE
        deadline = time.monotonic() + self._connect_for
        while True:
            if self._lock.tryLock(0):  # free, or its holder died (stale): ours
                self._listen()
                return Claim.FIRST
            if self._lock.error() != QLockFile.LockError.LockFailedError:
                log.warning("single instance: cannot write %s: a separate window", LOCK_NAME)
                return Claim.SEPARATE
            answered = self._hand_over(file)
            if answered:
                return Claim.HANDED_OVER
            if answered is False or time.monotonic() > deadline:
                break
            # No one listens yet: the holder is between its lock and its listen(),
            # or exiting (then the lock is free at the next try).
            QThread.msleep(50)
        log.warning("single instance: the running window does not answer: a separate window")
        return Claim.SEPARATE

    def serve(self, handler: Callable[[FileRequest], None]) -> None:
        """Pass requests to ``handler`` from now on (those that came before, first)."""
        self._handler = handler
        pending, self._pending = self._pending, []
        for request in pending:
            handler(request)

    def release(self) -> None:
        """Stop listening and drop the lock (a later start is the first again)."""
        if self._server is not None:
            self._server.close()
            self._server = None
        self._lock.unlock()

    # -- the first start --------------------------------------------------------

    def _listen(self) -> None:
        QLocalServer.removeServer(self.name)  # a killed holder's socket; the lock is ours now
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            log.warning("single instance: cannot listen: %s", server.errorString())
            return
        server.newConnection.connect(self._accept)
        self._server = server
        log.info("single instance: listening on %s", self.name)

    def _accept(self) -> None:
        assert self._server is not None
        while (connection := self._server.nextPendingConnection()) is not None:
            received = bytearray()
            connection.readyRead.connect(lambda c=connection, r=received: self._read(c, r))
            connection.disconnected.connect(connection.deleteLater)

    def _read(self, connection: QLocalSocket, received: bytearray) -> None:
        received += connection.readAll().data()
        if b"\n" not in received:
            if len(received) > MAX_MESSAGE:
                connection.abort()
            return
        request = _parse(bytes(received.split(b"\n", 1)[0]))
        if request is _BAD:
            log.warning("single instance: ignored a request that is not one")
            connection.abort()
            return
        connection.write(b"ok\n")
        connection.flush()
        connection.disconnectFromServer()
        log.info("single instance: a later start asks to show %s", request or "the window")
        if self._handler is None:
            self._pending.append(request)  # type: ignore[arg-type]
        else:
            self._handler(request)  # type: ignore[arg-type]

    # -- a later start ----------------------------------------------------------

    def _hand_over(self, file: FileRequest) -> bool | None:
        """True: the holder took ``file``; False: it did not answer; None: no one listens."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(1_000):
            return None
        socket.write(json.dumps({"file": file}).encode("ascii") + b"\n")  # \u-escaped
        socket.waitForBytesWritten(1_000)
        answer = bytearray()
        deadline = time.monotonic() + ANSWER_TIMEOUT_MS / 1000
        while b"\n" not in answer:
            left_ms = int((deadline - time.monotonic()) * 1000)
            if left_ms <= 0 or not socket.waitForReadyRead(left_ms):
                break  # no answer in time, or the holder hung up
            answer += socket.readAll().data()
        socket.abort()
        return answer.startswith(b"ok\n")


_BAD = object()


def _parse(line: bytes) -> object:
    """The request in ``line``: a path, None (just show the window), or :data:`_BAD`."""
    try:
        message = json.loads(line)
    except ValueError:  # not JSON, or not UTF-8
        return _BAD
    if not isinstance(message, dict):
        return _BAD
    file = message.get("file")
    return file if file is None or (isinstance(file, str) and file) else _BAD
