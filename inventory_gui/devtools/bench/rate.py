"""Benchmark section 7: riding an API's rate limit, whole ``inventory-gui fetch`` runs.

Each case starts :mod:`inventory_gui.devtools.bench.limited_api` in its own
process and runs ``inventory-gui fetch`` (a fresh process, no history) on
``N`` products at concurrency 64, then reads the server's counts.  The rate
achieved is the server's accepted answers over the time from its first to its
last (``api rate``); the wall time is the whole command's, start-up included.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from inventory_gui.devtools.bench.processes import serving

PY = sys.executable
ALLOWED = 200.0
HAND_SET = ["--rate-limit", "200"]  # what a user who knows the limit gives


@contextmanager
def limited_server(*args: str) -> Iterator[int]:
    """Run the limited API; yield its port."""
    with serving("inventory_gui.devtools.bench.limited_api", *args) as port:
        yield port


def fetch_run(port: int, ids: Path, out: Path, *extra: str) -> dict[str, float]:
    """One ``inventory-gui fetch`` process; its wall time, rows ok and the server's counts."""
    template = f"http://127.0.0.1:{port}/get-current-inventory/{{id}}"
    command = [
        PY, "-m", "inventory_gui", "fetch", str(ids), "--url-template", template,
        "--concurrency", "64", "--no-history", "--quiet", "--output", str(out), *extra,
    ]  # fmt: skip
    started = time.perf_counter()
    subprocess.run(command, capture_output=True, check=False, timeout=900)
    wall = time.perf_counter() - started
    rows = json.loads(out.read_text(encoding="utf-8"))
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/stats", timeout=10) as answer:
        stats = json.loads(answer.read())
    ok = sum(row["status"] == "ok" for row in rows)
    span = stats["ok_span_s"] or wall
    return {
        "wall": wall,
        "ok": ok,
        "n": len(rows),
        "refused": stats["refused"],
        "answers": stats["answers"],
        "api_rate": stats["ok"] / span,
    }


def _line(label: str, got: dict[str, float], allowed: float | None) -> str:
    share = f"  = {got['api_rate'] / allowed:.2f} of allowed" if allowed else ""
    refused = got["refused"] / max(1, got["answers"])
    return (
        f"   {label:<44} {got['wall']:>6.1f} s  ok {got['ok']:,}/{got['n']:,}  "
        f"429s {got['refused']:,} ({refused:.1%})  api rate {got['api_rate']:,.0f}/s{share}"
    )


def rate_limits(n: int) -> list[str]:
    """The section's lines."""
    lines = [f"7. Rate limits: {n:,} products, concurrency 64, whole `inventory-gui fetch` runs"]
    with tempfile.TemporaryDirectory() as folder:
        ids = Path(folder) / "ids.txt"
        ids.write_text("".join(f"p{i}\n" for i in range(n)), encoding="utf-8")
        out = Path(folder) / "out.json"
        cases = [
            ("(i) 200/s burst 20, 429 + Retry-After only", ["bucket"], ALLOWED),
            ("(ii) the same, budget in RateLimit/X-RateLimit", ["bucket", "--headers"], ALLOWED),
        ]
        for title, server_args, allowed in cases:
            lines.append(f"  {title}:")
            for label, extra in (("adaptive (default)", []), ("--rate-limit 200", HAND_SET)):
                with limited_server(*server_args) as port:
                    lines.append(_line(label, fetch_run(port, ids, out, *extra), allowed))
        lines.append("  (iii) not slower where no rate limit binds:")
        others = [
            ("concurrency cap 8, 10 ms", ["concurrency", "--cap", "8", "--latency-ms", "10"]),
            ("slow API, 50 ms, no limit", ["slow", "--latency-ms", "50"]),
        ]
        for title, server_args in others:
            for label, extra in (("adaptive (default)", []), ("--no-adaptive", ["--no-adaptive"])):
                with limited_server(*server_args) as port:
                    lines.append(
                        _line(f"{title}: {label}", fetch_run(port, ids, out, *extra), None)
                    )
    return lines
