"""An inline message banner above the table (no modal dialogs for ordinary problems)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QWidget,
)

from inventory_gui.gui.theme import ERROR_HUE, INFO_HUE, is_dark, mix, with_contrast

_HUES = {"error": ERROR_HUE, "info": INFO_HUE}


def message_colours(kind: str, palette: QPalette) -> tuple[QColor, QColor, QColor]:
    """(background, text, border) of a message: its hue tinting the window, text at 4.5:1."""
    window, hue = palette.color(QPalette.ColorRole.Window), QColor(_HUES[kind])
    background = mix(window, hue, 0.3 if is_dark(palette) else 0.12)
    return background, with_contrast(hue, [background]), mix(window, hue, 0.5)


class MessageBar(QFrame):
    """A one-line message with a close button; hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.label = QLabel(self)
        self.label.setObjectName("messageText")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action_button = QPushButton(self)
        self.action_button.setObjectName("messageAction")
        self.action_button.hide()
        self.action_button.clicked.connect(self._act)
        self._action: Callable[[], None] | None = None
        close = QToolButton(self)
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Dismiss"))
        close.setAccessibleName(self.tr("Dismiss"))
        close.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action_button)
        layout.addWidget(close)
        self.kind = ""
        self._background = self._border = QColor()
        self.hide()

    def show_error(self, message: str) -> None:
        """Show a problem the user can fix (bad file, bad setting)."""
        self._show("error", message)

    def show_info(self, message: str) -> None:
        """Show a confirmation (export written...)."""
        self._show("info", message)

    def show_action(self, message: str, button: str, action: Callable[[], None]) -> None:
        """Show a message with a button that runs ``action`` (then the bar closes)."""
        self._show("info", message)
        self._action = action
        self.action_button.setText(button)
        self.action_button.show()

    def _act(self) -> None:
        action = self._action
        self.clear()
        if action is not None:
            action()

    def _show(self, kind: str, message: str) -> None:
        self._action = None
        self.action_button.hide()
        self.kind = kind
        self._restyle()
        self.label.setText(message)
        # The colour says error or information; so does the name a screen reader reads.
        self.setAccessibleName(self.tr("Error") if kind == "error" else self.tr("Information"))
        self.show()

    def _restyle(self) -> None:
        """Colour the bar for its kind, against the palette it sits on."""
        if not self.kind:
            return
        # Painted, not styled: a style sheet on the frame would stop its PaletteChange events.
        self._background, text, self._border = message_colours(self.kind, self.palette())
        sheet = f"QLabel {{color:{text.name()};}}"
        if sheet != self.label.styleSheet():
            self.label.setStyleSheet(sheet)
        self.update()

    def changeEvent(self, event: QEvent) -> None:
        """Re-derive the colours when the palette (the colour scheme) changes."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._restyle()

    def paintEvent(self, event: QPaintEvent) -> None:
        """A rounded box in the message's colours."""
        if not self.kind:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self._border, 1))
        painter.setBrush(self._background)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)

    def text(self) -> str:
        """The message shown, or "" when hidden."""
        return self.label.text() if self.kind else ""

    def clear(self) -> None:
        """Hide the banner."""
        self.kind = ""
        self._action = None
        self.action_button.hide()
        self.label.clear()
        self.hide()
