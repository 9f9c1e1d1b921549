"""The window benchmark's heartbeat: the longest GUI-thread gap, and how much of it was work."""

from __future__ import annotations

import time

from inventory_gui.devtools.bench.window import Heartbeat


def stall(qtbot, heartbeat: Heartbeat, hold) -> None:
    """Hold the GUI thread with ``hold`` between two heartbeat ticks."""
    heartbeat.start()
    ticks = heartbeat.max_gap_at
    qtbot.waitUntil(lambda: heartbeat.max_gap_at != ticks)  # it ticks
    hold()
    qtbot.waitUntil(lambda: heartbeat.max_gap >= 0.08)
    heartbeat.stop()


def spin(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def test_a_gap_the_gui_thread_spent_working_counts_as_busy(qtbot):
    heartbeat = Heartbeat()
    stall(qtbot, heartbeat, lambda: spin(0.1))
    assert heartbeat.max_gap_busy >= 0.05  # most of the 0.1 s (the machine may be loaded)


def test_a_gap_the_gui_thread_spent_blocked_is_not_busy(qtbot):
    heartbeat = Heartbeat()
    stall(qtbot, heartbeat, lambda: time.sleep(0.1))  # blocked, as on a lock or the GIL
    assert heartbeat.max_gap_busy < 0.03
