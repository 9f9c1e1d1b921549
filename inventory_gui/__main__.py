"""``python -m inventory_gui``: the same as the ``inventory-gui`` command."""

import sys

from inventory_gui.cli.main import main

sys.exit(main())
