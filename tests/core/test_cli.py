"""The headless command through a subprocess: exit codes, outputs, bad input, secrets."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest

from inventory_gui.demo.server import DemoConfig, start_demo_server

SECRET = "sk-live-DO-NOT-PRINT-9f8e7d"


def cli(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "inventory_gui", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def assert_one_line_error(done: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr
    for needle in needles:
        assert needle in lines[0]


@pytest.fixture
def demo_template():
    """A demo server in a background thread's loop, for subprocess clients."""
    import asyncio
    import threading

    ready = threading.Event()
    box: dict = {}

    def serve() -> None:
        loop = asyncio.new_event_loop()
        box["loop"] = loop
        server = loop.run_until_complete(start_demo_server(DemoConfig(drift=False)))
        box["server"] = server
        ready.set()
        loop.run_forever()
        loop.run_until_complete(server.close())
        loop.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    assert ready.wait(10)
    yield box["server"].url_template
    box["loop"].call_soon_threadsafe(box["loop"].stop)
    thread.join(10)


def write_ids(path: Path, ids: list[str]) -> Path:
    path.write_text("id\n" + "\n".join(ids) + "\n", encoding="utf-8")
    return path


def test_version_and_help_are_quick():
    started = time.perf_counter()
    done = cli("--version")
    assert done.returncode == 0
    assert done.stdout.startswith("inventory-gui ")
    assert cli("fetch", "--help").returncode == 0
    # Generous: two interpreter start-ups on a shared machine; the benchmark measures it properly.
    assert time.perf_counter() - started < 10


def test_all_ok_exits_0_and_writes_json_in_input_order(tmp_path, demo_template):
    ids = ["007", "hgr9d5i", "AB/12", "size M", "café-01"]
    out = tmp_path / "out.json"
    done = cli("fetch", str(write_ids(tmp_path / "p.csv", ids)), "--url-template",
               demo_template, "--output", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert [r["id"] for r in rows] == ids
    assert all(r["status"] == "ok" and isinstance(r["quantity"], int) for r in rows)
    assert rows[0]["response"]["id"] == "007"
    assert "5/5" in done.stderr


def test_errors_exit_1_and_csv_and_xlsx_outputs(tmp_path, demo_template):
    products = write_ids(tmp_path / "p.csv", ["hgr9d5i", "no-such-product"])
    for suffix in (".csv", ".xlsx"):
        out = tmp_path / f"out{suffix}"
        done = cli("fetch", str(products), "--url-template", demo_template, "-o", str(out))
        assert done.returncode == 1, done.stderr
        if suffix == ".csv":
            with out.open(encoding="utf-8-sig", newline="") as handle:
                rows = list(csv.DictReader(handle))
        else:
            sheet = openpyxl.load_workbook(out, read_only=True).active
            header, *data = list(sheet.iter_rows(values_only=True))
            rows = [dict(zip(header, row, strict=False)) for row in data]
        assert [r["status"] for r in rows] == ["ok", "error"]
        assert "404" in str(rows[1]["error"])


def test_table_on_stdout_without_output(tmp_path, demo_template):
    done = cli("fetch", str(write_ids(tmp_path / "p.txt", ["hgr9d5i"])), "--url-template",
               demo_template, "--quiet")  # fmt: skip
    assert done.returncode == 0
    assert "hgr9d5i" in done.stdout
    assert "ok" in done.stdout
    assert done.stderr == ""


def test_demo_flag_uses_the_bundled_sample(tmp_path):
    out = tmp_path / "demo.json"
    done = cli("fetch", "--demo", "-q", "-o", str(out))
    assert done.returncode == 1  # the sample holds unknown IDs on purpose
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert {r["status"] for r in rows} == {"ok", "error"}
    assert any(r["id"] == "AB/12" and r["status"] == "ok" for r in rows)


@pytest.mark.parametrize(
    ("content", "name", "needle"),
    [
        (b"", "empty.csv", "empty"),
        (b"id,name\n", "header.csv", "no"),
        (b"\x00\x01\x02binary\x00", "bin.csv", "bin.csv"),
        (b'{"products": [1, 2', "broken.json", "line 1"),
        (b"42", "shape.json", "shape.json"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_no_output(tmp_path, content, name, needle):
    path = tmp_path / name
    path.write_bytes(content)
    out = tmp_path / "out.json"
    done = cli("fetch", str(path), "--url-template", "http://127.0.0.1:9/{id}", "-o", str(out))
    assert_one_line_error(done, name, needle)
    assert not out.exists()


def test_missing_file_directory_and_bad_usage(tmp_path):
    template = ("--url-template", "http://127.0.0.1:9/{id}")
    assert_one_line_error(cli("fetch", str(tmp_path / "nope.csv"), *template), "nope.csv")
    assert_one_line_error(cli("fetch", str(tmp_path), *template), tmp_path.name, "directory")
    ids = write_ids(tmp_path / "p.csv", ["a"])
    assert_one_line_error(cli("fetch", str(ids), *template, "--id-column", "sku"), "sku")
    assert_one_line_error(cli("fetch", str(ids)), "--url-template")
    assert_one_line_error(cli("fetch", str(ids), *template, "--concurrency", "0"), "concurrency")
    assert_one_line_error(cli("fetch", str(ids), "--url-template", "ftp://x/{id}"), "http")
    assert_one_line_error(cli("fetch", str(ids), *template, "-o", "x.pdf"), "x.pdf")
    assert_one_line_error(cli("fetch", str(ids), *template, "--header", "nocolon"), "header")


def test_secret_header_never_printed_or_exported(tmp_path):
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            seen.append(self.headers.get("X-Api-Key", ""))
            self.send_response(401)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"denied")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        out = tmp_path / "out.json"
        template = f"http://127.0.0.1:{server.server_address[1]}/{{id}}"
        done = cli("fetch", str(write_ids(tmp_path / "p.csv", ["a"])), "--url-template",
                   template, "--header", f"X-Api-Key: {SECRET}", "-o", str(out))  # fmt: skip
    finally:
        server.shutdown()
        server.server_close()
    assert done.returncode == 1
    assert seen == [SECRET]
    assert SECRET not in done.stdout + done.stderr
    assert SECRET not in out.read_text(encoding="utf-8")


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


def test_insecure_prints_a_warning(tmp_path):
    done = cli("fetch", "--demo", "--insecure", "-q", "-o", str(tmp_path / "o.json"))
    assert done.returncode == 1
    assert "warning: TLS certificates are NOT verified" in done.stderr
