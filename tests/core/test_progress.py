"""Progress: counts, rate, ETA and the summary line."""

from __future__ import annotations

import pytest

from inventory_gui.core.models import Result
from inventory_gui.core.progress import Progress, format_duration


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
