"""The results table's colours, derived from a palette once per palette change.

Status and stock hues (:data:`STATUS_COLOURS`, :data:`STOCK_COLOURS`) are fitted
to the palette's base and alternate-base colours: text to 4.5:1, dots to 3:1.
A flip (ran out, back in stock) tints the cell with its hue and keeps the
palette's text colour, adjusted to 4.5:1 on the tint.  Selected rows use the
palette's highlighted text on a highlight darkened or lightened to 4.5:1.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPalette, QPixmap

from inventory_gui.core.stock import Stock
from inventory_gui.gui.table.columns import STATUS_COLOURS, STOCK_COLOURS
from inventory_gui.gui.theme import (
    MIN_GRAPHIC_CONTRAST,
    MIN_TEXT_CONTRAST,
    is_dark,
    mix,
    with_contrast,
)

FLIP_HUES = {"out": STOCK_COLOURS[Stock.OUT], "in": STOCK_COLOURS[Stock.IN_STOCK]}
ICON_SIZE = 12
# Device pixel ratios the dots are drawn for: QIcon picks the nearest one at or
# above the screen's (a 150% screen gets the 2x dot scaled down, still sharp).
ICON_RATIOS = (1.0, 2.0, 3.0)
_SELECTION_GROUPS = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive)


def status_icon(colour: QColor | str, size: int = ICON_SIZE) -> QIcon:
    """A filled circle in ``colour``, drawn for each of :data:`ICON_RATIOS`."""
    icon = QIcon()
    for ratio in ICON_RATIOS:
        pixels = round(size * ratio)
        pixmap = QPixmap(pixels, pixels)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(QColor(colour))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(QRectF(ratio, ratio, pixels - 2 * ratio, pixels - 2 * ratio))
        painter.end()
        pixmap.setDevicePixelRatio(ratio)
        icon.addPixmap(pixmap)
    return icon


@dataclass(frozen=True)
class TableColours:
    """Brushes and icons for one palette (see :meth:`from_palette`)."""

    text: QColor
    status_text: dict[str, QBrush]
    status_icons: dict[str, QIcon]
    stock_text: dict[str, QBrush]
    stock_icons: dict[str, QIcon]
    flip_background: dict[str, QBrush]
    flip_text: dict[str, QBrush]
    selection: dict[QPalette.ColorGroup, QBrush]

    @classmethod
    def from_palette(cls, palette: QPalette) -> TableColours:
        """Fit every hue to ``palette``'s rows (base and alternate base)."""
        rows = [
            palette.color(QPalette.ColorRole.Base),
            palette.color(QPalette.ColorRole.AlternateBase),
        ]
        text = with_contrast(palette.color(QPalette.ColorRole.Text), rows)

        def brushes(hues: dict) -> dict:
            return {key: QBrush(with_contrast(hue, rows)) for key, hue in hues.items()}

        def icons(hues: dict) -> dict:
            return {
                key: status_icon(with_contrast(hue, rows, MIN_GRAPHIC_CONTRAST))
                for key, hue in hues.items()
            }

        amount = 0.4 if is_dark(palette) else 0.25  # a dark tint needs more hue to show
        tints = {flip: mix(rows[0], QColor(hue), amount) for flip, hue in FLIP_HUES.items()}
        return cls(
            text=text,
            status_text=brushes(STATUS_COLOURS),
            status_icons=icons(STATUS_COLOURS),
            stock_text=brushes(STOCK_COLOURS),
            stock_icons=icons(STOCK_COLOURS),
            flip_background={flip: QBrush(tint) for flip, tint in tints.items()},
            flip_text={flip: QBrush(with_contrast(text, [tint])) for flip, tint in tints.items()},
            selection={group: _selection(palette, group) for group in _SELECTION_GROUPS},
        )


def _selection(palette: QPalette, group: QPalette.ColorGroup) -> QBrush:
    """The highlight of ``group``, fitted to 4.5:1 under the highlighted text."""
    text = palette.color(group, QPalette.ColorRole.HighlightedText)
    highlight = palette.color(group, QPalette.ColorRole.Highlight)
    return QBrush(with_contrast(highlight, [text], MIN_TEXT_CONTRAST))
