"""What the table paints: ResultsDelegate's fast path and its styled path.

Pixels are read back from the offscreen viewport: a status cell shows its
status's colour (the icon), which tells which row a painted cell came from.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication

from inventory_gui.core.models import Result
from inventory_gui.gui.table.columns import ERROR_COLUMN, ID_COLUMN, STATUS_COLOURS, STATUS_COLUMN
from inventory_gui.gui.table.view import ROWS_PER_PAINT
from tests.gui.test_window import column, fetch, not_found_for_bad

RED = QColor(STATUS_COLOURS["error"])
GREEN = QColor(STATUS_COLOURS["ok"])


def has_colour(image: QImage, rect, colour: QColor) -> bool:
    """True if some pixel inside ``rect`` is ``colour`` (within anti-aliasing noise)."""
    for y in range(rect.top(), rect.bottom() + 1):
        for x in range(rect.left(), rect.right() + 1):
            pixel = image.pixelColor(x, y)
            if max(abs(pixel.red() - colour.red()), abs(pixel.green() - colour.green()),
                   abs(pixel.blue() - colour.blue())) <= 8:  # fmt: skip
                return True
    return False


def status_colours(window) -> list[str]:
    """Per visible row, the status colour found in its painted status cell."""
    table = window.table
    image = table.viewport().grab().toImage()
    found = []
    for row in range(table.model().rowCount()):
        rect = table.visualRect(table.model().index(row, STATUS_COLUMN))
        red, green = has_colour(image, rect, RED), has_colour(image, rect, GREEN)
        found.append("red" if red and not green else "green" if green and not red else "?")
    return found


def test_each_painted_row_is_its_own_result_filtered_or_not(make_window, make_api, qtbot):
    api = make_api(not_found_for_bad)
    window = make_window(api.template)
    window.products_panel.set_text("zeta\nbad-one\nalpha\nbad-two\nmid")
    fetch(qtbot, window)
    assert status_colours(window) == ["green", "red", "green", "red", "green"]
    # Filtered: the proxy's rows are no longer the model's (the delegate must map them).
    window.failures_only.setChecked(True)
    assert status_colours(window) == ["red", "red"]
    window.failures_only.setChecked(False)
    # A selected row goes through the style (the selection colour); the others do not.
    table = window.table
    table.selectRow(1)
    colours = status_colours(window)
    assert colours[:1] + colours[2:] == ["green", "green", "red", "green"]
    # The palette's highlight, fitted to 4.5:1 under the highlighted text (see TableColours).
    highlight = window.model.colours.selection[QPalette.ColorGroup.Active].color()
    image = table.viewport().grab().toImage()
    cells = [table.visualRect(table.model().index(r, STATUS_COLUMN)) for r in (0, 1)]
    assert [has_colour(image, cell, highlight) for cell in cells] == [False, True]


def test_text_wider_than_its_column_is_elided(make_window):
    window = make_window()
    window.products_panel.set_text("a\nb\nc")
    table = window.table
    table.horizontalHeader().resizeSection(ERROR_COLUMN, 70)
    long = "HTTP 404 Not Found: unknown product"
    inner = 70 - 8  # the delegate's margins
    elided = table.fontMetrics().elidedText(long, Qt.TextElideMode.ElideRight, inner)
    assert elided.endswith("…")
    window.model.apply(
        [Result("a", "error", 404, error=long), Result("c", "error", 404, error=elided)]
    )
    assert column(window, ERROR_COLUMN) == [long, "", elided]
    image = table.viewport().grab().toImage()

    def error_cell(row: int) -> QImage:
        return image.copy(table.visualRect(table.model().index(row, ERROR_COLUMN)))

    # Rows 0 and 2 share a background: the long text must look exactly like its elided form.
    assert error_cell(0) == error_cell(2)


class PaintHeights(QObject):
    """Records the height of each paint of a viewport."""

    def __init__(self, viewport) -> None:
        super().__init__()
        self.heights: list[int] = []
        viewport.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.heights.append(event.rect().height())
        return False


def test_a_page_of_changed_rows_is_painted_a_few_rows_per_frame(make_window, qtbot):
    window = make_window()
    window.products_panel.set_text("\n".join(f"p{i}" for i in range(200)))
    table = window.table
    first, last = table.visible_rows()
    assert last - first + 1 > ROWS_PER_PAINT  # a full page is on screen
    QApplication.processEvents()  # the paints the new list asked for
    painted = PaintHeights(table.viewport())
    window.model.apply([Result(f"p{i}", "ok", 200, quantity=i) for i in range(200)])
    page = table.viewport().height()
    qtbot.waitUntil(lambda: sum(painted.heights) >= page - len(painted.heights))
    # Each paint covers at most ROWS_PER_PAINT rows (plus a grid line).
    assert max(painted.heights) <= ROWS_PER_PAINT * table.rowHeight(0) + 1


def test_plain_cells_follow_a_palette_change(make_window):
    window = make_window()
    window.products_panel.set_text("a")
    window.model.apply([Result("a", "ok", 200, quantity=7, checked_at="2026-11-28T10:00:00Z")])
    table = window.table
    cell = table.visualRect(table.model().index(0, ID_COLUMN))
    magenta = QColor("#8b008b")  # dark enough for 4.5:1 on white: drawn as it is
    assert not has_colour(table.viewport().grab().toImage(), cell, magenta)
    palette = table.palette()
    palette.setColor(QPalette.ColorRole.Text, magenta)
    table.setPalette(palette)
    assert has_colour(table.viewport().grab().toImage(), cell, magenta)
