"""A JSON answer as a tree: key, value and type per node, each node's path kept.

A node's path is the dotted path the quantity field and the extra fields take
(``counts.0.quantity``).  Double-clicking a node, or its context menu, offers
it as the quantity field or as an extra field.  Large answers are bounded: at
most :data:`MAX_NODES` nodes and :data:`MAX_DEPTH` levels are shown, long
texts are cut; what is left out is said in the tree.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import QMenu, QTreeWidget, QTreeWidgetItem, QWidget

from inventory_gui.gui.i18n import PLURALS

MAX_NODES = 2000
MAX_DEPTH = 30
MAX_TEXT = 200
PATH_ROLE = Qt.ItemDataRole.UserRole


def json_type(value: Any) -> str:
    """The JSON type name of a parsed value: object, array, string, number..."""
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "array"
    if isinstance(value, str):
        return "string"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return "null" if value is None else type(value).__name__


def child_path(parent: str | None, key: str | int) -> str | None:
    """The dotted path of ``key`` under ``parent``; None where a key cannot be
    written in a dotted path (it is empty or holds a dot)."""
    text = str(key)
    if parent is None or not text or "." in text:
        return None
    return f"{parent}.{text}" if parent else text


class JsonTree(QTreeWidget):
    """Shows a parsed JSON value; offers its nodes as fields.

    Signals:
        quantityChosen(str): use this path as the quantity field.
        extraChosen(str): add this path as an extra field.
    """

    quantityChosen = Signal(str)
    extraChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("jsonTree")
        self.setColumnCount(3)
        self.setHeaderLabels([self.tr("Key"), self.tr("Value"), self.tr("Type")])
        self.setAccessibleName(self.tr("The API's answer"))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.itemDoubleClicked.connect(self._double_clicked)
        self.menu: QMenu | None = None  # the context menu on screen, if any
        self._budget = 0

    def show_value(self, value: Any) -> None:
        """Show ``value`` (a parsed JSON body), the top levels expanded."""
        self.clear()
        self._budget = MAX_NODES
        root = QTreeWidgetItem(self, [self.tr("(answer)"), "", json_type(value)])
        root.setData(0, PATH_ROLE, None)
        self._fill(root, value, "", 0)
        self.expandToDepth(1)
        self.resizeColumnToContents(0)

    def _fill(self, item: QTreeWidgetItem, value: Any, path: str | None, depth: int) -> None:
        children = (
            list(value.items()) if isinstance(value, dict)
            else list(enumerate(value)) if isinstance(value, list)
            else None
        )  # fmt: skip
        if children is None:
            text = (
                "null"
                if value is None
                else str(value).lower()
                if isinstance(value, bool)
                else str(value)
            )
            item.setText(1, text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…")
            return
        count = PLURALS.json_keys if isinstance(value, dict) else PLURALS.json_items
        item.setText(1, count(len(children)))
        if depth >= MAX_DEPTH:
            deeper = self.tr("deeper than {0} levels: not shown").format(MAX_DEPTH)
            QTreeWidgetItem(item, ["…", deeper, ""])
            return
        for shown, (key, child) in enumerate(children):
            if self._budget <= 0:
                left = len(children) - shown
                more = self.tr("{0} more not shown").format(left)
                QTreeWidgetItem(item, ["…", more, ""])
                return
            self._budget -= 1
            node = QTreeWidgetItem(item, [str(key), "", json_type(child)])
            node_path = child_path(path, key)
            node.setData(0, PATH_ROLE, node_path)
            self._fill(node, child, node_path, depth + 1)

    def _double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        path = item.data(0, PATH_ROLE)
        if path and item.childCount() == 0:
            self.quantityChosen.emit(path)

    def _menu(self, pos: QPoint) -> None:
        item = self.itemAt(pos)
        path = item.data(0, PATH_ROLE) if item is not None else None
        if not path:
            return
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        use = menu.addAction(self.tr("Use {0} as the quantity field").format(path))
        use.setObjectName("useAsQuantityAction")
        use.triggered.connect(lambda: self.quantityChosen.emit(path))
        extra = menu.addAction(self.tr("Add {0} as an extra field").format(path))
        extra.setObjectName("addAsExtraAction")
        extra.triggered.connect(lambda: self.extraChosen.emit(path))
        self.menu = menu
        menu.popup(self.viewport().mapToGlobal(pos))
