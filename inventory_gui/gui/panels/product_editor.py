"""The product list's text editor: large pastes go in by slices, never in one freeze.

Qt lays out pasted text as it inserts it: 200,000 lines in one insertion hold
the GUI thread for over a second.  :class:`ProductEditor` inserts a large paste
a slice per turn of the event loop instead (one undo step all the same), read
only meanwhile so that typing cannot land in the middle of it.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QWidget

# A paste longer than this goes in by slices of about this size, each cut
# after a line end: small enough that laying one out stays within a frame.
PASTE_SLICE_CHARS = 16 * 1024
# Text around a large paste up to this long is copied out with it (pasted_text).
AROUND_CHARS = 64 * 1024


class ProductEditor(QPlainTextEdit):
    """A plain text editor whose large pastes never freeze the window.

    Signals:
        pasteFinished(): the last slice of a large paste is in.
    """

    pasteFinished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""  # a paste in progress, inserted up to _done
        self._done = 0
        self._start = 0  # where the paste in progress began
        self.pasted_text: str | None = None
        """The editor's text after the last large paste: the text before it, the
        paste as pasted, the text after it (line ends and spaces are the editor's
        plain text only once normalised); None when the text around it was long."""
        self._cursor: QTextCursor | None = None
        self._slices = QTimer(self)
        self._slices.setInterval(0)
        self._slices.timeout.connect(self._insert_slice)

    @property
    def pasting(self) -> bool:
        """True while a large paste is still going in."""
        return self._cursor is not None

    def insertFromMimeData(self, source: QMimeData) -> None:
        """Paste (Ctrl+V, drop, the menu): by slices when the text is long.

        Qt calls this only while the editor is editable.
        """
        text = source.text() if source.hasText() else ""
        if len(text) <= PASTE_SLICE_CHARS or self.pasting:
            super().insertFromMimeData(source)
            return
        cursor = self.textCursor()
        cursor.beginEditBlock()
        cursor.removeSelectedText()
        cursor.endEditBlock()
        self._start = cursor.position()
        self._cursor, self._text, self._done = cursor, text, 0
        self.setReadOnly(True)
        self._insert_slice()  # the first at once: the editor shows the paste has begun
        if self.pasting:
            self._slices.start()

    def finish_paste(self) -> None:
        """Insert what is left of a paste in progress now (the list is needed at once)."""
        if self.pasting:
            self._insert(len(self._text))

    def _around(self, start: int, end: int, pasted: str) -> str | None:
        """``pasted`` with the editor's text before ``start`` and after ``end``."""
        last = self.document().characterCount() - 1
        if start + last - end > AROUND_CHARS:
            return None  # a copy of the editor's text costs what toPlainText() does
        cursor = QTextCursor(self.document())
        cursor.setPosition(start, QTextCursor.MoveMode.KeepAnchor)
        head = cursor.selectedText()
        cursor.setPosition(end)
        cursor.setPosition(last, QTextCursor.MoveMode.KeepAnchor)
        return head + pasted + cursor.selectedText()

    def _insert_slice(self) -> None:
        end = self._text.find("\n", self._done + PASTE_SLICE_CHARS)
        self._insert(len(self._text) if end < 0 else end + 1)

    def _insert(self, end: int) -> None:
        cursor = self._cursor
        assert cursor is not None
        cursor.joinPreviousEditBlock()  # the whole paste is one undo step
        cursor.insertText(self._text[self._done : end])
        cursor.endEditBlock()
        self._done = end
        if end < len(self._text):
            return
        self._slices.stop()
        self.pasted_text = self._around(self._start, cursor.position(), self._text)
        self._cursor, self._text = None, ""
        self.setReadOnly(False)
        self.setTextCursor(cursor)
        self.pasteFinished.emit()
