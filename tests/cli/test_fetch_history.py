"""The fetch command's history recording: results reach the writer thread in batches."""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from inventory_gui.cli.fetch_history import BatchedRecorder, FetchHistory
from inventory_gui.core.history.store import DB_NAME
from inventory_gui.core.history.writer import HistoryWriter
from inventory_gui.core.models import Product, ProductList, Result


def open_history(tmp_path: Path) -> FetchHistory:
    args = argparse.Namespace(no_history=False, data_dir=str(tmp_path), resume=False)
    return FetchHistory.open(args)


def checks(tmp_path: Path) -> list[tuple[str, float]]:
    with closing(sqlite3.connect(tmp_path / DB_NAME)) as conn, conn:
        return conn.execute("SELECT product_id, quantity FROM checks ORDER BY id").fetchall()


@pytest.fixture
def batches(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The size of every batch handed to the history writer (which still records it)."""
    sizes: list[int] = []
    real = HistoryWriter.record_many

    def spy(self: HistoryWriter, run_id: int, results: list[Result]) -> None:
        sizes.append(len(results))
        real(self, run_id, results)

    monkeypatch.setattr(HistoryWriter, "record_many", spy)
    return sizes


def test_a_run_reaches_the_writer_in_full_batches_and_every_row_is_recorded(
    tmp_path: Path, batches: list[int]
) -> None:
    n = BatchedRecorder.ROWS * 2 + 7
    products = [Product(f"p{i}") for i in range(n)]
    history = open_history(tmp_path)
    history.begin(ProductList(products, "p.txt"), "http://x/{id}")
    record = history.recorder()
    assert record is not None
    for i, product in enumerate(products):  # no event loop: by size, then at the end
        record(Result(product.id, "ok", 200, i, checked_at="2026-01-01T00:00:00.000Z"))
    assert batches == [BatchedRecorder.ROWS, BatchedRecorder.ROWS]
    history.end("done")
    history.close()
    assert batches == [BatchedRecorder.ROWS, BatchedRecorder.ROWS, 7]
    assert checks(tmp_path) == [(p.id, i) for i, p in enumerate(products)]


def test_a_part_batch_is_sent_after_a_while_in_the_event_loop() -> None:
    """A slow API's results do not wait for the batch to fill (or for the run to end)."""

    async def one_result_then_wait() -> list[int]:
        sent = asyncio.Event()
        sizes: list[int] = []
        recorder = BatchedRecorder(lambda batch: (sizes.append(len(batch)), sent.set()))
        recorder.record(Result("a", "ok"))
        recorder.record(Result("b", "ok"))
        assert sizes == []
        await asyncio.wait_for(sent.wait(), 5)
        return sizes

    assert asyncio.run(one_result_then_wait()) == [2]
