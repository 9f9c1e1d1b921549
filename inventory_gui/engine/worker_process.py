"""The worker-process engine, window side (the default on POSIX).

Why a process: on a thread, the network loop holds the GIL most of the time
while a fetch runs at full speed, and every call Qt makes into Python (each
table cell painted) has to win it back, so repaints stall (README,
"Performance").  In another process the fetch has a GIL of its own and the
window's stays free for painting.

:class:`WorkerProcess` is the long-lived process (its side:
:mod:`inventory_gui.engine.worker_main`; the messages:
:mod:`inventory_gui.engine.protocol`); the window starts it once it is shown,
so its imports are not paid when Fetch is pressed.  :class:`WorkerProcessRun`
is one run: a reader thread receives result batches, records them in the
history and queues them for the GUI, which drains the queue on a timer.
:class:`WorkerProcessEngine` ties them to the
:class:`~inventory_gui.engine.interface.FetchEngine` interface.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from multiprocessing.connection import Connection
from typing import Any

from inventory_gui.core.fetch.settings import FetchSettings
from inventory_gui.core.history.run_recorder import RunRecorder
from inventory_gui.core.models import Product, Result
from inventory_gui.engine.base import OffThreadEngine, OffThreadRun
from inventory_gui.engine.protocol import WORKER_ARGUMENT, pack_products, unpack_result

log = logging.getLogger(__name__)

# How long a cancelled run may take to end before its worker is replaced.
CANCEL_GRACE_SECONDS = 5.0
# After a run of this many products the worker process is retired (see
# WorkerProcess.retire) and a fresh one started at the next prepare or run;
# below it, keeping the warm one costs little.
RETIRE_AFTER_PRODUCTS = 20_000
_run_ids = itertools.count(1)


class WorkerProcess:
    """The fetch worker process: started on demand, restarted if it died.

    Args:
        session_factory: opens each run's session in the worker; must be a
            picklable module-level function (None: ``fetcher.open_session``,
            imported by the worker only: this process need not load aiohttp).
        program: the command that starts the worker, before its own arguments:
            by default this Python with ``-m inventory_gui``, or the frozen app.
    """

    def __init__(
        self,
        session_factory: Callable[[FetchSettings], Any] | None = None,
        program: Sequence[str] | None = None,
    ) -> None:
        self.session_factory = session_factory
        if program is None:
            frozen = getattr(sys, "frozen", False)  # the frozen app is the command itself
            program = [sys.executable] if frozen else [sys.executable, "-m", "inventory_gui"]
        self.program = list(program)
        self._process: subprocess.Popen[bytes] | None = None
        self._conn: Connection | None = None
        self._send_lock = threading.Lock()
        self._start_lock = threading.Lock()  # the GUI's prepare() and a run's reader

    @property
    def pid(self) -> int | None:
        """The process ID while it runs (for diagnostics and the benchmark)."""
        return self._process.pid if self.alive and self._process is not None else None

    @property
    def alive(self) -> bool:
        """True while the process runs."""
        return self._process is not None and self._process.poll() is None

    def start(self) -> None:
        """Start the process unless it runs already (returns at once; it loads meanwhile)."""
        with self._start_lock:
            if not self.alive:
                self.close()
                self._spawn()

    def _spawn(self) -> None:
        ours, theirs = socket.socketpair()
        command = [*self.program, WORKER_ARGUMENT, str(theirs.fileno())]
        try:
            self._process = subprocess.Popen(
                command, pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL
            )
        finally:
            theirs.close()
        self._conn = Connection(ours.detach())

    def send(self, message: tuple[Any, ...]) -> None:
        """Send one message (any thread).

        Raises:
            OSError: the process is gone.
        """
        conn = self._conn
        if conn is None:
            raise BrokenPipeError("the fetch worker is not running")
        with self._send_lock:
            conn.send(message)

    def receive(self) -> tuple[Any, ...]:
        """Wait for the next message (one thread at a time).

        Raises:
            EOFError, OSError: the process is gone.
        """
        if self._conn is None:
            raise EOFError
        return self._conn.recv()

    def describe_end(self) -> str:
        """Why the process is gone, for an error message."""
        process = self._process
        try:
            code = process.wait(5) if process is not None else None
        except subprocess.TimeoutExpired:
            return "the connection to the fetch worker process broke"
        return f"the fetch worker process stopped unexpectedly (exit status {code})"

    def close(self, timeout: float = 5.0) -> None:
        """Ask the process to exit, wait for it, kill it if it does not."""
        process, conn = self._process, self._conn
        self._process = self._conn = None
        _retire(process, conn, timeout)

    def kill(self) -> None:
        """Kill the process at once (any thread); the next :meth:`start` starts another."""
        process = self._process
        if process is not None:
            with contextlib.suppress(OSError):
                process.kill()

    def replace(self) -> None:
        """Kill the process and start a fresh one (a run was abandoned mid-way).

        Nothing the old process sent or would send can reach a later run: that
        goes through the new process's socket.  Never raises: if the new one
        cannot start, the next :meth:`start` tries again.
        """
        with self._start_lock:
            process, conn = self._process, self._conn
            self._process = self._conn = None
            if process is not None:
                with contextlib.suppress(OSError):
                    process.kill()
                process.wait()
            if conn is not None:
                conn.close()
            try:
                self._spawn()
            except OSError:
                log.exception("could not start a new fetch worker")

    def retire(self) -> threading.Thread:
        """Let the process go without waiting (no run is going); :meth:`start` starts another.

        After a large run the process holds memory its products and results
        needed; letting it exit gives it all back at once.  The fresh one is
        not started here: its start-up (imports, a core's worth of CPU for a
        fifth of a second) would compete with the window's end of the run.
        The old process is told to exit and reaped on a thread of its own,
        which is returned.
        """
        with self._start_lock:
            process, conn = self._process, self._conn
            self._process = self._conn = None
        reaper = threading.Thread(target=_retire, args=(process, conn), daemon=True)
        reaper.start()
        return reaper


def _retire(
    process: subprocess.Popen[bytes] | None, conn: Connection | None, timeout: float = 5.0
) -> None:
    """Ask a worker process to exit, wait for it, kill it if it does not."""
    if conn is not None:
        with contextlib.suppress(OSError):
            conn.send(("exit",))
        conn.close()
    if process is not None:
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class WorkerProcessRun(OffThreadRun):
    """One run on a :class:`WorkerProcess`.

    Every message of the run carries its run ID, so a late message of an
    earlier run is never taken for this one.  If anything fails on this side
    (sending, decoding, recording), the worker is replaced at once: the run
    ends on both sides and nothing of it can reach the next run.  A worker
    that has not ended the run ``CANCEL_GRACE_SECONDS`` after a cancel is
    replaced too, and the rows it left read cancelled.

    Args:
        products: what to check.
        settings: the run's settings (validated here).
        worker: the process to run it in (started if it is not running).
        recorder: records the run in the history, on the reader thread.
    """

    def __init__(
        self,
        products: Sequence[Product],
        settings: FetchSettings,
        worker: WorkerProcess,
        recorder: RunRecorder | None = None,
    ) -> None:
        super().__init__(products, settings, recorder)
        self._worker = worker
        self._run_id = next(_run_ids)
        self._concurrency = settings.concurrency
        self._pace: str | None = None
        self._sent = False
        self._contacted = False  # the worker may have had part of this run
        self._watchdog: threading.Timer | None = None
        self._overdue = False  # the watchdog killed the worker after a cancel

    @property
    def concurrency(self) -> tuple[int, int]:
        """(allowed now, configured) requests in flight, as last reported by the worker."""
        return self._concurrency, self._settings.concurrency

    @property
    def pace(self) -> str | None:
        """The rate controller's pace, as last reported by the worker."""
        return self._pace

    def cancel(self) -> None:
        """Stop the run from any thread; unfinished rows end ``cancelled``."""
        self._cancel_requested = True  # seen by the reader before it sends the run
        if self.future.done():
            return
        if self._sent:
            with contextlib.suppress(OSError):
                self._worker.send(("cancel", self._run_id))
        if self._watchdog is None:
            self._watchdog = threading.Timer(CANCEL_GRACE_SECONDS, self._cancel_overdue)
            self._watchdog.daemon = True
            self._watchdog.start()

    def _cancel_overdue(self) -> None:
        if not self.future.done():
            log.warning("the fetch worker did not stop when cancelled: replacing it")
            self._overdue = True
            self._worker.kill()  # the reader then sees the end of the socket

    def _abandon(self) -> None:
        if self._contacted:
            self._worker.replace()

    def _run(self, results: list[Result | None]) -> None:
        try:
            super()._run(results)
        except (EOFError, OSError) as exc:
            if self._overdue:
                self._worker.replace()
                return  # cancelled: the rows left end so
            raise RuntimeError(self._worker.describe_end()) from exc
        finally:
            if self._watchdog is not None:
                self._watchdog.cancel()

    def _launch(self) -> None:
        worker = self._worker
        worker.start()
        columns = self._settings.placeholders()  # URL and body: what the worker needs
        packed = pack_products(self._products, columns)
        self._contacted = True
        worker.send(("run", self._run_id, packed, self._settings, worker.session_factory))
        self._sent = True
        if self._cancel_requested:  # cancel() came while sending: it did not send
            worker.send(("cancel", self._run_id))

    def _gather(self, results: list[Result | None]) -> None:
        # The worker's first results wait in the socket while the history begins.
        while self._receive(results):
            pass

    def _receive(self, results: list[Result | None]) -> bool:
        """Handle one message; return False once the run is over."""
        message = self._worker.receive()
        kind, run_id = message[0], message[1]
        if kind == "unreadable":  # the worker could not unpickle what was sent
            raise RuntimeError(f"the fetch worker could not read the run: {message[2]}")
        if run_id != self._run_id:
            return True  # left over from an earlier run
        if kind == "done":
            if message[2] is not None:
                raise RuntimeError(message[2])
            return False
        _kind, _run_id, batch, self._concurrency, self._pace = message
        products = self._products
        unpacked = []
        for index, packed in batch:
            results[index] = result = unpack_result(packed, products[index])
            unpacked.append(result)
        self._buffer.extend(unpacked)
        if self._recorder is not None:
            self._recorder.record_many(unpacked)
        return True


class WorkerProcessEngine(OffThreadEngine):
    """Runs each fetch as a :class:`WorkerProcessRun` on one long-lived :class:`WorkerProcess`.

    After a run of ``RETIRE_AFTER_PRODUCTS`` or more, the process is retired,
    which gives back at once the memory the run needed; the next
    :meth:`prepare` (the window calls it once a run's end is shown) or run
    starts a fresh one.

    Args:
        session_factory: opens each run's session in the worker; a picklable
            module-level function (None: ``fetcher.open_session``).
    """

    def __init__(self, session_factory: Callable[[FetchSettings], Any] | None = None) -> None:
        super().__init__()
        self.worker = WorkerProcess(session_factory)

    def prepare(self) -> None:
        """Start the worker process (and the runs' thread) now, so that Fetch need not."""
        super().prepare()
        self.worker.start()

    def _new_run(
        self, products: list[Product], settings: FetchSettings, recorder: RunRecorder | None
    ) -> WorkerProcessRun:
        run = WorkerProcessRun(products, settings, self.worker, recorder)
        if len(products) >= RETIRE_AFTER_PRODUCTS:
            # On the run's thread, before the window hears of the end.
            run.future.add_done_callback(self._retire_worker)
        return run

    def _retire_worker(self, _future: Future[list[Result]]) -> None:
        self.worker.retire()

    @property
    def worker_pid(self) -> int | None:
        """The worker process's ID while it runs."""
        return self.worker.pid

    def close(self) -> None:
        """Stop the worker process and the runs' thread."""
        self.worker.close()
        super().close()
