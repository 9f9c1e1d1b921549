"""Running ``inventory-gui`` in a child process, and reading what it left behind."""

from __future__ import annotations

import csv
import sqlite3
import subprocess
import sys
from pathlib import Path

PYTHON = [sys.executable, "-m", "inventory_gui"]


def cli(*args: str, timeout: float = 60, **options: object) -> subprocess.CompletedProcess[str]:
    """Run ``inventory-gui ARGS`` to its end; its output is captured unless ``stdout`` is given."""
    if "stdout" not in options:
        options["capture_output"] = True
    return subprocess.run([*PYTHON, *args], text=True, timeout=timeout, check=False, **options)


def fetch_argv(*args: str) -> list[str]:
    """The command line of ``inventory-gui fetch ARGS``."""
    return [*PYTHON, "fetch", *args]


def fetch_cli(*args: str, **options: object) -> subprocess.CompletedProcess[str]:
    """Run ``inventory-gui fetch ARGS`` to its end (see :func:`cli`)."""
    return cli("fetch", *args, timeout=120, **options)


def write_ids(path: Path, ids: list[str]) -> Path:
    path.write_text("id\n" + "\n".join(ids) + "\n", encoding="utf-8")
    return path


def write_products(path: Path, rows: list[tuple[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["id", "name"])
        writer.writerows(rows)
    return path


def assert_one_line(stderr: str, *needles: str) -> str:
    """Assert ``stderr`` is one line holding every needle, and no traceback; return it."""
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    assert "Exception ignored" not in stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def assert_one_line_error(done: subprocess.CompletedProcess[str], *needles: str) -> None:
    """Assert a usage error: status 2 and one line on stderr holding every needle."""
    assert done.returncode == 2, done.stderr
    assert_one_line(done.stderr, *needles)


def table_rows(stdout: str) -> list[str]:
    """The data lines of a printed table (after the header and the dashes)."""
    return [line for line in stdout.splitlines()[2:] if line and not line.startswith("(")]


def run_states(data_dir: Path) -> list[str]:
    """The state of each recorded run; a closed run has its end time."""
    with sqlite3.connect(data_dir / "history.sqlite3") as conn:
        rows = conn.execute("SELECT state, finished_at FROM runs ORDER BY id").fetchall()
    return [state if finished else f"{state} (no end time)" for state, finished in rows]


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))
