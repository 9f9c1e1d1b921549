"""Choosing the window's fetch engine."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from inventory_gui.core.fetch.settings import FetchSettings
from inventory_gui.engine.interface import EngineKind, FetchEngine

# A worker process where it can be handed its socket; elsewhere (Windows) a thread.
DEFAULT_ENGINE: EngineKind = "process" if os.name == "posix" else "thread"


def make_engine(
    kind: EngineKind = DEFAULT_ENGINE,
    session_factory: Callable[[FetchSettings], Any] | None = None,
) -> FetchEngine:
    """The engine of ``kind``: ``"process"`` or ``"thread"``.

    Args:
        kind: which engine (see :mod:`inventory_gui.engine.interface`).
        session_factory: opens each run's ``aiohttp.ClientSession`` from its
            settings (None: ``fetcher.open_session``); the process engine
            needs a picklable module-level function.

    Raises:
        ValueError: ``kind`` names no engine.
    """
    if kind == "process":
        from inventory_gui.engine.worker_process import WorkerProcessEngine

        return WorkerProcessEngine(session_factory)
    if kind == "thread":
        # Imported here: it loads aiohttp, which the window's process need not
        # hold while the worker process does the network.
        from inventory_gui.engine.thread_engine import ThreadEngine

        return ThreadEngine(session_factory)
    raise ValueError(f"no fetch engine called {kind!r}")
