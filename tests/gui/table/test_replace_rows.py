"""ResultsModel.replace_rows: an edit's rows change in place, never a model reset."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from inventory_gui.core.models import Product, Result
from inventory_gui.gui.table.columns import POSITION_COLUMN, QUANTITY_COLUMN
from inventory_gui.gui.table.model import ResultRole, ResultsModel

pytestmark = pytest.mark.usefixtures("each_index_kind")


def loaded(count: int) -> ResultsModel:
    model = ResultsModel()
    model.set_products([Product(f"p{i}") for i in range(count)])
    return model


def done(pid: str, quantity: int) -> Result:
    return Result(pid, "ok", 200, quantity, 1.0, 1, None, "2024-01-01T00:00:00.000Z")


def shown(model: ResultsModel) -> list[str]:
    return [model.index(r, 0).data(ResultRole).id for r in range(model.rowCount())]


def signals(model: ResultsModel) -> list[tuple[str, int, int]]:
    seen: list[tuple[str, int, int]] = []
    model.rowsInserted.connect(lambda _p, first, last: seen.append(("inserted", first, last)))
    model.rowsRemoved.connect(lambda _p, first, last: seen.append(("removed", first, last)))
    model.dataChanged.connect(lambda a, b, *_: seen.append(("changed", a.row(), b.row())))
    model.modelReset.connect(lambda: seen.append(("reset", 0, 0)))
    return seen


def test_rows_are_inserted_removed_or_changed_and_results_kept(qapp):
    model = loaded(6)
    model.apply([done("p2", 7), done("p4", 9)])
    seen = signals(model)
    assert model.replace_rows(2, [], [Product("new"), Product("new2")])
    assert model.replace_rows(5, ["p3"], [])
    assert model.replace_rows(0, ["p0"], [Product("zero")])
    assert seen == [("inserted", 2, 3), ("removed", 5, 5), ("changed", 0, 0)]
    assert shown(model) == ["zero", "p1", "new", "new2", "p2", "p4", "p5"]
    assert model.index(4, QUANTITY_COLUMN).data() == "7"  # p2 kept its result
    assert model.index(3, POSITION_COLUMN).data() == "4"
    assert [p.id for p in model.products()] == shown(model)  # input order, amid edits too
    model.apply([done("new2", 3), done("p5", 4)])
    assert model.index(3, QUANTITY_COLUMN).data() == "3"  # its row is known by its ID
    assert model.index(6, QUANTITY_COLUMN).data() == "4"  # and rows after it renumbered
    # An ID moved within one replacement keeps its result too.
    assert model.replace_rows(4, ["p2", "p4"], [Product("p4"), Product("p2")])
    assert model.index(4, QUANTITY_COLUMN).data() == "9"


def test_rows_after_edits_amid_a_long_list_are_renumbered_before_they_are_read(qapp):
    model = loaded(50_000)
    model.replace_rows(10, [], [Product("new")])  # 49,990 rows move down one
    model.replace_rows(20_000, ["p19999"], [])
    # Renumbered a slice per turn of the event loop, or (here) all at once when read.
    model.apply([done("p49999", 7), done("p20000", 8)])
    assert model.index(49_999, QUANTITY_COLUMN).data() == "7"
    assert model.index(20_000, QUANTITY_COLUMN).data() == "8"
    assert model.index(49_999, POSITION_COLUMN).data() == "50000"


def test_rows_holding_other_ids_or_sorted_are_left_alone(qapp):
    model = loaded(5)
    seen = signals(model)
    assert not model.replace_rows(1, ["p2"], [Product("x")])  # row 1 holds p1
    assert not model.replace_rows(4, ["p4", "p5"], [])  # past the end
    assert not model.replace_rows(0, [], [Product("p3")])  # p3 is in another row
    model.apply([done(f"p{i}", 5 - i) for i in range(5)])
    model.sort(QUANTITY_COLUMN, Qt.SortOrder.AscendingOrder)
    assert not model.replace_rows(0, ["p4"], [])  # rows out of input order
    model.sort(POSITION_COLUMN, Qt.SortOrder.AscendingOrder)
    assert model.replace_rows(0, ["p0"], [])
    assert [s[0] for s in seen if s[0] != "changed"] == ["removed"]
