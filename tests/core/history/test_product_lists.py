"""A run's product list: stored once per distinct list, read back exactly, migrated from rows."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inventory_gui.core.history import store as history
from inventory_gui.core.history.product_lists import decode_products, encode_items, product_items
from inventory_gui.core.history.store import DB_NAME, HistoryStore
from inventory_gui.core.models import Product, Result
from tests.core.row_fields import as_fields

texts = st.text(st.characters(codec=None), max_size=12)  # lone surrogates and NULs included
columns = st.dictionaries(texts, texts, max_size=3)
# As pasted or read back (a dict) or as a file's loader makes them (Fields).
any_fields = st.one_of(columns, columns.map(as_fields))
products = st.lists(st.builds(Product, texts, any_fields), max_size=30)


@given(products)
def test_a_list_reads_back_exactly(listed):
    digest, blob = encode_items(product_items(listed))
    assert decode_products(blob) == listed
    assert len(digest) == 32


@given(products, products)
def test_two_lists_share_a_digest_only_when_they_are_the_same(first, second):
    same = encode_items(product_items(first))[0] == encode_items(product_items(second))[0]
    exactly = [(p.id, list(p.fields.items())) for p in first]  # the fields' order counts
    assert same == (exactly == [(p.id, list(p.fields.items())) for p in second])


@pytest.mark.parametrize("size", [0, 1, 999, 1000, 1001, 2500])  # around the pieces' size
def test_lists_of_any_length_read_back(size):
    listed = [Product(f"p{i}", {"n": str(i)} if i % 2 else {}) for i in range(size)]
    assert decode_products(encode_items(product_items(listed))[1]) == listed


def lists(file) -> list[tuple[int, int | None]]:
    with closing(sqlite3.connect(file)) as conn:
        return conn.execute("SELECT id, list_id FROM runs ORDER BY id").fetchall()


def record(store: HistoryStore, listed: list[Product], ok_ids: set[str]) -> int:
    writer = store.writer()
    try:
        run = writer.begin_run("list.csv", "http://x/{id}", listed)
        writer.record_many(run, [Result(p.id, "ok", 200, 1) for p in listed if p.id in ok_ids])
        writer.flush()
    finally:
        writer.close()
    return run


def test_the_same_list_fetched_again_is_stored_once(tmp_path):
    store = HistoryStore(tmp_path)
    try:
        listed = [Product("A", as_fields({"name": "a"})), Product("B"), Product("C")]
        first = record(store, listed, {"A"})
        second = record(store, listed, {"B"})
        other = record(store, listed[:2], set())
        assert store.resume_items(first) == listed[1:]
        assert store.resume_items(second) == [listed[0], listed[2]]
        assert store.resume_items(other) == listed[:2]
    finally:
        store.close()
    runs = lists(tmp_path / DB_NAME)
    assert runs[0][1] == runs[1][1] != runs[2][1]  # two distinct lists, three runs
    with closing(sqlite3.connect(tmp_path / DB_NAME)) as conn:
        assert conn.execute("SELECT COUNT(*) FROM product_lists").fetchone()[0] == 2


def test_version_5_moves_each_runs_list_out_of_run_items(tmp_path):
    with closing(sqlite3.connect(tmp_path / DB_NAME)) as conn, conn:
        for migrate in history.MIGRATIONS[:4]:
            migrate(conn)
        for run in (1, 2, 3, 4):
            conn.execute(f"INSERT INTO runs VALUES ({run}, 'a', NULL, 's', 't', 2, 'interrupted')")
        same = [("A", '{"name":"x"}'), ("B\\udc80", None)]  # stored by the codec's rule
        rows = [(run, i, pid, fields) for run in (1, 2) for i, (pid, fields) in enumerate(same)]
        rows.append((3, 0, "Z", None))  # run 4 had no list
        conn.executemany("INSERT INTO run_items VALUES (?, ?, ?, ?)", rows)
        conn.execute("INSERT INTO checks (run_id, product_id, status, checked_at)"
                     " VALUES (2, 'A', 'ok', '2024')")  # fmt: skip
        conn.execute("PRAGMA user_version = 4")
    store = HistoryStore(tmp_path)
    try:
        listed = [Product("A", {"name": "x"}), Product("B\\udc80")]
        assert store.resume_items(1) == listed
        assert store.resume_items(2) == listed[1:]
        assert store.resume_items(3) == [Product("Z")]
        assert store.resume_items(4) == []
    finally:
        store.close()
    runs = lists(tmp_path / DB_NAME)
    assert runs[0][1] == runs[1][1] != runs[2][1]
    assert runs[3][1] is None
    with closing(sqlite3.connect(tmp_path / DB_NAME)) as conn:
        names = {n for (n,) in conn.execute("SELECT name FROM sqlite_master")}
    assert "run_items" not in names
