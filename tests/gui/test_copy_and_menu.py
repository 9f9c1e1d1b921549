"""Copying rows (Ctrl+C) and the rows' context menu, on the real window offscreen."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from aiohttp import web
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtGui import QAction, QContextMenuEvent, QGuiApplication
from PySide6.QtWidgets import QApplication

from inventory_gui.core.history.store import HistoryStore
from inventory_gui.gui.table.clipboard import ROWS_PER_SLICE
from inventory_gui.gui.table.columns import (
    ID_COLUMN,
    POSITION_COLUMN,
    QUANTITY_COLUMN,
    STATUS_COLUMN,
)
from tests.loopback import product_id


async def quantity_handler(request, api):
    pid = product_id(request)
    if pid == "bad":
        return web.json_response({"error": "unknown product"}, status=404)
    return web.json_response({"quantity": len(pid)})


def activate(qtbot, window) -> None:
    window.activateWindow()  # window and table shortcuts need the active window
    qtbot.waitUntil(window.isActiveWindow)


def clipboard() -> str:
    return QGuiApplication.clipboard().text()


def select_rows(window, rows: list[int]) -> None:
    model, selection = window.table.model(), window.table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    selection.clearSelection()
    for row in rows:
        selection.select(model.index(row, 0), flags)


def show_only(window, columns: list[int]) -> None:
    """Hide every other column and show ``columns`` in this order."""
    header = window.table.horizontalHeader()
    for logical in range(header.count()):
        header.setSectionHidden(logical, logical not in columns)
    for visual, logical in enumerate(columns):
        header.moveSection(header.visualIndex(logical), visual)


def write_products(tmp_path: Path) -> Path:
    path = tmp_path / "products.csv"
    path.write_text(
        'id,note\nab,"two\tcells"\nbad,"line one\nline two"\ncd,plain\n', encoding="utf-8"
    )
    return path


def test_ctrl_c_copies_selected_rows_as_tsv_with_a_header(
    make_window, make_api, run, qtbot, tmp_path
):
    api = make_api(quantity_handler)
    window = make_window(api.template)
    assert run(window.load_file(write_products(tmp_path)))
    with qtbot.waitSignal(window.fetchFinished, timeout=20_000):
        window.fetch_all()
    note = window.model.columnCount() - 1  # the input's column, after the fixed ones
    show_only(window, [POSITION_COLUMN, ID_COLUMN, note, QUANTITY_COLUMN, STATUS_COLUMN])
    select_rows(window, [2, 0, 1])
    activate(qtbot, window)
    window.table.setFocus()
    QGuiApplication.clipboard().setText("before")
    with qtbot.waitSignal(window.row_actions.copier.copied) as copied:
        qtbot.keyClick(window.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert copied.args == [3]
    assert clipboard() == (
        "#\tID\tnote\tQuantity\tStatus\n"
        "1\tab\ttwo cells\t2\tOK\n"
        "2\tbad\tline one line two\t\tError\n"
        "3\tcd\tplain\t2\tOK\n"
    )
    # Sorted, then filtered: the rows in the order shown.
    window.table.sortByColumn(ID_COLUMN, Qt.SortOrder.DescendingOrder)
    select_rows(window, [0, 2])
    with qtbot.waitSignal(window.row_actions.copier.copied):
        qtbot.keyClick(window.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard().splitlines()[1:] == ["3\tcd\tplain\t2\tOK", "1\tab\ttwo cells\t2\tOK"]
    window.filter_edit.setText("cd")
    select_rows(window, [0])
    with qtbot.waitSignal(window.row_actions.copier.copied):
        qtbot.keyClick(window.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard() == "#\tID\tnote\tQuantity\tStatus\n3\tcd\tplain\t2\tOK\n"


def test_ctrl_c_with_no_row_selected_leaves_the_clipboard_alone(make_window, qtbot):
    window = make_window()
    window.products_panel.set_text("a1\nb2")
    activate(qtbot, window)
    window.table.setFocus()
    QGuiApplication.clipboard().setText("kept")
    with qtbot.assertNotEmitted(window.row_actions.copier.copied):
        qtbot.keyClick(window.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard() == "kept"


def test_ctrl_c_in_the_product_editor_copies_its_text(make_window, qtbot):
    window = make_window()
    window.products_panel.set_text("a1\nb2")
    select_rows(window, [0, 1])
    activate(qtbot, window)
    editor = window.products_panel.editor
    editor.setFocus()
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard() == "a1\nb2"


def test_a_large_selection_is_copied_over_several_turns(make_window, qtbot):
    window = make_window()
    ids = [f"p{i:05d}" for i in range(3 * ROWS_PER_SLICE + 7)]
    window.products_panel.set_text("\n".join(ids))
    show_only(window, [ID_COLUMN, STATUS_COLUMN])
    window.table.selectAll()
    with qtbot.waitSignal(window.row_actions.copier.copied, timeout=10_000):
        window.actions["copy_rows"].trigger()  # as from the Edit menu
        assert window.row_actions.copier.busy  # the window paints between slices
    lines = clipboard().splitlines()
    assert lines[0] == "ID\tStatus"
    assert lines[1:] == [f"{i}\tPending" for i in ids]
    # The first 1,000 rows, sorted before the copy ends: the copy starts again,
    # with the same products in their new places and order.
    first = ids[: 2 * ROWS_PER_SLICE]
    select_rows(window, list(range(len(first))))
    with qtbot.waitSignal(window.row_actions.copier.copied, timeout=10_000):
        window.actions["copy_rows"].trigger()
        window.table.sortByColumn(ID_COLUMN, Qt.SortOrder.DescendingOrder)
    assert clipboard().splitlines()[1:] == [f"{i}\tPending" for i in reversed(first)]


# -- the rows' context menu -------------------------------------------------


def right_click_at(window, pos: QPoint):
    """What a right click does: a mouse context-menu event on the table's viewport."""
    viewport = window.table.viewport()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, viewport.mapToGlobal(pos))
    QApplication.sendEvent(viewport, event)
    return window.row_actions.menu.menu


def right_click(window, row: int):
    """Right click on ``row``'s ID cell; return the menu shown."""
    index = window.table.model().index(row, ID_COLUMN)
    window.table.scrollTo(index)
    return right_click_at(window, window.table.visualRect(index).center())


def item(menu, name: str):
    found = menu.findChild(QAction, name)
    assert found is not None, name
    return found


def choose(menu, name: str) -> None:
    action = item(menu, name)
    assert action.isEnabled(), name
    action.trigger()
    menu.close()


def test_copy_id_and_copy_url_with_secrets_masked(make_window, make_api, qtbot):
    api = make_api(quantity_handler)
    template = f"{api.base}/stock/{{id}}?store=main&api_key=SECRETKEY1"
    window = make_window(template)
    window.products_panel.set_text("first\na/b")
    menu = right_click(window, 1)
    assert menu.isVisible()
    choose(menu, "copyIdAction")
    assert clipboard() == "a/b"
    choose(right_click(window, 1), "copyUrlAction")
    assert clipboard() == f"{api.base}/stock/a%2Fb?store=main&api_key=***"
    assert "SECRETKEY1" not in clipboard()
    below_rows = QPoint(5, window.table.viewport().height() - 2)
    assert right_click_at(window, below_rows) is None  # no row there: no menu


def test_copy_url_masks_a_secret_header_value_in_the_path(make_window, make_api):
    api = make_api(quantity_handler)
    window = make_window(f"{api.base}/t0ken-abcdef/{{id}}")
    settings = window.connection.settings()
    window.connection.set_settings(
        dataclasses.replace(settings, headers=[("X-Api-Key", "t0ken-abcdef")])
    )
    window.products_panel.set_text("p1")
    choose(right_click(window, 0), "copyUrlAction")
    assert clipboard() == f"{api.base}/***/p1"


def test_copy_url_is_disabled_without_a_usable_template(make_window):
    window = make_window("not a url {id}")
    window.products_panel.set_text("p1")
    menu = right_click(window, 0)
    assert not item(menu, "copyUrlAction").isEnabled()
    assert item(menu, "copyIdAction").isEnabled()
    menu.close()


def test_refresh_this_row_fetches_only_that_row(make_window, make_api, qtbot):
    api = make_api(quantity_handler)
    window = make_window(api.template)
    window.products_panel.set_text("aa\nbbb\ncccc")
    with qtbot.waitSignal(window.fetchFinished, timeout=20_000):
        window.fetch_all()
    api.requests.clear()
    select_rows(window, [0, 2])  # the selection is not what is refreshed
    with qtbot.waitSignal(window.fetchFinished, timeout=20_000):
        choose(right_click(window, 1), "refreshRowAction")
    assert api.requests == ["/get-current-inventory/bbb"]
    menu = right_click(window, 1)
    with qtbot.waitSignal(window.runner.started):
        item(menu, "refreshRowAction").trigger()
    assert not item(right_click(window, 0), "refreshRowAction").isEnabled()  # a run is going
    qtbot.waitSignal(window.fetchFinished, timeout=20_000).wait()
    menu.close()


def test_show_history_from_the_keyboard(make_window, make_api, qtbot, tmp_path):
    api = make_api(quantity_handler)
    window = make_window(api.template, history=HistoryStore(tmp_path / "data"))
    window.products_panel.set_text("aa\nbbb\ncccc")
    with qtbot.waitSignal(window.fetchFinished, timeout=20_000):
        window.fetch_all()
    activate(qtbot, window)
    window.table.setFocus()
    window.table.setCurrentIndex(window.table.model().index(2, ID_COLUMN))
    assert window.detail_tabs.currentWidget() is window.detail
    for keys in (
        (Qt.Key.Key_Menu, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier),
    ):
        qtbot.keyClick(window.table, *keys)
        menu = window.row_actions.menu.menu
        assert menu is not None, keys
        assert menu.isVisible()
        menu.close()
    qtbot.keyClick(window.table, Qt.Key.Key_Menu)
    choose(window.row_actions.menu.menu, "showHistoryAction")
    assert window.detail_tabs.currentWidget() is window.history.view
    assert "cccc" in window.history.view.title.text()
    assert window.history.view.checks.topLevelItemCount() == 1
    # Already on the History tab: another row's history replaces it.
    choose(right_click(window, 0), "showHistoryAction")
    assert "aa" in window.history.view.title.text()
    assert window.table.currentIndex().row() == 0
