"""The SQLite history: schema and migrations, WAL and two stores at once, the writer, reads."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from inventory_gui.core.errors import HistoryError
from inventory_gui.core.history import store as history
from inventory_gui.core.history.product_lists import decode_products
from inventory_gui.core.history.store import DB_NAME, SCHEMA_VERSION, HistoryStore, default_data_dir
from inventory_gui.core.history.writer import BATCH_ROWS
from inventory_gui.core.models import Product, Result


def stored_version(file: Path) -> int:
    """The schema version stored in the database ``file`` (``PRAGMA user_version``)."""
    with raw(file) as conn:
        return conn.execute("PRAGMA user_version").fetchone()[0]


@contextmanager
def raw(path: Path) -> Iterator[sqlite3.Connection]:
    """A plain connection to the database of ``path`` (folder or file), committed, closed."""
    conn = sqlite3.connect(path / DB_NAME if path.is_dir() else path)
    try:
        with conn:
            yield conn
    finally:
        conn.close()


def run_list(conn: sqlite3.Connection, run_id: int) -> list[Product]:
    """The product list run ``run_id`` recorded, read with a plain connection."""
    sql = "SELECT items FROM runs JOIN product_lists AS l ON l.id = list_id WHERE runs.id = ?"
    return decode_products(conn.execute(sql, (run_id,)).fetchone()[0])


def ok(pid: str, quantity: float, at: str, **fields: str) -> Result:
    return Result(
        pid, "ok", 200, quantity, 12.5, 1, None, at, dict(fields), {"note": "RESPONSE-BODY"}
    )


def failed(pid: str, at: str) -> Result:
    return Result(pid, "error", 404, None, 3.0, 1, "HTTP 404: unknown product", at)


@pytest.fixture
def store(tmp_path):
    opened = HistoryStore(tmp_path)
    yield opened
    opened.close()


@pytest.fixture
def commits(monkeypatch) -> list[str]:
    """The COMMITs of every connection opened from now on (the writer's own among them)."""
    seen: list[str] = []
    connect = sqlite3.connect

    def traced(*args: object, **kwargs: object) -> sqlite3.Connection:
        conn = connect(*args, **kwargs)  # type: ignore[arg-type]
        conn.set_trace_callback(lambda sql: seen.append(sql) if sql == "COMMIT" else None)
        return conn

    monkeypatch.setattr(sqlite3, "connect", traced)
    return seen


def record_run(store: HistoryStore, results: list[Result], state: str | None = "done") -> int:
    writer = store.writer()
    try:
        products = [Product(r.id, r.fields) for r in results]
        run_id = writer.begin_run("test.csv", "http://api.test/{id}", products)
        for result in results:
            writer.record(run_id, result)
        if state is not None:
            writer.end_run(run_id, state)
        writer.flush()
    finally:
        writer.close()
    return run_id


def table_names(conn: sqlite3.Connection) -> set[str]:
    return {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}


def test_default_data_dir_is_the_user_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_data_dir() == tmp_path / "inventory-gui"


def test_creates_the_schema_and_stores_its_version(tmp_path):
    store = HistoryStore(tmp_path / "new" / "folder")
    try:
        assert store.file == tmp_path / "new" / "folder" / DB_NAME
        assert stored_version(store.file) == SCHEMA_VERSION == len(history.MIGRATIONS)
    finally:
        store.close()
    with raw(store.file) as conn:
        assert {"runs", "checks", "product_lists", "last_ok", "checks_by_run"} <= table_names(conn)
        assert "checks_by_product" not in table_names(conn)  # see test_a_run_touches_few_pages
        assert "run_items" not in table_names(conn)  # lists are stored once: product_lists
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        columns = [row[1] for row in conn.execute("PRAGMA table_info(checks)")]
        index = [row[2] for row in conn.execute("PRAGMA index_info(checks_by_run)")]
    assert columns == ["id", "run_id", "product_id", "status", "http_status", "quantity",
                       "error", "checked_at", "latency_ms", "fields_json"]  # fmt: skip
    assert index == ["run_id", "product_id"]


def test_wal_mode_is_on(store):
    with raw(store.file) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_migrates_an_empty_version_0_database(tmp_path):
    file = tmp_path / DB_NAME
    with raw(file) as conn:
        conn.execute("CREATE TABLE unrelated (x)")
    store = HistoryStore(tmp_path)
    store.close()
    with raw(file) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert {"unrelated", "runs", "checks", "product_lists"} <= table_names(conn)


def make_version_1(file: Path) -> None:
    """A database as version 1 of the schema left it: no latency, fields or run_items."""
    with raw(file) as conn:
        history.MIGRATIONS[0](conn)
        conn.execute(
            "INSERT INTO runs VALUES (1, '2024-01-01T00:00:00.000Z', "
            "'2024-01-01T00:00:01.000Z', 'old.csv', 'http://x/{id}', 1, 'done')"
        )
        conn.execute(
            "INSERT INTO checks VALUES (1, 1, 'A', 'ok', 200, 5, NULL, '2024-01-01T00:00:00.500Z')"
        )
        conn.execute("PRAGMA user_version = 1")


def test_migrates_a_version_1_database_keeping_its_checks(tmp_path):
    make_version_1(tmp_path / DB_NAME)
    store = HistoryStore(tmp_path)
    try:
        assert stored_version(store.file) == SCHEMA_VERSION
        [old] = store.history("A")
        assert (old.quantity, old.latency_ms) == (5.0, None)
        assert store.resume_items(1) == []  # version 1 kept no product lists
        assert store.last_ok(["A"]) == {"A": (5.0, "2024-01-01T00:00:00.500Z")}
        record_run(store, [ok("A", 8, "2024-02-01T00:00:00.000Z", name="x")])
        assert [(c.quantity, c.change) for c in store.history("A")] == [(5.0, None), (8.0, 3.0)]
    finally:
        store.close()


def test_version_4_keeps_each_products_latest_ok_check(tmp_path):
    with raw(tmp_path / DB_NAME) as conn:
        for migrate in history.MIGRATIONS[:3]:
            migrate(conn)
        conn.execute("INSERT INTO runs VALUES (1, 'a', 'b', 'old.csv', 'http://x/{id}', 3, 'done')")
        conn.executemany(
            "INSERT INTO checks (run_id, product_id, status, quantity, checked_at)"
            " VALUES (1, ?, ?, ?, ?)",
            [("A", "ok", 5, "2024-01-02"), ("A", "ok", 4, "2024-01-01"),  # recorded late
             ("A", "error", None, "2024-01-03"), ("B", "error", None, "2024-01-01"),
             ("C", "ok", 1, "2024-01-01"), ("C", "ok", 2, "2024-01-01")],  # same time: last id
        )  # fmt: skip
        conn.execute("PRAGMA user_version = 3")
    store = HistoryStore(tmp_path)
    try:
        latest = {"A": (5.0, "2024-01-02"), "C": (2.0, "2024-01-01")}
        assert store.last_ok(["A", "B", "C"]) == latest
        assert [c.quantity for c in store.history("A")] == [4.0, 5.0, None]
    finally:
        store.close()


def test_a_run_writes_as_much_into_a_long_history_as_into_an_empty_one(tmp_path):
    """A run's commit rewrites pages in proportion to the run, not to the history.

    With an index by product, each of a run's checks went to another page of it,
    and the pages written grew with every run kept.
    """
    products = [f"sku{i:05d}" for i in range(2000)]

    def wal_bytes_of_a_run(folder: Path, runs_before: int) -> int:
        store = HistoryStore(folder)
        with raw(folder) as conn:
            for run in range(1, runs_before + 1):
                conn.execute(
                    f"INSERT INTO runs VALUES ({run}, 'a', 'b', 's', 't', 2000, 'done', NULL)"
                )
                conn.executemany(
                    "INSERT INTO checks (run_id, product_id, status, quantity, checked_at)"
                    " VALUES (?, ?, 'ok', 1, ?)",
                    [(run, pid, f"2024-01-01T{run:05d}") for pid in products],
                )
        with raw(folder) as conn:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        wal = store.file.with_name(DB_NAME + "-wal")
        assert wal.stat().st_size == 0
        record_run(store, [ok(pid, 2, "2025-01-01T00:00:00.000Z") for pid in products])
        size = wal.stat().st_size  # the store's connection keeps the WAL until closed
        assert store.last_ok(products[:1]) == {products[0]: (2.0, "2025-01-01T00:00:00.000Z")}
        store.close()
        return size

    empty = wal_bytes_of_a_run(tmp_path / "empty", 0)
    long = wal_bytes_of_a_run(tmp_path / "long", 50)  # 100,000 checks
    assert long <= empty * 1.25


def test_a_failed_migration_changes_nothing(tmp_path, monkeypatch):
    make_version_1(tmp_path / DB_NAME)

    def half_done(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE checks ADD COLUMN latency_ms REAL")
        raise sqlite3.OperationalError("disk trouble")

    monkeypatch.setattr(history, "MIGRATIONS", [history.MIGRATIONS[0], half_done])
    with pytest.raises(HistoryError, match="disk trouble") as caught:
        HistoryStore(tmp_path)
    assert str(tmp_path / DB_NAME) in str(caught.value)
    with raw(tmp_path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert "latency_ms" not in [row[1] for row in conn.execute("PRAGMA table_info(checks)")]


def test_a_newer_database_is_a_clear_one_line_error(tmp_path):
    with raw(tmp_path / DB_NAME) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    with pytest.raises(HistoryError) as caught:
        HistoryStore(tmp_path)
    message = str(caught.value)
    assert "\n" not in message
    assert str(tmp_path / DB_NAME) in message
    assert "newer" in message
    with raw(tmp_path) as conn:  # left as it was
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 5


def test_not_a_database_and_missing_database(tmp_path):
    (tmp_path / DB_NAME).write_bytes(b"this is not a database, just text" * 100)
    with pytest.raises(HistoryError, match=r"history\.sqlite3: cannot open"):
        HistoryStore(tmp_path)
    with pytest.raises(HistoryError, match="no history database"):
        HistoryStore(tmp_path / "elsewhere", create=False)
    assert not (tmp_path / "elsewhere").exists()


def test_two_stores_on_one_file_write_and_read_at_once(tmp_path):
    first, second = HistoryStore(tmp_path), HistoryStore(tmp_path)
    problems: list[BaseException] = []
    products = [Product(f"p{i}") for i in range(200)]

    def write_runs(store: HistoryStore, tag: str) -> None:
        try:
            writer = store.writer((50, 0.01))
            for round_ in range(10):
                run_id = writer.begin_run(tag, "http://x/{id}", products)
                for i, product in enumerate(products):
                    at = f"2024-01-01T00:{round_:02d}:{i % 60:02d}.000Z"
                    writer.record(run_id, ok(product.id, i, at))
                writer.end_run(run_id, "done")
            writer.close()
        except BaseException as exc:
            problems.append(exc)

    writers = [threading.Thread(target=write_runs, args=(s, t)) for s, t in
               ((first, "first"), (second, "second"))]  # fmt: skip
    for thread in writers:
        thread.start()
    reads = 0
    while any(thread.is_alive() for thread in writers):  # read in both while both write
        for reader in (first, second):
            reader.history("p7")
            reader.last_ok(["p1", "p2", "p3"])
            reader.unfinished_run()
            reads += 1
    for thread in writers:
        thread.join()
    assert problems == []
    assert reads > 0
    assert len(first.history("p7", limit=1000)) == len(second.history("p7", limit=1000)) == 20
    with raw(tmp_path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM checks").fetchone()[0] == 2 * 10 * 200
    first.close()
    second.close()


def test_record_many_keeps_every_commit_within_the_batch_size(store, commits):
    products = [Product(f"P{i:05d}") for i in range(10_000)]
    writer = store.writer(batch=(500, 60.0))  # only the row count ends a batch here
    run_id = writer.begin_run("x.csv", "http://api.test/{id}", products)
    results = [ok(p.id, i, "2024-01-01T00:00:00.000Z") for i, p in enumerate(products)]
    for start in range(0, len(results), 1234):  # batches of the worker's odd sizes
        writer.record_many(run_id, results[start : start + 1234])
    writer.record_many(run_id, [])
    writer.flush()
    writer.close()
    assert len(commits) >= 10_000 // 500 + 1  # the run's own commit, then <= 500 rows each
    with raw(store.file) as conn:
        rows = conn.execute("SELECT product_id, quantity FROM checks ORDER BY id").fetchall()
    assert rows == [(p.id, float(i)) for i, p in enumerate(products)]


@pytest.mark.slow  # batching also in test_record_many_keeps_every_commit_within_the_batch_size
def test_writer_commits_100k_results_in_batches(store, commits, capsys):
    products = [Product(f"SKU-{i:06d}", {"name": f"item {i}", "store": "north"})
                for i in range(100_000)]  # fmt: skip
    writer = store.writer()
    started = time.perf_counter()
    run_id = writer.begin_run("big.csv", "http://api.test/{id}", products)
    begun = time.perf_counter()
    for i, product in enumerate(products):
        result = Result(product.id, "ok", 200, i % 97, 4.2, 1, None,
                        "2024-03-01T10:00:00.000Z", product.fields)  # fmt: skip
        writer.record(run_id, result)
    queued = time.perf_counter()
    writer.flush()
    flushed = time.perf_counter()
    writer.end_run(run_id, "done")
    writer.close()
    with capsys.disabled():
        print(
            f"\nhistory, 100,000 products: begin_run {begun - started:.2f} s; record (queue)"
            f" {queued - begun:.2f} s; flushed {flushed - begun:.2f} s after the first record;"
            f" {len(commits)} commits"
        )
    assert len(commits) >= 100_000 // BATCH_ROWS  # never more than BATCH_ROWS rows a commit
    with raw(store.file) as conn:
        count, distinct = conn.execute(
            "SELECT COUNT(*), COUNT(DISTINCT product_id) FROM checks WHERE run_id = ?", (run_id,)
        ).fetchone()
        assert (count, distinct) == (100_000, 100_000)
        assert run_list(conn, run_id) == products
    [check] = store.history("SKU-012345")
    assert check.quantity == 12345 % 97
    with raw(store.file) as conn:
        state = conn.execute("SELECT state FROM runs WHERE id = ?", (run_id,)).fetchone()[0]
    assert state == "done"
    assert store.resume_items(run_id) == []


def test_a_recorded_result_is_committed_without_flush(store):
    writer = store.writer()
    try:
        run_id = writer.begin_run("t", "http://x/{id}", [Product("A")])
        writer.record(run_id, ok("A", 1, "2024-01-01T00:00:00.000Z"))
        deadline = time.monotonic() + 10  # the batch timer is 0.2 s; allow a loaded machine
        while not store.history("A") and time.monotonic() < deadline:
            time.sleep(0.02)
        assert len(store.history("A")) == 1
    finally:
        writer.close()


def test_last_ok_gives_each_products_latest_ok_check(store):
    record_run(store, [ok("A", 5, "2024-01-01T00:00:00.000Z"), failed("B", "2024-01-01")])
    assert store.last_ok(["A", "B", "C"]) == {"A": (5.0, "2024-01-01T00:00:00.000Z")}
    record_run(store, [ok("A", 8, "2024-01-02T00:00:00.000Z"),
                       ok("B", 2, "2024-01-02T00:00:00.000Z")])  # fmt: skip
    record_run(store, [failed("A", "2024-01-03T00:00:00.000Z")])
    expected = {"A": (8.0, "2024-01-02T00:00:00.000Z"), "B": (2.0, "2024-01-02T00:00:00.000Z")}
    assert store.last_ok(["A", "B", "C"]) == expected  # the error in the third run does not count
    record_run(store, [ok("A", 1, "2023-12-31T00:00:00.000Z")])  # recorded late, checked earlier
    assert store.last_ok(["A"]) == {"A": expected["A"]}
    many = [f"x{i}" for i in range(2000)] + ["A"]  # more IDs than one query takes
    assert set(store.last_ok(many)) == {"A"}


def test_history_is_oldest_first_with_changes_between_ok_checks(store):
    for day, quantity in enumerate([10, 7, None, 9], start=1):
        at = f"2024-01-0{day}T00:00:00.000Z"
        record_run(store, [ok("A", quantity, at) if quantity is not None else failed("A", at)])
    checks = store.history("A")
    assert [c.checked_at[:10] for c in checks] == [
        "2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04"]  # fmt: skip
    assert [c.status for c in checks] == ["ok", "ok", "error", "ok"]
    assert [c.change for c in checks] == [None, -3.0, None, 2.0]  # vs the previous ok check
    assert checks[2].error == "HTTP 404: unknown product"
    latest = store.history("A", limit=2)
    assert [c.checked_at[:10] for c in latest] == ["2024-01-03", "2024-01-04"]
    assert latest[1].change == 2.0
    assert store.history("nobody") == []


def test_unfinished_run_and_resume_items(store):
    products = [Product(f"p{i}", {"row": str(i)}) for i in range(1, 6)]
    writer = store.writer()
    run_id = writer.begin_run("list.csv", "http://x/{id}", products)
    writer.record(run_id, ok("p1", 1, "2024-01-01T00:00:01.000Z"))
    writer.record(run_id, failed("p2", "2024-01-01T00:00:02.000Z"))
    writer.record(run_id, failed("p3", "2024-01-01T00:00:03.000Z"))
    writer.record(run_id, ok("p3", 3, "2024-01-01T00:00:04.000Z"))  # ok in the end
    writer.record(run_id, ok("p4", 4, "2024-01-01T00:00:05.000Z"))
    writer.record(run_id, failed("p4", "2024-01-01T00:00:06.000Z"))  # failed in the end
    writer.flush()  # p5 never checked; the run is left running, as if the app died
    run = store.unfinished_run()
    assert run is not None
    assert (run.id, run.state, run.total, run.source) == (run_id, "running", 5, "list.csv")
    assert store.resume_items(run_id) == [products[1], products[3], products[4]]
    writer.end_run(run_id, "done")
    writer.close()
    assert store.unfinished_run() is None
    store.mark_run(run_id, "interrupted")
    assert store.unfinished_run().id == run_id
    store.mark_run(run_id, "resumed")
    assert store.unfinished_run() is None
    with pytest.raises(HistoryError, match="no run 999"):
        store.mark_run(999, "done")
    with pytest.raises(ValueError, match="unknown run state"):
        store.mark_run(run_id, "exploded")


def test_nothing_secret_and_no_response_body_is_stored(store):
    template = "https://user:pa55word@api.test/{id}?api_key=KEY-SECRET-1&store={store}&v=2"
    writer = store.writer()
    run_id = writer.begin_run("s.csv", template, [Product("A", {"store": "n"})])
    writer.record(run_id, ok("A", 3, "2024-01-01T00:00:00.000Z", store="n"))
    writer.close()
    with raw(store.file) as conn:
        sql = "SELECT url_template FROM runs WHERE id = ?"
        stored = conn.execute(sql, (run_id,)).fetchone()[0]
    assert stored == "https://***@api.test/{id}?api_key=***&store={store}&v=2"
    store.close()
    data = b"".join(p.read_bytes() for p in store.file.parent.iterdir())
    assert b"KEY-SECRET-1" not in data
    assert b"pa55word" not in data
    assert b"RESPONSE-BODY" not in data  # the response is not stored


def test_odd_values_are_stored_not_lost(store):
    lone = "bad\ud800id"  # a lone surrogate, possible in JSON input
    results = [
        Result(lone, "ok", 200, 10**400, None, 1, None, "2024-01-01T00:00:00.000Z"),
        Result("nan", "ok", 200, float("nan"), None, 1, None, "2024-01-01T00:00:00.000Z"),
        Result("B", "cancelled", None, None, None, 0, "cancelled", None),
    ]
    record_run(store, results)
    with raw(store.file) as conn:
        rows = conn.execute("SELECT product_id, quantity, checked_at FROM checks").fetchall()
    stored = [(pid, qty) for pid, qty, _ in rows]  # by the rule of core.history_codec
    assert stored == [("bad\\ud800id", f"int:{10**400}"), ("nan", "NaN"), ("B", None)]
    assert all(at for _, _, at in rows)
    with raw(store.file) as conn:  # the run's product list keeps the IDs exactly
        assert [p.id for p in run_list(conn, 1)] == [lone, "nan", "B"]


def test_a_closed_writer_refuses_more(store):
    writer = store.writer()
    writer.close()
    writer.close()  # idempotent
    with pytest.raises(HistoryError, match="closed"):
        writer.record(1, ok("A", 1, "2024"))
    with pytest.raises(HistoryError, match="closed"):
        writer.begin_run("x", "http://x/{id}", [])


def test_a_run_begun_without_waiting_is_recorded_under_its_real_id(store):
    writer = store.writer()
    try:
        token = writer.begin_run("s.csv", "http://x/{id}", [Product("A"), Product("B")], wait=False)
        assert token < 0
        writer.record(token, ok("A", 3, "2024-01-01"))
        writer.end_run(token, "interrupted")
        assert writer.flush(timeout=30)
    finally:
        writer.close()
    [check] = store.history("A")
    assert check.run_id > 0
    assert check.quantity == 3
    assert store.unfinished_run().id == check.run_id  # type: ignore[union-attr]
    assert store.resume_items(check.run_id) == [Product("B")]


def test_the_results_of_a_run_whose_start_failed_are_not_recorded(store, monkeypatch):
    from inventory_gui.core.history import journal

    writer = store.writer()
    try:
        monkeypatch.setattr(journal, "_INSERT_RUN", "INSERT INTO no_such_table VALUES (?)")
        token = writer.begin_run("s.csv", "http://x/{id}", [Product("A")], wait=False)
        with pytest.raises(HistoryError, match="no_such_table"):
            writer.flush(timeout=30)
        monkeypatch.undo()
        writer.record(token, ok("A", 3, "2024-01-01"))
        writer.end_run(token, "done")
        with pytest.raises(HistoryError, match="no_such_table"):  # the first error stays
            writer.flush(timeout=30)
    finally:
        writer.close()
    with raw(store.file) as conn:
        assert conn.execute("SELECT COUNT(*) FROM checks").fetchone() == (0,)
        assert conn.execute("SELECT COUNT(*) FROM runs").fetchone() == (0,)
    assert store.last_ok(["A"]) == {}


def test_a_batch_of_checks_is_a_few_insert_statements_of_few_sizes(store, monkeypatch):
    # executemany steps once a row, letting go of the GIL each time: a GIL
    # hand-over to the fetch per row.  A batch must be a few multi-row INSERTs,
    # of a few sizes (the connection caches every statement it prepares).
    inserts: list[str] = []
    connect = sqlite3.connect

    def traced(*args: object, **kwargs: object) -> sqlite3.Connection:
        conn = connect(*args, **kwargs)  # type: ignore[arg-type]
        conn.set_trace_callback(inserted)
        return conn

    def inserted(sql: str) -> None:
        # each row the last_ok trigger takes reports its statement once more
        if sql.startswith("INSERT INTO checks") and (not inserts or inserts[-1] != sql):
            inserts.append(sql)

    monkeypatch.setattr(sqlite3, "connect", traced)
    products = [Product(f"P{i:04d}", {"n": str(i)}) for i in range(1000)]
    writer = store.writer(batch=(500, 60.0))
    run_id = writer.begin_run("x.csv", "http://api.test/{id}", products)
    writer.record_many(run_id, [ok(p.id, i, "2024-01-01T00:00:00.000Z") for i, p in
                                enumerate(products)])  # fmt: skip
    writer.close()
    assert len(inserts) == 12  # each batch of 500: 256 + 128 + 64 + 32 + 16 + 4 rows
    sizes = [sql.count("'2024-01-01T00:00:00.000Z'") for sql in inserts]  # rows each
    assert sizes == [256, 128, 64, 32, 16, 4] * 2
    with raw(store.file) as conn:
        rows = conn.execute("SELECT product_id, quantity FROM checks ORDER BY id").fetchall()
    assert rows == [(p.id, float(i)) for i, p in enumerate(products)]


def test_insert_rows_splits_a_batch_at_the_host_parameter_limit(tmp_path):
    from inventory_gui.core.history.journal import insert_rows

    conn = sqlite3.connect(tmp_path / "t.sqlite3", isolation_level=None)
    conn.execute("CREATE TABLE t (a, b, c)")
    conn.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 7)  # two rows of three a statement
    seen: list[str] = []
    conn.set_trace_callback(lambda sql: seen.append(sql) if sql.startswith("INSERT") else None)
    rows = [(i, f"x{i}", i / 2) for i in range(25)]
    insert_rows(conn, "INSERT INTO t VALUES", rows)
    assert conn.execute("SELECT a, b, c FROM t ORDER BY rowid").fetchall() == rows
    assert len(seen) == 13
    insert_rows(conn, "INSERT INTO t VALUES", [("bad\ud800", 1, 2)])  # the escaping pass
    assert conn.execute("SELECT a FROM t WHERE b = 1").fetchone() == ("bad\\ud800",)
    conn.close()


def test_last_ok_reads_every_id_with_one_statement(tmp_path, monkeypatch):
    selects: list[str] = []
    connect = sqlite3.connect

    def traced(*args: object, **kwargs: object) -> sqlite3.Connection:
        conn = connect(*args, **kwargs)  # type: ignore[arg-type]
        conn.set_trace_callback(lambda sql: selects.append(sql) if "last_ok" in sql else None)
        return conn

    monkeypatch.setattr(sqlite3, "connect", traced)
    store = HistoryStore(tmp_path)
    record_run(store, [ok("A", 1, "2024-01-01T00:00:00.000Z"), ok("n\0l", 2, "2024-01-01")])
    selects.clear()
    ids = [f"x{i}" for i in range(5000)] + ["A", "n\0l"]
    assert store.last_ok(ids) == {
        "A": (1.0, "2024-01-01T00:00:00.000Z"),
        "n\0l": (2.0, "2024-01-01"),
    }
    assert len(selects) == 2  # every ID at once, and the one with a NUL on its own
    monkeypatch.setattr(history, "_IDS_PER_READ", 2000)  # memory stays bounded at 1,000,000
    selects.clear()
    assert set(store.last_ok(ids)) == {"A", "n\0l"}
    assert len(selects) == 4
    store.close()
