"""inventory-gui: check stock for a list of products against an inventory API."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("inventory-gui")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

APP_ID = "io.github.inventory_gui.InventoryGui"
APP_NAME = "Inventory Checker"
