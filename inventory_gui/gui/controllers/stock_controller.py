"""Stock features of the window: rules, stock filter and counts, alerts, auto-refresh.

Kept apart from :mod:`~inventory_gui.gui.main_window` so that the window stays a layout of parts;
this object hooks into the window's fetch runner and model.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QSystemTrayIcon, QWidget

from inventory_gui.core.models import Result
from inventory_gui.core.safe_values import qt_text
from inventory_gui.core.stock import ALERT_LEVELS, Stock
from inventory_gui.gui.i18n import PLURALS
from inventory_gui.gui.panels.stock_panel import StockPanel, StockSettings
from inventory_gui.gui.table.columns import stock_text
from inventory_gui.gui.table.filter import ResultsFilter
from inventory_gui.gui.table.model import ResultsModel
from inventory_gui.gui.tray import tray_icon

_COUNTED = (Stock.IN_STOCK, Stock.LOW, Stock.OUT, Stock.UNKNOWN, Stock.ERROR)
ID_CHARS = 100  # of each product ID named in an alert


# Rows per slice when stock is worked out after a run: small enough that the
# window paints and answers between slices on a list of any size, even while
# the fetch threads still hold the GIL at the end of a run.
SLICE_ROWS = 500


async def stock_by_id(
    rows: list[Result | None], status: Callable[[Result], Stock]
) -> dict[str, Stock]:
    """The stock status of every row that is not pending, yielding to the loop between slices.

    Each slice of ``rows`` is set to None once read: the rows a run replaces
    are then freed as it goes, not held to its end.
    """
    stock: dict[str, Stock] = {}
    for start in range(0, len(rows), SLICE_ROWS):
        block = rows[start : start + SLICE_ROWS]
        for result in block:
            if result is not None and result.status != "pending":
                stock[result.id] = status(result)
        rows[start : start + SLICE_ROWS] = [None] * len(block)
        await asyncio.sleep(0)
    return stock


def alert_summary(before: Mapping[str, Stock | None], after: Mapping[str, Stock]) -> str | None:
    """One line about products that crossed into Low or Out, or came back (None: none did)."""
    worse, back = [], []
    for pid, now in after.items():
        then = before.get(pid)
        if then == now:
            continue  # most rows: one comparison
        if now in ALERT_LEVELS and then in (Stock.IN_STOCK, Stock.LOW):
            worse.append(pid)
        elif now == Stock.IN_STOCK and then in ALERT_LEVELS:
            back.append(pid)
    parts = []
    out = [p for p in worse if after[p] == Stock.OUT]
    low = [p for p in worse if after[p] == Stock.LOW]
    for counted, ids in (
        (PLURALS.out_of_stock, out),
        (PLURALS.running_low, low),
        (PLURALS.back_in_stock, back),
    ):
        if ids:
            shown = ", ".join(qt_text(i, ID_CHARS) for i in ids[:5])
            if len(ids) > 5:
                shown += QCoreApplication.translate("StockController", " and {0} more").format(
                    len(ids) - 5
                )
            parts.append(counted(len(ids)).format(shown))
    return "; ".join(parts) or None


class StockController(QObject):
    """Owns the stock panel and what follows from it.

    Args:
        model, proxy: the window's results model and filter.
        store: the settings store (stock settings are not secret).
        fetch_all: starts a fetch of every row; returns False if it could not.
        busy: True while a fetch runs or a file loads.

    Signals:
        alerted(str): one summary per run of products that crossed into Low or
            Out or came back (also shown as a tray message where there is a tray).
        autoRefreshed(): an auto-refresh tick started a fetch.
    """

    alerted = Signal(str)
    autoRefreshed = Signal()

    def __init__(
        self,
        model: ResultsModel,
        proxy: ResultsFilter,
        store,
        fetch_all: Callable[[], bool],
        busy: Callable[[], bool],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._model, self._proxy, self._store = model, proxy, store
        self._fetch_all, self._busy = fetch_all, busy
        self.panel = StockPanel(parent)
        self.combo = QComboBox(parent)
        self.combo.setObjectName("stockFilterCombo")
        self.combo.setToolTip(self.tr("Show only rows in this stock status"))
        self.combo.addItem(self.tr("All stock"), None)
        for stock in _COUNTED:
            self.combo.addItem(stock_text(stock), stock)
        self.counts = QLabel(parent)
        self.counts.setObjectName("stockCounts")
        self.next_refresh = QLabel(parent)
        self.next_refresh.setObjectName("nextRefreshLabel")
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.auto_refresh_tick)
        self._before: asyncio.Future[dict[str, Stock]] | None = None
        # A count of a large list, a slice per timer tick (a generator, not a task:
        # Qt may run it at any time, even from inside a coroutine).
        self._counting: Iterator[None] | None = None
        self._counts: Counter[Stock] | None = None  # the rows' counts, as last shown
        self._count_timer = QTimer(self)
        self._count_timer.setInterval(0)
        self._count_timer.timeout.connect(self._count_next_slice)
        self._tray: QSystemTrayIcon | None = None
        self.panel.set_settings(StockSettings.load(store))
        self.panel.changed.connect(self._settings_changed)
        self.combo.currentIndexChanged.connect(lambda _i: proxy.set_stock(self.combo.currentData()))
        self._settings_changed(save=False)

    @property
    def settings(self) -> StockSettings:
        return self.panel.settings()

    def _settings_changed(self, save: bool = True) -> None:
        settings = self.panel.settings()
        self._model.set_rules(settings.rules, settings.fields)
        if save:
            settings.save(self._store)
        minutes = settings.auto_refresh_minutes
        if minutes:
            self._timer.start(minutes * 60_000)
        else:
            self._timer.stop()
        self._show_next()
        self.update_counts()

    # -- runs ---------------------------------------------------------------

    def run_started(self) -> None:
        """Note each finished row's stock before the run (for the alert summary).

        From a list copy of the rows, read in slices while the run goes on.
        """
        status = self._model.context.rules.status
        rows: list[Any] = self._model.snapshot()  # a copy of the list: stock_by_id empties it
        self._before = asyncio.ensure_future(stock_by_id(rows, status))

    async def run_finished(self) -> None:
        """Update counts; send one alert for the whole run if stock levels crossed.

        Works from copies of the rows in slices (see :data:`SLICE_ROWS`) on the
        GUI thread, which must not freeze the window on a long list; only rows
        whose stock changed from a known one are kept on the way (a row first
        checked now never alerts), so the summary after the last slice stays
        small whatever the list's length.
        """
        status = self._model.context.rules.status
        before = await self._before if self._before is not None else {}
        self._before = None
        rows = self._model.snapshot()
        counts: Counter[Stock] = Counter()
        was: dict[str, Stock | None] = {}
        now_is: dict[str, Stock] = {}
        for start in range(0, len(rows), SLICE_ROWS):
            for result in rows[start : start + SLICE_ROWS]:
                if result.status == "pending":
                    continue
                now = status(result)
                counts[now] += 1
                then = before.get(result.id) or self._last_checked_stock(result.id)
                if then is not None and then != now:
                    was[result.id], now_is[result.id] = then, now
            await asyncio.sleep(0)
        counts[Stock.PENDING] = len(rows) - sum(counts.values())
        self._show_counts(counts)
        summary = alert_summary(was, now_is)
        if summary and self.panel.settings().notify:
            self._notify(summary)
        self._show_next()

    def _last_checked_stock(self, pid: str) -> Stock | None:
        """A product's stock at its last ok check in the history (not in this session)."""
        check = self._model.context.previous.get(pid)
        if check is None or check.quantity is None:
            return None
        fields = self._model.fields_of(pid)
        return self._model.context.rules.status(
            Result(pid, "ok", quantity=check.quantity, fields=fields)
        )

    def update_counts(self) -> None:
        """Show how many rows are in each stock status (in slices on a large list)."""
        self._counting = self._count_in_slices()  # an older, unfinished count is dropped
        if self._model.rowCount() <= SLICE_ROWS * 5:
            for _ in self._counting:  # small: at once
                pass
            self._counting = None
            self._count_timer.stop()
        else:  # at once, a long list would freeze the window: a slice per turn of the loop
            self._count_timer.start()

    def rows_replaced(self, removed: Sequence[Result], added: Sequence[Result]) -> None:
        """Rows replaced by an edit of the list: the counts change by theirs alone."""
        if self._counting is not None or self._counts is None:
            self.update_counts()  # a count under way (or none yet) counts them all
            return
        status = self._model.context.rules.status
        self._counts.subtract(status(r) for r in removed)
        self._counts.update(status(r) for r in added)
        self._show_counts(self._counts)

    def _count_next_slice(self) -> None:
        counting = self._counting
        if counting is not None:
            try:
                next(counting)
                return
            except StopIteration:
                self._counting = None
        self._count_timer.stop()

    def _count_in_slices(self) -> Iterator[None]:
        # The rows are read in place, a slice per turn: a copy of a million rows
        # would hold the GUI thread for tens of ms in one go.
        model = self._model
        status, version = model.context.rules.status, model.version
        counts = Counter[Stock]()
        for start in range(0, model.total_rows, SLICE_ROWS):
            if model.version != version:
                break
            counts.update(map(status, model.rows_between(start, start + SLICE_ROWS)))
            yield
        else:
            self._show_counts(counts)
            return
        # The rows changed meanwhile (a fetch under way): count a copy of them instead.
        yield
        rows, counts = model.snapshot(), Counter[Stock]()
        for start in range(0, len(rows), SLICE_ROWS):
            counts.update(map(status, rows[start : start + SLICE_ROWS]))
            yield
        self._show_counts(counts)

    def _show_counts(self, counts: Counter[Stock]) -> None:
        self._counts = counts
        names = self._model.context.stock_names
        parts = [f"{names[stock]} {counts[stock]:,}" for stock in _COUNTED if counts[stock]]
        self.counts.setText(" · ".join(parts))

    def _notify(self, summary: str) -> None:
        # Where there is no tray (or no desktop at all) the window shows it instead.
        if QSystemTrayIcon.isSystemTrayAvailable():
            if self._tray is None:
                self._tray = tray_icon(self.parent())  # the one close-to-tray uses too
                self._tray.show()
            self._tray.showMessage("Inventory Checker", summary)
        self.alerted.emit(summary)

    # -- auto-refresh -------------------------------------------------------

    def auto_refresh_tick(self) -> None:
        """Fetch everything again, unless something is already going (then skip)."""
        if self._busy() or self._model.rowCount() == 0:
            self.next_refresh.setText(self.tr("Auto-refresh skipped: busy"))
            return
        if self._fetch_all():
            self.autoRefreshed.emit()
        self._show_next()

    def _show_next(self) -> None:
        if not self._timer.isActive():
            self.next_refresh.setText("")
            return
        due = time.localtime(time.time() + self._timer.remainingTime() / 1000)
        self.next_refresh.setText(
            self.tr("Next auto-refresh {0}").format(time.strftime("%H:%M", due))
        )
