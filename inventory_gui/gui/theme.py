"""Colours chosen against the palette, so that light and dark schemes both read well.

Every colour the app draws starts from a hue (a status's red, green...) and is
then fitted to the palette it is drawn on: text is moved towards black or white
until it has a WCAG 2.x contrast ratio of at least 4.5:1 against its
background, graphics (status dots, chart lines) at least 3:1.  The results are
computed once per palette change by their users, never per painted cell.

:func:`follow_colour_scheme` is the app's one hook on the system's colour
scheme: where the platform reports a scheme change without a matching palette,
it sets a light or dark palette itself; the widgets then re-derive their
colours on the ``PaletteChange`` event that follows.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QStyleFactory

MIN_TEXT_CONTRAST = 4.5  # WCAG 2.x AA, normal text
MIN_GRAPHIC_CONTRAST = 3.0  # WCAG 2.x AA, non-text parts (1.4.11)
ERROR_HUE = "#d64541"
INFO_HUE = "#2e7dd6"
_FOLLOWING = "inventoryGuiFollowsColourScheme"  # application property: hook installed


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def luminance(colour: QColor) -> float:
    """WCAG 2.x relative luminance of an opaque colour (0 black to 1 white)."""
    red, green, blue = (_linear(c) for c in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: QColor, second: QColor) -> float:
    """WCAG 2.x contrast ratio of two colours, 1 to 21 (order does not matter)."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def mix(base: QColor, other: QColor, amount: float) -> QColor:
    """``base`` moved ``amount`` (0 to 1) of the way towards ``other``, opaque.

    Channels are rounded to 8 bits, as painted: a contrast checked on the
    result holds for the pixels too.
    """
    return QColor.fromRgb(
        *(round(a + (b - a) * amount) for a, b in zip(_rgb(base), _rgb(other), strict=True))
    )


def _rgb(colour: QColor) -> tuple[int, int, int]:
    return colour.red(), colour.green(), colour.blue()


def _worst(colour: QColor, backgrounds: Sequence[QColor]) -> float:
    return min(contrast(colour, b) for b in backgrounds)


def with_contrast(
    colour: QColor | str, backgrounds: Sequence[QColor], minimum: float = MIN_TEXT_CONTRAST
) -> QColor:
    """``colour``, darkened or lightened just enough to reach ``minimum`` on every background.

    It moves towards black on light backgrounds and towards white on dark ones,
    keeping its hue as long as it can; if even black (or white) falls short, the
    one of black and white with the better contrast is returned.
    """
    colour = QColor(colour)
    if _worst(colour, backgrounds) >= minimum:
        return colour
    black, white = QColor(0, 0, 0), QColor(255, 255, 255)
    light_backgrounds = max(luminance(b) for b in backgrounds) > 0.18
    target = black if light_backgrounds else white
    if _worst(target, backgrounds) < minimum:
        return max((black, white), key=lambda c: _worst(c, backgrounds))
    low, high = 0.0, 1.0  # the least blend that reaches the minimum (bisection)
    for _ in range(16):
        middle = (low + high) / 2
        if _worst(mix(colour, target, middle), backgrounds) >= minimum:
            high = middle
        else:
            low = middle
    return mix(colour, target, high)


def is_dark(palette: QPalette) -> bool:
    """True if the palette draws light text on dark windows."""
    return luminance(palette.color(QPalette.ColorRole.Window)) < 0.18


def light_palette() -> QPalette:
    """Fusion's standard light palette."""
    style = QStyleFactory.create("Fusion")
    return style.standardPalette()


def dark_palette() -> QPalette:
    """A dark palette in Fusion's spirit (for a dark scheme the platform has no palette for)."""
    palette = QPalette()
    text, dim = QColor("#e6e6e6"), QColor("#7f7f7f")
    roles = {
        QPalette.ColorRole.Window: "#2d2d2d",
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: "#1e1e1e",
        QPalette.ColorRole.AlternateBase: "#262626",
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: "#ff6b6b",
        QPalette.ColorRole.Light: "#4a4a4a",
        QPalette.ColorRole.Midlight: "#3e3e3e",
        QPalette.ColorRole.Mid: "#2a2a2a",
        QPalette.ColorRole.Dark: "#202020",
        QPalette.ColorRole.Shadow: "#101010",
        QPalette.ColorRole.Highlight: "#2a82da",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#6cb4ff",
        QPalette.ColorRole.LinkVisited: "#b48cff",
        QPalette.ColorRole.ToolTipBase: "#353535",
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: "#9a9a9a",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    disabled = QPalette.ColorGroup.Disabled
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(disabled, role, dim)
    return palette


def follow_colour_scheme(app: QGuiApplication) -> None:
    """Follow the system's colour scheme live (once per application)."""
    if app.property(_FOLLOWING):
        return
    app.setProperty(_FOLLOWING, True)
    app.styleHints().colorSchemeChanged.connect(lambda scheme: apply_scheme(app, scheme))


def apply_scheme(app: QGuiApplication, scheme: Qt.ColorScheme) -> None:
    """Make the palette match ``scheme`` if the platform did not already.

    Qt updates the palette before it reports the new scheme where the platform
    has palettes of its own; only a palette that disagrees is replaced.  The
    widgets re-derive their colours from the ``PaletteChange`` that follows.
    """
    if scheme == Qt.ColorScheme.Unknown:
        return
    dark = scheme == Qt.ColorScheme.Dark
    if is_dark(app.palette()) != dark:
        app.setPalette(dark_palette() if dark else light_palette())
