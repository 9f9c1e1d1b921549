"""What the results table offers on its rows: Ctrl+C and the context menu.

Wires :class:`~inventory_gui.gui.table.clipboard.RowCopier` and
:class:`~inventory_gui.gui.table.row_menu.RowMenu` to the window: its "Copy
rows" action, its connection settings (for a row's URL), its fetches and its
History tab.  Kept apart from :mod:`~inventory_gui.gui.main_window`, which
only creates this.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt

from inventory_gui.core.curl_export import row_curl
from inventory_gui.gui.i18n import PLURALS
from inventory_gui.gui.table.clipboard import RowCopier
from inventory_gui.gui.table.row_menu import RowMenu, masked_url
from inventory_gui.gui.window_parts import MainWindowParts

COPIED_MESSAGE_MS = 3000


class RowActions(QObject):
    """Ctrl+C and the row menu of ``window``'s table.

    Attributes:
        copier: copies the selected rows (the "Copy rows" action, Ctrl+C).
        menu: the rows' context menu.
    """

    def __init__(self, window: MainWindowParts) -> None:
        super().__init__(window)
        self._window = window
        table, copy = window.table, window.actions["copy_rows"]
        self.copier = RowCopier(table, window.model, window.filter)
        copy.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        table.addAction(copy)  # Ctrl+C on the table only: text boxes keep their own
        copy.triggered.connect(self.copier.copy_selected)
        self.copier.copied.connect(self._show_copied)
        self.menu = RowMenu(table, copy, self.url_of, self._can_fetch)
        self.menu.add_copy_item(self.tr("Copy as cur&l"), "copyCurlAction", self.curl_of)
        self.menu.refreshRequested.connect(window.refresh_row)
        self.menu.historyRequested.connect(self.show_history)

    def url_of(self, product_id: str) -> str | None:
        """A row's request URL as the current settings build it, secrets masked."""
        products = self._window.model.products([product_id])
        if not products:
            return None
        connection = self._window.connection.settings()
        return masked_url(connection.url_template, connection.headers, products[0])

    def curl_of(self, product_id: str, *, reveal: bool = False) -> str | None:
        """A row's request as a curl command, secrets masked unless ``reveal``."""
        products = self._window.model.products([product_id])
        if not products:
            return None
        return row_curl(self._window.connection.settings(), products[0], reveal=reveal)

    def show_history(self, _product_id: str) -> None:
        """Show the History tab: it shows the current row's checks, and the menu has
        made the product's row current."""
        self._window.detail_tabs.setCurrentWidget(self._window.history.view)

    def _can_fetch(self) -> bool:
        return not (self._window.runner.running or self._window.loader.loading)

    def _show_copied(self, rows: int) -> None:
        text = PLURALS.copied_rows(rows)
        self._window.statusBar().showMessage(text, COPIED_MESSAGE_MS)
