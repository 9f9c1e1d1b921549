"""Run progress shared by the command line and the window: counts, rate, ETA."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

from inventory_gui.core.models import Result

_RATE_WINDOW_S = 5.0


@dataclass
class Progress:
    """Counts of a run and a rate over the last few seconds.

    Attributes:
        total: products in the run.
        done: results that are final (any status).
        ok / errors / cancelled: counts per final status.
        concurrency: ``(current, configured)`` requests in flight allowed, shown
            while the current level is below the configured one; None to hide.
        pace: returns the rate controller's pace for people ("pacing at 180
            req/s, API limit learned from headers"), read when the line is drawn
            (never per result); None, or returning None, to hide.
    """

    total: int
    clock: Callable[[], float] = time.monotonic
    done: int = 0
    ok: int = 0
    errors: int = 0
    cancelled: int = 0
    concurrency: tuple[int, int] | None = None
    pace: Callable[[], str | None] | None = None
    started: float = field(init=False)
    _marks: deque[tuple[float, int]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.started = self.clock()
        self._marks = deque([(self.started, 0)])

    def add(self, result: Result) -> None:
        """Count one final result."""
        self.done += 1
        if result.status == "ok":
            self.ok += 1
        elif result.status == "error":
            self.errors += 1
        else:
            self.cancelled += 1

    def tick(self) -> None:
        """Record a sample for the rate; call it on a timer, not per result."""
        now = self.clock()
        self._marks.append((now, self.done))
        while len(self._marks) > 2 and now - self._marks[0][0] > _RATE_WINDOW_S:
            self._marks.popleft()

    @property
    def elapsed(self) -> float:
        """Seconds since the run started."""
        return self.clock() - self.started

    @property
    def rate(self) -> float:
        """Results per second over the last few seconds (whole run if shorter)."""
        first_t, first_done = self._marks[0]
        last_t, last_done = self._marks[-1]
        if last_t - first_t < 0.2:
            elapsed = self.elapsed
            return self.done / elapsed if elapsed > 0 else 0.0
        return (last_done - first_done) / (last_t - first_t)

    @property
    def eta(self) -> float | None:
        """Seconds left at the current rate, or None when unknown."""
        rate = self.rate
        left = self.total - self.done
        if left <= 0:
            return 0.0
        return left / rate if rate > 0 else None

    def summary(self) -> str:
        """One line: ``1,234/5,000 · 1,200 ok · 34 errors · 812/s · ETA 0:05``."""
        parts = [f"{self.done:,}/{self.total:,}", f"{self.ok:,} ok", f"{self.errors:,} errors"]
        if self.cancelled:
            parts.append(f"{self.cancelled:,} cancelled")
        parts.append(f"{self.rate:,.0f}/s")
        if self.concurrency is not None and self.concurrency[0] < self.concurrency[1]:
            parts.append(f"concurrency {self.concurrency[0]}/{self.concurrency[1]}")
        pace = self.pace() if self.pace is not None else None
        if pace:
            parts.append(pace)
        eta = self.eta
        if self.done < self.total:
            parts.append("ETA " + (format_duration(eta) if eta is not None else "--"))
        parts.append("elapsed " + format_duration(self.elapsed))
        return " · ".join(parts)


def format_duration(seconds: float | None) -> str:
    """Format seconds as ``m:ss`` or ``h:mm:ss``."""
    if seconds is None:
        return "--"
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class ProgressPrinter:
    """Prints progress to a stream (stderr) on a timer, never per result.

    On a terminal the line is redrawn in place ten times a second; otherwise a
    line is written every few seconds, so logs stay readable.  If the stream
    fails (a closed terminal), printing stops and the run goes on.
    ``before_draw`` is called before each line, to bring into ``progress``
    what changes too often to set per result (the concurrency in force).
    """

    def __init__(
        self,
        progress: Progress,
        stream: TextIO,
        *,
        quiet: bool = False,
        before_draw: Callable[[], None] | None = None,
    ) -> None:
        self._progress = progress
        self._stream = stream
        self._quiet = quiet
        self._before_draw = before_draw
        self._tty = _isatty(stream)
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Begin printing (no-op when quiet)."""
        if not self._quiet:
            self._task = asyncio.ensure_future(self._loop())

    async def _loop(self) -> None:
        interval = 0.1 if self._tty else 5.0
        while not self._quiet:
            await asyncio.sleep(interval)
            self._progress.tick()
            self._draw()

    def _draw(self, final: bool = False) -> None:
        if self._before_draw is not None:
            self._before_draw()
        line = self._progress.summary()
        try:
            if self._tty:
                self._stream.write("\r\x1b[2K" + line + ("\n" if final else ""))
            else:
                self._stream.write(line + "\n")
            self._stream.flush()
        except (OSError, ValueError):
            self._quiet = True

    async def stop(self) -> None:
        """Stop the timer and print the final line."""
        if self._task is None:
            return
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        if not self._quiet:
            self._progress.tick()
            self._draw(final=True)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (OSError, ValueError):
        return False
