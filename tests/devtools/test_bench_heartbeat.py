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
    qtbot.waitUntil(lambda: heartbeat.max_gap >= 0.06)
    heartbeat.stop()


def spin(cpu_seconds: float) -> None:
    """Work for ``cpu_seconds`` of this thread's CPU time (however loaded the machine)."""
    end = time.thread_time() + cpu_seconds
    while time.thread_time() < end:
        pass


def test_a_gap_the_gui_thread_spent_working_counts_as_busy(qtbot):
    heartbeat = Heartbeat()
    stall(qtbot, heartbeat, lambda: spin(0.06))
    assert heartbeat.max_gap_busy >= 0.06


def test_a_gap_the_gui_thread_spent_blocked_is_not_busy(qtbot):
    heartbeat = Heartbeat()
    stall(qtbot, heartbeat, lambda: time.sleep(0.1))  # blocked, as on a lock or the GIL
    # Most of the gap neither on a CPU nor waiting for one (waking up may wait a little).
    assert heartbeat.max_gap_busy + heartbeat.max_gap_queued < heartbeat.max_gap / 2
