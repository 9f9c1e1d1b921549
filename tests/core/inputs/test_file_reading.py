"""Reading the file: special files, size, binary data, progress and cancelling.

Where the code before these checks hung or ate all memory, the load runs in a
child process with a memory limit and a timeout.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap
import tracemalloc
from pathlib import Path

import pytest

from inventory_gui.core.errors import InputError, LoadCancelled
from inventory_gui.core.inputs import file_reading
from inventory_gui.core.inputs.registry import load_products

CHILD_MEMORY = 1 << 30


CHILD_TIMEOUT = 60


_CHILD = textwrap.dedent(
    """
    import resource, sys
    resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
    from inventory_gui.core.errors import InputError
    from inventory_gui.core.inputs.registry import load_products
    try:
        products = load_products(sys.argv[1])
    except InputError as exc:
        print("refused:", exc)
    else:
        print("loaded:", len(products.products))
    """
)


def load_in_child(path: Path | str) -> str:
    """Load ``path`` in a child process with 1 GiB of address space; return its line."""
    script = _CHILD.format(limit=CHILD_MEMORY)
    try:
        done = subprocess.run(
            [sys.executable, "-c", script, str(path)],
            capture_output=True,
            text=True,
            timeout=CHILD_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"loading {path} did not finish within {CHILD_TIMEOUT} s")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    return done.stdout.strip()


def test_fifo_without_writer_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "list.csv"
    os.mkfifo(fifo)
    assert load_in_child(fifo) == (
        "refused: list.csv: not a regular file (a FIFO); save the list to a file and open that"
    )


def test_fifo_written_forever_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "endless.txt"
    os.mkfifo(fifo)
    script = f"f = open({str(fifo)!r}, 'w')\nwhile True: f.write('A1\\n' * 1000)"
    writer = subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.DEVNULL)
    try:
        assert load_in_child(fifo).startswith("refused: endless.txt: not a regular file (a FIFO)")
    finally:
        writer.kill()
        writer.wait()


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_endless_devices_are_refused(device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"{device} does not exist here")
    name = Path(device).name
    line = load_in_child(device)
    assert line.startswith(f"refused: {name}: not a regular file (a character device)")


def test_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(InputError, match=r"^s\.csv: not a regular file \(a socket\)"):
            load_products(path)


def test_huge_file_is_refused_by_its_size_before_reading(tmp_path: Path) -> None:
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as file:
        file.truncate(2 << 30)  # sparse: 2 GiB that take no disk
    line = load_in_child(huge)
    assert line.startswith("refused: huge.csv: too large (2,048 MiB; at most 256 MiB is read)")


def test_binary_file_is_refused_at_its_first_chunk(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_bytes(b"id\nA\x00" + b"x" * (48 << 20))
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match=r"^data\.csv: binary data, not text"):
            load_products(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 << 20, f"{peak:,} bytes traced to refuse a binary file"


def test_nul_past_the_first_chunk_is_found_too(tmp_path: Path) -> None:
    path = tmp_path / "late.txt"
    path.write_bytes(b"A1\n" * (1 << 20) + b"\x00")
    with pytest.raises(InputError, match=r"^late\.txt: binary data, not text"):
        load_products(path)


def test_reading_reports_progress_between_chunks_and_can_be_cancelled(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"".join(b"P%07d\n" % n for n in range(2_000_000)))  # 18 MB
    seen: list[float] = []

    def hook(fraction: float) -> None:
        seen.append(fraction)
        if 0.0 < fraction < 0.1:  # still reading the file
            raise LoadCancelled("loading cancelled")

    with pytest.raises(LoadCancelled):
        load_products(path, progress=hook)
    assert seen[-1] < 0.1


@pytest.mark.parametrize("size", [1, 7, 8, 9, 16, 17, 45])
def test_a_file_read_in_chunks_is_read_whole(tmp_path: Path, monkeypatch, size: int) -> None:
    # Chunks of 8 bytes: files ending before, on and after a chunk's end.
    monkeypatch.setattr(file_reading, "CHUNK_BYTES", 8)
    path = tmp_path / "ids.txt"
    content = b"".join(b"A%d\n" % (n % 10) for n in range(size))[:size]
    path.write_bytes(content)
    reports: list[float] = []
    assert file_reading.read_input(path, "ids.txt", reports.append, text=True) == content
    assert reports == sorted(reports)
    assert reports[-1] == 1.0


def test_a_file_growing_while_read_is_read_to_its_end(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(file_reading, "CHUNK_BYTES", 8)
    path = tmp_path / "growing.txt"
    path.write_bytes(b"A1\nA2\nA3\nA4\n")

    def grow(_fraction: float) -> None:  # the file grows after its first chunk is read
        if path.stat().st_size < 30:
            with path.open("ab") as file:
                file.write(b"B1\nB2\nB3\nB4\nB5\nB6\n")

    data = file_reading.read_input(path, "growing.txt", grow, text=True)
    assert data == b"A1\nA2\nA3\nA4\n" + b"B1\nB2\nB3\nB4\nB5\nB6\n"


def test_a_file_growing_past_the_limit_while_read_is_refused(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(file_reading, "CHUNK_BYTES", 8)
    monkeypatch.setattr(file_reading, "MAX_FILE_BYTES", 64)
    path = tmp_path / "endless.txt"
    path.write_bytes(b"A1\nA2\nA3\nA4\n")

    def grow(_fraction: float) -> None:  # a writer appends faster than the file is read
        with path.open("ab") as file:
            file.write(b"B1\nB2\nB3\nB4\n")

    with pytest.raises(InputError, match=r"^endless\.txt: too large"):
        file_reading.read_input(path, "endless.txt", grow, text=True)
