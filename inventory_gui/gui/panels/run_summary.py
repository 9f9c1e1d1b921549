"""The status bar's summary of the last run: "Done in 2.3 s · 54 ok · 4 errors · 3 changed".

A permanent status bar widget: hover hints (the status tips of menus, toolbar
buttons and actions) are temporary messages, and a temporary message hides the
status bar's normal widgets and text, never its permanent ones.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QLabel, QWidget

from inventory_gui.core.models import Product, Result
from inventory_gui.core.progress import Progress, format_duration
from inventory_gui.gui.i18n import PLURALS

# Rows per slice while counting changes: the window paints between slices
# (a few ms each, under one frame also on a loaded machine).
SLICE_ROWS = 500


def summary_text(progress: Progress, seconds: float, changed: int | None = None) -> str:
    """One line about a finished run.

    Args:
        progress: the run's final counts.
        seconds: how long the run took.
        changed: products whose quantity changed since their previous successful
            check; None leaves the count out (no history to compare with).
    """
    took = f"{seconds:.1f} s" if seconds < 60 else format_duration(seconds)
    if progress.cancelled:
        ended = QCoreApplication.translate("RunSummary", "Stopped after {0}")
    else:
        ended = QCoreApplication.translate("RunSummary", "Done in {0}")
    parts = [ended.format(took), PLURALS.ok(progress.ok)]
    parts.append(PLURALS.errors(progress.errors))
    if progress.cancelled:
        parts.append(PLURALS.cancelled(progress.cancelled))
    if changed is not None:
        parts.append(PLURALS.changed(changed))
    return " · ".join(parts)


def progress_text(progress: Progress) -> str:
    """The status bar's line during a run, in the window's language.

    What :meth:`Progress.summary` says for the terminal:
    ``1,234/5,000 · 1,200 ok · 34 errors · 812/s · ETA 0:05 · elapsed 0:02``.
    """
    locale = QLocale()
    parts = [f"{locale.toString(progress.done)}/{locale.toString(progress.total)}"]
    parts += [PLURALS.ok(progress.ok), PLURALS.errors(progress.errors)]
    if progress.cancelled:
        parts.append(PLURALS.cancelled(progress.cancelled))
    parts.append(
        QCoreApplication.translate("RunSummary", "{0}/s").format(
            locale.toString(round(progress.rate))
        )
    )
    if progress.concurrency is not None and progress.concurrency[0] < progress.concurrency[1]:
        lowered = QCoreApplication.translate("RunSummary", "concurrency {0}/{1}")
        parts.append(lowered.format(*progress.concurrency))
    if progress.done < progress.total:
        eta = QCoreApplication.translate("RunSummary", "ETA {0}")
        parts.append(eta.format(format_duration(progress.eta)))
    elapsed = QCoreApplication.translate("RunSummary", "elapsed {0}")
    parts.append(elapsed.format(format_duration(progress.elapsed)))
    return " · ".join(parts)


async def count_changed(
    run: Sequence[Product],
    rows: Sequence[Result],
    change: Callable[[Result], int | float | None],
) -> int:
    """How many of the run's products came back ok with a quantity other than before.

    Works in slices of :data:`SLICE_ROWS`, yielding to the loop between them,
    so that a list of any size never freezes the window.

    Args:
        run: the products the run fetched.
        rows: every row of the table (a copy).
        change: a row's change since its previous successful check (None: unknown).
    """
    ids: set[str] = set()
    for start in range(0, len(run), SLICE_ROWS):
        ids.update(product.id for product in run[start : start + SLICE_ROWS])
        await asyncio.sleep(0)
    changed = 0
    for start in range(0, len(rows), SLICE_ROWS):
        for result in rows[start : start + SLICE_ROWS]:
            if result.status == "ok" and result.id in ids and change(result):
                changed += 1
        await asyncio.sleep(0)
    return changed


class RunSummary(QLabel):
    """The last run's summary, kept in the status bar until the next run starts."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("runSummary")
        self.setAccessibleName(self.tr("Last run"))

    def show_run(self, progress: Progress, seconds: float, changed: int | None = None) -> None:
        """Show a finished run's summary (see :func:`summary_text`)."""
        self.setText(summary_text(progress, seconds, changed))
