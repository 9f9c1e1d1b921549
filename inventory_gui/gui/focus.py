"""Tab order that follows the layout.

Qt's default Tab order is the order widgets were made in (or given a parent);
the window and its panels make some widgets before the ones laid out above
them, so they set their order here.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget, QWidget


def chain_tab_order(areas: list[QWidget]) -> None:
    """Make Tab visit ``areas`` in this order (the layout's), each area's own controls in turn.

    Hidden or disabled controls stay in the chain: Tab skips them while they are.
    """
    chain: list[QWidget] = []
    for area in areas:
        if isinstance(area, QTabWidget):  # its tab bar sits above the page it shows
            bar = area.tabBar()
            chain += [bar, *(w for w in _focus_chain_within(area) if w is not bar)]
        else:
            chain += _focus_chain_within(area)
    for first, second in pairwise(chain):
        QWidget.setTabOrder(first, second)


def _focus_chain_within(area: QWidget) -> list[QWidget]:
    """``area`` and its descendants that take focus by Tab, in the window's focus order."""
    found = []
    start = widget = area.window()
    while True:
        takes_tab = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        within = widget is area or area.isAncestorOf(widget)
        if within and takes_tab and widget.focusProxy() is None:
            found.append(widget)
        widget = widget.nextInFocusChain()
        if widget is start:
            return found
