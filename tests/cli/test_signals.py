"""``inventory-gui fetch`` stopped by SIGINT, SIGTERM or SIGHUP: the output is written,
the unfinished rows are cancelled and the run is closed as resumable.

Each test runs the command in a child process against a loopback API served
from a thread of the test process, so a crash or a hang fails the test instead
of ending the run.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from inventory_gui.core.history.store import HistoryStore
from tests.cli.apis import CONCURRENCY, FAST, SLOW, ThreadedApi
from tests.cli.commands import assert_one_line, fetch_argv, run_states, temp_files, write_ids


def start_slow_run(tmp_path: Path, api: ThreadedApi, out: Path) -> subprocess.Popen[str]:
    """Start a run whose fast rows are done and whose slow rows are in flight."""
    products = write_ids(tmp_path / "p.csv", FAST + SLOW)
    child = subprocess.Popen(
        fetch_argv(str(products), "--url-template", api.template, "-o", str(out), "-q",
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


@pytest.mark.slow  # a 300k-row export, long enough to signal during it
def test_signal_while_writing_a_stopped_runs_output_waits_for_the_output(tmp_path, api):
    earlier = tmp_path / "earlier.json"  # a long export: many ok rows, slow rows to fetch again
    rows = [{"id": f"p{i}", "status": "ok", "response": {"quantity": i, "tags": ["a", "b"]}}
            for i in range(300_000)]  # fmt: skip
    rows += [{"id": pid, "status": "error", "error": "HTTP 503"} for pid in SLOW]
    earlier.write_text(json.dumps(rows), encoding="utf-8")
    out = tmp_path / "out.json"
    child = subprocess.Popen(
        fetch_argv("--retry-failed-from", str(earlier), "-o", str(out), "-q", "--no-history",
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


@pytest.mark.slow  # a 300k-row export, long enough to signal during it
def test_ctrl_c_during_a_large_export_is_one_line_and_keeps_the_previous_file(tmp_path):
    earlier = tmp_path / "earlier.json"  # all ok: nothing to fetch, a long export
    rows = [{"id": f"p{i}", "status": "ok", "response": {"quantity": i, "tags": ["a", "b"]}}
            for i in range(300_000)]  # fmt: skip
    earlier.write_text(json.dumps(rows), encoding="utf-8")
    out = tmp_path / "out.json"
    out.write_text("previous", encoding="utf-8")
    child = subprocess.Popen(
        fetch_argv("--retry-failed-from", str(earlier), "-o", str(out), "-q", "--no-history",
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


def test_ctrl_c_writes_output_and_exits_130(tmp_path):
    out = tmp_path / "out.json"
    ids = [f"id{i}" for i in range(20)]
    command = [sys.executable, "-m", "inventory_gui"]
    serve = [*command, "serve-demo", "--port", "0", "--latency-ms", "60000"]
    with subprocess.Popen(serve, stdout=subprocess.PIPE, text=True) as server:
        try:
            line = server.stdout.readline()
            template = line.split(" on ", 1)[1].split(" ", 1)[0]
            products = str(write_ids(tmp_path / "p.csv", ids))
            client = subprocess.Popen(
                [*command, "fetch", products, "--url-template", template, "-o", str(out),
                 "--concurrency", "4"],
                stderr=subprocess.PIPE, text=True,
            )  # fmt: skip
            first = client.stderr.readline()  # "20 products from …": the run is under way
            assert "20 products" in first
            client.send_signal(signal.SIGINT)
            _, err = client.communicate(timeout=30)
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(10)
    assert client.returncode == 130, err
    assert "Traceback" not in err
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert [r["status"] for r in rows] == ["cancelled"] * 20
    assert os.path.getsize(out) > 0
