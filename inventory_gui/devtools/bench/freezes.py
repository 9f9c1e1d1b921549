"""The window's known freezes, as the longest GUI-thread gap of each (issue 14).

Run by :mod:`inventory_gui.devtools.bench.window` with ``--freezes`` after its
first fetch of N rows, in the same window:

- ``refetch_gap_ms``: Fetch clicked again on the N fetched rows (every row goes
  back to pending) until the run has finished;
- ``paste_gap_ms`` / ``paste_s``: 2 x N IDs pasted into the product editor
  until the table holds them;
- ``keystroke_gap_ms`` / ``keystroke_s``: one more ID typed (six key presses,
  30 ms apart) at the end of that list until the table holds it too, and
  ``keystroke_lines``: the lines the list's reader read for it;
- ``middle_gap_ms`` / ``middle_s`` / ``middle_lines``: the same for an ID typed
  on a new line amid the list (Return at the end of a line, four key presses).

Each ``*_at_s`` is when that gap ended, in seconds from the freeze's start;
each ``*_busy_ms`` / ``*_queued_ms`` is how the GUI thread spent the longest
gap (see :class:`~inventory_gui.devtools.bench.window.Heartbeat`): on a CPU
(the freeze's own work) and waiting for a core (the machine's load); the rest
it was blocked, as a rule on the GIL.
"""

from __future__ import annotations

import asyncio
import time

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtTest import QTest

from inventory_gui.core.inputs import typed_list

KEY_INTERVAL_S = 0.03  # between key presses: a fast typist, not one burst of events


async def measure(window, app, heartbeat, n: int) -> dict:
    """Each freeze's longest gap between the heartbeat's 10 ms ticks."""
    figures: dict = {}
    finished = asyncio.Event()
    window.fetchFinished.connect(lambda _p: finished.set())
    heartbeat.start()
    window.actions["fetch"].trigger()
    await finished.wait()
    _gap(heartbeat, "refetch", figures)
    editor = window.products_panel.editor
    pasted = 2 * n
    text = "".join(f"paste{i:07d}\n" for i in range(pasted))
    heartbeat.start()
    started = time.perf_counter()
    QGuiApplication.clipboard().setText(text)
    editor.setFocus()
    QTest.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    await _rows(window, pasted)
    figures["paste_s"] = time.perf_counter() - started
    _gap(heartbeat, "paste", figures)
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    await _typed(window, heartbeat, "typed1", pasted + 1, "keystroke", figures)
    cursor = QTextCursor(editor.document().findBlockByNumber(n - 1))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    editor.setTextCursor(cursor)
    await _typed(window, heartbeat, "\nmid1", pasted + 2, "middle", figures)
    return figures


async def _typed(window, heartbeat, keys: str, rows: int, name: str, figures: dict) -> None:
    """Type ``keys`` at the cursor until the table holds ``rows`` rows."""
    editor = window.products_panel.editor
    lines: list[int] = []
    read_lines = typed_list.read_lines
    typed_list.read_lines = lambda text_lines: (
        lines.append(len(text_lines)) or read_lines(text_lines)
    )
    heartbeat.start()
    started = time.perf_counter()
    try:
        for key in keys:
            if key == "\n":
                QTest.keyClick(editor, Qt.Key.Key_Return)
            else:
                QTest.keyClicks(editor, key)
            await asyncio.sleep(KEY_INTERVAL_S)
        await _rows(window, rows)
    finally:
        typed_list.read_lines = read_lines
    figures[f"{name}_s"] = time.perf_counter() - started
    _gap(heartbeat, name, figures)
    figures[f"{name}_lines"] = sum(lines)


def _gap(heartbeat, name: str, figures: dict) -> None:
    """The longest gap since the heartbeat started, and how the GUI thread spent it."""
    figures[f"{name}_gap_ms"] = heartbeat.stop()
    figures[f"{name}_busy_ms"] = heartbeat.max_gap_busy * 1000.0
    figures[f"{name}_queued_ms"] = heartbeat.max_gap_queued * 1000.0
    figures[f"{name}_at_s"] = heartbeat.max_gap_at


async def _rows(window, count: int) -> None:
    """Wait until the table holds ``count`` rows (by a model reset or inserted rows)."""
    model = window.model
    if model.rowCount() == count:
        return
    shown = asyncio.Event()
    check = lambda *_args: model.rowCount() == count and shown.set()  # noqa: E731
    signals = (model.modelReset, model.rowsInserted)
    for signal in signals:
        signal.connect(check)
    try:
        await shown.wait()
    finally:
        for signal in signals:
            signal.disconnect(check)
