"""What the window holds of a fetch that runs off its thread.

The window's fetch engines (:class:`~inventory_gui.core.fetch_process.ProcessFetch`,
:class:`~inventory_gui.core.background.BackgroundFetch`) share this shape: a
thread of their own that fills a queue the GUI drains on a timer, and a future
the GUI's loop awaits.  Results cross threads through a deque (``append`` and
``popleft`` are atomic).  No aiohttp here: the window's process imports this.
"""

from __future__ import annotations

import threading
from collections import deque
from concurrent.futures import Future

from inventory_gui.core.models import Result


class OffThreadRun:
    """A run on a thread of its own; subclasses implement :meth:`_main`.

    ``_main`` appends each finished result to ``self._buffer`` and settles
    ``self.future`` with every result in input order (or an exception).
    """

    def __init__(self) -> None:
        self._buffer: deque[Result] = deque()
        self.future: Future[list[Result]] = Future()
        self._thread = threading.Thread(target=self._main, name="inventory-fetch", daemon=True)

    def start(self) -> Future[list[Result]]:
        """Start the run; the returned future holds every result in input order."""
        self._thread.start()
        return self.future

    def drain(self) -> list[Result]:
        """Take the results finished since the last call (GUI thread)."""
        buffer, batch = self._buffer, []
        for _ in range(len(buffer)):
            batch.append(buffer.popleft())
        return batch

    def _main(self) -> None:
        raise NotImplementedError
