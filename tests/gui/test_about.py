"""The About dialog and the application icon."""

from __future__ import annotations

import platform

import PySide6
from PySide6.QtCore import QSize, Qt, qVersion
from PySide6.QtWidgets import QDialogButtonBox, QWidget

from inventory_gui import APP_NAME, __version__
from inventory_gui.gui.about import HOMEPAGE, ICON_SIZES, AboutDialog, app_icon, show_about


def test_app_icon_has_every_size(qapp):
    icon = app_icon()
    assert not icon.isNull()
    sizes = icon.availableSizes()
    for size in ICON_SIZES:
        assert QSize(size, size) in sizes
    assert icon.pixmap(QSize(32, 32)).size() == QSize(32, 32)


def test_dialog_shows_name_versions_licence_and_link(qtbot):
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)

    assert dialog.isVisible()
    assert dialog.windowModality() != Qt.WindowModality.ApplicationModal
    assert APP_NAME in dialog.windowTitle()
    texts = {key: label.text() for key, label in dialog.details.items()}
    assert texts["Version"] == __version__
    assert texts["Qt"] == qVersion()
    assert texts["PySide6"] == PySide6.__version__
    assert texts["Python"] == platform.python_version()
    assert texts["Licence"] == "MIT"
    assert f'href="{HOMEPAGE}"' in dialog.link.text()
    assert dialog.link.openExternalLinks()
    assert dialog.link.textInteractionFlags() & Qt.TextInteractionFlag.LinksAccessibleByMouse
    icon = dialog.findChild(type(dialog.link), "aboutIcon")
    assert icon is not None
    assert not icon.pixmap().isNull()

    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == AboutDialog.DialogCode.Rejected


def test_show_about_opens_without_blocking_and_reuses_the_dialog(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    first = show_about(parent)  # returns at once: open(), not exec()
    qtbot.waitExposed(first)
    assert first.parent() is parent
    assert show_about(parent) is first
    first.close()
    assert show_about(parent) is first
    assert first.isVisible()
    first.close()
    assert not first.isVisible()
