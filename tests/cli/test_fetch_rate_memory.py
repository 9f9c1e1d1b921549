"""``inventory-gui fetch`` keeps the API's learned rate limit for the next run (issue 16).

That a remembered limit is the next run's starting pace is tested on the
fetcher (tests/core/fetch/test_fetcher_rate_limits.py).
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from contextlib import closing

from inventory_gui.core.history.store import HistoryStore
from tests.cli.commands import fetch_cli, write_ids


def test_the_learned_limit_is_kept_per_api_host_and_starts_the_next_run(tmp_path):
    server = subprocess.Popen(
        [sys.executable, "-m", "inventory_gui.devtools.bench.limited_api", "0", "bucket",
         "--rate", "50", "--burst", "5", "--headers"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        port = int(server.stdout.readline().split()[1])
        template = f"http://user:secret@127.0.0.1:{port}/get-current-inventory/{{id}}"
        ids = write_ids(tmp_path / "ids.csv", [f"p{i}" for i in range(20)])
        args = [str(ids), "--url-template", template, "--data-dir", str(tmp_path), "-q"]
        assert fetch_cli(*args).returncode == 0
        store = HistoryStore(tmp_path)
        try:
            assert store.remembered_rate(f"http://127.0.0.1:{port}") == 50.0
        finally:
            store.close()
        with closing(sqlite3.connect(tmp_path / "history.sqlite3")) as conn, conn:
            rows = conn.execute("SELECT * FROM api_pace").fetchall()
        assert [row[0] for row in rows] == [f"http://127.0.0.1:{port}"]  # no user or password
        assert "secret" not in repr(rows)
    finally:
        server.terminate()
        server.wait(10)
        server.stdout.close()
