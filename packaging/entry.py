"""PyInstaller entry point: the frozen program is the ``inventory-gui`` command."""

import sys

from inventory_gui.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
