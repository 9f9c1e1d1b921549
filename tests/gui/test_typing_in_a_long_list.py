"""Typing in a long list reads only the edited lines and patches the table (issue 14).

The real editor and window, offscreen: the list's line reader is counted, the
model's signals recorded, and after any edits the table's products equal a
full parse of the editor's text.
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from inventory_gui.core.inputs import typed_list
from inventory_gui.core.inputs.registry import parse_pasted
from inventory_gui.gui.table.columns import ID_COLUMN
from tests.gui.window_actions import Quantities, click, fetch_all, fetched, quantity_handler


def long_list(count: int) -> str:
    return "".join(f"id{i:06d}\n" for i in range(count))


def load(qtbot, window, text: str) -> None:
    """Put ``text`` in the editor and wait until the table holds its list."""
    panel = window.products_panel
    with qtbot.waitSignal(panel.productsReady, timeout=60_000):
        panel.editor.setPlainText(text)


def go_to(editor, line: int, column: int = 0) -> None:
    cursor = QTextCursor(editor.document().findBlockByNumber(line))
    cursor.movePosition(QTextCursor.MoveOperation.Right, n=column)
    editor.setTextCursor(cursor)


def model_signals(model) -> list[str]:
    seen: list[str] = []
    for name in ("modelReset", "rowsInserted", "rowsRemoved", "dataChanged"):
        getattr(model, name).connect(lambda *_args, name=name: seen.append(name))
    return seen


def shown_ids(window) -> list[str]:
    return [p.id for p in window.model.products()]


def parsed_ids(window) -> list[str]:
    return [p.id for p in parse_pasted(window.products_panel.editor.toPlainText()).products]


def test_typing_amid_100000_lines_reads_its_lines_and_inserts_rows(make_window, qtbot, monkeypatch):
    window = make_window("http://127.0.0.1:9/{id}")
    editor = window.products_panel.editor
    load(qtbot, window, long_list(100_000))
    read: list[int] = []
    real = typed_list.read_lines
    monkeypatch.setattr(
        typed_list, "read_lines", lambda lines: read.append(len(lines)) or real(lines)
    )
    signals = model_signals(window.model)
    go_to(editor, 50_000)
    qtbot.keyClicks(editor, "new1")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # "new1" on a line of its own
    with qtbot.waitSignal(window.products_panel.productsPatched, timeout=5_000):
        pass  # the parse delay
    assert sum(read) <= 4  # the edited lines, not the list
    assert signals == ["rowsInserted"]
    assert window.model.rowCount() == 100_001
    assert shown_ids(window)[49_999:50_002] == ["id049999", "new1", "id050000"]
    go_to(editor, 50_000, 3)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)  # new1 -> new (the same number of rows)
    window.products_panel.parse_pending()
    assert signals[1:] == ["dataChanged"]
    assert shown_ids(window)[50_000] == "ne1"
    editor.undo()
    editor.undo()
    window.products_panel.parse_pending()
    assert sum(read) <= 12
    assert "modelReset" not in signals
    assert shown_ids(window) == parsed_ids(window)
    assert window.model.rowCount() == 100_000  # undone: the list as loaded


def test_fetch_right_after_typing_amid_a_long_list_fetches_the_typed_id(
    make_window, make_api, qtbot
):
    api = make_api(quantity_handler)
    window = make_window(api.template)
    editor = window.products_panel.editor
    window.products_panel.set_text(long_list(2_000))  # read per line: edits patch it
    go_to(editor, 1_000)
    qtbot.keyClicks(editor, "typed")  # id001000 becomes typedid001000
    assert window.products_panel.edit_pending
    patched: list[object] = []
    window.products_panel.productsPatched.connect(
        lambda _products, splices: patched.append(splices)
    )
    with qtbot.waitSignal(window.fetchFinished, timeout=60_000):
        click(qtbot, window, "fetchButton")
    assert len(patched) == 1  # the typed line patched the list before the run began
    ids = fetched(api)
    assert "typedid001000" in ids
    assert "id001000" not in ids
    assert len(ids) == 2_000


# Edits of the real editor: (where, how much after it, the text put there).
EDITS = st.lists(
    st.tuples(
        st.floats(0, 1),
        st.floats(0, 0.3),
        st.lists(
            st.sampled_from(["a", "b1", "\n", "id", " ", '"q"', "dup", "\n\n"]), max_size=6
        ).map("".join),
    ),
    min_size=1,
    max_size=6,
)


def test_after_any_edits_the_table_holds_a_full_parse_of_the_text(make_window, qtbot):
    window = make_window("http://127.0.0.1:9/{id}")
    panel, editor = window.products_panel, window.products_panel.editor
    patched: list[int] = []
    panel.productsPatched.connect(lambda _products, splices: patched.append(len(splices)))
    signals = model_signals(window.model)

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(edits=EDITS, undo=st.booleans())
    @example(edits=[(0.5, 0.25, "")] * 3, undo=False)  # three cuts parsed together (found by CI)
    def check(edits, undo):
        panel.set_text("".join(f"p{i % 40}\n" for i in range(60)))
        start = editor.toPlainText()
        for where, share, new in edits:
            cursor = editor.textCursor()
            length = editor.document().characterCount() - 1
            cursor.setPosition(int(where * length))
            cursor.setPosition(
                int(where * length + share * length), QTextCursor.MoveMode.KeepAnchor
            )
            cursor.insertText(new)
            if where < 0.5:
                panel.parse_pending()  # some edits parsed one by one, others together
        panel.parse_pending()
        assert shown_ids(window) == parsed_ids(window)
        if undo:
            while editor.document().isUndoAvailable():
                editor.undo()
            panel.parse_pending()
            assert editor.toPlainText() == start
            assert shown_ids(window) == parsed_ids(window)

    check()
    # Most edits patched the rows (a reset only where the text had to be read whole).
    assert sum(patched) > 40
    assert signals.count("rowsInserted") + signals.count("rowsRemoved") > 40


def test_typing_in_a_sorted_long_list_reads_it_again_off_the_gui_thread(make_window, qtbot):
    window = make_window("http://127.0.0.1:9/{id}")
    panel, editor = window.products_panel, window.products_panel.editor
    load(qtbot, window, long_list(20_000))
    window.table.sortByColumn(ID_COLUMN, Qt.SortOrder.DescendingOrder)
    go_to(editor, 10_000)
    qtbot.keyClicks(editor, "new")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The patch cannot go into rows sorted otherwise: the text is read again, on the
    # worker thread as a long text is, and the table gets the whole list.
    with qtbot.waitSignal(panel.productsReady, timeout=30_000):
        pass
    assert shown_ids(window) == parsed_ids(window)
    assert "new" in shown_ids(window)


def test_stock_counts_follow_typing_by_the_edited_rows_alone(make_window, make_api, qtbot):
    api = make_api(Quantities(a=50, b=0, c=0))
    window = make_window(api.template)
    panel, editor = window.products_panel, window.products_panel.editor
    panel.set_text("a\nb\nc\n")
    fetch_all(qtbot, window)
    assert window.stock.counts.text() == "In stock 1 · Out 2"
    recounts: list[int] = []
    real = window.stock.update_counts
    window.stock.update_counts = lambda: recounts.append(1) or real()
    go_to(editor, 1)
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Down, QTextCursor.MoveMode.KeepAnchor)
    cursor.removeSelectedText()  # the line "b" goes
    qtbot.keyClicks(editor, "x")  # "c" becomes "xc": a new, pending row
    panel.parse_pending()
    assert shown_ids(window) == ["a", "xc"]
    assert window.stock.counts.text() == "In stock 1"  # both "Out" rows went (pending: not shown)
    assert recounts == []  # by the rows the edit replaced, not by every row
