"""Large pastes and long lists in the editor never freeze the window (issue 14).

A paste longer than PASTE_SLICE_CHARS goes into the real editor by slices (one
undo step); text longer than BACKGROUND_CHARS is parsed, and its table rows
built, on the panel's worker thread; an edit made meanwhile drops that result.
"""

from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QGuiApplication, QTextCursor

from inventory_gui.core.inputs.registry import parse_pasted
from inventory_gui.gui.panels.product_editor import AROUND_CHARS, PASTE_SLICE_CHARS
from inventory_gui.gui.panels.product_panel import BACKGROUND_CHARS, ProductPanel
from inventory_gui.gui.switch_interval import BUILDING_SWITCH_INTERVAL
from tests.gui.window_actions import click, fetched, paste, quantity_handler

LINES = 2 * BACKGROUND_CHARS // 10  # of "big00000\n": twice the background threshold


def big_list(count: int = LINES) -> str:
    return "".join(f"big{i:05d}\n" for i in range(count))


def long_ids(chars: int) -> str:
    """Lines of 50 characters making at least ``chars``: a large text in few products."""
    return "".join(f"long-product-id-{i:05d}-{'x' * 27}\n" for i in range(chars // 50 + 1))


def test_a_large_paste_goes_in_by_slices_as_one_undo_step(qtbot):
    panel = ProductPanel()
    qtbot.addWidget(panel)
    text = big_list()
    assert len(text) > 2 * PASTE_SLICE_CHARS
    qtbot.keyClicks(panel.editor, "typed")
    qtbot.keyClick(panel.editor, Qt.Key.Key_Return)
    lengths: list[int] = []
    panel.editor.textChanged.connect(lambda: lengths.append(len(panel.editor.toPlainText())))
    with qtbot.waitSignal(panel.editor.pasteFinished, timeout=20_000):
        paste(qtbot, panel.editor, text)
        assert panel.editor.pasting  # not all of it at once
        assert panel.edit_pending
        assert panel.editor.isReadOnly()  # typing cannot land inside the paste
    assert panel.editor.toPlainText() == text  # Ctrl+A, Ctrl+V: it replaced what was typed
    assert len(lengths) >= 3  # slice by slice, in order, each ending a line
    assert lengths[1:] == sorted(lengths[1:])
    assert all(text[n - 1] == "\n" for n in lengths[1:])
    assert not panel.editor.isReadOnly()
    assert panel.editor.textCursor().position() == len(text)  # after the pasted text
    panel.editor.undo()
    assert panel.editor.toPlainText() == "typed\n"  # one step: the paste and what it replaced


def test_fetch_during_a_large_paste_fetches_all_of_it(make_window, make_api, qtbot):
    api = make_api(quantity_handler)
    window = make_window(api.template)
    # Pasted by slices and parsed in the background, in 2,201 products: the text's
    # size is the point, not the length of the run.
    text = long_ids(BACKGROUND_CHARS + 10_000)
    paste(qtbot, window.products_panel.editor, text)
    assert window.products_panel.editor.pasting
    with qtbot.waitSignal(window.fetchFinished, timeout=60_000):
        click(qtbot, window, "fetchButton")
    assert fetched(api) == text.split()


def test_a_long_list_is_parsed_off_the_gui_thread_into_the_table(make_window, qtbot):
    window = make_window("http://127.0.0.1:9/{id}")
    panel = window.products_panel
    threads: list[str] = []
    intervals: list[float] = []
    built = panel._preparer  # the window's, wrapped to see where it runs
    panel.set_preparer(lambda: _noting(built(), threads, intervals))
    text = big_list()
    interval = sys.getswitchinterval()
    with qtbot.waitSignal(panel.productsReady, timeout=30_000):
        panel.editor.setPlainText(text)  # the parse delay, then the worker thread
    assert threads == ["inventory-paste_0"]
    # The window waits less for the GIL while the worker builds the list (switch_interval).
    assert intervals == [pytest.approx(min(interval, BUILDING_SWITCH_INTERVAL))]
    assert sys.getswitchinterval() == pytest.approx(interval)
    assert window.model.rowCount() == LINES
    assert [p.id for p in window.model.products()] == text.split()
    # Counts are written in the locale's digits (i18n.Plurals).
    assert panel.summary.text().startswith(f"{QLocale().toString(LINES)} products")


def test_an_edit_during_a_background_parse_drops_its_result(qtbot):
    panel = ProductPanel()
    qtbot.addWidget(panel)
    release = threading.Event()
    parsed: list[int] = []
    panel.set_preparer(lambda: lambda products: release.wait(20) and len(products.products))
    panel.productsReady.connect(lambda products, _ready: parsed.append(len(products.products)))
    with qtbot.waitSignal(panel.editor.textChanged):
        panel.editor.setPlainText(big_list())
    qtbot.waitUntil(lambda: panel.edit_pending and not panel._timer.isActive(), timeout=5_000)
    cursor = panel.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    panel.editor.setTextCursor(cursor)
    qtbot.keyClicks(panel.editor, "typed1")  # while the first parse waits on the worker
    release.set()
    with qtbot.waitSignal(panel.productsReady, timeout=30_000):
        pass
    assert parsed == [LINES + 1]  # the first parse's list never showed
    assert not panel.edit_pending


def _noting(prepare, threads: list[str], intervals: list[float] | None = None):
    def noted(products):
        threads.append(threading.current_thread().name)
        if intervals is not None:
            intervals.append(sys.getswitchinterval())
        return prepare(products)

    return noted


@pytest.mark.parametrize(
    ("head", "first", "next_edit"),
    [
        ("x\u00a0y\r\nz\r", ["x y", "z"], "productsPatched"),  # read line by line
        ("sep\u2028arated\n", ["sep", "arated"], "productsChanged"),  # two in one line: whole
    ],
)
def test_a_large_paste_into_an_empty_editor_is_parsed_without_copying_the_editor(
    qtbot, head, first, next_edit
):
    panel = ProductPanel()
    qtbot.addWidget(panel)
    copies: list[int] = []
    real = panel.editor.toPlainText
    panel.editor.toPlainText = lambda: copies.append(1) or real()
    # Line ends and spaces the editor turns into its own: the list is the same.
    with qtbot.waitSignal(panel.productsChanged, timeout=30_000) as shown:
        paste(qtbot, panel.editor, head + big_list())  # no preparer: on the worker all the same
    assert copies == []  # the pasted text was parsed, not a copy of the editor's
    del panel.editor.toPlainText
    expected = parse_pasted(panel.editor.toPlainText())
    assert [p.id for p in expected.products[:2]] == first
    assert shown.args[0] == expected
    qtbot.keyClicks(panel.editor, "more")
    with qtbot.waitSignal(getattr(panel, next_edit), timeout=30_000) as again:
        pass
    assert again.args[0] == parse_pasted(panel.editor.toPlainText())


def test_a_large_paste_amid_short_text_is_parsed_with_it_without_copying_the_editor(qtbot):
    panel = ProductPanel()
    qtbot.addWidget(panel)
    panel.set_text("head1\ntail\u00a01")
    cursor = panel.editor.textCursor()
    cursor.setPosition(len("head1\n"))
    panel.editor.setTextCursor(cursor)
    copies: list[int] = []
    real = panel.editor.toPlainText
    panel.editor.toPlainText = lambda: copies.append(1) or real()
    QGuiApplication.clipboard().setText("x\r\n" + big_list())
    with qtbot.waitSignal(panel.productsChanged, timeout=30_000) as shown:
        qtbot.keyClick(panel.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert copies == []
    del panel.editor.toPlainText
    text = panel.editor.toPlainText()
    assert text.startswith("head1\nx\nbig00000\n")
    assert text.endswith("\ntail 1")
    assert shown.args[0] == parse_pasted(text)


def test_a_large_paste_amid_long_text_is_parsed_from_the_editor(qtbot):
    panel = ProductPanel()
    qtbot.addWidget(panel)
    panel.set_text(big_list(AROUND_CHARS // 9 + 1))  # more text around than is copied out
    panel.editor.moveCursor(QTextCursor.MoveOperation.End)
    assert panel.editor.pasted_text is None
    QGuiApplication.clipboard().setText("".join(f"more{i:05d}\n" for i in range(LINES)))
    with qtbot.waitSignal(panel.productsReady, timeout=30_000) as shown:
        panel.set_preparer(lambda: lambda products: len(products.products))
        qtbot.keyClick(panel.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert panel.editor.pasted_text is None  # the text came from toPlainText()
    assert shown.args[0] == parse_pasted(panel.editor.toPlainText())
