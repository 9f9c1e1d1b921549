"""The status bar's progress bar paints new values with the next frame, not at once."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QProgressBar, QWidget

from inventory_gui.core.progress import Progress
from inventory_gui.gui.progress_bar import ProgressBar


class PaintCounter(QObject):
    """Counts the paint events a widget receives."""

    def __init__(self, widget) -> None:
        super().__init__(widget)
        self.paints = 0
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def shown(qtbot, bar: QProgressBar) -> tuple[QWidget, PaintCounter]:
    """``bar`` in a shown window, its first paint done; counting paints from then on."""
    window = QWidget()
    qtbot.addWidget(window)
    bar.setParent(window)
    counter = PaintCounter(bar)
    window.show()
    qtbot.waitUntil(lambda: counter.paints > 0)
    counter.paints = 0
    return window, counter


def test_a_plain_progress_bar_paints_inside_set_value(qtbot):
    # Why ProgressBar exists: Qt repaints at once (the premise of the test below).
    bar = QProgressBar()
    _window, counter = shown(qtbot, bar)
    bar.setValue(50)
    assert counter.paints == 1


def test_show_value_paints_with_the_next_frame(qtbot):
    bar = ProgressBar()
    _window, counter = shown(qtbot, bar)
    bar.show_value(50)
    assert (bar.value(), counter.paints) == (50, 0)
    qtbot.waitUntil(lambda: counter.paints == 1)
    assert bar.updatesEnabled()


def test_the_window_shows_run_progress_without_painting_in_the_slot(make_window, qtbot):
    window = make_window()
    qtbot.waitExposed(window)
    counter = PaintCounter(window.progress_bar)
    window.progress_bar.update()
    qtbot.waitUntil(lambda: counter.paints > 0)  # nothing left to paint
    counter.paints = 0
    window.runner.progressed.emit(Progress(total=40, done=10))
    assert (window.progress_bar.value(), window.progress_bar.maximum()) == (10, 40)
    assert counter.paints == 0
    qtbot.waitUntil(lambda: counter.paints >= 1)
