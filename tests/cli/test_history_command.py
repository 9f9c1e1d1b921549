"""The history from the command line: fetch records, history prints, --retry-failed-from
merges, and a killed fetch (a child process) is resumed.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import time
import urllib.request
from contextlib import closing
from pathlib import Path

from inventory_gui.core.history.product_lists import decode_products
from inventory_gui.core.history.store import DB_NAME, HistoryStore
from inventory_gui.core.resources import load_catalogue
from inventory_gui.demo.server import DemoConfig, start_demo_server
from tests.cli.apis import serve_in_thread
from tests.cli.commands import PYTHON, assert_one_line, cli, table_rows, write_products


def test_fetch_records_by_default_and_history_shows_the_change(tmp_path, stock_api):
    products = write_products(tmp_path / "p.csv", [("A1", "anvil"), ("B2", "bolt")])
    data = str(tmp_path / "data")
    fetch = ("fetch", str(products), "--url-template", stock_api.template, "-q", "--data-dir", data)
    assert cli(*fetch).returncode == 0
    shown = cli("history", "A1", "--data-dir", data)
    assert shown.returncode == 0, shown.stderr
    header = shown.stdout.splitlines()[0]
    assert header.split() == ["checked", "at", "(UTC)", "status", "quantity", "change", "error"]
    [row] = table_rows(shown.stdout)
    assert row.split()[2:] == ["ok", "5"]

    stock_api.stock["A1"] = 9
    assert cli(*fetch).returncode == 0
    shown = cli("history", "A1", "--data-dir", data)
    first, second = table_rows(shown.stdout)
    assert first.split()[2:] == ["ok", "5"]
    assert second.split()[2:] == ["ok", "9", "+4"]
    assert shown.stdout.splitlines()[0].index("change") < second.index("+4")

    stock_api.stock.pop("A1")  # now an error row: no quantity, no change, the error shown
    assert cli(*fetch).returncode == 1
    shown = cli("history", "A1", "--data-dir", data, "--limit", "2")
    second, third = table_rows(shown.stdout)
    assert third.split()[2:4] == ["error", "-"]
    assert "404" in third
    assert "(the latest 2 checks; --limit N shows more)" in shown.stdout


def test_no_history_records_nothing(tmp_path, stock_api):
    products = write_products(tmp_path / "p.csv", [("A1", "anvil")])
    data = tmp_path / "data"
    done = cli("fetch", str(products), "--url-template", stock_api.template, "-q",
               "--no-history", "--data-dir", str(data))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert not (data / DB_NAME).exists()
    shown = cli("history", "A1", "--data-dir", str(data))
    assert shown.returncode == 2
    assert_one_line(shown.stderr, str(data / DB_NAME), "no history database")


def test_history_errors_are_one_line(tmp_path, stock_api):
    products = write_products(tmp_path / "p.csv", [("A1", "anvil")])
    data = tmp_path / "data"
    cli("fetch", str(products), "--url-template", stock_api.template, "-q", "--data-dir", str(data))
    unknown = cli("history", "nobody", "--data-dir", str(data))
    assert unknown.returncode == 1
    assert_one_line(unknown.stderr, "no history for nobody")
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / DB_NAME).write_bytes(b"garbage, not SQLite" * 200)
    broken = cli("history", "A1", "--data-dir", str(tmp_path / "broken"))
    assert broken.returncode == 2
    assert_one_line(broken.stderr, str(tmp_path / "broken" / DB_NAME))
    assert cli("history", "A1", "--limit", "0").returncode == 2


def test_an_unusable_history_is_a_warning_and_the_fetch_goes_on(tmp_path, stock_api):
    products = write_products(tmp_path / "p.csv", [("A1", "anvil")])
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("x")
    out = tmp_path / "out.json"
    done = cli("fetch", str(products), "--url-template", stock_api.template, "-q",
               "--data-dir", str(not_a_folder), "-o", str(out))  # fmt: skip
    assert done.returncode == 0
    assert_one_line(done.stderr, "warning", "history")
    assert json.loads(out.read_text(encoding="utf-8"))[0]["status"] == "ok"


def test_retry_failed_from_fetches_only_failed_rows_and_merges(tmp_path, stock_api):
    rows = [("A1", "anvil"), ("X1", "x-ray"), ("B2", "bolt"), ("X2", "xylophone")]
    products = write_products(tmp_path / "p.csv", rows)
    data, first, second = str(tmp_path / "data"), tmp_path / "first.json", tmp_path / "second.json"
    base = ("--url-template", stock_api.template, "-q", "--data-dir", data)
    assert cli("fetch", str(products), *base, "-o", str(first)).returncode == 1
    before = json.loads(first.read_text(encoding="utf-8"))
    assert [r["status"] for r in before] == ["ok", "error", "ok", "error"]

    stock_api.stock["X1"] = 3
    asked = len(stock_api.api.requests)
    done = cli("fetch", "--retry-failed-from", str(first), *base, "-o", str(second))
    assert done.returncode == 1, done.stderr  # X2 is still unknown
    assert sorted(stock_api.requested(asked)) == ["X1", "X2"]
    after = json.loads(second.read_text(encoding="utf-8"))
    assert [r["id"] for r in after] == ["A1", "X1", "B2", "X2"]
    assert after[0] == before[0]  # ok rows unchanged
    assert after[2] == before[2]
    assert (after[1]["status"], after[1]["quantity"], after[1]["name"]) == ("ok", 3, "x-ray")
    assert (after[3]["status"], after[3]["name"]) == ("error", "xylophone")
    assert after[3]["checked_at"] != before[3]["checked_at"]
    x1 = table_rows(cli("history", "X1", "--data-dir", data).stdout)
    assert [line.split()[2] for line in x1] == ["error", "ok"]

    stock_api.stock["X2"] = 1  # everything ok now: exit 0, the table on stdout has all rows
    done = cli("fetch", "--retry-failed-from", str(second), *base)
    assert done.returncode == 0, done.stderr
    assert [line.split()[0] for line in table_rows(done.stdout)] == ["A1", "X1", "B2", "X2"]


def test_retry_failed_from_and_resume_usage_errors(tmp_path, stock_api):
    products = write_products(tmp_path / "p.csv", [("A1", "anvil")])
    (tmp_path / "bad.json").write_text('{"not": "results"}', encoding="utf-8")
    template = ("--url-template", stock_api.template)
    data = ("--data-dir", str(tmp_path / "data"))
    cases = [
        (("--retry-failed-from", str(tmp_path / "bad.json"), *template), "not a results file"),
        (("--retry-failed-from", str(tmp_path / "none.json"), *template), "none.json"),
        ((str(products), "--retry-failed-from", str(tmp_path / "bad.json"), *template), "both"),
        (("--resume", *data), "no unfinished run"),
        (("--resume", "--no-history", *data), "--no-history"),
    ]
    for args, needle in cases:
        done = cli("fetch", *args)
        assert done.returncode == 2, (args, done.stderr)
        assert_one_line(done.stderr, needle)


def recorded_checks(db: Path) -> set[tuple[int, str]]:
    """The (check id, product ID) pairs committed so far (none before the file exists)."""
    if not db.exists():
        return set()
    try:
        with closing(sqlite3.connect(db, timeout=5)) as conn:
            return set(conn.execute("SELECT id, product_id FROM checks"))
    except sqlite3.OperationalError:  # the tables are not made yet
        return set()


def demo_requests(template: str) -> int:
    base = template.split("/get-current-inventory/", 1)[0]
    with urllib.request.urlopen(base + "/stats", timeout=10) as answer:
        return json.load(answer)["requests_total"]


def test_a_killed_fetch_loses_nothing_and_resumes_the_rest(tmp_path):
    ids = [str(product["id"]) for product in load_catalogue()][:200]
    products = write_products(tmp_path / "p.csv", [(pid, "") for pid in ids])
    data = tmp_path / "data"
    db = data / DB_NAME
    # A slow API, so that the fetch is killed half-way: 200 products, 8 at a time.
    slow_demo = DemoConfig(latency_ms=100, drift=False)
    with serve_in_thread(lambda: start_demo_server(slow_demo)) as server:
        client = None
        try:
            template = server.url_template
            client = subprocess.Popen(
                [*PYTHON, "fetch", str(products), "--url-template", template, "--concurrency",
                 "8", "--data-dir", str(data), "-q", "-o", str(tmp_path / "never.json")],
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            )  # fmt: skip
            # Polling is fine here: the writer is another process.
            deadline, seen = time.monotonic() + 30, set()
            while len(seen) < 16 and time.monotonic() < deadline and client.poll() is None:
                time.sleep(0.05)
                seen = recorded_checks(db)
            assert len(seen) >= 16, client.stderr.read() if client.poll() is not None else seen
            client.kill()
            client.wait(10)
            assert not (tmp_path / "never.json").exists()

            store = HistoryStore(data)
            try:
                run = store.unfinished_run()
                assert run is not None
                assert (run.state, run.total) == ("running", 200)
                with closing(sqlite3.connect(db)) as conn:
                    checked = conn.execute(
                        "SELECT product_id, status FROM checks WHERE run_id = ?", (run.id,)
                    ).fetchall()
                assert seen <= recorded_checks(db)  # nothing recorded before the kill was lost
                assert len(checked) >= 16
                assert {status for _, status in checked} == {"ok"}
                remaining = store.resume_items(run.id)
                done_ids = {pid for pid, _ in checked}
                assert [p.id for p in remaining] == [pid for pid in ids if pid not in done_ids]
            finally:
                store.close()

            asked = demo_requests(template)
            out = tmp_path / "resumed.json"
            # The kill needed a slow API; the resume need not wait for it 8 at a time.
            resumed = cli("fetch", "--resume", "--concurrency", "64", "--data-dir", str(data),
                          "-q", "-o", str(out))  # fmt: skip  # the run's own URL template
            assert resumed.returncode == 0, resumed.stderr
            assert demo_requests(template) - asked == len(remaining)
        finally:
            if client is not None:
                if client.poll() is None:
                    client.kill()
                client.wait(10)
                client.stderr.close()
    assert [r["id"] for r in json.loads(out.read_text(encoding="utf-8"))] == [
        p.id for p in remaining
    ]
    with closing(sqlite3.connect(db)) as conn:
        runs = conn.execute("SELECT id, state FROM runs ORDER BY id").fetchall()
        new_run = runs[-1][0]
        new_checks = conn.execute(
            "SELECT product_id, status FROM checks WHERE run_id = ?", (new_run,)
        ).fetchall()
        listed = conn.execute(
            "SELECT items FROM runs JOIN product_lists ON product_lists.id = list_id"
            " WHERE runs.id = ?",
            (new_run,),
        ).fetchone()[0]
    assert runs == [(run.id, "resumed"), (new_run, "done")]
    assert decode_products(listed) == remaining  # the resumed run's own list
    assert len(new_checks) == len(remaining)
    assert sorted(pid for pid, _ in new_checks) == sorted(p.id for p in remaining)
    assert {status for _, status in new_checks} == {"ok"}
    reopened = HistoryStore(data)
    try:
        assert reopened.unfinished_run() is None
    finally:
        reopened.close()
