"""Copying rows (Ctrl+C) and the rows' context menu, on the real window offscreen."""

from __future__ import annotations

from pathlib import Path

from aiohttp import web
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication

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
    with qtbot.waitSignal(window.copier.copied) as copied:
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
    with qtbot.waitSignal(window.copier.copied):
        qtbot.keyClick(window.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard().splitlines()[1:] == ["3\tcd\tplain\t2\tOK", "1\tab\ttwo cells\t2\tOK"]
    window.filter_edit.setText("cd")
    select_rows(window, [0])
    with qtbot.waitSignal(window.copier.copied):
        qtbot.keyClick(window.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard() == "#\tID\tnote\tQuantity\tStatus\n3\tcd\tplain\t2\tOK\n"


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
    with qtbot.waitSignal(window.copier.copied, timeout=10_000):
        window.actions["copy_rows"].trigger()  # as from the Edit menu
        assert window.copier.busy  # the window paints between slices
    lines = clipboard().splitlines()
    assert lines[0] == "ID\tStatus"
    assert lines[1:] == [f"{i}\tPending" for i in ids]
