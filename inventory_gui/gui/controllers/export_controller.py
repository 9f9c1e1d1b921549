"""Exporting the table: the non-modal file dialog, then the file written off the GUI thread."""

from __future__ import annotations

import asyncio
from concurrent.futures import Executor
from pathlib import Path

from PySide6.QtCore import QObject

from inventory_gui.core.errors import InventoryError
from inventory_gui.core.outputs.registry import EXPORT_FORMATS, write_results
from inventory_gui.core.stock import StockContext
from inventory_gui.gui.dialogs import ask_export_file
from inventory_gui.gui.i18n import PLURALS
from inventory_gui.gui.window_parts import MainWindowParts


class ExportController(QObject):
    """Writes ``window``'s rows to a CSV, JSON or XLSX file (the Export action).

    Args:
        window: the main window.
        io: the window's file thread (files are read and written one job at a time).
    """

    def __init__(self, window: MainWindowParts, io: Executor) -> None:
        super().__init__(window)
        self._window = window
        self._io = io

    def choose(self) -> None:
        """Ask where to export (non-modal), then write in a worker thread."""
        w = self._window
        w.keep_dialog(ask_export_file(w, lambda path: w.spawn(self.export_to(path))))

    async def export_to(self, path: str | Path) -> bool:
        """Write every row, in input order, to ``path``; its suffix picks the format."""
        target = Path(path)
        if target.suffix.lower() not in EXPORT_FORMATS:
            target = target.with_suffix(".csv")
        model = self._window.model
        results = model.results()
        columns = model.input_columns
        # The table's own stock rules and previous checks: the file says what the table shows.
        stock = StockContext(model.context.rules, model.context.previous)
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(
                self._io, lambda: write_results(target, results, columns=columns, stock=stock)
            )
        except InventoryError as exc:
            self._window.message_bar.show_error(str(exc))
            return False
        self._window.message_bar.show_info(PLURALS.exported_rows(len(results)).format(target))
        return True
