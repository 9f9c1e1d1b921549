"""The Export action: its non-modal dialog, the file written off the GUI thread, its errors."""

from __future__ import annotations

import csv

from PySide6.QtWidgets import QFileDialog

from tests.gui.window_actions import fetch
from tests.loopback import stock_handler


def test_the_export_action_asks_without_blocking_and_writes_the_chosen_file(
    make_window, make_api, qtbot, tmp_path
):
    window = make_window(make_api(stock_handler).template)
    window.products_panel.set_text("a\nb")
    fetch(qtbot, window)
    window.actions["export"].trigger()
    dialogs = window.findChildren(QFileDialog)
    assert len(dialogs) == 1
    assert dialogs[0].isVisible()  # open(), never exec(): the trigger has returned
    target = tmp_path / "out.csv"
    dialogs[0].fileSelected.emit(str(target))
    qtbot.waitUntil(lambda: "Exported 2 rows" in window.message_bar.text())
    with target.open(encoding="utf-8-sig", newline="") as file:  # Excel's BOM
        assert [row["id"] for row in csv.DictReader(file)] == ["a", "b"]


def test_an_unknown_suffix_is_written_as_csv(make_window, run, tmp_path):
    window = make_window()
    window.products_panel.set_text("a")
    window.products_panel.parse_pending()
    assert run(window.exporter.export_to(tmp_path / "out.txt"))
    assert (tmp_path / "out.csv").is_file()
    assert not (tmp_path / "out.txt").exists()


def test_a_file_that_cannot_be_written_is_reported_and_nothing_else_changes(
    make_window, run, tmp_path
):
    window = make_window()
    window.products_panel.set_text("a")
    window.products_panel.parse_pending()
    target = tmp_path / "missing folder" / "out.csv"
    assert run(window.exporter.export_to(target)) is False
    assert str(target) in window.message_bar.text()
    assert window.model.rowCount() == 1
