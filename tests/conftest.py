"""Test-wide set-up.

Qt must run headless everywhere the tests run, so the platform is chosen here,
before any test module can import PySide6.
"""

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
