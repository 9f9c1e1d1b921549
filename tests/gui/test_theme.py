"""Colours under light and dark palettes: contrast of every cell, live scheme changes, high DPI.

The contrast of a cell is measured on what the real window paints (the
offscreen viewport grabbed as an image): its background is the cell's most
common pixel, its text colour the pixel that differs most from it, and their
WCAG 2.x contrast ratio must be at least 4.5:1.
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPalette
from PySide6.QtWidgets import QCheckBox

from inventory_gui.core.models import Previous, Result
from inventory_gui.core.stock import FieldMap, Stock, StockRules
from inventory_gui.gui.panels.message_bar import message_colours
from inventory_gui.gui.table.colours import ICON_SIZE, status_icon
from inventory_gui.gui.table.columns import (
    CHANGE_COLUMN,
    QUANTITY_COLUMN,
    STATUS_COLUMN,
    STOCK_COLUMN,
)
from inventory_gui.gui.theme import (
    contrast,
    dark_palette,
    follow_colour_scheme,
    is_dark,
    light_palette,
    luminance,
    with_contrast,
)
from tests.gui.pixels import blocky

ROOT = Path(__file__).resolve().parents[2]
PALETTES = {"light": light_palette, "dark": dark_palette}
PREVIOUS = "2026-11-28T09:00:00Z"
# One row per status, stock state, flip and change direction; (result, previous quantity).
ROWS = {
    "pending": (Result("pending"), None),
    "more": (Result("more", "ok", 200, quantity=50, attempts=1), 40),
    "low": (Result("low", "ok", 200, quantity=3, attempts=1), 9),
    "ran-out": (Result("ran-out", "ok", 200, quantity=0, attempts=1), 4),
    "back": (Result("back", "ok", 200, quantity=7, attempts=1), 0),
    "no-quantity": (Result("no-quantity", "ok", 200, attempts=1), None),
    "unknown": (Result("unknown", "error", 404, error="HTTP 404 Not Found", attempts=1), None),
    "failed": (Result("failed", "error", 500, error="HTTP 500 Server Error", attempts=3), None),
    "cancelled": (Result("cancelled", "cancelled", error="Cancelled"), None),
}
SELECTED = ("ran-out", "failed")  # a flip and an error row, drawn through the style


@pytest.fixture
def app_palette(qapp) -> Iterator:
    """Set a palette on the application; the original comes back after the test."""
    original = QPalette(qapp.palette())
    yield qapp.setPalette
    qapp.setPalette(original)


def fill_table(window) -> None:
    """Every kind of row in the real window's table, two of them selected."""
    window.products_panel.set_text("\n".join(ROWS))
    model = window.model
    model.set_rules(StockRules(low_threshold=5), FieldMap())
    model.set_previous(
        {i: Previous(before, PREVIOUS) for i, (_, before) in ROWS.items() if before is not None}
    )
    model.apply([result for result, _ in ROWS.values() if result.status != "pending"])
    table = window.table
    table.resize(1300, table.height())
    # Text drawn without anti-aliasing: its pixels are its colour, not blends with the background.
    font = table.font()
    font.setStyleStrategy(QFont.StyleStrategy.NoAntialias)
    table.setFont(font)
    for product in SELECTED:
        index = table.model().index(list(ROWS).index(product), 0)
        table.selectionModel().select(
            index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        )
    kinds = {model.context.stock(r) for r, _ in ROWS.values()}
    assert kinds == set(Stock)  # every stock state is on screen
    assert {model.context.flip(r) for r, _ in ROWS.values()} == {None, "out", "in"}


def text_contrast(image: QImage, rect: QRect) -> tuple[float, QColor, QColor]:
    """(contrast, text colour, background) of the text painted inside ``rect``."""
    pixels = Counter(
        image.pixel(x, y)
        for y in range(rect.top(), rect.bottom() + 1)
        for x in range(rect.left(), rect.right() + 1)
    )
    background = QColor.fromRgb(pixels.most_common(1)[0][0])
    text = max((QColor.fromRgb(p) for p in pixels), key=lambda c: contrast(c, background))
    return contrast(text, background), text, background


def cell_text_rect(table, row: int, column: int) -> QRect:
    """The part of a cell that holds text: no icon, no grid line."""
    rect = table.visualRect(table.model().index(row, column)).adjusted(1, 1, -2, -2)
    if column in (STATUS_COLUMN, STOCK_COLUMN):
        rect.setLeft(rect.left() + ICON_SIZE + 6)
    return rect


def low_contrast_cells(window) -> tuple[list[str], int]:
    """Cells whose text is under 4.5:1 (described), and how many cells hold text."""
    table = window.table
    image = table.viewport().grab().toImage()
    bad, measured = [], 0
    for row in range(table.model().rowCount()):
        for column in range(table.model().columnCount()):
            if not table.model().index(row, column).data():
                continue
            ratio, text, background = text_contrast(image, cell_text_rect(table, row, column))
            measured += 1
            if ratio < 4.5:
                bad.append(f"row {row} column {column}: {text.name()} on {background.name()}")
    return bad, measured


@pytest.mark.parametrize("scheme", PALETTES)
def test_every_cell_has_4_5_to_1_contrast(make_window, app_palette, scheme):
    app_palette(PALETTES[scheme]())
    window = make_window()
    fill_table(window)
    table = window.table
    assert is_dark(table.palette()) == (scheme == "dark")
    bad, measured = low_contrast_cells(window)
    assert measured > 60
    assert not bad, bad
    # The measure sees what is painted: a selected row's background is the highlight.
    image = table.viewport().grab().toImage()
    row = list(ROWS).index("ran-out")
    _, _, background = text_contrast(image, cell_text_rect(table, row, QUANTITY_COLUMN))
    highlight = window.model.colours.selection[QPalette.ColorGroup.Active].color()
    assert background == highlight


def test_flip_highlights_keep_their_tint_and_readable_text(make_window, app_palette):
    for scheme, make in PALETTES.items():
        app_palette(make())
        window = make_window()
        fill_table(window)
        table = window.table
        table.clearSelection()
        image = table.viewport().grab().toImage()
        base = table.palette().color(QPalette.ColorRole.Base)
        for product in ("ran-out", "back"):
            row = list(ROWS).index(product)
            for column in (QUANTITY_COLUMN, CHANGE_COLUMN):
                ratio, _, tint = text_contrast(image, cell_text_rect(table, row, column))
                assert tint != base, (scheme, product, column)
                assert ratio >= 4.5, (scheme, product, column)
        window.close()


def test_the_measure_catches_unreadable_text(make_window, app_palette):
    """Light grey status text on white is reported: the contrast test can fail."""
    app_palette(light_palette())
    window = make_window()
    fill_table(window)
    grey = {status: QBrush(QColor("#bbbbbb")) for status in window.model.colours.status_text}
    window.model.use_colours(dataclasses.replace(window.model.colours, status_text=grey))
    bad, _ = low_contrast_cells(window)
    assert bad
    assert all(f"column {STATUS_COLUMN}:" in cell for cell in bad)


def test_a_colour_scheme_change_recolours_the_table_live(make_window, app_palette, qapp, qtbot):
    app_palette(light_palette())
    follow_colour_scheme(qapp)
    window = make_window()
    fill_table(window)
    window.message_bar.show_error("Something went wrong")
    table = window.table
    row = list(ROWS).index("unknown")
    rect = cell_text_rect(table, row, STATUS_COLUMN)
    _, light_text, light_background = text_contrast(table.viewport().grab().toImage(), rect)
    bar = window.message_bar
    light_bar = bar.grab().toImage().pixelColor(3, bar.height() // 2)  # inside the border
    tls = window.findChild(QCheckBox, "verifyTlsCheck")
    tls.click()  # certificates not verified: the warning is red
    light_warning = tls.styleSheet()
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert is_dark(qapp.palette())
    qtbot.waitUntil(lambda: is_dark(table.palette()))  # widgets follow on a posted event
    ratio, dark_text, dark_background = text_contrast(table.viewport().grab().toImage(), rect)
    assert luminance(dark_background) < luminance(light_background)
    assert luminance(dark_text) > luminance(light_text)
    assert ratio >= 4.5
    dark_bar = bar.grab().toImage().pixelColor(3, bar.height() // 2)
    assert luminance(dark_bar) < luminance(light_bar)
    assert dark_bar == message_colours("error", dark_palette())[0]
    assert tls.styleSheet() != light_warning
    qapp.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    qtbot.waitUntil(lambda: not is_dark(table.palette()))
    assert text_contrast(table.viewport().grab().toImage(), rect)[1] == light_text


@pytest.mark.parametrize("scheme", PALETTES)
def test_messages_are_readable(scheme):
    palette = PALETTES[scheme]()
    for kind in ("error", "info"):
        background, text, _ = message_colours(kind, palette)
        assert contrast(text, background) >= 4.5
        assert is_dark(palette) == (luminance(background) < 0.18)


def test_contrast_follows_wcag():
    assert contrast(QColor("black"), QColor("white")) == pytest.approx(21)
    assert contrast(QColor("#767676"), QColor("white")) == pytest.approx(4.54, abs=0.01)
    assert contrast(QColor("#777777"), QColor("white")) < 4.5
    red, white, black = QColor("#d64541"), QColor("white"), QColor("#1e1e1e")
    assert with_contrast(black, [white]) == black  # already readable: unchanged
    darker, lighter = with_contrast(red, [white]), with_contrast(red, [black])
    assert 4.5 <= contrast(darker, white) < 4.6
    assert luminance(darker) < luminance(red)
    assert 4.5 <= contrast(lighter, black) < 4.6
    assert luminance(lighter) > luminance(red)
    assert darker.hue() == pytest.approx(red.hue(), abs=2)  # still red


def test_status_dots_are_drawn_for_a_2x_screen():
    icon = status_icon("#2e9d4a")
    sharp = icon.pixmap(QSize(ICON_SIZE, ICON_SIZE), 2.0)
    assert sharp.devicePixelRatio() == 2.0
    assert sharp.size() == QSize(2 * ICON_SIZE, 2 * ICON_SIZE)
    assert not blocky(sharp.toImage())
    scaled_up = icon.pixmap(QSize(ICON_SIZE, ICON_SIZE), 1.0).scaled(sharp.size())
    assert blocky(scaled_up.toImage())  # what the test rejects


def test_the_table_paints_sharp_dots_at_200_percent(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", QT_SCALE_FACTOR="2")
    for variable in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME"):
        env[variable] = str(tmp_path / variable.lower())
    done = subprocess.run(
        [sys.executable, "-m", "tests.gui.hidpi_child"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    painted = json.loads(done.stdout.splitlines()[-1])
    assert painted["ratio"] == 2.0
    assert painted["colours"] > 2  # a dot was painted there: its colour, edges, background
    assert not painted["blocky"]
