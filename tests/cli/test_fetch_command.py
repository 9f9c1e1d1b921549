"""``inventory-gui fetch``: statuses, outputs, bad input, secrets.

Most runs call the command in this process (tests/cli/commands.py); the version,
the help and two usage errors run ``python -m inventory_gui`` as a user does.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import time

import openpyxl
import pytest

from inventory_gui.cli.main import main
from tests.cli.apis import BIG
from tests.cli.commands import assert_one_line_error, cli, cli_process, fetch_cli, write_ids

SECRET = "sk-live-DO-NOT-PRINT-9f8e7d"


def test_version_and_help_are_quick():
    started = time.perf_counter()
    done = cli_process("--version")
    assert done.returncode == 0
    assert done.stdout.startswith("inventory-gui ")
    assert cli_process("fetch", "--help").returncode == 0
    # Generous: two interpreter start-ups on a shared machine; the benchmark measures it properly.
    assert time.perf_counter() - started < 10


def test_parsing_loads_no_aiohttp():
    """Every command's --help answers before the command loads the network stack."""
    script = (
        "import contextlib, sys\n"
        "from inventory_gui.cli.main import main\n"
        "for command in ('fetch', 'serve-demo', 'history'):\n"
        "    with contextlib.redirect_stdout(None), contextlib.suppress(SystemExit):\n"
        "        main([command, '--help'])\n"
        "print(sorted(m for m in ('aiohttp', 'PySide6') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


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
            book = openpyxl.load_workbook(out, read_only=True)  # keeps the file open: close it
            header, *data = list(book.active.iter_rows(values_only=True))
            book.close()
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


def test_missing_file_directory_and_bad_usage(tmp_path, capsys):
    template = ("--url-template", "http://127.0.0.1:9/{id}")
    # Two in a child process: the real exit status and stderr of the command.
    assert_one_line_error(cli_process("fetch", str(tmp_path / "nope.csv"), *template), "nope.csv")
    assert_one_line_error(
        cli_process("fetch", str(tmp_path), *template), tmp_path.name, "directory"
    )
    ids = write_ids(tmp_path / "p.csv", ["a"])
    # The rest in process: the same main(), without an interpreter start-up each.
    for args, needle in [
        ((*template, "--id-column", "sku"), "sku"),
        ((), "--url-template"),
        ((*template, "--concurrency", "0"), "concurrency"),
        (("--url-template", "ftp://x/{id}"), "http"),
        ((*template, "-o", "x.pdf"), "x.pdf"),
        ((*template, "--header", "nocolon"), "header"),
    ]:
        try:
            status = main(["fetch", str(ids), *args])
        except SystemExit as stop:  # argparse's own exit, as the process would see it
            status = stop.code
        done = subprocess.CompletedProcess([], status, "", capsys.readouterr().err)
        assert_one_line_error(done, needle)


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


def test_insecure_prints_a_warning(tmp_path):
    done = cli("fetch", "--demo", "--insecure", "-q", "-o", str(tmp_path / "o.json"))
    assert done.returncode == 1
    assert "warning: TLS certificates are NOT verified" in done.stderr


def test_odd_numbers_from_the_api_reach_every_output(tmp_path, api):
    products = write_ids(tmp_path / "p.csv", ["fast-1", "big", "nan"])
    for suffix in (".json", ".csv", ".xlsx"):
        out = tmp_path / f"out{suffix}"
        done = fetch_cli(str(products), "--url-template", api.template, "-q", "--no-history",
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
