"""The status bar's progress bar, repainted with the next frame rather than at once."""

from __future__ import annotations

from PySide6.QtWidgets import QProgressBar


class ProgressBar(QProgressBar):
    """A ``QProgressBar`` whose new values wait for the window's next paint.

    ``QProgressBar.setValue`` repaints the bar at once whenever it changes
    visibly, and an immediate repaint paints every region of the window
    waiting to be painted along with it: during a fetch, the table rows the
    same batch changed.  The caller's slot then holds the GUI thread for a
    whole frame's painting on top of its own work, about 30 times a second.
    :meth:`show_value` leaves the painting to the next paint event instead.
    """

    def show_value(self, value: int) -> None:
        """Set the value; paint it with the next frame."""
        self.setUpdatesEnabled(False)  # repaint() does nothing meanwhile
        try:
            self.setValue(value)
        finally:
            self.setUpdatesEnabled(True)  # schedules an ordinary update()
