"""``inventory-gui fetch`` in a hostile world: signals, full disks, odd outputs, odd text.

Each test runs the command in a child process against a loopback API served
from a thread of the test process, so a crash or a hang fails the test instead
of ending the run.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pytest
from aiohttp import web

from inventory_gui.core.history.store import HistoryStore
from tests.loopback import LoopbackApi, product_id

FAST = ["fast-1", "fast-2", "fast-3"]
SLOW = [f"slow-{i}" for i in range(10)]
CONCURRENCY = 4
BIG = "9" * 400
ODD_BODIES = {  # answers real APIs send: JSON allows any digits, Python's parser NaN
    "big": f'{{"quantity": {BIG}}}',
    "nan": '{"quantity": 1, "history": [NaN, Infinity, -Infinity], "over": 1e400}',
}


@dataclass
class ThreadedApi:
    """A loopback API on its own thread: ``fast-*`` IDs answer at once, the rest never do."""

    held: int = 0
    requests: int = 0
    held_enough: threading.Event = field(default_factory=threading.Event)
    hold_count: int = CONCURRENCY
    template: str = ""

    async def handle(self, request: web.Request, _api: LoopbackApi) -> web.StreamResponse:
        self.requests += 1
        pid = product_id(request)
        if pid.startswith("fast"):
            return web.json_response({"id": pid, "quantity": len(pid)})
        if pid in ODD_BODIES:
            return web.Response(text=ODD_BODIES[pid], content_type="application/json")
        self.held += 1
        if self.held >= self.hold_count:
            self.held_enough.set()
        await asyncio.Event().wait()  # held until the client goes away or the server closes
        raise AssertionError("unreachable")


@pytest.fixture
def api() -> Iterator[ThreadedApi]:
    state = ThreadedApi()
    ready = threading.Event()
    box: dict = {}

    def serve() -> None:
        loop = asyncio.new_event_loop()
        box["loop"] = loop
        server = loop.run_until_complete(LoopbackApi(state.handle).start())
        state.template = server.template
        ready.set()
        loop.run_forever()
        loop.run_until_complete(server.close())
        loop.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    assert ready.wait(10)
    yield state
    box["loop"].call_soon_threadsafe(box["loop"].stop)
    thread.join(10)


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "inventory_gui", "fetch", *args]


def run(*args: str, **options: object) -> subprocess.CompletedProcess[str]:
    if "stdout" not in options:
        options["capture_output"] = True
    return subprocess.run(command(*args), text=True, timeout=120, check=False, **options)


def write_ids(path: Path, ids: list[str]) -> Path:
    path.write_text("id\n" + "\n".join(ids) + "\n", encoding="utf-8")
    return path


def assert_one_line(stderr: str, *needles: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    assert "Exception ignored" not in stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def run_states(data_dir: Path) -> list[str]:
    """The state of each recorded run; a closed run has its end time."""
    with sqlite3.connect(data_dir / "history.sqlite3") as conn:
        rows = conn.execute("SELECT state, finished_at FROM runs ORDER BY id").fetchall()
    return [state if finished else f"{state} (no end time)" for state, finished in rows]


def temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def start_slow_run(tmp_path: Path, api: ThreadedApi, out: Path) -> subprocess.Popen[str]:
    """Start a run whose fast rows are done and whose slow rows are in flight."""
    products = write_ids(tmp_path / "p.csv", FAST + SLOW)
    child = subprocess.Popen(
        command(str(products), "--url-template", api.template, "-o", str(out), "-q",
                "--concurrency", str(CONCURRENCY), "--no-adaptive", "--retries", "0",
                "--data-dir", str(tmp_path / "data")),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    # Each worker asks for a slow row only once its fast row is final: with every
    # worker held on a slow row, the fast rows are done.
    if not api.held_enough.wait(60):
        child.kill()
        raise AssertionError(child.communicate()[1])
    return child


# --- 1. SIGINT, SIGTERM, SIGHUP -------------------------------------------------


@pytest.mark.parametrize(
    ("signum", "status"),
    [(signal.SIGINT, 130), (signal.SIGTERM, 143), (signal.SIGHUP, 129)],
)
def test_stop_signal_writes_output_and_closes_the_run(tmp_path, api, signum, status):
    out = tmp_path / "out.json"
    child = start_slow_run(tmp_path, api, out)

    child.send_signal(signum)
    _, err = child.communicate(timeout=60)

    assert child.returncode == status, err
    assert "Traceback" not in err
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert [r["id"] for r in rows] == FAST + SLOW
    assert [r["status"] for r in rows] == ["ok"] * 3 + ["cancelled"] * 10
    assert run_states(tmp_path / "data") == ["interrupted"]
    store = HistoryStore(tmp_path / "data", create=False)
    try:  # --resume takes it up: the slow products are what is left
        run = store.unfinished_run()
        assert run is not None
        assert [p.id for p in store.resume_items(run.id)] == SLOW
    finally:
        store.close()
    assert temp_files(tmp_path) == []


def test_second_signal_while_finishing_still_writes_the_output(tmp_path, api):
    out = tmp_path / "out.xlsx"
    child = start_slow_run(tmp_path, api, out)

    child.send_signal(signal.SIGTERM)
    child.send_signal(signal.SIGINT)
    child.send_signal(signal.SIGHUP)
    _, err = child.communicate(timeout=60)

    # Signals pending together are delivered lowest number first: any of the three.
    assert child.returncode in (129, 130, 143), err
    assert "Traceback" not in err
    book = openpyxl.load_workbook(out, read_only=True)
    statuses = [row[1] for row in book.active.iter_rows(min_row=2, values_only=True)]
    book.close()
    assert statuses == ["ok"] * 3 + ["cancelled"] * 10
    assert run_states(tmp_path / "data") == ["interrupted"]
    assert temp_files(tmp_path) == []


def test_signal_while_writing_a_stopped_runs_output_waits_for_the_output(tmp_path, api):
    earlier = tmp_path / "earlier.json"  # a long export: many ok rows, slow rows to fetch again
    rows = [{"id": f"p{i}", "status": "ok", "response": {"quantity": i, "tags": ["a", "b"]}}
            for i in range(300_000)]  # fmt: skip
    rows += [{"id": pid, "status": "error", "error": "HTTP 503"} for pid in SLOW]
    earlier.write_text(json.dumps(rows), encoding="utf-8")
    out = tmp_path / "out.json"
    child = subprocess.Popen(
        command("--retry-failed-from", str(earlier), "-o", str(out), "-q", "--no-history",
                "--url-template", api.template, "--concurrency", str(CONCURRENCY),
                "--no-adaptive", "--retries", "0"),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert api.held_enough.wait(60), child.communicate()
    child.send_signal(signal.SIGTERM)
    while not temp_files(tmp_path):  # the output is being written
        assert child.poll() is None, child.communicate()
        os.sched_yield()  # a polled condition, not a timed wait: leave the CPU to the child
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=60)

    assert child.returncode == 143, err
    assert err == ""
    written = json.loads(out.read_text(encoding="utf-8"))
    assert len(written) == 300_000 + len(SLOW)
    assert [r["status"] for r in written[-len(SLOW) :]] == ["cancelled"] * len(SLOW)
    assert temp_files(tmp_path) == []


# --- 3, 4. Odd numbers from the API reach every output ------------------------------


def test_odd_numbers_from_the_api_reach_every_output(tmp_path, api):
    products = write_ids(tmp_path / "p.csv", ["fast-1", "big", "nan"])
    for suffix in (".json", ".csv", ".xlsx"):
        out = tmp_path / f"out{suffix}"
        done = run(str(products), "--url-template", api.template, "-q", "--no-history",
                   "-o", str(out))  # fmt: skip
        assert done.returncode in (0, 1), done.stderr
        assert done.stderr == ""

    rows = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"),
                      parse_constant=lambda name: pytest.fail(f"bare {name}"))  # fmt: skip
    assert rows[2]["response"] == {"quantity": 1, "history": ["NaN", "Infinity", "-Infinity"],
                                   "over": "Infinity"}  # fmt: skip
    assert rows[1]["response"] == {"quantity": int(BIG)}
    csv_text = (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    book = openpyxl.load_workbook(tmp_path / "out.xlsx", read_only=True)
    cells = [row[3] for row in book.active.iter_rows(min_row=2, values_only=True)]
    book.close()
    if rows[1]["status"] == "ok":  # a quantity of 400 digits: every digit, as text in XLSX
        assert rows[1]["quantity"] == int(BIG)
        assert BIG in csv_text
        assert cells[1] == BIG


# --- 5. Failures while writing: one line, no half-written target ----------------


def test_ctrl_c_during_a_large_export_is_one_line_and_keeps_the_previous_file(tmp_path):
    earlier = tmp_path / "earlier.json"  # all ok: nothing to fetch, a long export
    rows = [{"id": f"p{i}", "status": "ok", "response": {"quantity": i, "tags": ["a", "b"]}}
            for i in range(300_000)]  # fmt: skip
    earlier.write_text(json.dumps(rows), encoding="utf-8")
    out = tmp_path / "out.json"
    out.write_text("previous", encoding="utf-8")
    child = subprocess.Popen(
        command("--retry-failed-from", str(earlier), "-o", str(out), "-q", "--no-history",
                "--url-template", "http://127.0.0.1:9/{id}"),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    while not temp_files(tmp_path):  # the export has begun
        assert child.poll() is None, child.communicate()
        os.sched_yield()  # a polled condition, not a timed wait: leave the CPU to the child
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=60)

    assert child.returncode == 130
    assert_one_line(err, str(out), "not written", "SIGINT")
    assert out.read_text(encoding="utf-8") == "previous"
    assert temp_files(tmp_path) == []


def test_stdout_on_a_full_device_is_one_line(tmp_path, api):
    products = write_ids(tmp_path / "p.csv", FAST)
    with open("/dev/full", "w") as full:
        done = run(str(products), "--url-template", api.template, "-q", "--no-history",
                   stdout=full, stderr=subprocess.PIPE)  # fmt: skip

    assert done.returncode == 1
    assert_one_line(done.stderr, "stdout", "No space left on device")


def test_stdout_closed_by_its_reader_ends_quietly(tmp_path, api):
    products = write_ids(tmp_path / "p.csv", FAST)
    child = subprocess.Popen(
        command(str(products), "--url-template", api.template, "-q", "--no-history"),
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
        command(str(products), "--url-template", api.template, "-o", str(out), "--no-history"),
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
    mount = ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)]
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
    products = write_ids(tmp_path / "p.csv", [f"fast-{i:04d}" for i in range(3000)])
    out = small_disk / f"out{suffix}"

    done = run(str(products), "--url-template", api.template, "-q", "--no-history",
               "-o", str(out))  # fmt: skip

    assert done.returncode == 1, done.stderr
    assert_one_line(done.stderr, str(out), "No space left on device")
    assert list(small_disk.iterdir()) == []


@pytest.mark.parametrize("where", ["missing", "file"])
def test_output_folder_that_cannot_be_written_is_refused_before_fetching(tmp_path, api, where):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    out = tmp_path / where / "out.json"
    products = write_ids(tmp_path / "p.csv", FAST)

    done = run(str(products), "--url-template", api.template, "-o", str(out), "--no-history")

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

    done = run(str(products), "--url-template", api.template, "-o", str(out))

    assert done.returncode == 2
    assert_one_line(done.stderr, "o.csv", "not writable")
    assert api.requests == 0


# --- 6. Symbolic links, the input itself, stale temporary files ------------------


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
        done = run(str(products), "--url-template", api.template, "-q", "--no-history",
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
        done = run(str(products), "--url-template", api.template, "-o", str(out))
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

    done = run(str(products), "--url-template", api.template, "-o", str(out))

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

    done = run(str(products), "--url-template", api.template, "-q", "--no-history",
               "-o", str(tmp_path / "out.json"))  # fmt: skip

    assert done.returncode == 0, done.stderr
    assert temp_files(tmp_path) == sorted([live.name, other.name])


# --- 2. Any string: the table on stdout, in any encoding ---------------------------


HOSTILE_IDS = ["fast-\u202eevil", "fast-tab\tand\x07bell", "fast-é", "fast-" + "x" * 300]


@pytest.mark.parametrize("encoding", ["utf-8", "ascii", "latin-1"])
def test_table_of_hostile_ids_prints_escaped_in_any_encoding(tmp_path, api, encoding):
    products = tmp_path / "p.json"
    products.write_text(json.dumps(HOSTILE_IDS), encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": encoding}

    done = subprocess.run(command(str(products), "--url-template", api.template, "-q",
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

    done = run(str(products), "--url-template", api.template, "-q", "--no-history")

    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr
    assert "fast-bad\\udc80" in done.stdout
    assert "fast-ok" in done.stdout


# --- the log ---------------------------------------------------------------------


def test_log_writes_any_string(tmp_path):
    script = (
        "import logging\n"
        "from inventory_gui.gui.app import setup_logging\n"
        "path = setup_logging()\n"
        "logging.getLogger('inventory_gui').warning('id %s', 'bad\\udc80\\x00\\u202e')\n"
        "print(path)\n"
    )
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path)}

    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=env, timeout=60, check=False)  # fmt: skip

    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    log = Path(done.stdout.strip()).read_text(encoding="utf-8")
    assert "id bad\\udc80\x00\u202e" in log
