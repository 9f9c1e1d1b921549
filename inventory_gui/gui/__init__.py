"""The Qt layer of inventory-gui: a thin shell over :mod:`inventory_gui.core`.

Import order matters: PySide6 before qasync (see :mod:`inventory_gui.gui.app`).
"""

import os

# qasync chooses its binding from QT_API before looking at what is imported.
os.environ.setdefault("QT_API", "pyside6")
