"""The fetcher's helpers: the workers' start-up ramp and the check-time stamps."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest

from inventory_gui.core.clock import utc_stamp
from inventory_gui.core.fetch import fetcher as fetcher_module


def test_ramp_is_capped_for_a_large_pool():
    assert fetcher_module._ramp_step(100) == fetcher_module._RAMP_STEP_S
    assert fetcher_module._ramp_step(1000) * 1000 == pytest.approx(fetcher_module._RAMP_MAX_S)
    assert fetcher_module._ramp_step(0) == 0.0


def test_check_times_are_iso_utc_and_shared_within_a_millisecond():
    stamps = [utc_stamp() for _ in range(2000)]
    parsed = datetime.fromisoformat(stamps[0].replace("Z", "+00:00"))
    assert abs((datetime.now(UTC) - parsed).total_seconds()) < 5
    assert all(len(s) == len("2024-01-01T00:00:00.000Z") and s.endswith("Z") for s in stamps)
    same = [(a, b) for a, b in itertools.pairwise(stamps) if a == b]
    assert same  # 2,000 calls take far less than 2,000 ms
    assert all(a is b for a, b in same)
