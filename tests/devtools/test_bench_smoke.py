"""The benchmark runner works end to end (small sizes: correctness only, no timing)."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.slow
def test_the_benchmark_runs_every_section_at_small_sizes():
    done = subprocess.run(
        [sys.executable, "-m", "inventory_gui.devtools.bench", "--quick"],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    out = done.stdout
    for section in ("1. Throughput, engine only", "2. Latency-bound, engine only",
                    "3. Responsiveness", "4. Scale", "5. Start-up", "6. Bulk",
                    "7. Rate limits", "8. The fetch command, whole processes",
                    "9. Excel, whole processes", "10. Freezes"):  # fmt: skip
        assert section in out
    assert "full fetch" in out
    assert ", 2,000 ok" in out  # every product of the scale run answered
    assert "20,000-row file opened" in out
    assert "bulk / per product = " in out
    assert "xlsx / csv per round:" in out  # section 9 ran both formats
    assert "(e) our window, click to last row painted" in out
    assert "e/b = " in out
    assert "holding and fetching it" in out
    assert "paste 4,000 IDs until shown" in out
