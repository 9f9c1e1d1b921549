"""Benchmarks: ``python -m inventory_gui.devtools.bench`` (see README, "Performance").

Every figure is measured in one run next to its reference and printed as a
ratio, because the machines are shared and noisy; nothing here is a timed test.
The API server and each client run in their own processes.
"""
