"""Copy table rows as tab-separated text (Ctrl+C) that pastes cleanly into a spreadsheet.

The text is what the table shows: a header line with the visible columns in
their on-screen order, then one line per selected row, top to bottom, with
each cell's display text.  Tabs and line breaks inside a cell become spaces,
so that every row stays one spreadsheet row.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain, islice

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QTableView

from inventory_gui.gui.table.filter import ResultsFilter
from inventory_gui.gui.table.model import ResultsModel

# Tabs and every character a spreadsheet (or Python's splitlines) breaks lines on.
_BREAKS = re.compile(r"[\t\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
# Rows formatted per turn of the event loop (~50 µs a row): a large selection
# is copied over several turns, and the window keeps painting meanwhile.
ROWS_PER_SLICE = 500


def clean_cell(text: object) -> str:
    """A cell's text on one line, without tabs (None reads as empty)."""
    return "" if text is None else _BREAKS.sub(" ", str(text))


def visible_columns(view: QTableView) -> list[int]:
    """The model's columns that are not hidden, in the order the header shows them."""
    header = view.horizontalHeader()
    logical = (header.logicalIndex(visual) for visual in range(header.count()))
    return [column for column in logical if not header.isSectionHidden(column)]


def selected_source_rows(view: QTableView, proxy: ResultsFilter) -> list[range]:
    """The view's selected rows as runs of the source model's rows, top to bottom.

    The proxy only filters (the source model sorts itself), so the source's
    order is the order on screen.  Read from the selection's ranges in one
    call: a million selected rows are a few ranges, not a million indexes.
    """
    spans = proxy.mapSelectionToSource(view.selectionModel().selection())
    runs: list[range] = []
    for top, bottom in sorted((span.top(), span.bottom()) for span in spans):
        if runs and top <= runs[-1].stop:  # overlapping or adjacent: one run
            runs[-1] = range(runs[-1].start, max(runs[-1].stop, bottom + 1))
        else:
            runs.append(range(top, bottom + 1))
    return runs


class RowCopier(QObject):
    """Copies the selected rows of the results table to the clipboard.

    Cells are read with :meth:`ResultsModel.cell` (one call per cell, four
    times faster than going through the proxy's ``data``).  The rows to copy
    are the source model's, fixed when the copy starts, so that the filter
    being refreshed during a run does not disturb a long copy; if the source's
    rows move (a sort, a new list) before it ends, it starts again from the
    selection as it is then.

    Args:
        view: the results table (its model is ``proxy``).
        model: the source model behind ``proxy``.
        proxy: the filter the view shows.

    Signals:
        copied(int): the clipboard holds this many rows (and the header line).
    """

    copied = Signal(int)

    def __init__(self, view: QTableView, model: ResultsModel, proxy: ResultsFilter) -> None:
        super().__init__(view)
        self._view, self._model, self._proxy = view, model, proxy
        self._job: Iterator[None] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._next_slice)
        for signal in (
            model.layoutChanged,
            model.modelReset,
            model.rowsInserted,
            model.rowsRemoved,
        ):
            signal.connect(self._restart)

    @property
    def busy(self) -> bool:
        """True while a large selection is still being copied."""
        return self._job is not None

    def copy_selected(self) -> None:
        """Copy the selected rows: at once when few, else over several event-loop turns."""
        runs = selected_source_rows(self._view, self._proxy)
        count = sum(len(run) for run in runs)
        if not count:  # nothing selected (or no longer): the clipboard keeps what it has
            self._job = None
            self._timer.stop()
            return
        self._job = self._copy(chain.from_iterable(runs), count)
        if count <= ROWS_PER_SLICE:
            self._next_slice()
        else:
            self._timer.start()

    def _restart(self) -> None:
        if self._job is not None:  # the rows moved: the ones read may be others now
            self.copy_selected()

    def _next_slice(self) -> None:
        job = self._job
        if job is None or next(job, StopIteration) is StopIteration:
            self._job = None
            self._timer.stop()

    def _copy(self, rows: Iterator[int], count: int) -> Iterator[None]:
        columns = visible_columns(self._view)
        horizontal, display = Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole
        titles = (self._proxy.headerData(c, horizontal, display) for c in columns)
        lines = ["\t".join(clean_cell(title) for title in titles)]
        cell = self._model.cell
        for start in range(0, count, ROWS_PER_SLICE):
            if start:
                yield
            for row in islice(rows, ROWS_PER_SLICE):
                lines.append("\t".join(clean_cell(cell(row, column)[0]) for column in columns))
        QGuiApplication.clipboard().setText("\n".join(lines) + "\n")
        self.copied.emit(count)
