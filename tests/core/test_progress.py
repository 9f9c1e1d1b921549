"""Progress: counts, rate, ETA and the summary line."""

from __future__ import annotations

import asyncio
import io

import pytest

from inventory_gui.core.models import Result
from inventory_gui.core.progress import Progress, ProgressPrinter, format_duration


def test_progress_counts_rate_and_eta():
    now = [100.0]
    progress = Progress(total=10, clock=lambda: now[0])
    for status in ["ok", "ok", "error", "ok"]:
        progress.add(Result(id="x", status=status))
    now[0] = 102.0
    progress.tick()
    assert (progress.done, progress.ok, progress.errors) == (4, 3, 1)
    assert progress.rate == pytest.approx(2.0)
    assert progress.eta == pytest.approx(3.0)
    assert progress.summary() == "4/10 · 3 ok · 1 errors · 2/s · ETA 0:03 · elapsed 0:02"
    assert format_duration(3725) == "1:02:05"


def test_the_printer_reads_the_concurrency_before_each_line_not_per_result():
    progress = Progress(total=3)
    stream = io.StringIO()
    in_force = [(64, 64)]
    reads: list[int] = []

    def read_concurrency() -> None:
        reads.append(progress.done)
        progress.concurrency = in_force[0]

    async def scenario() -> None:
        printer = ProgressPrinter(progress, stream, before_draw=read_concurrency)
        printer.start()
        for _ in range(3):
            progress.add(Result(id="x", status="ok"))
        in_force[0] = (5, 64)  # lowered during the run
        await printer.stop()

    asyncio.run(scenario())
    assert reads == [3]  # once, for the final line (a 5 s interval off a terminal)
    assert "3/3 · 3 ok · 0 errors" in stream.getvalue()
    assert "concurrency 5/64" in stream.getvalue()
