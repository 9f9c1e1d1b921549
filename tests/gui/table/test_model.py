"""The results model on its own: input order and resetting rows to pending."""

from __future__ import annotations

from PySide6.QtCore import Qt

from inventory_gui.core.models import Product, Result
from inventory_gui.gui.table.columns import QUANTITY_COLUMN
from inventory_gui.gui.table.model import ResultRole, ResultsModel


def loaded(qapp, count: int) -> ResultsModel:
    model = ResultsModel()
    model.set_products([Product(f"p{i}", {"name": f"n{i}"}) for i in range(count)], ["name"])
    return model


def done(pid: str, quantity: int) -> Result:
    return Result(pid, "ok", 200, quantity, 1.0, 1, None, "2024-01-01T00:00:00.000Z")


def test_products_stay_in_input_order_however_the_rows_are_sorted(qapp):
    model = loaded(qapp, 50)
    model.apply([done(f"p{i}", (i * 37) % 11) for i in range(50)])
    model.sort(QUANTITY_COLUMN, Qt.SortOrder.DescendingOrder)
    assert [model.index(r, 0).data(ResultRole).id for r in range(50)] != [
        f"p{i}" for i in range(50)
    ]
    assert [p.id for p in model.products()] == [f"p{i}" for i in range(50)]
    assert [p.fields for p in model.products()][7] == {"name": "n7"}
    assert [p.id for p in model.products(["p9", "p2", "nope"])] == ["p9", "p2"]


def test_mark_pending_resets_finished_rows_and_leaves_a_fresh_list_alone(qapp, qtbot):
    model = loaded(qapp, 30)
    changes: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda first, last, *_: changes.append((first.row(), last.row())))
    model.mark_pending(f"p{i}" for i in range(30))
    assert changes == []  # every row is pending already
    model.apply([done("p3", 5), done("p20", 6)])
    changes.clear()
    model.mark_pending(["p3", "p20", "p21"])
    assert changes == [(3, 20)]  # one signal for the batch
    assert {model.index(r, 0).data(ResultRole).status for r in range(30)} == {"pending"}
    assert model.index(3, 0).data(ResultRole).fields == {"name": "n3"}
