"""The garbage-collector pause used while large lists are built."""

from __future__ import annotations

import gc

from inventory_gui.core import gc_policy


def test_collector_paused_freezes_what_was_built_and_restores_collection():
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    with gc_policy.paused():
        assert not gc.isenabled()
        rows = [[i] for i in range(10_000)]  # lists: tracked by the collector
    assert gc.isenabled()
    assert gc.get_freeze_count() >= frozen + len(rows)  # never walked by a pass again
    with gc_policy.paused(), gc_policy.paused():  # nested: the inner one does not re-enable
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.unfreeze()  # leave the test process as it was
