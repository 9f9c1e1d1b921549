"""An inline message banner above the table (no modal dialogs for ordinary problems)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

# (background, text, border) for a light and for a dark palette.
_COLOURS = {
    ("error", False): ("#fde8e7", "#8a1c16", "#e9a19d"),
    ("info", False): ("#e7f1fd", "#123d6b", "#9dc1e9"),
    ("error", True): ("#4a1f1d", "#ffd7d4", "#8a3a35"),
    ("info", True): ("#1d3349", "#d6e8ff", "#3b6591"),
}


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
        close.setToolTip("Dismiss")
        close.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.action_button)
        layout.addWidget(close)
        self.kind = ""
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
        dark = self.palette().window().color().lightness() < 128
        background, text, border = _COLOURS[kind, dark]
        self.setStyleSheet(
            f"#messageBar {{background:{background}; border:1px solid {border};"
            f" border-radius:4px;}} QLabel {{border:none; background:transparent; color:{text};}}"
        )
        self.label.setText(message)
        self.show()

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
