"""Opening product files off the GUI thread, with progress and cancel.

A million-row file takes seconds to read and turn into rows.  All of it runs on
one worker thread: the loader's progress hook only stores a number, which a
timer on the GUI thread shows, and Cancel sets a flag that the hook turns into
:class:`LoadCancelled` at its next report.
"""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from inventory_gui.core import gc_policy
from inventory_gui.core.errors import LoadCancelled
from inventory_gui.core.inputs.registry import load_products
from inventory_gui.core.models import ProductList, Result
from inventory_gui.gui.switch_interval import while_building
from inventory_gui.gui.table.rows import PreparedRows, prepare_rows


class FileLoader(QObject):
    """Loads one file at a time on a worker thread.

    Signals:
        progressed(float): fraction of the current load done, about 10 times a second.
        busyChanged(bool): a load started (True) or ended (False).
    """

    progressed = Signal(float)
    busyChanged = Signal(bool)

    def __init__(self, executor: ThreadPoolExecutor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = executor
        self._fraction = 0.0
        self._cancel = threading.Event()
        self._loading = False
        self._timer = QTimer(self)
        self._timer.setInterval(100)
        self._timer.timeout.connect(lambda: self.progressed.emit(self._fraction))

    @property
    def loading(self) -> bool:
        """True while a file is being read."""
        return self._loading

    def cancel(self) -> None:
        """Stop the current load at its next progress report."""
        self._cancel.set()

    async def load(
        self, path: str | Path, previous: list[Result]
    ) -> tuple[ProductList, PreparedRows]:
        """Read ``path`` and build its table rows, keeping results from ``previous``.

        Raises:
            InputError: the file is unusable (its message is one line).
            LoadCancelled: :meth:`cancel` was called.
        """
        self._fraction, self._loading = 0.0, True
        self._cancel.clear()
        self._timer.start()
        self.busyChanged.emit(True)
        loop = asyncio.get_running_loop()
        # No collector passes while a big list is built: each walks every object
        # so far, holding the GIL, which would freeze the window meanwhile.
        try:
            with gc_policy.paused():
                return await loop.run_in_executor(self._executor, self._work, str(path), previous)
        finally:
            self._timer.stop()
            self._loading = False
            self.busyChanged.emit(False)

    def _work(self, path: str, previous: list[Result]) -> tuple[ProductList, PreparedRows]:
        with while_building():  # the window waits less for the GIL meanwhile
            products = load_products(path, progress=self._report)
            self._report(1.0)  # cancelled meanwhile: do not build the table rows
            prepared = prepare_rows(products.products, products.columns, previous)
        self._fraction = 1.0
        return products, prepared

    def _report(self, fraction: float) -> None:
        # The bar gives reading the file most of its length (reading is most of
        # the work), building the table rows the rest.
        self._fraction = 0.9 * fraction
        if self._cancel.is_set():
            raise LoadCancelled("loading cancelled")
