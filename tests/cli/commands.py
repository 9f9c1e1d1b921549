"""Running ``inventory-gui``, in this process or a child, and reading what it left behind.

:func:`cli` calls the command's ``main`` in this process, as the console script
does, with its own stdin, stdout, stderr, environment and working folder: a
run costs what it does, not an interpreter's start and imports.
:func:`cli_process` runs ``python -m inventory_gui`` to its end, for what only
a real process shows (its exit status and stderr as a user sees them, a full
device as its stdout); tests that signal, cut or limit the process start it
themselves with :func:`fetch_argv`.
"""

from __future__ import annotations

import contextlib
import csv
import gc
import io
import os
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import closing
from pathlib import Path

from inventory_gui.cli.main import main

PYTHON = [sys.executable, "-m", "inventory_gui"]


def cli(
    *args: str,
    env: Mapping[str, str] | None = None,
    cwd: str | os.PathLike[str] | None = None,
    stdin: int | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``inventory-gui ARGS`` to its end in this process; its output is captured.

    ``env`` replaces the environment and ``cwd`` the working folder for the run;
    stdin reads as empty and is no terminal (``subprocess.DEVNULL`` is accepted).
    """
    assert stdin in (None, subprocess.DEVNULL), "cli() gives the command an empty stdin"
    with (
        _collector_settings(),
        _environment(env),
        contextlib.chdir(cwd or os.getcwd()),
        _stream("stdout") as stdout,
        _stream("stderr") as stderr,
        _stdin(),
    ):
        try:
            status = main(list(args))
        except SystemExit as stop:  # argparse's usage errors, --help
            status = stop.code if isinstance(stop.code, int) else 0 if stop.code is None else 1
        out, err = stdout(), stderr()
    return subprocess.CompletedProcess(["inventory-gui", *args], status, out, err)


def cli_process(
    *args: str, timeout: float = 60, **options: object
) -> subprocess.CompletedProcess[str]:
    """Run ``inventory-gui ARGS`` in a child process to its end; its output is captured
    unless ``stdout`` is given."""
    if "stdout" not in options:
        options["capture_output"] = True
    return subprocess.run([*PYTHON, *args], text=True, timeout=timeout, check=False, **options)


def fetch_argv(*args: str) -> list[str]:
    """The command line of ``inventory-gui fetch ARGS``."""
    return [*PYTHON, "fetch", *args]


def fetch_cli(
    *args: str,
    env: Mapping[str, str] | None = None,
    cwd: str | os.PathLike[str] | None = None,
    stdin: int | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run ``inventory-gui fetch ARGS`` to its end in this process (see :func:`cli`)."""
    return cli("fetch", *args, env=env, cwd=cwd, stdin=stdin)


@contextlib.contextmanager
def _collector_settings() -> Iterator[None]:
    """Give the garbage collector back as it was: ``fetch`` tunes it for its process."""
    threshold = gc.get_threshold()
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)


@contextlib.contextmanager
def _environment(env: Mapping[str, str] | None) -> Iterator[None]:
    saved = dict(os.environ)
    if env is not None:
        os.environ.clear()
        os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


@contextlib.contextmanager
def _stream(name: str) -> Iterator[object]:
    """Replace ``sys.<name>`` with a text file on a real descriptor, as a pipe would be;
    yield a function that returns what was written."""
    errors = "backslashreplace" if name == "stderr" else "strict"
    with tempfile.TemporaryFile() as raw:
        stream = io.TextIOWrapper(raw, encoding="utf-8", errors=errors, newline="\n")  # type: ignore[arg-type]
        saved = getattr(sys, name)
        setattr(sys, name, stream)

        def written() -> str:
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
            raw.seek(0)
            return raw.read().decode("utf-8", "surrogateescape")

        try:
            yield written
        finally:
            setattr(sys, name, saved)
            stream.detach()


@contextlib.contextmanager
def _stdin() -> Iterator[None]:
    saved = sys.stdin
    with open(os.devnull, encoding="utf-8") as empty:
        sys.stdin = empty
        try:
            yield
        finally:
            sys.stdin = saved


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
    with closing(sqlite3.connect(data_dir / "history.sqlite3")) as conn, conn:
        rows = conn.execute("SELECT state, finished_at FROM runs ORDER BY id").fetchall()
    return [state if finished else f"{state} (no end time)" for state, finished in rows]


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))
