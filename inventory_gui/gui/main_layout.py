"""How the main window's widgets are arranged, and its menus.

Kept apart from :mod:`~inventory_gui.gui.main_window`, which builds the widgets
and wires their behaviour: this is only where each one goes.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QMenu, QSplitter, QTabWidget, QVBoxLayout, QWidget

from inventory_gui import APP_NAME
from inventory_gui.gui.about import show_about
from inventory_gui.gui.actions import make_button
from inventory_gui.gui.focus import chain_tab_order
from inventory_gui.gui.window_parts import MainWindowParts


def lay_out(window: MainWindowParts) -> tuple[QWidget, QSplitter]:
    """Arrange the window's widgets; return the central widget and its main splitter."""
    settings_tabs = QTabWidget(window)
    settings_tabs.setObjectName("settingsTabs")
    connection_tab = QWidget(window)
    connection_box = QVBoxLayout(connection_tab)
    connection_box.setContentsMargins(0, 4, 0, 0)
    connection_box.addWidget(window.profile_bar)
    connection_box.addWidget(window.connection, 1)
    settings_tabs.addTab(connection_tab, QCoreApplication.translate("MainLayout", "Connection"))
    settings_tabs.addTab(window.stock.panel, QCoreApplication.translate("MainLayout", "Stock"))
    left = QSplitter(Qt.Orientation.Vertical, window)
    left.addWidget(window.products_panel)
    left.addWidget(settings_tabs)
    left.setStretchFactor(0, 3)
    left.setStretchFactor(1, 2)
    buttons = QHBoxLayout()
    run_buttons = [
        make_button(window.actions[name], window)
        for name in ("fetch", "cancel", "refresh_selected", "retry_failed", "export")
    ]
    for button in run_buttons:
        buttons.addWidget(button)
    buttons.addStretch(1)
    filters = QHBoxLayout()
    filters.addWidget(window.filter_edit, 1)
    filters.addWidget(window.failures_only)
    filters.addWidget(window.stock.combo)
    filters.addWidget(window.shown_label)
    table_area = QWidget(window)
    column = QVBoxLayout(table_area)
    column.setContentsMargins(0, 0, 0, 0)
    column.addLayout(buttons)
    column.addWidget(window.message_bar)
    column.addLayout(filters)
    column.addWidget(window.table, 1)
    right = QSplitter(Qt.Orientation.Vertical, window)
    right.addWidget(table_area)
    right.addWidget(window.detail_tabs)
    right.setStretchFactor(0, 4)
    right.setStretchFactor(1, 1)
    splitter = QSplitter(Qt.Orientation.Horizontal, window)
    splitter.addWidget(left)
    splitter.addWidget(right)
    splitter.setStretchFactor(1, 1)
    splitter.setSizes([300, 980])
    outer = QWidget(window)
    box = QVBoxLayout(outer)
    box.setContentsMargins(8, 8, 8, 4)
    box.addWidget(splitter)
    panel = window.products_panel
    order = [panel.open_button, panel.editor, settings_tabs, *run_buttons, window.message_bar,
             window.filter_edit, window.failures_only, window.stock.combo, window.table,
             window.detail_tabs]  # fmt: skip
    chain_tab_order(order)
    return outer, splitter


def build_menus(window: MainWindowParts) -> QMenu:
    """Fill the menu bar from the window's actions; return the empty "Open recent" menu."""
    a = window.actions
    file_menu = window.menuBar().addMenu(QCoreApplication.translate("MainLayout", "&File"))
    file_menu.addAction(a["open"])
    recent_menu = file_menu.addMenu(QCoreApplication.translate("MainLayout", "Open &recent"))
    recent_menu.setObjectName("recentMenu")
    file_menu.addAction(a["export"])
    file_menu.addSeparator()
    file_menu.addAction(a["quit"])
    edit_menu = window.menuBar().addMenu(QCoreApplication.translate("MainLayout", "&Edit"))
    edit_menu.addAction(a["copy_rows"])
    fetch_menu = window.menuBar().addMenu(QCoreApplication.translate("MainLayout", "Fe&tch"))
    for name in ("fetch", "refresh_selected", "retry_failed", "cancel"):
        fetch_menu.addAction(a[name])
    view_menu = window.menuBar().addMenu(QCoreApplication.translate("MainLayout", "&View"))
    view_menu.setObjectName("viewMenu")  # gui/tray.py adds its option here
    view_menu.addAction(a["find"])
    help_menu = window.menuBar().addMenu(QCoreApplication.translate("MainLayout", "&Help"))
    about = help_menu.addAction(
        QCoreApplication.translate("MainLayout", "&About {0}").format(APP_NAME)
    )
    about.setObjectName("aboutAction")
    about.triggered.connect(lambda: show_about(window))
    return recent_menu
