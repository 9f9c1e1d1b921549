"""The results table's context menu: what can be done with one row.

Opened by a right click on a row, or by the Menu key or Shift+F10 for the
current row.  It offers: copy the selected rows, copy the row's ID, copy its
request URL (secrets masked), refresh the row, show its history.

More ways to copy a row plug in with :meth:`RowMenu.add_copy_item`; "Copy as
curl" (issue 13, real APIs) is meant to be added there by the window once the
request it would show (method, headers, body) is known.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMenu, QTableView

from inventory_gui.core.errors import InventoryError
from inventory_gui.core.fetch.url_template import UnsafeValueError, UrlTemplate
from inventory_gui.core.models import Product
from inventory_gui.core.secrets import Scrubber
from inventory_gui.gui.table.model import ResultRole

# A product ID to the text a "Copy …" item puts on the clipboard (None: nothing
# to copy, the item is disabled).
TextOf = Callable[[str], str | None]
MENU_KEYS = (QKeySequence(Qt.Key.Key_Menu), QKeySequence("Shift+F10"))


def masked_url(template: str, headers: Iterable[tuple[str, str]], product: Product) -> str | None:
    """The URL a run would request for ``product``, secrets shown as ``***``.

    Secret-named query values and user info are masked, and so is any secret
    header value or template secret found elsewhere in the URL.  None when the
    template is not usable or the product cannot be put in it.
    """
    try:
        url = UrlTemplate(template).build(product)
    except (InventoryError, UnsafeValueError):
        return None
    return Scrubber.for_run(template, dict(headers)).text(str(url))


class RowMenu(QObject):
    """The context menu of the results table's rows.

    Args:
        view: the results table (its model gives each row's result).
        copy_rows: the window's "Copy rows" action, shown first.
        url_of: a product ID's request URL, secrets masked (None: none).
        can_refresh: whether a row can be fetched now (no run or load going).

    Signals:
        refreshRequested(str): fetch this product again.
        historyRequested(str): show this product's history (its row is made current
            first, so the window may show the current row's).
    """

    refreshRequested = Signal(str)
    historyRequested = Signal(str)

    def __init__(
        self,
        view: QTableView,
        copy_rows: QAction,
        url_of: TextOf,
        can_refresh: Callable[[], bool],
    ) -> None:
        super().__init__(view)
        self._view, self._copy_rows, self._can_refresh = view, copy_rows, can_refresh
        self._copy_items: list[tuple[str, str, TextOf]] = []
        self.add_copy_item(self.tr("Copy &ID"), "copyIdAction", lambda product_id: product_id)
        self.add_copy_item(self.tr("Copy &URL"), "copyUrlAction", url_of)
        self.menu: QMenu | None = None  # the menu on screen, if any
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._at_pointer)
        keys = QAction(self.tr("Row menu"), view)
        keys.setObjectName("rowMenuAction")
        keys.setShortcuts(list(MENU_KEYS))
        keys.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        keys.triggered.connect(self._at_current)
        view.addAction(keys)

    def add_copy_item(self, text: str, name: str, text_of: TextOf) -> None:
        """Offer one more way to copy a row, after the others.

        Args:
            text: the item's text (with its ``&`` mnemonic).
            name: the item's objectName.
            text_of: what to copy for a product ID; None disables the item.
        """
        self._copy_items.append((text, name, text_of))

    def _at_pointer(self, pos: QPoint) -> None:
        index = self._view.indexAt(pos)  # pos is in the viewport's coordinates
        if index.isValid():
            self.popup(index, self._view.viewport().mapToGlobal(pos))

    def _at_current(self) -> None:
        index = self._view.currentIndex()
        if index.isValid():
            self._view.scrollTo(index)
            rect = self._view.visualRect(index)
            self.popup(index, self._view.viewport().mapToGlobal(rect.bottomLeft()))

    def popup(self, index: QModelIndex, where: QPoint) -> QMenu:
        """Show the menu for the row of ``index`` at ``where`` (global coordinates)."""
        product_id = index.data(ResultRole).id
        menu = QMenu(self._view)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(self._copy_rows)
        for text, name, text_of in self._copy_items:
            copied = text_of(product_id)
            item = menu.addAction(text)
            item.setObjectName(name)
            item.setEnabled(copied is not None)
            item.triggered.connect(lambda _=False, t=copied: QGuiApplication.clipboard().setText(t))
        menu.addSeparator()
        refresh = menu.addAction(self.tr("&Refresh this row"))
        refresh.setObjectName("refreshRowAction")
        refresh.setEnabled(self._can_refresh())
        refresh.triggered.connect(lambda: self.refreshRequested.emit(product_id))
        history = menu.addAction(self.tr("Show &history"))
        history.setObjectName("showHistoryAction")
        row = QPersistentModelIndex(index)  # follows the row if the table is sorted meanwhile
        history.triggered.connect(lambda: self._show_history(row, product_id))
        self.menu = menu
        menu.aboutToHide.connect(lambda: self._forget(menu))
        menu.popup(where)
        return menu

    def _show_history(self, row: QPersistentModelIndex, product_id: str) -> None:
        if row.isValid():  # the row may have gone (a new list) while the menu was open
            self._view.setCurrentIndex(self._view.model().index(row.row(), row.column()))
        self.historyRequested.emit(product_id)

    def _forget(self, menu: QMenu) -> None:
        if self.menu is menu:
            self.menu = None
