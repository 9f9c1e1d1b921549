"""The GIL's switch interval: how long the GUI thread may wait for the GIL.

A thread that wants the GIL waits up to the switch interval, then asks the
thread holding it to let go.  The window sets :data:`GUI_SWITCH_INTERVAL`
at start-up, shorter than Python's 5 ms: its other threads (the fetch
reader, the history writer) hold the GIL now and then, and each cell Qt
paints calls into Python.  While a worker thread builds a large list (a file
opened, a long paste), it holds the GIL almost throughout, and the GUI
thread needs it for every call from Qt into Python (each paint, each event
of a widget made in Python), each call a wait of up to the interval:
:func:`while_building` shortens the interval for that time.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

GUI_SWITCH_INTERVAL = 0.001
BUILDING_SWITCH_INTERVAL = 0.0002

_lock = threading.Lock()
_builds = 0  # blocks of while_building under way, on any thread
_saved = GUI_SWITCH_INTERVAL  # the interval before the first of them


@contextmanager
def while_building() -> Iterator[None]:
    """Use :data:`BUILDING_SWITCH_INTERVAL` for the block, from any thread.

    Blocks may overlap (a file opened while a paste is parsed): the interval
    before the first is restored when the last ends, exceptions included.
    """
    global _builds, _saved
    with _lock:
        if not _builds:
            _saved = sys.getswitchinterval()
            sys.setswitchinterval(min(_saved, BUILDING_SWITCH_INTERVAL))
        _builds += 1
    try:
        yield
    finally:
        with _lock:
            _builds -= 1
            if not _builds:
                sys.setswitchinterval(_saved)
