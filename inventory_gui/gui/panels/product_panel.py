"""The product list editor: type or paste IDs, or open a file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inventory_gui.core.inputs.registry import parse_pasted
from inventory_gui.core.models import ProductList
from inventory_gui.gui.i18n import PLURALS

PARSE_DELAY_MS = 300


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

    Signals:
        productsChanged(object): a new :class:`ProductList` from the text.
        openRequested(): the Open button was pressed.
    """

    productsChanged = Signal(object)
    openRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = QPlainTextEdit(self)
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
        self._timer.timeout.connect(self.parse_now)
        self.editor.textChanged.connect(self._timer.start)
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

    def has_text(self) -> bool:
        """True when the editor holds any text (there may be IDs to parse)."""
        return not self.editor.document().isEmpty()

    def parse_pending(self) -> None:
        """Parse text still waiting for the parse delay now, so that the list is what
        the editor shows (Fetch pressed right after a paste)."""
        if self._timer.isActive():
            self.parse_now()

    def parse_now(self) -> None:
        """Parse the editor's text now and emit :attr:`productsChanged`."""
        self._timer.stop()
        products = parse_pasted(self.editor.toPlainText())
        if not products.products and self._source.isVisible():
            return  # an emptied editor leaves the opened file's list alone
        self._source.hide()
        self.summary.setText(
            describe(products) if products.products else self.tr("No products yet")
        )
        self.productsChanged.emit(products)

    def set_running(self, running: bool) -> None:
        """Freeze the list while a fetch is going."""
        self.editor.setReadOnly(running)
        self.open_button.setEnabled(not running)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
