"""The window end to end: real widgets offscreen, a real loopback API, the qasync loop."""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path

import pytest
from aiohttp import web
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QLineEdit, QProgressBar, QSpinBox, QTableView, QToolButton

from inventory_gui.gui.table.columns import ERROR_COLUMN, ID_COLUMN, QUANTITY_COLUMN, STATUS_COLUMN
from inventory_gui.gui.table.model import ResultRole
from tests.gui.window_actions import click, column, fetch, not_found_for_bad, write_csv
from tests.loopback import product_id, stock_handler


def test_stable_object_names(make_window):
    window = make_window()
    for name, kind in [
        ("productInput", None), ("openButton", None), ("fetchButton", QToolButton),
        ("cancelButton", QToolButton), ("refreshSelectedButton", QToolButton),
        ("retryFailedButton", QToolButton), ("exportButton", QToolButton),
        ("urlTemplateEdit", QLineEdit), ("concurrencySpin", QSpinBox),
        ("resultsTable", QTableView), ("filterEdit", QLineEdit), ("progressBar", QProgressBar),
    ]:  # fmt: skip
        widget = window.findChild(kind or object, name)
        assert widget is not None, name


def test_load_file_and_fetch_gives_one_row_per_product_in_input_order(
    make_window, make_api, run, qtbot, tmp_path
):
    api = make_api(not_found_for_bad)
    ids = [f"p{i:03d}" for i in range(40)] + ["bad1", "a/b", "p001", "007"]
    window = make_window(api.template)
    assert run(window.load_file(write_csv(tmp_path, ids)))
    expected = list(dict.fromkeys(ids))  # the duplicate p001 is fetched once
    assert column(window, ID_COLUMN) == expected
    assert set(column(window, STATUS_COLUMN)) == {"Pending"}
    assert "1 duplicate" in window.products_panel.summary.text()
    fetch(qtbot, window)
    statuses = column(window, STATUS_COLUMN)
    assert column(window, ID_COLUMN) == expected
    assert statuses.count("Error") == 1
    assert statuses.count("OK") == len(expected) - 1
    assert column(window, QUANTITY_COLUMN)[expected.index("a/b")] == "3"
    assert len(api.requests) == len(expected)
    assert window.progress_bar.value() == len(expected)
    model = window.table.model()
    assert model.index(0, ERROR_COLUMN).data(Qt.ItemDataRole.ToolTipRole) is None
    error_index = model.index(expected.index("bad1"), ERROR_COLUMN)
    assert error_index.data(Qt.ItemDataRole.ToolTipRole) == "HTTP 404 Not Found: unknown product"


def test_bad_file_shows_one_line_and_keeps_what_was_loaded(make_window, run, tmp_path):
    window = make_window()
    assert run(window.load_file(write_csv(tmp_path, ["a", "b"])))
    broken = tmp_path / "broken.json"
    broken.write_text('{"products": [1, 2', encoding="utf-8")
    assert not run(window.load_file(broken))
    message = window.message_bar.text()
    assert "broken.json" in message
    assert "\n" not in message
    assert "Traceback" not in message
    assert column(window, ID_COLUMN) == ["a", "b"]


def test_type_ids_fetch_then_cancel_mid_run(make_window, make_api, qtbot):
    release = asyncio.Event()

    async def handler(request, api):
        if product_id(request).startswith("slow"):
            await release.wait()
        return web.json_response({"quantity": 5})

    api = make_api(handler)
    window = make_window(api.template)
    window.connection.findChild(QSpinBox, "concurrencySpin").setValue(4)
    ids = ["fast1", "fast2"] + [f"slow{i}" for i in range(30)]
    editor = window.products_panel.editor
    qtbot.keyClicks(editor, ids[0])
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, ids[1])
    editor.appendPlainText("\n".join(ids[2:]))
    window.products_panel.parse_now()
    assert column(window, ID_COLUMN) == ids
    click(qtbot, window, "fetchButton")
    qtbot.waitUntil(lambda: api.in_flight == 4)
    assert not window.actions["fetch"].isEnabled()
    with qtbot.waitSignal(window.fetchFinished, timeout=5000):
        qtbot.keyClick(window.table, Qt.Key.Key_Escape)
    statuses = column(window, STATUS_COLUMN)
    assert statuses[:2] == ["OK", "OK"]
    assert set(statuses[2:]) == {"Cancelled"}
    assert len(api.requests) == 6
    assert window.actions["fetch"].isEnabled()
    release.set()


def test_retry_failed_fetches_only_failed_rows(make_window, make_api, qtbot):
    failing = {"b", "d"}

    async def handler(request, api):
        pid = product_id(request)
        if pid in failing:
            return web.Response(status=500, text="down")
        return web.json_response({"quantity": 1})

    api = make_api(handler)
    window = make_window(api.template)
    window.products_panel.set_text("a\nb\nc\nd\ne")
    fetch(qtbot, window)
    assert column(window, STATUS_COLUMN) == ["OK", "Error", "OK", "Error", "OK"]
    first = [window.model.index(i, 0).data(ResultRole) for i in range(5)]
    failing.clear()
    api.requests.clear()
    fetch(qtbot, window, "retryFailedButton")
    assert sorted(api.requests) == ["/get-current-inventory/b", "/get-current-inventory/d"]
    assert column(window, STATUS_COLUMN) == ["OK"] * 5
    kept = [window.model.index(i, 0).data(ResultRole) is first[i] for i in range(5)]
    assert kept == [True, False, True, False, True]


def test_fetch_marks_every_row_pending_at_once_and_a_retry_only_its_rows(
    make_window, make_api, qtbot, monkeypatch
):
    api = make_api(not_found_for_bad)
    window = make_window(api.template)
    window.products_panel.set_text("a\nbad1\nc")
    fetch(qtbot, window)
    marked: list[list[str] | None] = []
    mark_pending = window.model.mark_pending

    def spy(ids):
        ids = None if ids is None else list(ids)  # an iterator is read once: pass the list on
        marked.append(ids)
        mark_pending(ids)

    monkeypatch.setattr(window.model, "mark_pending", spy)
    fetch(qtbot, window)
    fetch(qtbot, window, "retryFailedButton")
    assert marked == [None, ["bad1"]]  # Fetch: every row, with no ID looked up
    assert column(window, STATUS_COLUMN) == ["OK", "Error", "OK"]


def test_refresh_selected_fetches_only_the_selection(make_window, make_api, qtbot):
    api = make_api(stock_handler)
    window = make_window(api.template)
    window.products_panel.set_text("a\nbb\nccc\ndddd")
    fetch(qtbot, window)
    api.requests.clear()
    selection = window.table.selectionModel()
    model = window.table.model()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in (1, 3):
        selection.select(model.index(row, 0), flags)
    fetch(qtbot, window, "refreshSelectedButton")
    assert sorted(api.requests) == ["/get-current-inventory/bb", "/get-current-inventory/dddd"]


def test_filter_failures_only_and_sort(make_window, make_api, qtbot):
    api = make_api(not_found_for_bad)
    window = make_window(api.template)
    window.products_panel.set_text("zeta\nbad-one\nalpha\nbad-two\nmid")
    fetch(qtbot, window)
    qtbot.keyClicks(window.filter_edit, "AL")
    assert column(window, ID_COLUMN) == ["alpha"]
    window.filter_edit.clear()
    window.failures_only.setChecked(True)
    assert column(window, ID_COLUMN) == ["bad-one", "bad-two"]
    assert window.shown_label.text() == "2 of 5 shown"
    window.failures_only.setChecked(False)
    window.table.sortByColumn(ID_COLUMN, Qt.SortOrder.AscendingOrder)
    assert column(window, ID_COLUMN) == ["alpha", "bad-one", "bad-two", "mid", "zeta"]
    window.table.sortByColumn(QUANTITY_COLUMN, Qt.SortOrder.DescendingOrder)
    # Numbers sort as numbers, and blank cells stay last in either direction.
    assert column(window, QUANTITY_COLUMN) == ["5", "4", "3", "", ""]
    window.table.sortByColumn(QUANTITY_COLUMN, Qt.SortOrder.AscendingOrder)
    assert column(window, QUANTITY_COLUMN) == ["3", "4", "5", "", ""]
    window.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert column(window, ID_COLUMN) == ["zeta", "bad-one", "alpha", "bad-two", "mid"]


def test_detail_pane_shows_error_and_raw_response(make_window, make_api, qtbot):
    api = make_api(not_found_for_bad)
    window = make_window(api.template)
    window.products_panel.set_text("bad9\nok")
    fetch(qtbot, window)
    window.table.selectRow(0)
    text = window.detail.toPlainText()
    assert "HTTP 404 Not Found: unknown product" in text
    assert '"error": "unknown product"' in text
    assert "/get-current-inventory/bad9" in text


@pytest.mark.skipif(os.name != "posix", reason="the worker process engine is POSIX's")
def test_rows_keep_each_answer_packed_and_the_detail_pane_unpacks_it(make_window, make_api, qtbot):
    api = make_api(not_found_for_bad)
    window = make_window(api.template)
    window.runner.engine = "process"  # the thread engine's rows hold the body it parsed
    window.products_panel.set_text("bad9\nok")
    fetch(qtbot, window)
    # No parsed body per row: the rows hold bytes, unpacked only to be shown.
    assert [r.response for r in window.model.results()] == [None, None]
    assert all(type(r.body) is bytes for r in window.model.results())
    window.table.selectRow(1)
    assert '"quantity": 2' in window.detail.toPlainText()
    window.table.selectRow(0)
    assert '"error": "unknown product"' in window.detail.toPlainText()


def test_export_writes_rows_in_input_order(make_window, make_api, run, qtbot, tmp_path):
    api = make_api(stock_handler)
    window = make_window(api.template)
    window.products_panel.set_text("b\na\nc")
    fetch(qtbot, window)
    window.table.sortByColumn(ID_COLUMN, Qt.SortOrder.AscendingOrder)
    target = tmp_path / "out.json"
    assert run(window.exporter.export_to(target))
    rows = json.loads(target.read_text(encoding="utf-8"))
    assert [r["id"] for r in rows] == ["b", "a", "c"]
    assert [r["response"]["id"] for r in rows] == ["b", "a", "c"]  # unpacked for the file
    assert "Exported 3 rows" in window.message_bar.text()


def test_results_model_passes_qtmodeltester(make_window, make_api, qtbot, qtmodeltester):
    api = make_api(not_found_for_bad)
    window = make_window(api.template)
    window.products_panel.set_text("a\nbad\nc")
    fetch(qtbot, window)
    qtmodeltester.check(window.model)
    qtmodeltester.check(window.filter)


@pytest.mark.parametrize("persistent", [False, True])
def test_settings_persist_across_windows_and_secret_stays_out_of_the_file(
    make_window, settings_path, persistent
):
    from inventory_gui.core.connection import ConnectionSettings, MemorySecretStore

    secret = "Bearer sk-TOP-SECRET-42"
    secrets = MemorySecretStore()
    secrets.persistent = persistent
    first = make_window(secrets=secrets)
    first.connection.set_settings(
        ConnectionSettings(
            url_template="https://api.example.com/stock/{id}",
            headers=[("Authorization", secret), ("Accept", "application/json")],
            concurrency=33,
        )
    )
    first.close()
    assert secret not in Path(settings_path).read_text(encoding="utf-8")
    second = make_window(secrets=secrets if persistent else MemorySecretStore())
    restored = second.connection.settings()
    assert restored.url_template == "https://api.example.com/stock/{id}"
    assert restored.concurrency == 33
    assert ("Accept", "application/json") in restored.headers
    values = dict(restored.headers)
    assert values.get("Authorization", "") == (secret if persistent else "")


def test_recent_files_menu_reopens_a_file(make_window, run, qtbot, tmp_path):
    window = make_window()
    first = write_csv(tmp_path, ["a", "b"], "first.csv")
    assert run(window.load_file(first))
    window.products_panel.set_text("x")
    actions = window.intake.recent_menu.actions()
    assert [a.text() for a in actions] == [str(first)]
    actions[0].trigger()
    qtbot.waitUntil(lambda: column(window, ID_COLUMN) == ["a", "b"])


def test_dropping_a_file_opens_it(make_window, qtbot, tmp_path):
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    window = make_window()
    path = write_csv(tmp_path, ["d1", "d2", "d3"])
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime,
        Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    window.dropEvent(event)
    qtbot.waitUntil(lambda: column(window, ID_COLUMN) == ["d1", "d2", "d3"])


def test_unexpected_error_is_shown_non_modal_and_the_app_goes_on(make_window, qtbot):
    from PySide6.QtWidgets import QMessageBox

    async def broken():
        raise ValueError("boom in a task")

    window = make_window()
    window.spawn(broken())

    def shown() -> list[QMessageBox]:
        return [b for b in window.findChildren(QMessageBox) if b.isVisible()]

    qtbot.waitUntil(lambda: len(shown()) == 1)  # the task's done-callback runs after it ends
    boxes = shown()
    assert "boom in a task" in boxes[0].text()
    assert boxes[0].windowModality() == Qt.WindowModality.NonModal
    window.products_panel.set_text("still\nworks")
    assert column(window, ID_COLUMN) == ["still", "works"]


def test_main_window_builds_with_no_arguments(qloop, qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings

    from inventory_gui.gui.main_window import MainWindow

    monkeypatch.setenv("INVENTORY_GUI_NO_KEYRING", "1")
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path))
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.findChild(QTableView, "resultsTable") is not None
    assert not window.store.secrets_persistent


def test_failures_only_set_before_a_run_shows_the_failures_after_it(make_window, make_api, qtbot):
    api = make_api(not_found_for_bad)
    window = make_window(api.template)
    window.products_panel.set_text("one\nbad-a\ntwo\nbad-b")
    window.failures_only.setChecked(True)
    assert column(window, ID_COLUMN) == []  # nothing has failed yet
    fetch(qtbot, window)
    assert column(window, ID_COLUMN) == ["bad-a", "bad-b"]
    assert window.shown_label.text() == "2 of 4 shown"


def test_loading_a_large_file_shows_progress_and_can_be_cancelled(
    make_window, run, qtbot, tmp_path
):
    import asyncio

    window = make_window()
    assert run(window.load_file(write_csv(tmp_path, ["keep1", "keep2"], "small.csv")))
    big = write_csv(tmp_path, [f"row{i}" for i in range(400_000)], "big.csv")
    task = asyncio.ensure_future(window.load_file(big))
    qtbot.waitUntil(lambda: window.loader.loading)
    assert window.actions["cancel"].isEnabled()
    assert not window.actions["fetch"].isEnabled()
    with qtbot.waitSignal(window.loader.progressed):
        pass
    qtbot.keyClick(window.table, Qt.Key.Key_Escape)
    qtbot.waitUntil(task.done, timeout=20_000)
    assert task.result() is False
    assert "big.csv: loading cancelled" in window.message_bar.text()
    assert column(window, ID_COLUMN) == ["keep1", "keep2"]
    assert window.actions["fetch"].isEnabled()
