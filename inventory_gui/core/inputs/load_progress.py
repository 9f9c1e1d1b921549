"""Progress of the product load running in this thread, reported by every reader.

A load has three stages, each with its share of the bar: reading the file
(to 0.1), splitting it into rows (to 0.4) and building the products (to 1).
The caller's hook is held in a context variable, so the format readers report
without passing it along; the hook may raise to cancel the load.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

ProgressHook = Callable[[float], None]
"""Called with the fraction of the load done, 0 to 1; it may raise to cancel."""

ROWS_PER_REPORT = 8_192
"""Rows split or built between progress reports (each a chance to cancel)."""

_HOOK: ContextVar[ProgressHook | None] = ContextVar("load_progress", default=None)


@contextmanager
def reporting_to(hook: ProgressHook | None) -> Iterator[None]:
    """Send the reports made in this thread inside the block to ``hook``."""
    token = _HOOK.set(hook)
    try:
        yield
    finally:
        _HOOK.reset(token)


def report_progress(fraction: float) -> None:
    """Report the fraction of the whole load done."""
    hook = _HOOK.get()
    if hook is not None:
        hook(fraction)


def report_reading(done: float) -> None:
    """Report the fraction of the file read."""
    report_progress(0.1 * done)


def report_splitting(done: float) -> None:
    """Report the fraction of the input split into rows."""
    report_progress(0.1 + 0.3 * done)


def report_building(done: float) -> None:
    """Report the fraction of the rows made into products."""
    report_progress(0.4 + 0.6 * done)
