"""Test-wide set-up.

Qt must run headless everywhere the tests run, so the platform is chosen here,
before any test module can import PySide6.  The app's per-user folders (history
database, log, settings) point at a throw-away folder for the whole session,
subprocesses included, so no test reads or writes the real user's data.
"""

import os
import tempfile

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["INVENTORY_GUI_NO_KEYRING"] = "1"
_user_dirs = tempfile.mkdtemp(prefix="inventory-gui-tests-")
for variable in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME"):
    os.environ[variable] = os.path.join(_user_dirs, variable.lower())
