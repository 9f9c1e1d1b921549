"""How product lists reach the table: a file loaded, the editor's text, the recent menu.

The window's entry points (``open_file``, ``load_file``, a dropped file) and
the product panel's signals end here: the rows are installed or patched in
the model, the columns arranged, and the list's source kept for the history.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu

from inventory_gui.core.errors import InventoryError, LoadCancelled
from inventory_gui.core.inputs.typed_list import Splice
from inventory_gui.core.models import ProductList
from inventory_gui.gui.panels.product_panel import describe
from inventory_gui.gui.table.rows import PreparedRows, prepare_rows
from inventory_gui.gui.window_parts import MainWindowParts

_COLUMN_WIDTHS = (44, 80, 124, 100, 72, 60, 46, 92, 66, 250, 84)


class ProductIntake(QObject):
    """Puts ``window``'s product lists into its table.

    Args:
        window: the main window.
        recent_menu: the "Open recent" menu, filled from the recent files.

    Attributes:
        source: where the list shown came from (a file's path or "pasted text"),
            recorded with each run.
    """

    def __init__(self, window: MainWindowParts, recent_menu: QMenu) -> None:
        super().__init__(window)
        self._window = window
        self.recent_menu = recent_menu
        self.source = "pasted text"
        panel = window.products_panel
        panel.productsChanged.connect(self.show_products)
        panel.productsReady.connect(self._show_prepared)
        panel.productsPatched.connect(self._patch_products)
        panel.set_preparer(self._rows_preparer)
        self._fill_recent_menu()

    async def load(self, path: str | Path) -> bool:
        """Load ``path`` and show it; return False (with a message) if it is unusable."""
        w = self._window
        if w.runner.running or w.loader.loading:
            w.message_bar.show_error(self.tr("Wait for the current fetch or load to finish first."))
            return False
        name = Path(path).name
        w.progress_label.setText(self.tr("Loading {0}… (Esc cancels)").format(name))
        try:
            products, prepared = await w.loader.load(path, w.model.snapshot())
        except InventoryError as exc:
            cancelled = self.tr("{0}: loading cancelled").format(name)
            problem = cancelled if isinstance(exc, LoadCancelled) else str(exc)
            w.message_bar.show_error(self.tr("{0}. The list shown is unchanged.").format(problem))
            w.progress_label.setText(self.tr("Ready"))
            return False
        if not products.products:
            w.message_bar.show_error(self.tr("{0}: no product IDs found").format(name))
            return False
        w.message_bar.clear()
        w.products_panel.show_file(str(path), products)
        self.source = products.source
        w.model.install(prepared)
        self._arrange(products)
        w.store.add_recent_file(str(path))
        self._fill_recent_menu()
        w.progress_label.setText(self.tr("Loaded {0}").format(describe(products)))
        return True

    def show_products(self, products: ProductList) -> None:
        """Show ``products`` in the table (results shown for the same IDs are kept)."""
        self.source = products.source
        self._window.model.set_products(products.products, products.columns)
        self._arrange(products)

    def _patch_products(self, products: ProductList, splices: Sequence[Splice]) -> None:
        """An edit's rows change in place; the list is read whole again (off the GUI
        thread if long) if the table is sorted or holds another list."""
        before = len(products.products) - sum(len(s.inserted) - len(s.removed) for s in splices)
        model = self._window.model
        replaced = []
        for splice in splices if model.rowCount() == before else ():
            rows = model.replace_rows(splice.row, splice.removed, splice.inserted)
            if rows is None:
                break
            replaced.append(rows)
        if len(replaced) != len(splices):
            self._window.products_panel.read_again()
            return
        model.set_input_order(products.products)
        self.source = products.source
        for removed, added in replaced:
            self._window.stock.rows_replaced(removed, added)
        self._window.status.set_running(False)

    def _rows_preparer(self) -> Callable[[ProductList], PreparedRows]:
        """Builds a long pasted list's rows on the panel's worker thread (keeping the
        results shown now for the same IDs)."""
        shown = self._window.model.snapshot()
        return lambda products: prepare_rows(products.products, products.columns, shown)

    def _show_prepared(self, products: ProductList, prepared: PreparedRows) -> None:
        self.source = products.source
        self._window.model.install(prepared)
        self._arrange(products)

    def _arrange(self, products: ProductList) -> None:
        """Size the columns of the list just shown, count its stock, enable Fetch."""
        w = self._window
        extra = len(w.model.input_columns) + len(w.model.field_columns)
        w.table.arrange_columns(_COLUMN_WIDTHS, extra)
        w.stock.update_counts()
        w.status.set_running(False)

    def _fill_recent_menu(self) -> None:
        """List the recent files in the "Open recent" menu (disabled when there are none)."""
        self.recent_menu.clear()
        recent = self._window.store.recent_files()
        for path in recent:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self._window.open_file(p))
        self.recent_menu.setEnabled(bool(recent))
