"""Fetch right after typing or pasting fetches what the editor shows.

Each test edits the real editor and presses Fetch (or F5) at once, while the
parse delay is still running (asserted), against a loopback API.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from inventory_gui.core.history.store import HistoryStore
from inventory_gui.core.models import Product, Result
from tests.gui.window_actions import click, fetched, paste, quantity_handler, write_csv


def type_lines(qtbot, editor, lines: list[str]) -> None:
    """Type ``lines`` at the cursor, pressing Return before each but the first."""
    for n, line in enumerate(lines):
        if n:
            qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.keyClicks(editor, line)


def shown_ids(window) -> list[str]:
    """The IDs of the list the window holds now (not the editor's text)."""
    return [p.id for p in window.model.products()]


def test_typed_ids_into_an_empty_list_are_fetched_at_once(make_window, make_api, qtbot):
    api = make_api(quantity_handler)
    window = make_window(api.template)
    panel = window.products_panel
    assert not window.actions["fetch"].isEnabled()  # nothing to fetch yet
    type_lines(qtbot, panel.editor, ["new1", "new2", "new3"])
    assert window.model.rowCount() == 0  # the parse delay has not run out
    with qtbot.waitSignal(window.fetchFinished, timeout=20_000):
        click(qtbot, window, "fetchButton")  # enabled by the text alone
    assert fetched(api) == ["new1", "new2", "new3"]
    with qtbot.assertNotEmitted(panel.productsChanged):
        panel.parse_pending()  # nothing left waiting for the parse delay


def test_pasted_list_replaces_the_previous_one_before_fetching(
    make_window, make_api, qtbot, run, tmp_path
):
    api = make_api(quantity_handler)
    window = make_window(api.template)
    assert run(window.load_file(write_csv(tmp_path, ["old1", "old2"])))
    with qtbot.waitSignal(window.fetchFinished, timeout=20_000):
        click(qtbot, window, "fetchButton")
    api.requests.clear()
    paste(qtbot, window.products_panel.editor, "new1\nnew2\n")
    assert shown_ids(window) == ["old1", "old2"]  # the parse delay has not run out
    with qtbot.waitSignal(window.fetchFinished, timeout=20_000):
        click(qtbot, window, "fetchButton")
    assert fetched(api) == ["new1", "new2"]


def test_f5_in_the_editor_fetches_the_edited_list(make_window, make_api, qtbot):
    api = make_api(quantity_handler)
    window = make_window(api.template)
    window.activateWindow()  # window shortcuts need the active window
    qtbot.waitUntil(window.isActiveWindow)
    editor = window.products_panel.editor
    window.products_panel.set_text("old1\nold2")
    editor.moveCursor(QTextCursor.MoveOperation.End)
    type_lines(qtbot, editor, ["", "added"])
    assert shown_ids(window) == ["old1", "old2"]  # the parse delay has not run out
    with qtbot.waitSignal(window.fetchFinished, timeout=20_000):
        qtbot.keyClick(editor, Qt.Key.Key_F5)
    assert fetched(api) == ["added", "old1", "old2"]


def test_resume_fetches_the_resumed_list_not_text_typed_just_before(
    make_window, make_api, qtbot, tmp_path
):
    api = make_api(quantity_handler)
    data = tmp_path / "data"
    store = HistoryStore(data)
    writer = store.writer()
    products = [Product(f"p{i}", {}) for i in range(3)]
    run_id = writer.begin_run("products.csv", api.template, products)
    writer.record(run_id, Result("p0", "ok", 200, 1, checked_at="2026-11-28T10:00:00Z"))
    writer.close()
    store.close()
    window = make_window(api.template, history=HistoryStore(data))
    assert window.offer_resume()
    type_lines(qtbot, window.products_panel.editor, ["typed"])
    assert "typed" not in shown_ids(window)  # the parse delay has not run out
    with qtbot.waitSignal(window.fetchFinished, timeout=20_000):
        window.message_bar.action_button.click()
    assert fetched(api) == ["p1", "p2"]
    with qtbot.assertNotEmitted(window.products_panel.productsChanged):
        window.products_panel.parse_pending()  # nothing left to parse over the resumed list
    window.close()
