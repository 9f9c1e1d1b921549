"""Where ``inventory-gui fetch`` writes in a hostile world: full devices and disks,
closed pipes, folders it cannot write, odd targets, odd text in the table.

The command fetches from a loopback API served from a thread of the test
process.  It runs in a child process where the process's own streams or limits
are the point (a full device on stdout, a closed pipe, a file-size limit, the
output encoding), and in this process otherwise (tests/cli/commands.py).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.apis import FAST
from tests.cli.commands import (
    assert_one_line,
    cli_process,
    fetch_argv,
    fetch_cli,
    temp_files,
    write_ids,
)


def test_stdout_on_a_full_device_is_one_line(tmp_path, api):
    products = write_ids(tmp_path / "p.csv", FAST)
    with open("/dev/full", "w") as full:
        done = cli_process("fetch", str(products), "--url-template", api.template, "-q",
                           "--no-history", stdout=full, stderr=subprocess.PIPE)  # fmt: skip

    assert done.returncode == 1
    assert_one_line(done.stderr, "stdout", "No space left on device")


def test_stdout_closed_by_its_reader_ends_quietly(tmp_path, api):
    products = write_ids(tmp_path / "p.csv", FAST)
    child = subprocess.Popen(
        fetch_argv(str(products), "--url-template", api.template, "-q", "--no-history"),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    child.stdout.close()  # as `| head` does once it has read enough
    with child.stderr:
        err = child.stderr.read()
    child.wait(60)

    assert child.returncode == 128 + signal.SIGPIPE
    assert err == ""


def test_closed_terminal_on_stderr_does_not_lose_the_run(tmp_path, api):
    products = write_ids(tmp_path / "p.csv", FAST)
    out = tmp_path / "out.json"
    child = subprocess.Popen(
        fetch_argv(str(products), "--url-template", api.template, "-o", str(out), "--no-history"),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    child.stderr.close()  # progress and messages now fail with EPIPE
    child.communicate(timeout=60)

    assert child.returncode == 0
    assert [r["status"] for r in json.loads(out.read_text(encoding="utf-8"))] == ["ok"] * 3


LIMITED_FILE_SIZE = (  # a write past the limit then fails with EFBIG instead of killing
    "import resource, runpy, signal, sys\n"
    "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
    "resource.setrlimit(resource.RLIMIT_FSIZE, (30_000, 30_000))\n"
    "sys.argv[0] = 'inventory-gui'\n"
    "runpy.run_module('inventory_gui', run_name='__main__')\n"
)


def test_full_disk_during_xlsx_export_keeps_the_previous_file(tmp_path, api):
    ids = [f"fast-{i:04d}" for i in range(400)]
    products = write_ids(tmp_path / "p.csv", ids)
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"previous")
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "TMPDIR": str(tmp_path)}

    done = subprocess.run(
        [sys.executable, "-c", LIMITED_FILE_SIZE, "fetch", str(products), "--url-template",
         api.template, "-q", "--no-history", "-o", str(out)],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip

    assert done.returncode == 1, done.stderr
    assert_one_line(done.stderr, str(out), "File too large")
    assert out.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir() if p.name not in ("p.csv", "out.xlsx")] == []


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 64 KiB file system (tmpfs) to fill; skipped where mounting is not allowed."""
    folder = tmp_path / "small"
    folder.mkdir()
    mount = ["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(folder)]
    try:
        mounted = subprocess.run(mount, capture_output=True, timeout=30, check=False)
    except OSError:
        pytest.skip("no mount command")
    if mounted.returncode != 0:
        pytest.skip("mounting a tmpfs is not allowed here")
    yield folder
    subprocess.run(["umount", str(folder)], capture_output=True, timeout=30, check=True)


@pytest.mark.parametrize("suffix", [".xlsx", ".json", ".csv"])
def test_full_disk_under_the_output_is_one_line(tmp_path, api, small_disk, suffix):
    products = write_ids(tmp_path / "p.csv", [f"fast-{i:04d}" for i in range(1000)])
    out = small_disk / f"out{suffix}"

    done = fetch_cli(str(products), "--url-template", api.template, "-q", "--no-history",
                     "-o", str(out))  # fmt: skip

    assert done.returncode == 1, done.stderr
    assert_one_line(done.stderr, str(out), "No space left on device")
    assert list(small_disk.iterdir()) == []


@pytest.mark.parametrize("where", ["missing", "file"])
def test_output_folder_that_cannot_be_written_is_refused_before_fetching(tmp_path, api, where):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    out = tmp_path / where / "out.json"
    products = write_ids(tmp_path / "p.csv", FAST)

    done = fetch_cli(str(products), "--url-template", api.template, "-o", str(out), "--no-history")

    assert done.returncode == 2
    assert_one_line(done.stderr, str(out), "does not exist")
    assert api.requests == 0


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder nobody may write to: by its permissions, or for root a read-only tmpfs."""
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
        return
    mount = ["mount", "-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", str(folder)]
    try:
        mounted = subprocess.run(mount, capture_output=True, timeout=30, check=False)
    except OSError:
        pytest.skip("no mount command")
    if mounted.returncode != 0:
        pytest.skip("mounting a tmpfs is not allowed here")
    yield folder
    subprocess.run(["umount", str(folder)], capture_output=True, timeout=30, check=True)


def test_read_only_output_folder_is_refused_before_fetching(tmp_path, api, read_only_folder):
    products = write_ids(tmp_path / "p.csv", FAST)
    out = read_only_folder / "o.csv"

    done = fetch_cli(str(products), "--url-template", api.template, "-o", str(out))

    assert done.returncode == 2
    assert_one_line(done.stderr, "o.csv", "not writable")
    assert api.requests == 0


def test_output_symlink_is_written_through(tmp_path, api):
    real = tmp_path / "real"
    real.mkdir()
    (real / "target.json").write_text("old", encoding="utf-8")
    link = tmp_path / "latest.json"
    link.symlink_to(real / "target.json")
    dangling = tmp_path / "new.csv"
    dangling.symlink_to(real / "created.csv")
    products = write_ids(tmp_path / "p.csv", FAST)

    for out in (link, dangling):
        done = fetch_cli(str(products), "--url-template", api.template, "-q", "--no-history",
                         "-o", str(out))  # fmt: skip
        assert done.returncode == 0, done.stderr

    assert link.is_symlink()
    assert dangling.is_symlink()
    assert [r["id"] for r in json.loads(link.read_text(encoding="utf-8"))] == FAST
    assert (real / "created.csv").read_text(encoding="utf-8-sig").startswith("id,status")
    assert temp_files(tmp_path) == temp_files(real) == []


def test_output_that_is_not_a_regular_file_is_refused_before_fetching(tmp_path, api):
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    link = tmp_path / "link.csv"
    link.symlink_to(fifo)
    products = write_ids(tmp_path / "p.csv", FAST)

    for out in (fifo, link):
        done = fetch_cli(str(products), "--url-template", api.template, "-o", str(out))
        assert done.returncode == 2
        assert_one_line(done.stderr, str(out), "not a regular file")

    assert fifo.is_fifo()
    assert api.requests == 0


@pytest.mark.parametrize("how", ["same", "other-path", "symlink", "hardlink"])
def test_output_naming_the_input_is_refused_before_fetching(tmp_path, api, how):
    products = write_ids(tmp_path / "p.csv", FAST)
    before = products.read_bytes()
    (tmp_path / "sub").mkdir()
    out = {
        "same": products,
        "other-path": tmp_path / "sub" / ".." / "p.csv",
        "symlink": tmp_path / "link.csv",
        "hardlink": tmp_path / "hard.csv",
    }[how]
    if how == "symlink":
        out.symlink_to(products)
    elif how == "hardlink":
        os.link(products, out)

    done = fetch_cli(str(products), "--url-template", api.template, "-o", str(out))

    assert done.returncode == 2
    assert_one_line(done.stderr, str(out), "input file")
    assert products.read_bytes() == before
    assert api.requests == 0


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_temp_files_of_a_killed_export_are_removed_at_the_next_export(tmp_path, api):
    dead = tmp_path / f".out.json.inventory-gui-{_dead_pid()}-k1ll3d.tmp"
    live = tmp_path / f".out.json.inventory-gui-{os.getpid()}-wr1t1ng.tmp"
    other = tmp_path / ".notes.txt.tmp"
    for path in (dead, live, other):
        path.write_text("partial", encoding="utf-8")
    products = write_ids(tmp_path / "p.csv", FAST)

    done = fetch_cli(str(products), "--url-template", api.template, "-q", "--no-history",
                     "-o", str(tmp_path / "out.json"))  # fmt: skip

    assert done.returncode == 0, done.stderr
    assert temp_files(tmp_path) == sorted([live.name, other.name])


HOSTILE_IDS = ["fast-\u202eevil", "fast-tab\tand\x07bell", "fast-é", "fast-" + "x" * 300]


@pytest.mark.parametrize("encoding", ["utf-8", "ascii", "latin-1"])
def test_table_of_hostile_ids_prints_escaped_in_any_encoding(tmp_path, api, encoding):
    products = tmp_path / "p.json"
    products.write_text(json.dumps(HOSTILE_IDS), encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": encoding}

    done = subprocess.run(fetch_argv(str(products), "--url-template", api.template, "-q",
                                  "--no-history"),
                          capture_output=True, env=env, timeout=120, check=False)  # fmt: skip

    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    table = done.stdout.decode(encoding)
    assert "fast-\\u202eevil" in table
    assert "fast-tab and\\x07bell" in table
    assert ("fast-é" if encoding != "ascii" else "fast-\\xe9") in table
    assert "fast-" + "x" * 34 + "…" in table or "fast-" + "x" * 34 + "\\u2026" in table
    assert all(line.isprintable() for line in table.splitlines())


def test_table_with_a_lone_surrogate_id_does_not_crash(tmp_path, api):
    products = tmp_path / "p.json"
    products.write_text('["fast-ok", "fast-bad\\udc80"]', encoding="utf-8")

    done = fetch_cli(str(products), "--url-template", api.template, "-q", "--no-history")

    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr
    assert "fast-bad\\udc80" in done.stdout
    assert "fast-ok" in done.stdout
