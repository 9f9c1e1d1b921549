"""The parts of the main window that its helpers use: layout, controllers, tray.

Those helpers are built by :mod:`~inventory_gui.gui.main_window`, so they take
the window as this protocol instead of importing it: the import graph stays
acyclic (``lint-imports`` checks it).  The window is a ``QMainWindow`` with
these parts; its Qt methods (``menuBar``, ``statusBar``, ``close``...) are used
as usual.
"""

from __future__ import annotations

from collections.abc import Coroutine
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QTabWidget, QWidget

from inventory_gui.gui.panels.connection_panel import ConnectionPanel
from inventory_gui.gui.panels.message_bar import MessageBar
from inventory_gui.gui.panels.product_panel import ProductPanel
from inventory_gui.gui.panels.profile_bar import ProfileBar
from inventory_gui.gui.panels.run_summary import RunSummary
from inventory_gui.gui.progress_bar import ProgressBar
from inventory_gui.gui.settings_store import SettingsStore
from inventory_gui.gui.table.filter import ResultsFilter
from inventory_gui.gui.table.model import ResultsModel
from inventory_gui.gui.table.view import ResultsView


class MainWindowParts(Protocol):
    """What the window's helpers read of it.

    The controllers (``stock``, ``history``, ``runner``, ``loader``, ``status``) are typed
    ``Any``: their package imports the tray, which takes this protocol.
    """

    store: SettingsStore
    model: ResultsModel
    filter: ResultsFilter
    table: ResultsView
    actions: dict[str, QAction]
    connection: ConnectionPanel
    products_panel: ProductPanel
    message_bar: MessageBar
    detail_tabs: QTabWidget
    filter_edit: QLineEdit
    failures_only: QCheckBox
    shown_label: QLabel
    profile_bar: ProfileBar
    progress_bar: ProgressBar
    progress_label: QLabel
    run_summary: RunSummary
    closed: SignalInstance
    stock: Any
    history: Any
    runner: Any
    loader: Any
    status: Any

    def refresh_row(self, product_id: str) -> bool:
        """Fetch one row again; False when it cannot be done now."""
        ...

    def open_file(self, path: str | Path) -> None:
        """Load a product file off the GUI thread."""
        ...

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> Any:
        """Run ``coro`` as a task the window keeps, its failure shown."""
        ...

    def keep_dialog(self, dialog: QWidget) -> None:
        """Keep a non-modal dialog referenced until it closes."""
        ...
