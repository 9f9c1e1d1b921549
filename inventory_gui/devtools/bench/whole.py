"""Whole-process sections: ``inventory-gui fetch`` as the user runs it, timed from outside.

Each command and its reference run as a fresh process against the bench
server on the stock asyncio loop (a plain ``aiohttp.web`` server sharing the
cores), and each process is timed from its start to its exit: interpreter
start-up, imports, reading the input, the fetch, the history and writing the
output all count, as they do for a user.  Round after round, the command and
its reference run back to back, and ratios are taken per round.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path

PY = sys.executable
Server = Callable[..., AbstractContextManager[int]]
"""``bench_server(latency_ms, stock_loop=True)``: runs the bench server, yields its port."""


CPU_SECONDS: dict[str, list[float]] = {}
"""The CPU time (user + system) of every timed command, by label: steadier than wall
time on a shared machine, and what the command costs apart from the server."""


def timed(label: str, command: list[str], timeout: float = 900) -> float:
    """Run ``command`` to its end; return its wall time in seconds, keep its CPU time.

    Raises:
        RuntimeError: it failed (its stderr's end is in the message).
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    CPU_SECONDS.setdefault(label, []).append(cpu)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
    return seconds


def cpu_line(labels: dict[str, str]) -> str:
    """One line: the median CPU seconds of each labelled command."""
    parts = [f"{name} {statistics.median(CPU_SECONDS[key]):.2f} s" for key, name in labels.items()]
    return "   CPU time (median, user + system): " + ", ".join(parts)


def fetch_command(port: int, concurrency: int, source: Path, out: Path, *extra: str) -> list[str]:
    """``inventory-gui fetch`` with its defaults, but for the URL template, concurrency, output."""
    template = f"http://127.0.0.1:{port}/get-current-inventory/{{id}}"
    return [PY, "-m", "inventory_gui", "fetch", str(source), "--url-template", template,
            "--concurrency", str(concurrency), "--output", str(out), "--quiet", *extra]  # fmt: skip


def product_ids(n: int) -> Iterator[str]:
    """The product IDs every whole-process run fetches."""
    return (f"sku{i:06d}" for i in range(n))


def write_csv(path: Path, n: int) -> Path:
    """A product list as users have them: a header, an ID column and a name column."""
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "name"])
        writer.writerows((pid, f"Product {pid}") for pid in product_ids(n))
    return path


def write_workbook(path: Path, n: int) -> Path:
    """The same list as :func:`write_csv`, as an .xlsx workbook."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("Products")
    sheet.write_row(0, 0, ["id", "name"])
    for row, pid in enumerate(product_ids(n), 1):
        sheet.write_row(row, 0, [pid, f"Product {pid}"])
    book.close()
    return path


def ok_rows(out: Path) -> int:
    """How many rows of a JSON output ended ok (checked outside the timed part)."""
    return sum(1 for row in json.loads(out.read_text("utf-8")) if row.get("status") == "ok")


def headless(options: argparse.Namespace, server: Server) -> list[str]:
    """``inventory-gui fetch FILE --output out.json`` (history on) against the reference."""
    n, c = options.n, options.concurrency
    walls: dict[str, list[float]] = {"ref": [], "cmd": [], "nohist": []}
    with (
        tempfile.TemporaryDirectory(prefix="bench-whole-") as folder,
        server(0, stock_loop=True) as port,
    ):
        tmp = Path(folder)
        source, out = write_csv(tmp / "products.csv", n), tmp / "out.json"
        data = ["--data-dir", str(tmp / "data")]  # one history across rounds, as a user's grows
        reference = [PY, "-m", "inventory_gui.devtools.bench.reference", str(source), str(port),
                     str(c), str(tmp / "ref.json")]  # fmt: skip
        for round_ in range(options.command_rounds):
            walls["ref"].append(timed("ref", reference))
            walls["cmd"].append(timed("cmd", fetch_command(port, c, source, out, *data)))
            if ok_rows(out) != n:
                raise RuntimeError(f"inventory-gui fetch: {ok_rows(out)} of {n} ok")
            walls["nohist"].append(
                timed("nohist", fetch_command(port, c, source, out, "--no-history"))
            )
            ref, cmd, nohist = (walls[key][-1] for key in ("ref", "cmd", "nohist"))
            print(f"  round {round_ + 1}: reference {ref:.2f} s  fetch {cmd:.2f} s "
                  f"({ref / cmd:.2f})  --no-history {nohist:.2f} s ({ref / nohist:.2f})",
                  flush=True)  # fmt: skip
    ratios = [r / x for r, x in zip(walls["ref"], walls["cmd"], strict=True)]
    bare = [r / x for r, x in zip(walls["ref"], walls["nohist"], strict=True)]
    got = statistics.median(ratios)
    return [
        f"8. The fetch command, whole processes: {n:,} products, concurrency {c}, "
        "stock-loop aiohttp.web server (median wall time)",
        f"   reference: plain aiohttp script, read CSV, fetch, write JSON"
        f" {statistics.median(walls['ref']):>6.2f} s",
        f"   inventory-gui fetch FILE --output out.json (history on)"
        f"      {statistics.median(walls['cmd']):>6.2f} s",
        f"   the same with --no-history"
        f"                                     {statistics.median(walls['nohist']):>6.2f} s",
        f"   throughput against the reference, per round: {_list(ratios)}",
        f"   median {got:.2f} (target >= 0.95: {'met' if got >= 0.95 else 'MISSED'});"
        f" --no-history median {statistics.median(bare):.2f}",
        cpu_line({"ref": "reference", "cmd": "fetch", "nohist": "--no-history"}),
    ]


def excel(options: argparse.Namespace, server: Server) -> list[str]:
    """A fetch from and to .xlsx against the same fetch from and to .csv."""
    n, c = options.excel_n, options.concurrency
    walls: dict[str, list[float]] = {"csv": [], "xlsx": []}
    with (
        tempfile.TemporaryDirectory(prefix="bench-excel-") as folder,
        server(0, stock_loop=True) as port,
    ):
        tmp = Path(folder)
        sources = {"csv": write_csv(tmp / "p.csv", n), "xlsx": write_workbook(tmp / "p.xlsx", n)}
        for round_ in range(options.rounds):
            for kind, source in sources.items():
                command = fetch_command(port, c, source, tmp / f"out.{kind}", "--no-history")
                walls[kind].append(timed(kind, command))
            print(f"  round {round_ + 1}: csv {walls['csv'][-1]:.2f} s  "
                  f"xlsx {walls['xlsx'][-1]:.2f} s", flush=True)  # fmt: skip
    ratios = [x / c_ for c_, x in zip(walls["csv"], walls["xlsx"], strict=True)]
    got = statistics.median(ratios)
    return [
        f"9. Excel, whole processes: {n:,} products read from and written to each format"
        " (--no-history)",
        f"   .csv -> .csv    {statistics.median(walls['csv']):>6.2f} s",
        f"   .xlsx -> .xlsx  {statistics.median(walls['xlsx']):>6.2f} s",
        f"   xlsx / csv per round: {_list(ratios)}; median {got:.2f}"
        f" (target <= 1.50: {'met' if got <= 1.5 else 'MISSED'})",
        cpu_line({"csv": ".csv", "xlsx": ".xlsx"}),
    ]


def _list(values: list[float]) -> str:
    return " ".join(f"{value:.2f}" for value in values)
