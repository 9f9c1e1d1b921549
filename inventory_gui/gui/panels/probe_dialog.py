"""The profile's Test button: check one product, show the raw answer as a JSON tree.

The check runs the app's own fetcher (:class:`~inventory_gui.core.fetch.fetcher.Fetcher`)
for one product on the window's asyncio loop, so it is sent exactly as a run
sends it (secret headers only to the template's origin, retries, errors
scrubbed); the task is kept until it ends.  A node of the answer offered
from the tree (:class:`~inventory_gui.gui.panels.json_tree.JsonTree`) becomes
the quantity field or an extra field through :attr:`ProbeDialog.quantityChosen`
and :attr:`ProbeDialog.extraChosen`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inventory_gui.core.errors import InventoryError
from inventory_gui.core.fetch.settings import FetchSettings
from inventory_gui.core.models import Product, Result
from inventory_gui.gui.panels.json_tree import JsonTree


class ProbeDialog(QDialog):
    """Checks one product with the current settings and shows its answer.

    Args:
        settings_of: the settings to check with (raises InventoryError with a
            one-line message when they are not usable).
        product_id: the ID shown to start with (the list's first), may be empty.
        parent: the parent widget.

    Signals:
        quantityChosen(str), extraChosen(str): a node's path, from the tree.
        checked(): a check ended (its outcome is in :attr:`status`).
    """

    quantityChosen = Signal(str)
    extraChosen = Signal(str)
    checked = Signal()

    def __init__(
        self,
        settings_of: Callable[[], FetchSettings],
        product_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("testDialog")
        self.setWindowTitle(self.tr("Test the connection"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._settings_of = settings_of
        self._task: asyncio.Task[None] | None = None
        self.id_edit = QLineEdit(
            product_id, objectName="testIdEdit", placeholderText=self.tr("Product ID")
        )
        self.id_edit.setAccessibleName(self.tr("Product ID"))
        self.check_button = QPushButton(self.tr("Check"), objectName="testCheckButton")
        self.status = QLabel(
            self.tr("Check one product to see the API's answer."), objectName="testStatus"
        )
        self.status.setWordWrap(True)
        self.tree = JsonTree(self)
        hint = QLabel(
            self.tr("Double-click a value to use it as the quantity field; right-click for more.")
        )
        row = QHBoxLayout()
        row.addWidget(self.id_edit, 1)
        row.addWidget(self.check_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.tree, 1)
        layout.addWidget(hint)
        self.resize(560, 480)
        self.check_button.clicked.connect(self.check)
        self.id_edit.returnPressed.connect(self.check)
        self.tree.quantityChosen.connect(self.quantityChosen)
        self.tree.extraChosen.connect(self.extraChosen)

    @property
    def running(self) -> bool:
        """True while a check is under way."""
        return self._task is not None and not self._task.done()

    def check(self) -> None:
        """Check the product in the ID field (nothing if one is under way)."""
        product_id = self.id_edit.text().strip()
        if self.running:
            return
        if not product_id:
            self._done(self.tr("Type a product ID to check."))
            return
        try:
            settings = self._settings_of()
        except InventoryError as exc:
            self._done(str(exc))
            return
        self.check_button.setEnabled(False)
        self.status.setText(self.tr("Checking {0}…").format(product_id))
        self._task = asyncio.ensure_future(self._check(settings, Product(product_id)))

    async def _check(self, settings: FetchSettings, product: Product) -> None:
        from inventory_gui.core.fetch.fetcher import Fetcher  # aiohttp: loaded when used

        try:
            [result] = await Fetcher(settings).run([product])
        except InventoryError as exc:
            self._done(str(exc))
            return
        self.tree.show_value(result.response)
        self._done(_outcome(result))

    def _done(self, text: str) -> None:
        self.status.setText(text)
        self.check_button.setEnabled(True)
        self.checked.emit()

    def hideEvent(self, event: QHideEvent) -> None:
        """A check under way is cancelled when the dialog closes or its window goes."""
        if self._task is not None:
            self._task.cancel()
        super().hideEvent(event)


def _outcome(result: Result) -> str:
    """One line on a check: its HTTP status and the quantity found, or its error."""
    if result.http_status is not None:
        status = f"HTTP {result.http_status}"
    else:
        status = QCoreApplication.translate("ProbeDialog", "No answer")
    if result.status == "ok":
        found = QCoreApplication.translate("ProbeDialog", "{0}: quantity {1}")
        return found.format(status, result.quantity)
    return f"{status}: {result.error}"
