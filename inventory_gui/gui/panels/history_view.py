"""The history of the selected product: quantity over time, and every check."""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from inventory_gui.core.clock import parse_stamp
from inventory_gui.core.history.store import Check
from inventory_gui.core.safe_values import (
    CELL_CHARS,
    display_text,
    format_change,
    format_number,
    qt_text,
    real_number,
)
from inventory_gui.gui.i18n import PLURALS
from inventory_gui.gui.table.columns import STATUS_TEXT, status_text
from inventory_gui.gui.theme import ERROR_HUE, INFO_HUE, MIN_GRAPHIC_CONTRAST, with_contrast


def _when(stamp: str) -> float | None:
    """A check's time as seconds since the epoch, for the chart's axis."""
    when = parse_stamp(stamp)
    try:
        return None if when is None else when.timestamp()
    except (OverflowError, ValueError):
        return None


def _plotted(quantity: object) -> float | None:
    """A quantity as a finite float for the chart (None: cannot be drawn)."""
    number = real_number(quantity)
    try:
        value = None if number is None else float(number)
    except OverflowError:  # an int past float range
        return None
    return value if value is not None and math.isfinite(value) else None


class QuantityChart(QWidget):
    """A small line chart of quantity over time; failed checks are red ticks."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyChart")
        self.setMinimumHeight(90)
        self._checks: list[Check] = []

    def set_checks(self, checks: Sequence[Check]) -> None:
        self._checks = list(checks)
        self.update()

    def points(self) -> list[tuple[float, float]]:
        """(time, quantity) of the successful checks with a quantity, oldest first."""
        out = []
        for check in self._checks:
            when = _when(check.checked_at)
            quantity = _plotted(check.quantity) if check.status == "ok" else None
            if quantity is not None and when is not None:
                out.append((when, quantity))
        return out

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        area = QRectF(self.rect()).adjusted(36, 8, -8, -16)
        text = self.palette().text().color()
        painter.setPen(QPen(text, 1))
        points = self.points()
        if not points:
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No quantities yet")
            )
            return
        times = [t for t, _ in points] + [w for c in self._checks if (w := _when(c.checked_at))]
        t0, t1 = min(times), max(times)
        q1 = max(max(q for _, q in points), 1.0)

        def place(t: float, q: float) -> QPointF:
            x = area.left() + (area.width() * (t - t0) / (t1 - t0) if t1 > t0 else area.width() / 2)
            return QPointF(x, area.bottom() - area.height() * (q / q1))

        painter.drawLine(area.bottomLeft(), area.bottomRight())
        painter.drawText(QRectF(0, area.top() - 6, 32, 12), Qt.AlignmentFlag.AlignRight, f"{q1:g}")
        painter.drawText(QRectF(0, area.bottom() - 6, 32, 12), Qt.AlignmentFlag.AlignRight, "0")
        path = QPainterPath(place(*points[0]))
        for t, q in points[1:]:
            path.lineTo(place(t, q))
        # The chart's lines are graphics: 3:1 against the window they are drawn on.
        window = [self.palette().color(QPalette.ColorRole.Window)]
        painter.setPen(QPen(with_contrast(INFO_HUE, window, MIN_GRAPHIC_CONTRAST), 2))
        painter.drawPath(path)
        for t, q in points:
            painter.drawEllipse(place(t, q), 2.5, 2.5)
        painter.setPen(QPen(with_contrast(ERROR_HUE, window, MIN_GRAPHIC_CONTRAST), 2))
        for check in self._checks:
            when = _when(check.checked_at)
            if check.status != "ok" and when is not None:
                x = place(when, 0).x()
                painter.drawLine(QPointF(x, area.bottom()), QPointF(x, area.bottom() + 8))


class HistoryView(QWidget):
    """Chart above, one line per check below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyView")
        self.title = QLabel(self.tr("Select a row to see its history."), self)
        self.chart = QuantityChart(self)
        self.checks = QTreeWidget(self)
        self.checks.setObjectName("historyChecks")
        self.checks.setAccessibleName(self.tr("Checks of the selected product"))
        self.checks.header().setAccessibleName(self.tr("Column headers"))
        self.checks.setRootIsDecorated(False)
        self.checks.setHeaderLabels(
            [self.tr("Checked at"), self.tr("Status"), self.tr("Quantity"), self.tr("Change"),
             self.tr("Error")]
        )  # fmt: skip
        self.checks.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.chart)
        splitter.addWidget(self.checks)
        splitter.setSizes([300, 500])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(splitter, 1)

    def show_checks(self, product_id: str | None, checks: Sequence[Check]) -> None:
        """Show one product's checks (oldest first), or nothing."""
        self.chart.set_checks(checks)
        self.checks.clear()
        if product_id is None:
            self.title.setText(self.tr("Select a row to see its history."))
            return
        title = PLURALS.history_checks(len(checks)).format(product_id)
        self.title.setText(qt_text(title))
        items = []
        for check in reversed(checks):  # newest first in the list
            when = display_text(check.checked_at).replace("T", " ")[:19]
            texts = [
                when,
                # Stored statuses are "ok", "error"...: shown as the table names them.
                status_text(check.status)
                if check.status in STATUS_TEXT
                else display_text(check.status),
                format_number(check.quantity),
                "" if check.change is None else format_change(check.change),
                display_text(check.error or ""),
            ]
            items.append(QTreeWidgetItem([qt_text(t, CELL_CHARS) for t in texts]))
        self.checks.addTopLevelItems(items)
