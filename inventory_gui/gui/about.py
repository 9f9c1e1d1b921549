"""The application icon and the About dialog.

The icon is the PNG sizes rendered from ``resources/icons/inventory-gui.svg``:
PNG is built into QtGui, so neither QtSvg nor an image-format plugin is needed
(the desktop bundle leaves both out).
"""

from __future__ import annotations

import html
import platform

import PySide6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QSize, Qt, qVersion
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from inventory_gui import APP_NAME, __version__
from inventory_gui.core.resources import resource_path

HOMEPAGE = "https://github.com/inventory-gui/inventory-gui"
LICENCE = "MIT"
ICON_SIZES = (16, 32, 48, 64, 128, 256)
SUMMARY = QT_TRANSLATE_NOOP(
    "AboutDialog", "Check stock for a list of products against an inventory API."
)


def app_icon() -> QIcon:
    """The application icon, from every bundled PNG size (missing sizes are skipped)."""
    icon = QIcon()
    for size in ICON_SIZES:
        try:
            path = resource_path(f"icons/inventory-gui-{size}.png")
        except FileNotFoundError:
            continue
        icon.addFile(str(path), QSize(size, size))
    return icon


def version_info() -> dict[str, str]:
    """What a bug report needs: the versions of the app and what it runs on."""
    return {
        "Version": __version__,
        "Qt": qVersion(),
        "PySide6": PySide6.__version__,
        "Python": platform.python_version(),
        "Platform": f"{platform.system()} ({QGuiApplication.platformName() or '-'})",
        "Licence": LICENCE,
    }


class AboutDialog(QDialog):
    """Name, versions, licence and homepage of the app.

    Open it with :meth:`open` (or :func:`show_about`), never ``exec()``: the
    window's event loop (qasync) keeps running while it is shown.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About {0}").format(APP_NAME))
        self.setMinimumWidth(420)

        icon = QLabel(self)
        icon.setObjectName("aboutIcon")
        icon.setPixmap(app_icon().pixmap(QSize(64, 64)))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)

        name = QLabel(f"<b>{html.escape(APP_NAME)}</b>", self)
        name.setObjectName("aboutName")
        font = name.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        name.setFont(font)
        summary = QLabel(self.tr(SUMMARY), self)
        summary.setWordWrap(True)

        details = QFormLayout()
        self.details: dict[str, QLabel] = {}
        # The names that differ between languages; "Qt", "Python"... are names.
        names = {"Version": self.tr("Version"), "Platform": self.tr("Platform"),
                 "Licence": self.tr("Licence")}  # fmt: skip
        for key, value in version_info().items():
            label = QLabel(value, self)
            label.setObjectName(f"about{key}")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            details.addRow(self.tr("{0}:").format(names.get(key, key)), label)
            self.details[key] = label

        self.link = QLabel(f'<a href="{HOMEPAGE}">{html.escape(HOMEPAGE)}</a>', self)
        self.link.setObjectName("homepageLink")
        self.link.setTextFormat(Qt.TextFormat.RichText)
        self.link.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.link.setOpenExternalLinks(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        text = QVBoxLayout()
        text.addWidget(name)
        text.addWidget(summary)
        text.addLayout(details)
        text.addWidget(self.link)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(buttons)


def show_about(parent: QWidget | None = None) -> AboutDialog:
    """Open the About dialog without blocking; reuse the one already open on ``parent``."""
    dialog = parent.findChild(AboutDialog) if parent is not None else None
    if dialog is None:
        dialog = AboutDialog(parent)
    dialog.open()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
