"""The window's fetch, run off its GUI thread behind one interface.

:mod:`~inventory_gui.engine.interface` declares what the window drives;
:mod:`~inventory_gui.engine.factory` picks an engine: the worker process
(:mod:`~inventory_gui.engine.worker_process`, whose process runs
:mod:`~inventory_gui.engine.worker_main` and talks
:mod:`~inventory_gui.engine.protocol`) or the in-process thread
(:mod:`~inventory_gui.engine.thread_engine`).  Both share
:mod:`~inventory_gui.engine.base`.  The engine imports the core, never Qt or
the GUI.
"""
