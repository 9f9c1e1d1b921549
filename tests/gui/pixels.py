"""Pixel checks shared by the theme test and its high-DPI child script."""

from __future__ import annotations

from PySide6.QtGui import QImage


def blocky(image: QImage) -> bool:
    """True if every 2x2 block of pixels is one colour (a 1x picture scaled up)."""
    return all(
        len({image.pixel(x + dx, y + dy) for dx in (0, 1) for dy in (0, 1)}) == 1
        for y in range(0, image.height() - 1, 2)
        for x in range(0, image.width() - 1, 2)
    )
