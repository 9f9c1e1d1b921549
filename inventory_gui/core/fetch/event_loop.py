"""Which asyncio event loop the network runs on.

uvloop (libuv) spends about a quarter less CPU per request than the stock loop
with aiohttp, and on a latency-bound run the client's CPU time per request is
what stands between the wall time and the ideal N x latency / concurrency (see
README, "Performance").  It is used where it is installed (a dependency on
Linux and macOS); ``INVENTORY_GUI_LOOP=asyncio`` forces the stock loop.  The
window's own loop is qasync's and is not affected: only the fetch thread and
the headless command use this.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def new_event_loop() -> asyncio.AbstractEventLoop:
    """A new uvloop loop if available and not disabled, else a stock one."""
    if os.environ.get("INVENTORY_GUI_LOOP", "").lower() != "asyncio":
        try:
            import uvloop
        except ImportError:
            pass
        else:
            return uvloop.new_event_loop()
    return asyncio.new_event_loop()


def run(coro: Coroutine[Any, Any, T]) -> T:
    """Like ``asyncio.run``, on :func:`new_event_loop` (Python 3.11 has no loop_factory)."""
    with asyncio.Runner(loop_factory=new_event_loop) as runner:
        return runner.run(coro)
