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
from inventory_gui.core.inputs.registry import parse_pasted
from inventory_gui.core.models import ProductList
from inventory_gui.gui.i18n import PLURALS
from inventory_gui.gui.panels.product_editor import ProductEditor

PARSE_DELAY_MS = 300
# Longer text is parsed on a worker thread (with a preparer: its table rows are
# built there too); some 10,000 lines, parsed here in a few tens of ms.
BACKGROUND_CHARS = 100_000
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

    A long text is parsed on a worker thread, and an edit made meanwhile
    drops that parse's result: typing in a 200,000-line list never freezes
    the window.

    Signals:
        productsChanged(object): a new :class:`ProductList` from the text.
        productsReady(object, object): the same, parsed on the worker thread,
            with what the preparer built from it there (see :meth:`set_preparer`).
        openRequested(): the Open button was pressed.
    """

    productsChanged = Signal(object)
    productsReady = Signal(object, object)
    openRequested = Signal()
    # (generation, ProductList or the exception parsing raised, prepared), across threads
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

    def parse_now(self) -> None:
        """Parse the editor's text now and emit :attr:`productsChanged`."""
        self._timer.stop()
        self._generation += 1
        self._in_flight = False
        self._show(parse_pasted(self.editor.toPlainText()))

    def _edited(self) -> None:
        self._generation += 1  # a parse of the text before this edit is stale now
        self._timer.start()

    def _parse_later(self) -> None:
        """The parse delay is over: parse here, or on the worker thread if long."""
        if self.editor.pasting:
            return  # the paste's last slice starts the delay again
        text = self.editor.toPlainText()
        if len(text) <= BACKGROUND_CHARS:
            self.parse_now()
            return
        self._generation += 1
        self._in_flight = True
        prepare = self._preparer() if self._preparer is not None else None
        self._worker.submit(self._parse_on_worker, self._generation, text, prepare)

    def _parse_on_worker(self, generation: int, text: str, prepare: Any) -> None:
        """Worker thread: parse (and prepare) unless a newer edit came meanwhile."""
        if generation != self._generation:
            return
        try:
            # No collector pass over the new objects while the window waits for the GIL.
            with gc_policy.paused():
                products = parse_pasted(text)
                ready = prepare(products) if prepare and products.products else None
        except Exception as exc:  # shown on the GUI thread, as a parse there would be
            self._parsed.emit(generation, exc, None)
        else:
            self._parsed.emit(generation, products, ready)

    def _parsed_in_background(self, generation: int, products: Any, ready: Any) -> None:
        if generation != self._generation:
            return  # the text changed since: its own parse follows
        self._in_flight = False
        if isinstance(products, Exception):
            raise products
        self._show(products, ready)

    def _show(self, products: ProductList, ready: Any = None) -> None:
        if not products.products and self._source.isVisible():
            return  # an emptied editor leaves the opened file's list alone
        self._source.hide()
        self.summary.setText(
            describe(products) if products.products else self.tr("No products yet")
        )
        if ready is None:
            self.productsChanged.emit(products)
        else:
            self.productsReady.emit(products, ready)

    def set_running(self, running: bool) -> None:
        """Freeze the list while a fetch is going."""
        self.editor.setReadOnly(running or self.editor.pasting)
        self.open_button.setEnabled(not running)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
