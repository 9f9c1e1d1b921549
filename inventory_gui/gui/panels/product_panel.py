"""The product list editor: type or paste IDs, or open a file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer, Signal
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

PARSE_DELAY_MS = 300


def describe(products: ProductList) -> str:
    """One line about a product list: count, duplicates, lines it could not use, notes."""
    parts = [f"{len(products.products):,} product{'s' if len(products.products) != 1 else ''}"]
    if products.duplicates:
        extra = sum(products.duplicates.values())
        parts.append(f"{extra:,} duplicate{'s' if extra != 1 else ''} (fetched once)")
    if products.skipped:
        lines = ", ".join(str(line) for line, _ in products.skipped[:5])
        more = "…" if len(products.skipped) > 5 else ""
        parts.append(f"{len(products.skipped):,} line(s) not used: {lines}{more}")
    if products.columns:
        parts.append("columns: " + ", ".join(products.columns[:6]))
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
            "Type or paste product IDs, one per line,\nor rows copied from a spreadsheet."
        )
        self.editor.setToolTip(
            "One ID per line, or tab-separated rows with a header (id, sku, name…).\n"
            "Duplicates are fetched once; blank lines are skipped."
        )
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.open_button = QPushButton("Open…", self)
        self.open_button.setObjectName("openButton")
        self.open_button.setToolTip("Open a product file: CSV, TSV, TXT, JSON or XLSX (Ctrl+O)")
        self.open_button.clicked.connect(self.openRequested)
        self.summary = QLabel("No products yet", self)
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
        top.addWidget(QLabel("<b>Products</b>", self))
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
        self._source.setText(f"From <b>{_escape(name)}</b>. Type below to replace the list.")
        self._source.setToolTip(path)
        self._source.show()
        self.summary.setText(describe(products))

    def set_text(self, text: str) -> None:
        """Replace the editor's text and parse it at once."""
        self.editor.setPlainText(text)
        self.parse_now()

    def parse_now(self) -> None:
        """Parse the editor's text now and emit :attr:`productsChanged`."""
        self._timer.stop()
        products = parse_pasted(self.editor.toPlainText())
        if not products.products and self._source.isVisible():
            return  # an emptied editor leaves the opened file's list alone
        self._source.hide()
        self.summary.setText(describe(products) if products.products else "No products yet")
        self.productsChanged.emit(products)

    def set_running(self, running: bool) -> None:
        """Freeze the list while a fetch is going."""
        self.editor.setReadOnly(running)
        self.open_button.setEnabled(not running)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
