"""The parts of the main window that its helpers use: layout, row actions, tray.

Those helpers are built by :mod:`~inventory_gui.gui.main_window`, so they take
the window as this protocol instead of importing it: the import graph stays
acyclic (``lint-imports`` checks it).  The window is a ``QMainWindow`` with
these parts; its Qt methods (``menuBar``, ``statusBar``, ``close``...) are used
as usual.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import SignalInstance
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QTabWidget

from inventory_gui.gui.panels.connection_panel import ConnectionPanel
from inventory_gui.gui.panels.message_bar import MessageBar
from inventory_gui.gui.panels.product_panel import ProductPanel
from inventory_gui.gui.settings_store import SettingsStore
from inventory_gui.gui.table.filter import ResultsFilter
from inventory_gui.gui.table.model import ResultsModel
from inventory_gui.gui.table.view import ResultsView


class MainWindowParts(Protocol):
    """What the window's helpers read of it.

    The controllers (``stock``, ``history``, ``runner``, ``loader``) are typed
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
    closed: SignalInstance
    stock: Any
    history: Any
    runner: Any
    loader: Any

    def refresh_row(self, product_id: str) -> bool:
        """Fetch one row again; False when it cannot be done now."""
        ...
