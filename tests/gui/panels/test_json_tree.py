"""The JSON tree of the Test dialog: types, paths, and bounds on huge or deep answers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidgetItem, QTreeWidgetItemIterator

from inventory_gui.gui.panels.json_tree import (
    MAX_DEPTH,
    MAX_NODES,
    MAX_TEXT,
    PATH_ROLE,
    JsonTree,
    child_path,
)


def _items(tree: JsonTree) -> list:
    found, it = [], QTreeWidgetItemIterator(tree)
    while it.value():
        found.append(it.value())
        it += 1
    return found


def item_at_path(tree: JsonTree, path: str) -> QTreeWidgetItem | None:
    """The node the tree gives the dotted ``path`` (what a double click offers), or None."""
    return next((i for i in _items(tree) if i.data(0, PATH_ROLE) == path), None)


def test_nodes_show_type_value_and_their_dotted_path(qtbot):
    tree = JsonTree()
    qtbot.addWidget(tree)
    tree.show_value({"a": {"b": [1, "x", None, True]}, "odd.key": 2, "": 3})
    assert [(i.text(0), i.text(1), i.text(2)) for i in _items(tree)[3:7]] == [
        ("0", "1", "number"), ("1", "x", "string"), ("2", "null", "null"), ("3", "true", "boolean"),
    ]  # fmt: skip
    assert item_at_path(tree, "a.b.1").text(1) == "x"
    assert item_at_path(tree, "odd.key") is None  # not expressible as a dotted path
    assert child_path("a", "b.c") is None
    assert child_path("", 0) == "0"


def test_huge_and_deep_answers_are_bounded(qtbot):
    tree = JsonTree()
    qtbot.addWidget(tree)
    tree.show_value({"items": list(range(50_000)), "text": "y" * 10_000})
    items = _items(tree)
    assert len(items) <= MAX_NODES + 5
    assert any(i.text(1).endswith("more not shown") for i in items)
    deep: object = 1
    for _ in range(500):
        deep = [deep]
    tree.show_value({"deep": deep})
    texts = [i.text(1) for i in _items(tree)]
    assert f"deeper than {MAX_DEPTH} levels: not shown" in texts
    tree.show_value("z" * 10_000)
    assert len(tree.topLevelItem(0).text(1)) == MAX_TEXT


def test_double_click_on_a_leaf_offers_it_as_the_quantity_field(qtbot):
    tree = JsonTree()
    qtbot.addWidget(tree)
    tree.show_value({"stock": {"available": 4}})
    tree.show()
    node = item_at_path(tree, "stock.available")
    where = tree.visualItemRect(node).center()
    with qtbot.waitSignal(tree.quantityChosen) as chosen:
        qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=where)
        qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert chosen.args == ["stock.available"]
