"""The window's actions: one QAction each, with shortcut, tooltip and button."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QStyle, QToolButton, QWidget


@dataclass(frozen=True, slots=True)
class ActionSpec:
    """What an action looks like; ``button`` is the objectName of its button, if any.

    ``text`` and ``tooltip`` are English source texts, marked for ``pyside6-lupdate``
    (context "Actions") and translated when the action is built.
    """

    text: str
    tooltip: str
    shortcut: str | QKeySequence.StandardKey | None = None
    icon: QStyle.StandardPixmap | None = None
    button: str | None = None


SP = QStyle.StandardPixmap
SPECS: dict[str, ActionSpec] = {
    "open": ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "&Open…"),
        QT_TRANSLATE_NOOP("Actions", "Open a product list (CSV, TSV, TXT, JSON, XLSX)"),
        "Ctrl+O",
        SP.SP_DialogOpenButton,
    ),
    "fetch": ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "&Fetch all"),
        QT_TRANSLATE_NOOP("Actions", "Fetch every product in the list"),
        "F5",
        SP.SP_MediaPlay,
        "fetchButton",
    ),
    "cancel": ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "&Cancel"),
        QT_TRANSLATE_NOOP("Actions", "Stop the run: finished rows stay, the rest read cancelled"),
        "Esc",
        SP.SP_MediaStop,
        "cancelButton",
    ),
    "refresh_selected": ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "Refresh &selected"),
        QT_TRANSLATE_NOOP(
            "Actions", "Fetch the selected rows again; the others keep their results"
        ),
        "Ctrl+R",
        SP.SP_BrowserReload,
        "refreshSelectedButton",
    ),
    "retry_failed": ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "&Retry failed"),
        QT_TRANSLATE_NOOP(
            "Actions", "Fetch again only the rows that ended in error or were cancelled"
        ),
        "Ctrl+Shift+R",
        SP.SP_DialogRetryButton,
        "retryFailedButton",
    ),
    "export": ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "&Export…"),
        QT_TRANSLATE_NOOP("Actions", "Export all rows to CSV, JSON or XLSX"),
        "Ctrl+E",
        SP.SP_DialogSaveButton,
        "exportButton",
    ),
    "quit": ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "&Quit"),
        QT_TRANSLATE_NOOP("Actions", "Quit (cancels a running fetch first)"),
        QKeySequence.StandardKey.Quit,
    ),
    "find": ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "&Filter rows"),
        QT_TRANSLATE_NOOP("Actions", "Jump to the filter box"),
        QKeySequence.StandardKey.Find,
    ),
    # Active while the table has focus: text boxes keep their own Ctrl+C.
    "copy_rows": ActionSpec(
        QT_TRANSLATE_NOOP("Actions", "&Copy rows"),
        QT_TRANSLATE_NOOP(
            "Actions", "Copy the selected rows as tab-separated text with a header line"
        ),
        QKeySequence.StandardKey.Copy,
    ),
}


def build_actions(owner: QWidget) -> dict[str, QAction]:
    """Create every action in :data:`SPECS`, owned by ``owner``."""
    actions: dict[str, QAction] = {}
    style = owner.style()
    for name, spec in SPECS.items():
        action = QAction(_translate(spec.text), owner)
        action.setObjectName(f"{name}Action")
        tip = _translate(spec.tooltip)
        if spec.shortcut is not None:
            action.setShortcut(QKeySequence(spec.shortcut))
            shown = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            tip = f"{tip} ({shown})" if shown else tip
        action.setToolTip(tip)
        action.setStatusTip(_translate(spec.tooltip))
        if spec.icon is not None:
            action.setIcon(style.standardIcon(spec.icon))
        actions[name] = action
    return actions


def _translate(text: str) -> str:
    return QCoreApplication.translate("Actions", text)


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
