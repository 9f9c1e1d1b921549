"""``python -m inventory_gui.devtools.bench``: every performance figure, side by side.

Starts the bench API server in its own process, then runs each client in a
fresh process, round after round, so that a reference and what is compared
with it are measured in the same round; ratios are taken per round and the
median over rounds is printed.  ``--quick`` runs small sizes once (the CI
smoke run: it checks that everything works, not how fast).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from inventory_gui.devtools.bench import whole
from inventory_gui.devtools.bench.clients import BULK_BATCH_SIZE
from inventory_gui.devtools.bench.processes import serving
from inventory_gui.devtools.bench.rate import rate_limits

PY = sys.executable


@contextmanager
def bench_server(latency_ms: float, *, stock_loop: bool = False) -> Iterator[int]:
    """Run the bench server (on uvloop, or on the stock loop); yield its port."""
    extra = ["stock"] if stock_loop else []
    with serving("inventory_gui.devtools.bench.server", str(latency_ms), *extra) as port:
        yield port


def run_json(*args: str, timeout: float = 900) -> dict:
    """Run a bench module in a fresh process; return its JSON line."""
    done = subprocess.run(
        [PY, "-m", *args], capture_output=True, text=True, timeout=timeout, check=False
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return json.loads(lines[-1])


def client(mode: str, port: int, n: int, concurrency: int) -> dict:
    figures = run_json(
        "inventory_gui.devtools.bench.clients", mode, str(port), str(n), str(concurrency)
    )
    if figures["errors"] and mode != "seed":  # the seed's way loses requests: that is its flaw
        raise RuntimeError(f"{mode}: {figures['errors']} of {n} requests failed")
    return figures


def window(port: int, n: int, concurrency: int, *extra: str) -> dict:
    template = f"http://127.0.0.1:{port}/get-current-inventory/{{id}}"
    return run_json(
        "inventory_gui.devtools.bench.window", template, str(n), str(concurrency), *extra
    )


def median(values: list[float]) -> float:
    return statistics.median(values)


def throughput(options: argparse.Namespace) -> list[str]:
    """Target 1 (and 3, measured during the window run).

    (b) is the stronger of the two plain aiohttp clients in each round (the
    semaphore one, as a rule), so no ratio is flattered by a weak reference.
    """
    n, c = options.n, options.concurrency
    rates: dict[str, list[float]] = {
        "a": [], "plain": [], "sem": [], "c": [], "d": [], "e": []
    }  # fmt: skip
    ratios: dict[str, list[float]] = {"c/b": [], "d/b": [], "e/b": [], "c/a": []}
    gaps, sorts, scrolls = [], [], []
    with bench_server(0) as port:
        for round_ in range(options.rounds):
            seed_every = options.seed_rounds and round_ < options.seed_rounds
            plain = n / client("plain", port, n, c)["seconds"]
            sem = n / client("sem", port, n, c)["seconds"]
            cc = n / client("fetch", port, n, c)["seconds"]
            win = window(port, n, c)
            d = n / win["seconds"]
            e = n / win["painted_s"]
            for key, value in (("plain", plain), ("sem", sem), ("c", cc), ("d", d), ("e", e)):
                rates[key].append(value)
            b = max(plain, sem)
            ratios["c/b"].append(cc / b)
            ratios["d/b"].append(d / b)
            ratios["e/b"].append(e / b)
            if seed_every:
                a = n / client("seed", port, n, c)["seconds"]
                rates["a"].append(a)
                ratios["c/a"].append(cc / a)
            gaps.append(win["max_gap_ms"])
            sorts.append(win["sort_ms"])
            scrolls.append(win["scroll_ms"])
            print(
                f"  round {round_ + 1}: plain {plain:,.0f}/s  sem {sem:,.0f}/s  "
                f"c {cc:,.0f}/s  d {d:,.0f}/s  e {e:,.0f}/s (e/b {e / b:.2f})  "
                f"gap {win['max_gap_ms']:.0f} ms at {win['max_gap_at_s']:.1f} s"
                f" ({win['max_gap_busy_ms']:.0f} ms on a CPU,"
                f" {win['max_gap_queued_ms']:.0f} ms waiting for one)"
                f"{_worker_wait(win)}",
                flush=True,
            )
    names = {
        "a": "(a) seed's way: session per request, unbounded gather",
        "plain": "(b) plain aiohttp: one session, gather, stock loop",
        "sem": "(b) the same with a semaphore per request",
        "c": "(c) our headless fetch, engine only",
        "d": "(d) our window, click to last row in the model",
        "e": "(e) our window, click to last row painted",  # its worker ready, as a user's is
    }
    lines = [
        f"1. Throughput, engine only (no start-up, input, history or output; see 6):"
        f" {n:,} products, zero latency, concurrency {c} (median/s)"
    ]
    for key, label in names.items():
        if rates[key]:
            lines.append(f"   {label:<55} {median(rates[key]):>8,.0f}/s")
    lines.append("   ratios per round against the faster (b) of that round, median:")
    targets = {"c/b": 0.95, "d/b": 0.90, "e/b": 0.90, "c/a": 5.0}
    for key, target in targets.items():
        if ratios[key]:
            got = median(ratios[key])
            verdict = "met" if got >= target else "MISSED"
            spread = " ".join(f"{r:.2f}" for r in ratios[key])
            lines.append(
                f"   {key} = {got:.2f}   (target >= {target:.2f}: {verdict}; rounds {spread})"
            )
    lines.append("3. Responsiveness during (d), click to the end of the run (history on):")
    spread = " ".join(f"{g:.0f}" for g in gaps)
    lines.append(
        f"   longest gap between 10 ms heartbeats  {median(gaps):>6.0f} ms "
        f"(target <= 16; rounds {spread})"
    )
    lines.append(f"   sort {n:,} rows by quantity, repainted  {median(sorts):>6.0f} ms")
    lines.append(f"   scroll to the end and back, repainted {median(scrolls):>6.0f} ms")
    return lines


def _worker_wait(win: dict) -> str:
    """How long the click waited for the fetch worker's start-up (see window.worker_ready)."""
    waited = win.get("worker_wait_s")
    return "" if waited is None else f"  (click waited {waited * 1000:.0f} ms for the worker)"


def latency_bound(options: argparse.Namespace) -> list[str]:
    """Target 2: N x L / C is the ideal wall time."""
    n, latency, c = options.latency_n, 50.0, 100
    ideal = n * latency / 1000.0 / c
    walls: dict[str, list[float]] = {"plain": [], "sem": [], "fetch": []}
    with bench_server(latency) as port:
        for _ in range(options.rounds):
            for mode in walls:
                walls[mode].append(client(mode, port, n, c)["seconds"])
    lines = [
        f"2. Latency-bound, engine only: {n:,} products, {latency:.0f} ms latency, concurrency {c}"
    ]
    lines.append(f"   ideal N x L / C                          {ideal:>6.2f} s")
    labels = {"plain": "plain aiohttp", "sem": "plain aiohttp + semaphore", "fetch": "our fetch"}
    for mode, label in labels.items():
        wall = median(walls[mode])
        lines.append(f"   {label:<40} {wall:>6.2f} s  = {wall / ideal:.2f} x ideal")
    rounds = " ".join(f"{wall / ideal:.3f}" for wall in walls["fetch"])
    lines.append(f"   (target for ours: <= 1.10 x ideal; ours per round: {rounds})")
    return lines


def scale(options: argparse.Namespace) -> list[str]:
    """Target 4: a large list in the window, then a very large file."""
    with bench_server(0) as port:
        win = window(port, options.scale_n, 64)
        # The very large file in a process of its own, so it does not count in the RSS above;
        # there it is fetched too: the peak RSS of the app holding and fetching it.
        large = window(port, 10, 64, "--large", str(options.large_n), "--large-fetch")
    win.update({k: v for k, v in large.items() if k.startswith("large")})
    win["large_rss_mb"] = large["peak_rss_mb"]
    win["large_own_mb"] = (large["window_rss_mb"], large["worker_rss_mb"])
    return [
        f"4. Scale: {options.scale_n:,} products in the window",
        f"   CSV opened and shown                     {win['load_s']:>6.2f} s (target <= 1)",
        f"   full fetch                               {win['seconds']:>6.2f} s, {win['ok']:,} ok",
        f"   peak RSS of the whole app                {win['peak_rss_mb']:>6.0f} MB "
        f"(target <= 300; own peaks: window {win['window_rss_mb']:.0f}, fetch worker "
        f"{win['worker_rss_mb']:.0f})",
        f"   {win['large_rows']:,}-row file opened in {win['large_load_s']:.2f} s; longest GUI "
        f"gap meanwhile {win['large_max_gap_ms']:.0f} ms (target <= 50; at "
        f"{win['large_gap_at_s']:.2f} s, {win['large_gap_busy_ms']:.0f} ms of it on a CPU, "
        f"{win['large_gap_queued_ms']:.0f} ms waiting for one)",
        f"   then fetched in {win['large_fetch_s']:.1f} s; peak RSS of the whole app holding "
        f"and fetching it {win['large_rss_mb']:>6.0f} MB (target < 1024; own peaks: window "
        f"{win['large_own_mb'][0]:.0f}, fetch worker {win['large_own_mb'][1]:.0f})",
    ]


def freezes(options: argparse.Namespace) -> list[str]:
    """Target 6: the known freezes, each as the longest GUI-thread gap (one window)."""
    n = options.freeze_n
    with bench_server(0) as port:
        win = window(port, n, 64, "--freezes")
    rows = [
        ("Fetch again on the fetched list, to the end", "refetch"),
        (f"paste {2 * n:,} IDs until shown ({win['paste_s']:.1f} s)", "paste"),
        (f"type one more ID into them until shown ({win['keystroke_s']:.1f} s)", "keystroke"),
        (f"the same amid them, on a new line ({win['middle_s']:.1f} s)", "middle"),
    ]
    return [
        f"10. Freezes: longest GUI-thread gap (target <= 50 ms each), {n:,}-row list",
        "   (of it, the GUI thread on a CPU: the freeze's own work / waiting for a core;"
        " when it ended)",
        *(
            f"   {label:<52} {win[f'{key}_gap_ms']:>6.0f} ms  "
            f"({win[f'{key}_busy_ms']:.0f} / {win[f'{key}_queued_ms']:.0f} ms;"
            f" at {win[f'{key}_at_s']:.2f} s)"
            for label, key in rows
        ),
        f"   lines the list's reader read for each: {win['keystroke_lines']:,} (at the end), "
        f"{win['middle_lines']:,} (amid the list)",
        "   (the 1,000,000-row install: see 4. Scale)",
    ]


def startup(options: argparse.Namespace) -> list[str]:
    """Target 5: --version, and the window visible, both from the command."""
    versions, windows = [], []
    for _ in range(max(3, options.rounds)):
        started = time.perf_counter()
        subprocess.run([PY, "-m", "inventory_gui", "--version"], capture_output=True, check=True)
        versions.append(time.perf_counter() - started)
        figures = run_json("inventory_gui.devtools.bench.startup")
        windows.append(figures["visible_s"])
    return [
        "5. Start-up (median)",
        f"   inventory-gui --version                  {median(versions):>6.2f} s (target <= 0.3)",
        f"   window visible from the command          {median(windows):>6.2f} s (target <= 1.5)",
    ]


def bulk(options: argparse.Namespace) -> list[str]:
    """Target 6: batches of 100 per POST against one request per product, same server."""
    n, c = options.n, options.concurrency
    single, batched, ratios = [], [], []
    with bench_server(0) as port:
        for round_ in range(options.rounds):
            one = n / client("fetch", port, n, c)["seconds"]
            many = n / client("bulk", port, n, c)["seconds"]
            single.append(one)
            batched.append(many)
            ratios.append(many / one)
            print(f"  round {round_ + 1}: per product {one:,.0f}/s  bulk {many:,.0f}/s", flush=True)
    got = median(ratios)
    verdict = "met" if got >= 20 else "MISSED"
    return [
        f"6. Bulk: {n:,} products, zero latency, concurrency {c} (median products/s)",
        f"   one GET per product                      {median(single):>10,.0f}/s",
        f"   {f'POST batches of {BULK_BATCH_SIZE}, split back':<41}{median(batched):>10,.0f}/s",
        f"   bulk / per product = {got:.1f} x   (target >= 20: {verdict})",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m inventory_gui.devtools.bench", description=__doc__
    )
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed-rounds", type=int, default=1, help="rounds that run (a)")
    parser.add_argument(
        "--command-rounds", type=int, default=7, help="rounds of section 8 (2 s each, noisy)"
    )
    parser.add_argument("--latency-n", type=int, default=2_000)
    parser.add_argument("--scale-n", type=int, default=100_000)
    parser.add_argument("--large-n", type=int, default=1_000_000)
    parser.add_argument("--excel-n", type=int, default=100_000, help="rows of section 9")
    parser.add_argument("--freeze-n", type=int, default=100_000, help="rows of section 10")
    parser.add_argument("--quick", action="store_true", help="small sizes, one round (CI)")
    parser.add_argument("--rate-n", type=int, default=3_000, help="products per rate-limit run")
    parser.add_argument(
        "--only",
        choices=[
            "throughput", "latency", "scale", "startup", "bulk", "rate", "command", "excel",
            "freezes",
        ],
    )  # fmt: skip
    options = parser.parse_args(argv)
    if options.quick:
        options.n, options.rounds, options.command_rounds, options.latency_n = 500, 1, 1, 200
        options.scale_n, options.large_n, options.excel_n = 2_000, 20_000, 500
        options.rate_n, options.freeze_n = 300, 2_000
    print(
        f"inventory-gui benchmark: {platform.platform()}, Python {platform.python_version()}, "
        f"{_cpu()}"
    )
    if options.quick:
        print("(smoke run: sizes far too small for the targets to mean anything)")
    print(_compile_bytecode())
    sections = {"throughput": throughput, "latency": latency_bound, "scale": scale,
                "startup": startup, "bulk": bulk,
                "rate": lambda o: rate_limits(o.rate_n),
                "command": lambda o: whole.headless(o, bench_server),
                "excel": lambda o: whole.excel(o, bench_server),
                "freezes": freezes}  # fmt: skip
    for name, section in sections.items():
        if options.only in (None, name):
            print("\n".join(section(options)), flush=True)
    return 0


def _compile_bytecode() -> str:
    """Compile the app's modules to ``__pycache__`` first, as an installed app has them.

    The reference scripts run on libraries whose bytecode ``pip install`` wrote;
    the app's own modules (an editable install) get theirs at their first run,
    unless ``PYTHONDONTWRITEBYTECODE`` is set, which would make every timed
    process compile them again.
    """
    import compileall

    import inventory_gui

    package = Path(inventory_gui.__file__).parent
    done = compileall.compile_dir(package, quiet=1, workers=1)
    state = "compiled" if done else "NOT all compiled (a process may compile them)"
    return f"bytecode of {package}: {state} before timing, as an installed app's is"


def _cpu() -> str:
    info = Path("/proc/cpuinfo")
    lines = info.read_text().splitlines() if info.exists() else []
    names = [line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")]
    return f"{os.cpu_count()} x {names[0]}" if names else f"{os.cpu_count()} CPUs"


if __name__ == "__main__":
    sys.exit(main())
