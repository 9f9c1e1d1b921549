"""What the window shows of a run or a file load: enabled actions, progress, summary.

The window's status bar and actions follow the fetch runner and the file
loader through this presenter; the window only wires their signals here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QSystemTrayIcon

from inventory_gui.core.models import Product
from inventory_gui.core.progress import Progress
from inventory_gui.gui.panels.run_summary import count_changed, progress_text
from inventory_gui.gui.window_parts import MainWindowParts


class RunStatus(QObject):
    """Shows ``window``'s run and load state in its actions and status bar.

    Args:
        window: the main window.
        selection_changed: shows the current row again (its result may have changed).

    Signals:
        runShown(object): a run's end, stock counts and alert are shown; its
            :class:`Progress`.
    """

    runShown = Signal(object)

    def __init__(self, window: MainWindowParts, selection_changed: Callable[[], None]) -> None:
        super().__init__(window)
        self._window = window
        self._selection_changed = selection_changed
        self._run_products: Sequence[Product] = ()  # what the current run fetches

    def run_starting(self, products: Sequence[Product]) -> None:
        """Note the products a run is about to fetch: its summary counts their changes."""
        self._run_products = products

    def set_running(self, running: bool) -> None:
        """Enable what makes sense while a fetch runs or a file loads, or neither."""
        w = self._window
        running = running or w.loader.loading
        a = w.actions
        has_rows = w.model.rowCount() > 0
        a["fetch"].setEnabled(not running and (has_rows or w.products_panel.has_text()))
        a["refresh_selected"].setEnabled(not running and has_rows)
        a["retry_failed"].setEnabled(not running and has_rows)
        a["export"].setEnabled(not running and has_rows)
        a["open"].setEnabled(not running)
        a["cancel"].setEnabled(running)
        w.products_panel.set_running(running)
        w.connection.set_running(running)
        w.profile_bar.setEnabled(not running)  # no switching the settings a run uses
        w.products_panel.setAcceptDrops(not running)

    def show_progress(self, progress: Progress) -> None:
        """Show a run's progress: rows shown so far, the bar and its text."""
        w = self._window
        w.filter.refresh(at_most_every=0.5)
        self.update_shown()
        w.progress_bar.setMaximum(max(1, progress.total))  # an update(), not a repaint
        w.progress_bar.show_value(progress.done)
        w.progress_label.setText(progress_text(progress))

    def show_alert(self, summary: str) -> None:
        """Say that stock changed, in the message bar when there is no tray to say it."""
        if not QSystemTrayIcon.isSystemTrayAvailable():
            self._window.message_bar.show_info(self.tr("Stock changed: {0}").format(summary))

    def show_load_progress(self, fraction: float) -> None:
        """Show how much of a file has been read."""
        self._window.progress_bar.setMaximum(1000)
        self._window.progress_bar.show_value(round(fraction * 1000))

    def update_shown(self) -> None:
        """Say how many rows the filter shows, while it hides any."""
        w = self._window
        shown, total = w.filter.rowCount(), w.model.rowCount()
        shown_text = self.tr("{0} of {1} shown").format(f"{shown:,}", f"{total:,}")
        w.shown_label.setText(shown_text if w.filter.active else "")

    def run_finished(self, progress: Progress) -> None:
        """Show a run's end now; its stock counts and changes follow in a task."""
        w = self._window
        seconds = progress.elapsed
        self.show_progress(progress)
        w.progress_label.clear()  # the run's summary takes over
        w.run_summary.show_run(progress, seconds)
        w.filter.refresh()
        self.update_shown()
        self.set_running(False)
        self._selection_changed()
        run, self._run_products = self._run_products, ()
        w.spawn(self._summarise_run(progress, seconds, run))

    async def _summarise_run(
        self, progress: Progress, seconds: float, run: Sequence[Product]
    ) -> None:
        w = self._window
        await w.stock.run_finished()  # in slices: the window paints meanwhile
        context = w.model.context
        if context.previous and not w.runner.running:  # earlier checks to compare with
            changed = await count_changed(run, w.model.snapshot(), context.change)
            if not w.runner.running:  # a new run has cleared the summary: leave it
                w.run_summary.show_run(progress, seconds, changed)
        self.runShown.emit(progress)
        # Only now, with the run's end shown: a fetch worker retired after a
        # large run is replaced (its start-up would compete with that).
        w.runner.prepare()
