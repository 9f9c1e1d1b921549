"""The Qt layer of inventory-gui: a thin shell over :mod:`inventory_gui.core`.

Import order matters: PySide6 before qasync (see :mod:`inventory_gui.gui.app`).
``MainWindow`` is exported for tests and embedding; it needs a QApplication and
a running qasync loop first.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

# qasync chooses its binding from QT_API before looking at what is imported.
os.environ.setdefault("QT_API", "pyside6")

if TYPE_CHECKING:
    from inventory_gui.gui.main_window import MainWindow

__all__ = ["MainWindow"]


def __getattr__(name: str) -> Any:
    # Lazy, so that importing a submodule does not build the whole window module.
    if name == "MainWindow":
        from inventory_gui.gui.main_window import MainWindow

        return MainWindow
    raise AttributeError(name)
