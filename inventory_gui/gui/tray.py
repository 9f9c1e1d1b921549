"""Close to tray: while auto-refresh is on, closing the window keeps the app running.

Opt-in (:data:`~inventory_gui.core.settings_schema.CLOSE_TO_TRAY`, a checkable
entry of the View menu, remembered in the settings file).  Only a close from
the window system (the title bar's close button, Alt+F4: a spontaneous close
event) hides the window; *Quit*, the tray menu's *Quit*, a quit signal and a
second close after a cancelled run call ``close()`` and end the app as before.
While hidden, the auto-refresh timer and the fetches it starts go on, and stock
alerts go to the tray icon.  Where the desktop has no tray the window closes
as usual, and the log (and, when the option is turned on, the window) says why.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from inventory_gui import APP_NAME
from inventory_gui.core import settings_schema as schema
from inventory_gui.gui.panels.setting_widgets import SETTING_PROPERTY, setting_tooltip
from inventory_gui.gui.window_parts import MainWindowParts

log = logging.getLogger(__name__)

NO_TRAY = QT_TRANSLATE_NOOP(
    "CloseToTray", "This desktop has no system tray: closing the window quits."
)


def tray_icon(window: QWidget) -> QSystemTrayIcon:
    """The window's one tray icon, shared by stock alerts and close-to-tray (hidden at first)."""
    icon = window.findChild(QSystemTrayIcon, "trayIcon")
    if icon is None:
        icon = QSystemTrayIcon(window.windowIcon(), window)
        icon.setObjectName("trayIcon")
        icon.setToolTip(APP_NAME)
    return icon


def bring_to_front(window: QWidget) -> None:
    """Show ``window`` (hidden in the tray, minimised or behind others) and focus it."""
    if window.isMinimized():
        window.showNormal()
    else:
        window.show()
    window.raise_()
    window.activateWindow()


class CloseToTray(QObject):
    """Hides the window to the tray on close while the option and auto-refresh are on.

    Args:
        window: the main window; this object filters its close events.
        tray_available: whether the desktop has a system tray (injectable:
            the offscreen platform of the tests has none).

    Attributes:
        action: the View menu's checkable option.
        icon: the tray icon; its menu has *Show window* and *Quit*.
    """

    def __init__(
        self,
        window: MainWindowParts,
        tray_available: Callable[[], bool] = QSystemTrayIcon.isSystemTrayAvailable,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._tray_available = tray_available
        self._told_no_tray = False
        self._told_hidden = False
        self.action = self._build_action()
        self.icon = tray_icon(window)
        menu = QMenu(window)
        menu.setObjectName("trayMenu")
        self.show_action = menu.addAction(self.tr("&Show window"), self.show_window)
        self.show_action.setObjectName("trayShowAction")
        menu.addSeparator()
        self.quit_action = menu.addAction(self.tr("&Quit"), self.quit)
        self.quit_action.setObjectName("trayQuitAction")
        self.icon.setContextMenu(menu)
        self.icon.activated.connect(self._activated)
        view_menu = window.findChild(QMenu, "viewMenu")
        if view_menu is not None:
            view_menu.addAction(self.action)
        window.installEventFilter(self)
        window.closed.connect(self.icon.hide)

    def _build_action(self) -> QAction:
        setting = schema.CLOSE_TO_TRAY
        action = QAction(self.tr("Close to &tray while auto-refresh is on"), self._window)
        action.setObjectName("closeToTrayAction")
        action.setCheckable(True)
        action.setToolTip(setting_tooltip(setting))
        action.setStatusTip(setting_tooltip(setting))
        action.setProperty(SETTING_PROPERTY, setting.key)
        action.setChecked(self._window.store.load_setting(setting))
        action.toggled.connect(self._toggled)
        return action

    @property
    def hides_on_close(self) -> bool:
        """True when closing the window now would hide it to the tray."""
        return self._wanted() and self._tray_available()

    def _wanted(self) -> bool:
        return self.action.isChecked() and bool(self._window.stock.settings.auto_refresh_minutes)

    def _toggled(self, on: bool) -> None:
        self._window.store.save_setting(schema.CLOSE_TO_TRAY, on)
        if on and not self._tray_available():
            self._say_no_tray()

    def _say_no_tray(self) -> None:
        if not self._told_no_tray:  # once a session
            self._told_no_tray = True
            log.warning("close to tray: %s", NO_TRAY)
            self._window.message_bar.show_info(self.tr(NO_TRAY))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Turn the window system's close of the window into a hide, when asked to."""
        if watched is self._window and event.type() == QEvent.Type.Close and event.spontaneous():
            if self.hides_on_close:
                event.ignore()
                self._hide_to_tray()
                return True
            if self._wanted():
                self._say_no_tray()  # and let it close
        return super().eventFilter(watched, event)

    def _hide_to_tray(self) -> None:
        self.icon.show()
        self._window.hide()
        log.info("window hidden to the tray; auto-refresh goes on")
        if not self._told_hidden:  # once a session: where it went, how to quit
            self._told_hidden = True
            minutes = self._window.stock.settings.auto_refresh_minutes
            self.icon.showMessage(
                APP_NAME,
                self.tr("Still checking every {0} min. Quit from this icon's menu.").format(
                    minutes
                ),
                QSystemTrayIcon.MessageIcon.Information,
                5_000,
            )

    def show_window(self) -> None:
        """The tray menu's *Show window*."""
        bring_to_front(self._window)

    def quit(self) -> None:
        """The tray menu's *Quit*: close the window as *Quit* does (a run is cancelled first)."""
        self._window.close()  # not spontaneous: never hidden again

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason in (
            QSystemTrayIcon.ActivationReason.Trigger,
            QSystemTrayIcon.ActivationReason.DoubleClick,
        ):
            self.show_window()
