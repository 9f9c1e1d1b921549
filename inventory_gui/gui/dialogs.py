"""The window's file dialogs, all non-modal (``open()``, never ``exec()``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog, QWidget

from inventory_gui.core.inputs.registry import SUPPORTED_SUFFIXES
from inventory_gui.core.outputs.registry import EXPORT_FORMATS


def _open(dialog: QFileDialog, on_selected: Callable[[str], None]) -> QFileDialog:
    # The dialog deletes itself when closed; the caller keeps it referenced till then.
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.fileSelected.connect(on_selected)
    dialog.open()
    return dialog


def ask_product_file(
    parent: QWidget, recent: list[str], on_selected: Callable[[str], None]
) -> QFileDialog:
    """Ask for a product list, starting where the last one was."""
    start = str(Path(recent[0]).parent) if recent else str(Path.home())
    title = QCoreApplication.translate("Dialogs", "Open product list")
    dialog = QFileDialog(parent, title, start)
    patterns = " ".join(f"*{s}" for s in SUPPORTED_SUFFIXES)
    dialog.setNameFilters(
        [
            QCoreApplication.translate("Dialogs", "Product lists ({0})").format(patterns),
            QCoreApplication.translate("Dialogs", "All files (*)"),
        ]
    )
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return _open(dialog, on_selected)


def ask_export_file(parent: QWidget, on_selected: Callable[[str], None]) -> QFileDialog:
    """Ask where to export; the chosen filter's suffix picks the format."""
    title = QCoreApplication.translate("Dialogs", "Export results")
    dialog = QFileDialog(parent, title, str(Path.home() / "inventory.csv"))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    filters = [f"{name} (*{suffix})" for suffix, name in EXPORT_FORMATS.items()]
    dialog.setNameFilters(filters)
    dialog.selectNameFilter(next(f for f in filters if "*.csv" in f))
    return _open(dialog, on_selected)
