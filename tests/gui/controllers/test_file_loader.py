"""Opening hostile files in the window: refused at once, cancellable, never blocking close."""

from __future__ import annotations

import asyncio
import contextlib
import os
from pathlib import Path

from inventory_gui.core.models import ProductList
from inventory_gui.gui.table.model import ResultRole


def write_big_list(path: Path, rows: int = 1_000_000) -> Path:
    """A single-column list that takes the loader seconds to read and build."""
    path.write_bytes(b"id\n" + b"".join(b"P%07d\n" % n for n in range(rows)))
    return path


def release_fifo(fifo: Path) -> None:
    """Open and close the write end, so that a reader blocked opening ``fifo`` goes on."""
    with contextlib.suppress(OSError):  # no reader waiting: nothing to release
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))


def test_fifo_is_refused_at_once_and_the_window_stays_usable(make_window, run, tmp_path):
    window = make_window()
    window.products_panel.set_text("a\nb")
    fifo = tmp_path / "list.csv"
    os.mkfifo(fifo)
    try:
        assert run(window.load_file(fifo), timeout=10_000) is False
    finally:
        release_fifo(fifo)
    assert window.message_bar.text() == (
        "list.csv: not a regular file (a FIFO); save the list to a file and open that."
        " The list shown is unchanged."
    )
    assert not window.loader.loading
    assert window.model.rowCount() == 2
    assert window.actions["open"].isEnabled()


def test_closing_the_window_cancels_a_load_instead_of_waiting_for_it(make_window, qtbot, tmp_path):
    window = make_window()
    path = write_big_list(tmp_path / "big.csv")
    task = asyncio.ensure_future(window.load_file(path))
    with qtbot.waitSignal(window.loader.progressed, timeout=10_000):
        pass  # the load is under way on the I/O thread
    with qtbot.waitSignal(window.closed, timeout=10_000):
        window.close()
    qtbot.waitUntil(task.done, timeout=10_000)
    assert task.result() is False  # cancelled, not read to the end while closing
    assert window.message_bar.text() == "big.csv: loading cancelled. The list shown is unchanged."
    assert window.model.rowCount() == 0


def test_escape_cancels_a_load_and_keeps_the_list(make_window, qtbot, tmp_path):
    window = make_window()
    window.products_panel.set_text("a\nb\nc")
    path = write_big_list(tmp_path / "big.txt")
    task = asyncio.ensure_future(window.load_file(path))
    with qtbot.waitSignal(window.loader.progressed, timeout=10_000):
        pass
    assert window.actions["cancel"].isEnabled()
    window.actions["cancel"].trigger()
    qtbot.waitUntil(task.done, timeout=10_000)
    assert task.result() is False
    assert window.model.rowCount() == 3
    assert not window.loader.loading


def test_the_window_says_how_a_mixed_encoding_file_was_read(make_window, run, tmp_path):
    window = make_window()
    path = tmp_path / "mixed.csv"
    path.write_bytes("id\nCafé-1\nCafé-2\n".encode() + b"Caf\xe9-3\n")
    assert run(window.load_file(path)) is True
    ids = [window.model.index(row, 0).data(ResultRole).id for row in range(window.model.rowCount())]
    assert ids == ["Café-1", "Café-2", "Café-3"]
    note = "read as UTF-8, but line 4 held bytes that are not; read those as Windows-1252"
    assert note in window.products_panel.summary.text()
    assert note in window.progress_label.text()


def test_describe_lists_the_notes():
    from inventory_gui.gui.panels.product_panel import describe

    products = ProductList(products=[], source="x.csv", notes=["x.csv: read as Windows-1252"])
    assert describe(products).endswith(" · x.csv: read as Windows-1252")
