"""The window's actions: one QAction each, with shortcut, tooltip and button."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStyle, QToolButton, QWidget


@dataclass(frozen=True, slots=True)
class ActionSpec:
    """What an action looks like; ``button`` is the objectName of its button, if any."""

    text: str
    tooltip: str
    shortcut: str | QKeySequence.StandardKey | None = None
    icon: QStyle.StandardPixmap | None = None
    button: str | None = None


SP = QStyle.StandardPixmap
SPECS: dict[str, ActionSpec] = {
    "open": ActionSpec(
        "&Open…",
        "Open a product list (CSV, TSV, TXT, JSON, XLSX)",
        "Ctrl+O",
        SP.SP_DialogOpenButton,
    ),
    "fetch": ActionSpec(
        "&Fetch all",
        "Fetch every product in the list",
        "F5",
        SP.SP_MediaPlay,
        "fetchButton",
    ),
    "cancel": ActionSpec(
        "&Cancel",
        "Stop the run: finished rows stay, the rest read cancelled",
        "Esc",
        SP.SP_MediaStop,
        "cancelButton",
    ),
    "refresh_selected": ActionSpec(
        "Refresh &selected",
        "Fetch the selected rows again; the others keep their results",
        "Ctrl+R",
        SP.SP_BrowserReload,
        "refreshSelectedButton",
    ),
    "retry_failed": ActionSpec(
        "&Retry failed",
        "Fetch again only the rows that ended in error or were cancelled",
        "Ctrl+Shift+R",
        SP.SP_DialogRetryButton,
        "retryFailedButton",
    ),
    "export": ActionSpec(
        "&Export…",
        "Export all rows to CSV, JSON or XLSX",
        "Ctrl+E",
        SP.SP_DialogSaveButton,
        "exportButton",
    ),
    "quit": ActionSpec(
        "&Quit", "Quit (cancels a running fetch first)", QKeySequence.StandardKey.Quit
    ),
    "find": ActionSpec("&Filter rows", "Jump to the filter box", QKeySequence.StandardKey.Find),
    # Active while the table has focus: text boxes keep their own Ctrl+C.
    "copy_rows": ActionSpec(
        "&Copy rows",
        "Copy the selected rows as tab-separated text with a header line",
        QKeySequence.StandardKey.Copy,
    ),
}


def build_actions(owner: QWidget) -> dict[str, QAction]:
    """Create every action in :data:`SPECS`, owned by ``owner``."""
    actions: dict[str, QAction] = {}
    style = owner.style()
    for name, spec in SPECS.items():
        action = QAction(spec.text, owner)
        action.setObjectName(f"{name}Action")
        tip = spec.tooltip
        if spec.shortcut is not None:
            action.setShortcut(QKeySequence(spec.shortcut))
            shown = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            tip = f"{tip} ({shown})" if shown else tip
        action.setToolTip(tip)
        action.setStatusTip(spec.tooltip)
        if spec.icon is not None:
            action.setIcon(style.standardIcon(spec.icon))
        actions[name] = action
    return actions


def make_button(action: QAction, parent: QWidget) -> QToolButton:
    """A text-beside-icon button that triggers ``action`` and follows its state."""
    button = QToolButton(parent)
    button.setDefaultAction(action)
    button.setToolButtonStyle(button.toolButtonStyle().ToolButtonTextBesideIcon)
    button.setAutoRaise(False)
    name = next(
        (spec.button for key, spec in SPECS.items() if f"{key}Action" == action.objectName()),
        None,
    )
    if name:
        button.setObjectName(name)
    return button
