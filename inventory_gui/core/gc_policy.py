"""When Python's cyclic garbage collector may run.

A collection pass walks every tracked object while holding the GIL.  With a
large list loaded (a million rows is several million objects) a full pass
takes hundreds of milliseconds, and on whichever thread it happens the window
cannot paint meanwhile.  The app's bulk data (products, results) holds no
reference cycles and is freed by reference counting, so it is kept out of
the collector's way:

- :func:`paused` around building a large list or streaming a run's results;
  the objects made meanwhile are then frozen (``gc.freeze``: never walked
  again, still freed normally when no longer referenced);
- :func:`tune_for_fetching` in a process about to fetch.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


def pause() -> bool:
    """Stop automatic collection; return whether it was on (for :func:`resume`)."""
    was_on = gc.isenabled()
    gc.disable()
    return was_on


def resume(was_on: bool) -> None:
    """Freeze what was made while paused, then collect automatically again if it was on.

    Without the freeze, the first pass after a pause would walk everything
    made during it, in one go, holding the GIL.
    """
    gc.freeze()
    if was_on:
        gc.enable()


@contextmanager
def paused() -> Iterator[None]:
    """:func:`pause` for the block, then :func:`resume`."""
    was_on = pause()
    try:
        yield
    finally:
        resume(was_on)


def tune_for_fetching() -> None:
    """Fewer collection passes in a process that is about to fetch.

    A fetch allocates a few objects per request, almost none in reference
    cycles, yet the default thresholds run a pass every 700 of them.  Here
    the imports' objects are frozen out of every pass, and a pass runs every
    20,000 allocations: cyclic garbage still goes, a little later.
    """
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)
