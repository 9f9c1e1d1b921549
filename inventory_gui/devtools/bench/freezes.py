"""The window's known freezes, as the longest GUI-thread gap of each (issue 14).

Run by :mod:`inventory_gui.devtools.bench.window` with ``--freezes`` after its
first fetch of N rows, in the same window:

- ``refetch_gap_ms``: Fetch clicked again on the N fetched rows (every row goes
  back to pending) until the run has finished;
- ``paste_gap_ms`` / ``paste_s``: 2 x N IDs pasted into the product editor
  until the table holds them;
- ``keystroke_gap_ms`` / ``keystroke_s``: one more ID typed (six key presses)
  at the end of that list until the table holds it too.
"""

from __future__ import annotations

import asyncio
import time

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QTextCursor
from PySide6.QtTest import QTest


async def measure(window, app, heartbeat, n: int) -> dict:
    """Each freeze's longest gap between the heartbeat's 10 ms ticks."""
    figures: dict = {}
    finished = asyncio.Event()
    window.fetchFinished.connect(lambda _p: finished.set())
    heartbeat.start()
    window.actions["fetch"].trigger()
    await finished.wait()
    figures["refetch_gap_ms"] = heartbeat.stop()
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
    figures["paste_gap_ms"] = heartbeat.stop()
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.setTextCursor(cursor)
    heartbeat.start()
    started = time.perf_counter()
    QTest.keyClicks(editor, "typed1")  # one more line: the text ended with a newline
    await _rows(window, pasted + 1)
    figures["keystroke_s"] = time.perf_counter() - started
    figures["keystroke_gap_ms"] = heartbeat.stop()
    return figures


async def _rows(window, count: int) -> None:
    """Wait until the table holds ``count`` rows (it changes by model resets)."""
    model = window.model
    if model.rowCount() == count:
        return
    shown = asyncio.Event()
    check = lambda: model.rowCount() == count and shown.set()  # noqa: E731
    model.modelReset.connect(check)
    try:
        await shown.wait()
    finally:
        model.modelReset.disconnect(check)
