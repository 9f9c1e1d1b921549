"""The history under a lock held by another process, and with odd strings and numbers.

A locked database delays recording and loses nothing (kept in memory, then in a
journal replayed when the lock goes or at the next start); any string or number
a result can hold is stored and found again by its product ID.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from aiohttp import web
from hypothesis import given, settings
from hypothesis import strategies as st

from inventory_gui.cli import history_command
from inventory_gui.cli.fetch_history import FetchHistory
from inventory_gui.cli.fetch_input import load_resume_input
from inventory_gui.core.errors import HistoryError
from inventory_gui.core.history import writer as history_writer
from inventory_gui.core.history.product_lists import decode_products
from inventory_gui.core.history.store import DB_NAME, HistoryStore
from inventory_gui.core.models import Product, ProductList, Result
from tests.history_locks import NOTICE, exclusive_lock, journals
from tests.loopback import LoopbackApi, product_id

PYTHON = [sys.executable, "-m", "inventory_gui"]
AT = "2026-01-01T00:00:00.000Z"


def count(file: Path, sql: str, *args: object) -> object:
    """The first column of the first row ``sql`` selects from the database ``file``."""
    conn = sqlite3.connect(file)
    try:
        return conn.execute(sql, args).fetchone()[0]
    finally:
        conn.close()


def wait_for_journaled_state(folder: Path, state: str) -> None:
    """Wait until a journal in ``folder`` holds a run's ``state``, the last thing queued.

    The writer keeps its queue's order, so everything queued before is in the
    journal too: on disk, where it survives the process being killed.
    """
    deadline = time.monotonic() + 30
    while not any(
        line.startswith('["state"') and f'"{state}"' in line
        for path in journals(folder)
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
    ):
        assert time.monotonic() < deadline, f"no {state!r} in a journal after 30 s"
        time.sleep(0.02)  # polls the file another thread or process writes


def ok(pid: str, quantity: object = 1) -> Result:
    return Result(pid, "ok", 200, quantity, 2.0, 1, None, AT)


# -- the CLI: 4,000 products while the database is locked ------------------


class GatedApi:
    """A loopback API in a thread; requests past ``gate_after`` wait for :meth:`open`."""

    def __init__(self, gate_after: int) -> None:
        self.gate_after = gate_after
        self.half_served = threading.Event()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def __enter__(self) -> GatedApi:
        self._thread.start()
        assert self._ready.wait(10)
        return self

    def __exit__(self, *_: object) -> None:
        self.open()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    @property
    def template(self) -> str:
        return self.api.template

    def open(self) -> None:
        self._loop.call_soon_threadsafe(self._gate.set)

    async def _answer(self, request: web.Request, api: LoopbackApi) -> web.Response:
        if len(api.requests) >= self.gate_after:
            self.half_served.set()
            await self._gate.wait()
        return web.json_response({"quantity": int(product_id(request)[1:])})

    def _serve(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._gate = asyncio.Event()
        self.api = self._loop.run_until_complete(LoopbackApi(self._answer).start())
        self._ready.set()
        self._loop.run_forever()
        self._loop.run_until_complete(self.api.close())
        self._loop.close()


def test_a_cli_run_under_a_lock_records_every_check_once_the_lock_goes(tmp_path):
    total = 4000
    products = tmp_path / "products.txt"
    products.write_text("".join(f"p{i}\n" for i in range(total)), encoding="utf-8")
    data = tmp_path / "data"
    HistoryStore(data).close()
    db = data / DB_NAME
    with GatedApi(gate_after=total // 2) as api, exclusive_lock(db) as lock:
        child = subprocess.Popen(
            [*PYTHON, "fetch", str(products), "--url-template", api.template,
             "--data-dir", str(data), "--output", str(tmp_path / "out.json"), "--quiet"],
            stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        assert child.stderr is not None
        first = child.stderr.readline()  # the notice, while the lock is held
        assert NOTICE in first, first
        assert api.half_served.wait(60)  # half the checks came back: queued, not recorded
        assert count(db, "SELECT COUNT(*) FROM checks") == 0
        lock.execute("ROLLBACK")  # the other program lets go
        api.open()
        with child:
            rest = child.stderr.read()
        assert child.returncode == 0, rest
    stderr = first + rest
    assert stderr.count(NOTICE) == 1, stderr
    assert "Traceback" not in stderr
    assert count(db, "SELECT COUNT(*) FROM checks WHERE status = 'ok'") == total
    assert count(db, "SELECT COUNT(DISTINCT product_id) FROM checks") == total
    assert count(db, "SELECT COUNT(*) FROM runs WHERE state = 'done' AND total = ?", total) == 1
    assert journals(data) == []
    resumed = subprocess.run(
        [*PYTHON, "fetch", "--resume", "--data-dir", str(data)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert resumed.returncode == 2
    assert "no unfinished run to resume" in resumed.stderr


def test_a_process_killed_while_locked_is_recorded_at_the_next_start(tmp_path):
    """What a killed process kept in its journal is replayed by the next open, once."""
    data = tmp_path / "data"
    HistoryStore(data).close()
    db = data / DB_NAME
    script = (
        "import sys\n"
        "from inventory_gui.core.history.store import HistoryStore\n"
        "from inventory_gui.core.models import Product, Result\n"
        "writer = HistoryStore(sys.argv[1]).writer()\n"
        "ids = [f'k{i}' for i in range(1000)]\n"
        "run = writer.begin_run('s.txt', 'http://x/{id}', [Product(i) for i in ids])\n"
        "writer.record_many(run, [Result(i, 'ok', 200, 7, checked_at='2026') for i in ids])\n"
        "writer.end_run(run, 'done')\n"
        "print('queued', flush=True)\n"
        "sys.stdin.readline()\n"  # killed here
    )
    with exclusive_lock(db):
        child = subprocess.Popen(
            [sys.executable, "-c", script, str(data)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip
        with child:
            assert child.stdout is not None
            assert child.stdout.readline() == "queued\n"
            wait_for_journaled_state(data, "done")
            child.kill()
        assert len(journals(data)) == 1
        assert count(db, "SELECT COUNT(*) FROM checks") == 0
    store = HistoryStore(data)  # the next start
    try:
        assert journals(data) == []
        assert count(db, "SELECT COUNT(*) FROM checks") == 1000
        listed = decode_products(count(db, "SELECT items FROM product_lists"))  # its one list
        assert [p.id for p in listed] == [f"k{i}" for i in range(1000)]
        assert store.unfinished_run() is None  # the run ended 'done' in the journal
        assert store.history("k999")[0].quantity == 7
        assert store.last_ok(["k999"])["k999"].quantity == 7  # an orphan's replay keeps it
    finally:
        store.close()


# -- the writer under a lock, in this process ------------------------------


def test_what_waits_for_a_lock_is_in_a_journal_then_written_in_order(tmp_path):
    store = HistoryStore(tmp_path)
    notices: list[str] = []
    writer = store.writer(on_delayed=notices.append)
    run = writer.begin_run("s", "http://x/{id}", [Product("a")])
    try:
        with exclusive_lock(store.file):
            for i in range(400):
                writer.record(run, ok("a", i))
            writer.end_run(run, "cancelled")
            assert not writer.flush(timeout=2 * history_writer.NOTICE_SECONDS)
            assert writer.delayed
            assert len(notices) == 1
            wait_for_journaled_state(tmp_path, "cancelled")
            assert len(journals(tmp_path)) == 1  # on disk, not in memory
        assert writer.flush(timeout=30)  # the lock went: everything written
        assert not writer.delayed
        assert journals(tmp_path) == []
        assert [c.quantity for c in store.history("a", limit=1000)] == list(range(400))
        assert store.last_ok(["a"])["a"].quantity == 399  # the replay keeps it too
        assert count(store.file, "SELECT state FROM runs WHERE id = ?", run) == "cancelled"
        assert len(notices) == 1
    finally:
        writer.close()
        store.close()


def test_a_run_begun_under_a_lock_gets_its_real_id_later(tmp_path):
    store = HistoryStore(tmp_path)
    writer = store.writer()
    try:
        with exclusive_lock(store.file):
            token = writer.begin_run("s", "http://x/{id}", [Product("a"), Product("b")])
            assert token < 0
            writer.record(token, ok("a", 5))
            writer.record(token, Result("b", "error", 500, error="HTTP 500", checked_at=AT))
            writer.end_run(token, "done")
        assert writer.flush(timeout=30)
        assert count(store.file, "SELECT state FROM runs WHERE id = 1") == "done"
        assert count(store.file, "SELECT total FROM runs WHERE id = 1") == 2
        assert store.resume_items(1) == [Product("b")]
        assert store.history("a")[0].run_id == 1
    finally:
        writer.close()
        store.close()


def test_closing_under_a_lock_is_bounded_and_the_next_open_recovers(tmp_path, capsys):
    store = HistoryStore(tmp_path)
    writer = store.writer()
    run = writer.begin_run("s", "http://x/{id}", [Product("a"), Product("b")])
    with exclusive_lock(store.file):
        writer.record(run, ok("a", 3))
        writer.record(run, ok("b", 4))
        writer.end_run(run, "done")
        started = time.monotonic()
        writer.close(wait=0.5)
        assert time.monotonic() - started < 0.5 + 3 * history_writer.WRITE_BUSY_SECONDS
        assert writer.left_in is not None
        assert writer.left_in.exists()
        store.close()
        locked = HistoryStore(tmp_path)  # still locked: the journal waits, no resume offer
        assert locked.unrecorded() == [writer.left_in]
        locked.close()
        args = argparse.Namespace(data_dir=str(tmp_path), product_id="a", limit=10)
        assert history_command.run(args) == 1  # nothing recorded yet, and it says why
        assert "are not shown yet" in capsys.readouterr().err
    again = HistoryStore(tmp_path)
    try:
        assert again.unrecorded() == []
        assert count(again.file, "SELECT state FROM runs WHERE id = ?", run) == "done"
        assert again.unfinished_run() is None
        assert [c.quantity for c in again.history("b")] == [4]
    finally:
        again.close()


def test_the_cli_tells_where_unrecorded_checks_wait_and_resume_waits_for_them(tmp_path, capsys):
    args = argparse.Namespace(no_history=False, data_dir=str(tmp_path), resume=False)
    history = FetchHistory.open(args)
    history.begin(ProductList([Product("a")], "p.txt"), "http://x/{id}")
    record = history.recorder()
    assert record is not None
    with exclusive_lock(tmp_path / DB_NAME):
        record(ok("a"))
        history.end("done")
        history.close()
        err = capsys.readouterr().err
        assert "still locked" in err
        assert ".unrecorded-" in err
        lines = err.strip().splitlines()  # the delay notice, then where the rest waits
        assert [line.startswith("inventory-gui: warning:") for line in lines] == [True, True]
        assert NOTICE in lines[0]
        resuming = FetchHistory.open(argparse.Namespace(**{**vars(args), "resume": True}))
        with pytest.raises(HistoryError, match="not recorded yet"):
            load_resume_input(resuming)
        resuming.close()


# -- odd strings and numbers -------------------------------------------------

ODD_IDS = ["bad\udc80", "\ud800", "nul\x00id", "ctl\x01\x1b[31m\x7f", "é" * 100_000, "a\\udc80"]
ODD_NUMBERS = [10**400, -(10**400), math.nan, math.inf, -math.inf, 2**63, 1.5]


def test_odd_strings_and_numbers_round_trip_and_are_found_by_id(tmp_path, capsys):
    store = HistoryStore(tmp_path)
    writer = store.writer()
    results = [
        Result(pid, "ok", 2**70, quantity, 10**300, 1, f"err {pid}", AT, {"col\udcff": pid})
        for pid, quantity in zip(ODD_IDS, ODD_NUMBERS, strict=False)
    ]
    run = writer.begin_run("s\udc80.json", "http://x/{id}", [Product(r.id) for r in results])
    writer.record_many(run, results)
    writer.end_run(run, "done")
    writer.close()
    assert writer.error is None
    previous = store.last_ok(ODD_IDS)
    for result in results:
        [check] = store.history(result.id)
        assert (check.http_status, check.latency_ms) == (2**70, 10**300)
        assert _same(check.quantity, result.quantity)
        assert _same(previous[result.id].quantity, result.quantity)
    store.close()
    args = argparse.Namespace(data_dir=str(tmp_path), product_id="bad\udc80", limit=10)
    assert history_command.run(args) == 0  # as `inventory-gui history $'bad\x80'` gives it
    out = capsys.readouterr().out
    assert "1.0000e+400" in out


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a):
        return math.isnan(b)
    return a == b


@settings(deadline=None)
@given(
    pid=st.text(st.characters(blacklist_categories=()), min_size=1, max_size=30),
    quantity=st.one_of(
        st.none(),
        st.integers(min_value=-(10**500), max_value=10**500),
        st.floats(allow_nan=True, allow_infinity=True),
    ),
)
def test_any_id_and_quantity_is_stored_and_found_again(tmp_path_factory, pid, quantity):
    folder = tmp_path_factory.mktemp("h")
    store = HistoryStore(folder)
    writer = store.writer()
    run = writer.begin_run(pid, pid, [Product(pid, {pid: pid})])
    writer.record(run, ok(pid, quantity))
    writer.close()
    try:
        assert writer.error is None
        [check] = store.history(pid)
        assert _same(check.quantity, None if quantity is None else quantity)
        assert pid in store.last_ok([pid])
    finally:
        store.close()


def test_sqlite_connect_gets_its_timeout_as_a_keyword(tmp_path, monkeypatch):
    real = sqlite3.connect
    calls: list[tuple[object, ...]] = []

    def connect(*args: object, **kwargs: object) -> sqlite3.Connection:
        calls.append(args)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(sqlite3, "connect", connect)
    store = HistoryStore(tmp_path)
    store.writer().close()
    store.close()
    assert calls
    assert all(len(args) == 1 for args in calls)


def test_a_journal_cut_short_is_replayed_and_a_damaged_one_is_named(tmp_path):
    HistoryStore(tmp_path).close()
    ops = [
        '["run", -5, "2026-01-01T00:00:00Z", "s", "http://x/{id}", 1]',
        '["items", -5, 0, [["a", null]]]',
        '["checks", [[-5, "a", "ok", 200, 4.0, null, "2026-01-01T00:00:01Z", 1.0, null]]]',
        '["state", -5, "done", "2026-01-01T00:00:02Z"]',
        '["checks", [[-5, "a", "ok"',  # the write a crash cut short: never applied
    ]
    journal = tmp_path / f"{DB_NAME}.unrecorded-1-cut.jsonl"
    journal.write_text("\n".join(ops), encoding="utf-8")
    store = HistoryStore(tmp_path)
    try:
        assert not journal.exists()
        assert [c.quantity for c in store.history("a")] == [4.0]
        assert store.unfinished_run() is None
    finally:
        store.close()
    damaged = tmp_path / f"{DB_NAME}.unrecorded-2-bad.jsonl"
    damaged.write_text("not json\n", encoding="utf-8")
    with pytest.raises(HistoryError, match=r"unrecorded-2-bad\.jsonl") as error:
        HistoryStore(tmp_path)
    assert "\n" not in str(error.value)
    assert damaged.exists()  # kept for the user


def test_odd_strings_and_numbers_round_trip_through_the_journal(tmp_path):
    store = HistoryStore(tmp_path)
    writer = store.writer()
    results = [
        Result(pid, "ok", 200, quantity, 1.0, 1, None, AT, {"col\udcff": pid})
        for pid, quantity in zip(ODD_IDS, ODD_NUMBERS, strict=False)
    ]
    with exclusive_lock(store.file):
        listed = [Product(r.id, r.fields) for r in results]
        run = writer.begin_run("s\udc80", "http://x/{id}", listed)
        writer.record_many(run, results)
        writer.end_run(run, "done")
        writer.close(wait=0)
        assert writer.left_in is not None
    store.close()
    again = HistoryStore(tmp_path)
    try:
        assert again.unrecorded() == []
        for result in results:
            [check] = again.history(result.id)
            assert _same(check.quantity, result.quantity)
        assert again.unfinished_run() is None
        assert decode_products(count(again.file, "SELECT items FROM product_lists")) == listed
    finally:
        again.close()
