"""The Qt-free heart of inventory-gui.

Nothing in this package may import PySide6 or qasync: the headless command line
and the tests use it without Qt, and ``tests/core/test_no_qt.py`` checks that.
"""
