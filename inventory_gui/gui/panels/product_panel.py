"""The product list editor: type or paste IDs, or open a file."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inventory_gui.core import gc_policy
from inventory_gui.core.inputs.typed_list import TypedList, read_typed
from inventory_gui.core.models import ProductList
from inventory_gui.gui.i18n import PLURALS
from inventory_gui.gui.panels.product_editor import ProductEditor
from inventory_gui.gui.switch_interval import while_building

PARSE_DELAY_MS = 300
# Longer text is parsed on a worker thread (with a preparer: its table rows are
# built there too); some 10,000 lines, parsed here in a few tens of ms.
BACKGROUND_CHARS = 100_000
# An edit of up to this many lines (removed and added) patches the list on the
# GUI thread; a larger one is read whole, as a paste is.
PATCH_LINES = 2_000
# What the editor's plain text makes of a pasted text's characters (toPlainText).
_PLAIN_TEXT = str.maketrans(
    {"\xa0": " ", "\u2028": "\n", "\u2029": "\n", "\ufdd0": "\n", "\ufdd1": "\n"}
)
# Called on the GUI thread when a parse starts; what it returns is called on the
# worker thread with the parsed list (see ProductPanel.set_preparer).
Preparer = Callable[[], Callable[[ProductList], Any]]


def describe(products: ProductList) -> str:
    """One line about a product list: count, duplicates, lines it could not use, notes."""
    count = len(products.products)
    parts = [PLURALS.products(count)]
    if products.duplicates:
        extra = sum(products.duplicates.values())
        parts.append(PLURALS.duplicates(extra))
    if products.skipped:
        lines = ", ".join(str(line) for line, _ in products.skipped[:5])
        more = "…" if len(products.skipped) > 5 else ""
        skipped = len(products.skipped)
        text = PLURALS.lines_not_used(skipped)
        parts.append(text.format(lines + more))
    if products.columns:
        columns = ", ".join(products.columns[:6])
        parts.append(QCoreApplication.translate("ProductPanel", "columns: {0}").format(columns))
    parts.extend(products.notes)  # e.g. the encoding, when the file was not UTF-8
    return " · ".join(parts)


class ProductPanel(QWidget):
    """Where the product list comes from: typed text or an opened file.

    Typed or pasted text is parsed a moment after the last keystroke, through
    the same rules as files (one ID per line, or rows copied from a spreadsheet).
    Opening a file replaces the list; typing afterwards replaces it again.

    Text of one ID per line is kept line by line (:class:`TypedList`): an edit
    reads again only the lines it touched (those of every edit since the last
    parse) and patches the list, so typing in a 200,000-line list costs what
    the edit costs.  Other text, and large edits, are read whole: a long text
    on a worker thread, and an edit made meanwhile drops that parse's result.

    Signals:
        productsChanged(object): a new :class:`ProductList` from the text.
        productsReady(object, object): the same, parsed on the worker thread,
            with what the preparer built from it there (see :meth:`set_preparer`).
        productsPatched(object, object): the new :class:`ProductList` and the
            :class:`~inventory_gui.core.inputs.typed_list.Splice` list that
            made it of the list emitted last.
        openRequested(): the Open button was pressed.
    """

    productsChanged = Signal(object)
    productsReady = Signal(object, object)
    productsPatched = Signal(object, object)
    openRequested = Signal()
    # (generation, ProductList or the exception parsing raised, (prepared, TypedList)),
    # across threads
    _parsed = Signal(int, object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = ProductEditor(self)
        self.editor.setObjectName("productInput")
        self.editor.setPlaceholderText(
            self.tr("Type or paste product IDs, one per line,\nor rows copied from a spreadsheet.")
        )
        self.editor.setToolTip(
            self.tr(
                "One ID per line, or tab-separated rows with a header (id, sku, name…).\n"
                "Duplicates are fetched once; blank lines are skipped."
            )
        )
        self.editor.setAccessibleName(self.tr("Product IDs"))
        self.editor.setAccessibleDescription(self.editor.toolTip())
        # Tab moves on to the next control (keyboard users); pasted rows keep their tabs.
        self.editor.setTabChangesFocus(True)
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.open_button = QPushButton(self.tr("Open…"), self)
        self.open_button.setObjectName("openButton")
        self.open_button.setToolTip(
            self.tr("Open a product file: CSV, TSV, TXT, JSON or XLSX (Ctrl+O)")
        )
        self.open_button.clicked.connect(self.openRequested)
        self.summary = QLabel(self.tr("No products yet"), self)
        self.summary.setObjectName("productSummary")
        self.summary.setWordWrap(True)
        self._source = QLabel("", self)
        self._source.setWordWrap(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PARSE_DELAY_MS)
        self._timer.timeout.connect(self._parse_later)
        self.editor.textChanged.connect(self._edited)
        self.editor.pasteFinished.connect(self._paste_finished)
        self._pasted: str | None = None  # the editor's text, the paste as pasted
        document = self.editor.document()
        document.contentsChange.connect(self._note_edit)
        self._blocks = document.blockCount()  # lines before the latest edit
        self._typed: TypedList | None = None  # the text as last parsed, if per line
        # (first line, lines before, lines now) of every edit since the last parse
        self._edit: tuple[int, int, int] | None = None
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="inventory-paste")
        self._worker.submit(int)  # its thread starts now, not in the first long parse
        self._generation = 0  # bumped by every parse: a parse older than the last is dropped
        self._in_flight = False  # a parse runs on the worker thread
        self._preparer: Preparer | None = None
        self._parsed.connect(self._parsed_in_background)
        self._build_layout()

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("<b>Products</b>"), self))
        top.addStretch(1)
        top.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self._source)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.summary)
        self._source.hide()

    def show_file(self, path: str, products: ProductList) -> None:
        """Show that ``products`` came from ``path``; the editor is cleared."""
        self.editor.blockSignals(True)
        self.editor.clear()
        self.editor.blockSignals(False)
        self._timer.stop()
        self._generation += 1  # a parse still running would replace the file's list
        self._in_flight = False
        self._typed = self._edit = None  # typing replaces the file's list: read it whole
        name = Path(path).name
        from_file = self.tr("From <b>{0}</b>. Type below to replace the list.")
        self._source.setText(from_file.format(_escape(name)))
        self._source.setToolTip(path)
        self._source.show()
        self.summary.setText(describe(products))

    def set_text(self, text: str) -> None:
        """Replace the editor's text and parse it at once."""
        self.editor.setPlainText(text)
        self.parse_now()

    def read_again(self) -> None:
        """Read the whole text again after the parse delay (on the worker thread
        if long): the list shown could not take the last patch (a sorted table)."""
        self._typed = None
        self._timer.start()

    def set_preparer(self, preparer: Preparer) -> None:
        """Have a long text's list prepared on the worker thread too (its table rows).

        ``preparer()`` is called on the GUI thread as the parse starts; the
        function it returns runs on the worker thread with the parsed list, and
        its result comes with :attr:`productsReady`.
        """
        self._preparer = preparer

    @property
    def edit_pending(self) -> bool:
        """True while typed or pasted text waits to be parsed or is being parsed."""
        return self._timer.isActive() or self.editor.pasting or self._in_flight

    def has_text(self) -> bool:
        """True when the editor holds any text (there may be IDs to parse)."""
        return self.editor.pasting or not self.editor.document().isEmpty()

    def parse_pending(self) -> None:
        """Parse text still waiting (or being parsed) now, so that the list is what
        the editor shows (Fetch pressed right after a paste)."""
        if self.edit_pending:
            self.editor.finish_paste()
            self.parse_now()
            if self._timer.isActive():  # the table refused the patch (read_again): whole, now
                self.parse_now()

    def parse_now(self) -> None:
        """Parse the editor's text now: emit :attr:`productsPatched` if the edits
        since the last parse patch the list, else :attr:`productsChanged`."""
        self._timer.stop()
        self._generation += 1
        self._in_flight = False
        if not self._patch():
            pasted = self._pasted
            self._parse_whole(self.editor.toPlainText() if pasted is None else _plain_text(pasted))

    def _edited(self) -> None:
        self._generation += 1  # a parse of the text before this edit is stale now
        self._timer.start()

    def _note_edit(self, position: int, _removed: int, added: int) -> None:
        """Add the lines an edit replaced to those waiting to be parsed."""
        self._pasted = None
        document = self.editor.document()
        blocks = document.blockCount()
        first = document.findBlock(position).blockNumber()
        end = min(position + added, document.characterCount() - 1)
        now = document.findBlock(end).blockNumber() - first + 1
        before = now - (blocks - self._blocks)
        self._blocks = blocks
        if before < 1:  # not an edit of whole lines as Qt reports them: read it all
            self._typed = None
        if self._edit is None:
            self._edit = (first, before, now)
            return
        # Lines before both edits are as last parsed; lines after both are too,
        # shifted by what the first edit added (a gap between the edits is parsed too).
        start, old, new = self._edit
        begin, stop = min(start, first), max(start + new, first + before)
        self._edit = (begin, stop - (new - old) - begin, stop + now - before - begin)

    def _paste_finished(self) -> None:
        # The pasted text itself, and the little around it: no copy of 200,000 lines
        # out of the editor on the GUI thread (the worker normalises it).
        self._pasted = self.editor.pasted_text

    def _patch(self) -> bool:
        """Patch the list by the lines edited since the last parse; False if the
        text must be read whole (not one ID per line, a large or unusual edit)."""
        typed, edit = self._typed, self._edit
        if typed is None:
            return False
        if edit is None:
            return True  # nothing edited since the last parse
        first, before, now = edit
        if before + now > PATCH_LINES:
            return False
        self._edit = self._typed = None  # until patched: a failure leaves a whole read
        splices = typed.edit(first, before, self._lines(first, now), self._first_lines)
        if splices is None:
            return False
        self._typed = typed
        products = typed.products()
        self._describe(products)
        if splices:
            self.productsPatched.emit(products, splices)
        return True

    def _lines(self, first: int, count: int) -> list[str]:
        """The text of ``count`` lines from line ``first``, as toPlainText gives it."""
        block = self.editor.document().findBlockByNumber(first)
        lines = []
        for _ in range(count):
            lines.append(block.text().replace("\xa0", " "))
            block = block.next()
        return lines

    def _first_lines(self, count: int) -> str:
        return "\n".join(self._lines(0, min(count, self._blocks)))

    def _parse_whole(self, text: str) -> None:
        self._typed = self._edit = None  # until read: a failed read leaves none
        products, typed = read_typed(text)
        self._show(products, typed=typed)

    def _parse_later(self) -> None:
        """The parse delay is over: patch or parse here, or parse on the worker thread."""
        if self.editor.pasting:
            return  # the paste's last slice starts the delay again
        if self._patch():
            return
        pasted = self._pasted
        text = self.editor.toPlainText() if pasted is None else pasted
        if len(text) <= BACKGROUND_CHARS:
            self._parse_whole(text if pasted is None else _plain_text(text))
            return
        self._generation += 1
        self._in_flight = True
        self._typed = self._edit = None  # edits from now on wait for this parse
        prepare = self._preparer() if self._preparer is not None else None
        self._worker.submit(
            self._parse_on_worker, self._generation, text, prepare, pasted is not None
        )

    def _parse_on_worker(self, generation: int, text: str, prepare: Any, pasted: bool) -> None:
        """Worker thread: parse (and prepare) unless a newer edit came meanwhile."""
        if generation != self._generation:
            return
        try:
            # No collector pass over the new objects while the window waits for the
            # GIL, and shorter waits for it.
            with gc_policy.paused(), while_building():
                products, typed = read_typed(_plain_text(text) if pasted else text)
                ready = prepare(products) if prepare and products.products else None
        except Exception as exc:  # shown on the GUI thread, as a parse there would be
            self._parsed.emit(generation, exc, None)
        else:
            self._parsed.emit(generation, products, (ready, typed))

    def _parsed_in_background(self, generation: int, products: Any, made: Any) -> None:
        if generation != self._generation:
            return  # the text changed since: its own parse follows
        self._in_flight = False
        if isinstance(products, Exception):
            raise products
        ready, typed = made
        self._show(products, ready, typed)

    def _show(
        self, products: ProductList, ready: Any = None, typed: TypedList | None = None
    ) -> None:
        if not products.products and self._source.isVisible():
            return  # an emptied editor leaves the opened file's list alone
        # Edits patch this list from now on, if it is one ID per line as the editor has it.
        self._typed = typed if typed and typed.line_count == self._blocks else None
        self._describe(products)
        if ready is None:
            self.productsChanged.emit(products)
        else:
            self.productsReady.emit(products, ready)

    def _describe(self, products: ProductList) -> None:
        self._source.hide()
        self.summary.setText(
            describe(products) if products.products else self.tr("No products yet")
        )

    def set_running(self, running: bool) -> None:
        """Freeze the list while a fetch is going."""
        self.editor.setReadOnly(running or self.editor.pasting)
        self.open_button.setEnabled(not running)


def _plain_text(pasted: str) -> str:
    """The editor's plain text of ``pasted``: what toPlainText() gives once it is in."""
    return pasted.replace("\r\n", "\n").replace("\r", "\n").translate(_PLAIN_TEXT)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
