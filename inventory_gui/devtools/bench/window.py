"""The window end to end, offscreen, in its own process.

``python -m inventory_gui.devtools.bench.window TEMPLATE N CONCURRENCY [--large ROWS]``
prints one JSON line with:

- ``load_s``: opening an N-row CSV until the table holds every row;
- ``seconds``: Fetch clicked until the last result is in the model (the
  run's stock summary, done after that, is in the heartbeat figure, not here);
- ``max_gap_ms``: the longest gap between 10 ms heartbeat timers on the GUI
  thread during the fetch (what a user feels as a stutter), ``max_gap_at_s``
  when it ended, in seconds from the click; of it, ``max_gap_busy_ms`` the
  GUI thread spent on a CPU (its own work), ``max_gap_queued_ms`` waiting
  for a core (a loaded machine; Linux only, else 0) and the rest blocked
  (as a rule on the GIL);
- ``sort_ms`` / ``scroll_ms``: sorting by quantity, and scrolling to the end
  and back, each until repainted;
- ``peak_rss_mb``: the whole app's peak resident memory, the window's process
  plus its fetch worker process, sampled together every 20 ms (and each
  process's own peak: ``window_rss_mb``, ``worker_rss_mb``);
- ``painted_s``: Fetch clicked until the table's viewport has repainted after
  the last row came in (what the user sees: the whole run, end to end);
- ``worker_wait_s``: how long the click waited for the fetch worker, started
  when the window showed, to be ready (see :func:`worker_ready`);
- with ``--large ROWS``: ``large_load_s`` and ``large_max_gap_ms`` for opening
  a ROWS-row file while the heartbeat runs (``large_gap_at_s``/``_busy_ms``/
  ``_queued_ms``: when that gap ended, and how the GUI thread spent it); with
  ``--large-fetch`` that list is then fetched too (``large_fetch_s``; the peak
  RSS then covers a ROWS-row run);
- with ``--freezes``: the longest GUI-thread gaps of the known freezes (see
  :mod:`inventory_gui.devtools.bench.freezes`).
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import os
import resource
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication

import qasync  # after PySide6

from inventory_gui.devtools.bench import freezes
from inventory_gui.gui.app import (
    after_window_shown,
    build_main_window,
    make_application,
    tune_interpreter,
)
from inventory_gui.gui.table.columns import QUANTITY_COLUMN


class MemorySampler:
    """Samples the resident memory of this process plus the fetch worker's, every 20 ms.

    The peak of the sum is the whole app's peak; the sum of each process's own
    peak would overstate it (they do not peak at the same moment).
    """

    def __init__(self, worker_pid: Callable[[], int | None]) -> None:
        self.peak_mb = 0.0
        self.worker_peak_mb = 0.0
        self._worker_pid = worker_pid
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak_mb

    def _run(self) -> None:
        while not self._stop.wait(0.02):
            pid = self._worker_pid()
            worker = _rss_mb(str(pid)) if pid else 0.0
            self.worker_peak_mb = max(self.worker_peak_mb, worker)
            self.peak_mb = max(self.peak_mb, _rss_mb("self") + worker)


def _rss_mb(pid: str) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:  # the worker just exited, or no /proc here
        pass
    return 0.0


WORKER_WAIT_S = 10.0


async def worker_ready(window) -> float | None:
    """Wait until the fetch worker reads its socket; return the seconds waited.

    The window starts its worker when it shows (``after_window_shown``), so
    that it has imported aiohttp by the time a user has picked products and
    pressed Fetch.  The benchmark clicks a tenth of a second after the window
    shows, sooner than a user can: without this wait each round's click also
    waited for the worker's start-up.  Ready means its reader thread has
    started (a second thread).  None without ``/proc`` (then the click does
    not wait) or if it is not ready within :data:`WORKER_WAIT_S`.
    """
    started = time.perf_counter()
    while time.perf_counter() - started < WORKER_WAIT_S:
        threads = _threads(window.runner.worker_pid)
        if threads is None:
            return None
        if threads >= 2:
            return time.perf_counter() - started
        await asyncio.sleep(0.005)
    return None


def _threads(pid: int | None) -> int | None:
    """How many threads process ``pid`` runs (None if unknown)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Threads:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def _queued_seconds() -> float:
    """Seconds this thread has spent runnable but waiting for a core (0.0 without Linux's
    ``/proc/thread-self/schedstat``)."""
    try:
        with open("/proc/thread-self/schedstat", encoding="ascii") as stats:
            return int(stats.read().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return 0.0


class Heartbeat:
    """A 10 ms timer on the GUI thread that remembers the longest gap between ticks.

    With it, how the GUI thread spent that gap: on a CPU (``max_gap_busy``:
    the window's own work), waiting for a core (``max_gap_queued``: the
    machine's load), and the rest blocked (the GIL, as a rule: another thread
    of the window's process held it).
    """

    def __init__(self) -> None:
        self.max_gap = 0.0
        self.max_gap_at = 0.0  # seconds from start() to the end of the longest gap
        self.max_gap_busy = self.max_gap_queued = 0.0
        self._started = self._last = time.perf_counter()
        self._last_cpu, self._last_queued = time.thread_time(), _queued_seconds()
        self._timer = QTimer()
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.max_gap = self.max_gap_at = self.max_gap_busy = self.max_gap_queued = 0.0
        self._started = self._last = time.perf_counter()
        self._last_cpu, self._last_queued = time.thread_time(), _queued_seconds()
        self._timer.start()

    def stop(self) -> float:
        self._timer.stop()
        return self.max_gap * 1000.0

    def _tick(self) -> None:
        now, cpu, queued = time.perf_counter(), time.thread_time(), _queued_seconds()
        if now - self._last > self.max_gap:
            self.max_gap, self.max_gap_at = now - self._last, now - self._started
            self.max_gap_busy = cpu - self._last_cpu
            self.max_gap_queued = queued - self._last_queued
        self._last, self._last_cpu, self._last_queued = now, cpu, queued


class PaintWatch(QObject):
    """Notes when a widget starts painting (an event filter on it)."""

    def __init__(self, widget) -> None:
        super().__init__(widget)
        self._painted: list[float] = []
        self._next: asyncio.Future[float] | None = None
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Note the time of every paint; let every event through."""
        if event.type() == QEvent.Type.Paint:
            now = time.perf_counter()
            self._painted.append(now)
            if self._next is not None and not self._next.done():
                self._next.set_result(now)
        return False

    def expect(self, moment: float) -> None:
        """Wait for the first paint after ``moment`` (asking for one at once)."""
        self._painted = [t for t in self._painted if t >= moment]
        self._next = asyncio.get_running_loop().create_future()
        if self._painted:
            self._next.set_result(self._painted[0])
        else:  # the view repaints only changed rows on screen: the last batch may have none.
            # One pixel, not the whole viewport: a full repaint here would be the
            # benchmark's own work, inside the GUI-thread gap it measures.
            self.parent().update(0, 0, 1, 1)

    async def painted(self) -> float:
        """The time of the paint :meth:`expect` waits for."""
        assert self._next is not None
        return await self._next


def write_ids(path: Path, rows: int) -> Path:
    """A CSV with an ID and a name column."""
    with path.open("w", encoding="utf-8") as out:
        out.write("sku,name\n")
        out.writelines(f"sku{i:06d},Product number {i}\n" for i in range(rows))
    return path


def settle(app: QApplication) -> None:
    """Process pending events, repaints included."""
    app.processEvents()
    app.processEvents()


async def measure(options: argparse.Namespace, folder: Path, app: QApplication) -> dict:
    settings = QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)
    window = build_main_window(settings=settings, data_dir=str(folder / "data"))
    connection = window.connection.settings()
    window.connection.set_settings(
        dataclasses.replace(
            connection, url_template=options.template, concurrency=options.concurrency, retries=0
        )
    )
    window.resize(1280, 800)
    window.show()
    after_window_shown(window)  # as run_window() does
    memory = MemorySampler(lambda: window.runner.worker_pid)
    memory.start()
    heartbeat = Heartbeat()
    figures: dict = {"n": options.n}
    path = write_ids(folder / "products.csv", options.n)
    started = time.perf_counter()
    assert await window.load_file(path)
    settle(app)
    figures["load_s"] = time.perf_counter() - started
    finished = asyncio.Event()
    window.fetchFinished.connect(lambda _p: finished.set())
    paints = PaintWatch(window.table.viewport())
    last_row_in: list[float] = []  # the runner's final flush: the last row is in the model

    def run_ended(_progress) -> None:
        last_row_in.append(time.perf_counter())
        paints.expect(last_row_in[0])

    window.runner.finished.connect(run_ended)
    window.table.scrollToBottom()  # the last rows of the list on screen, as they come
    settle(app)
    figures["worker_wait_s"] = await worker_ready(window)
    heartbeat.start()
    started = time.perf_counter()
    window.actions["fetch"].trigger()
    await finished.wait()  # then the stock counts and alert: the heartbeat covers them too
    figures["seconds"] = last_row_in[0] - started
    figures["painted_s"] = await paints.painted() - started
    figures["max_gap_ms"] = heartbeat.stop()
    figures["max_gap_at_s"] = heartbeat.max_gap_at  # when in the run: its start, middle or end
    figures["max_gap_busy_ms"] = heartbeat.max_gap_busy * 1000.0
    figures["max_gap_queued_ms"] = heartbeat.max_gap_queued * 1000.0
    figures["ok"] = sum(1 for r in window.model.results() if r.status == "ok")
    figures.update(interaction_times(window, app))
    if options.freezes:
        figures.update(await freezes.measure(window, app, heartbeat, options.n))
    if options.large:
        figures.update(await large_load(window, folder, options.large, heartbeat, app))
        if options.large_fetch:
            figures["large_fetch_s"] = await fetch_all(window)
    figures["peak_rss_mb"] = memory.stop()
    figures["worker_rss_mb"] = memory.worker_peak_mb
    figures["window_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    window.close()
    return figures


def interaction_times(window, app: QApplication) -> dict:
    """Sorting and scrolling the full table, each until repainted."""
    started = time.perf_counter()
    window.table.sortByColumn(QUANTITY_COLUMN, Qt.SortOrder.DescendingOrder)
    settle(app)
    sort_ms = (time.perf_counter() - started) * 1000
    started = time.perf_counter()
    window.table.scrollToBottom()
    settle(app)
    window.table.scrollToTop()
    settle(app)
    scroll_ms = (time.perf_counter() - started) * 1000
    window.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    return {"sort_ms": sort_ms, "scroll_ms": scroll_ms}


async def fetch_all(window) -> float:
    """Fetch the whole list; return the seconds until the run has finished."""
    finished = asyncio.Event()
    window.fetchFinished.connect(lambda _p: finished.set())
    started = time.perf_counter()
    window.actions["fetch"].trigger()
    await finished.wait()
    return time.perf_counter() - started


async def large_load(window, folder: Path, rows: int, heartbeat: Heartbeat, app) -> dict:
    """Open a very large file while the heartbeat runs."""
    path = write_ids(folder / "large.csv", rows)
    heartbeat.start()
    started = time.perf_counter()
    assert await window.load_file(path)
    await all_shown(window.model)
    settle(app)
    return {
        "large_rows": window.model.rowCount(),
        "large_load_s": time.perf_counter() - started,
        "large_max_gap_ms": heartbeat.stop(),
        "large_gap_at_s": heartbeat.max_gap_at,
        "large_gap_busy_ms": heartbeat.max_gap_busy * 1000.0,
        "large_gap_queued_ms": heartbeat.max_gap_queued * 1000.0,
    }


async def all_shown(model) -> None:
    """Wait until the model has shown every row (a long list comes a slice per turn)."""
    shown = asyncio.Event()

    def check(*_: object) -> None:
        if not model.showing:
            shown.set()

    model.rowsInserted.connect(check)
    check()
    await shown.wait()
    model.rowsInserted.disconnect(check)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("template")
    parser.add_argument("n", type=int)
    parser.add_argument("concurrency", type=int)
    parser.add_argument("--large", type=int, default=0)
    parser.add_argument("--large-fetch", action="store_true")
    parser.add_argument("--freezes", action="store_true")
    options = parser.parse_args()
    tune_interpreter()  # as run_app() does
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("INVENTORY_GUI_NO_KEYRING", "1")
    app = make_application()
    with (
        tempfile.TemporaryDirectory() as folder,
        asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner,
    ):
        figures = runner.run(measure(options, Path(folder), app))
    print(json.dumps(figures), flush=True)


if __name__ == "__main__":
    main()
