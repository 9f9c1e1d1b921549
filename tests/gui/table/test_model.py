"""The results model on its own: input order and resetting rows to pending."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from inventory_gui.core.models import Product, Result
from inventory_gui.gui.table import model as model_module
from inventory_gui.gui.table.columns import QUANTITY_COLUMN, STATUS_COLUMN
from inventory_gui.gui.table.model import ResultRole, ResultsModel

pytestmark = pytest.mark.usefixtures("each_index_kind")


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
    assert model.fields_of("p9") == {"name": "n9"}
    assert model.fields_of("nope") == {}
    model.mark_pending(["p9"])  # a row read pending again is its product's, wherever it is
    shown = [model.index(r, 0).data(ResultRole) for r in range(50)]
    assert [r for r in shown if r.status == "pending"] == [
        Result.pending(Product("p9", {"name": "n9"}))
    ]


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


def test_rows_marked_pending_read_pending_everywhere_until_their_new_result(qapp):
    model = loaded(qapp, 6)
    model.apply([done(f"p{i}", 10 + i) for i in range(6)])
    model.apply([Result("p5", "error", 500, error="boom")])
    model.mark_pending(["p1", "p2", "p5"])
    status = model.index(1, STATUS_COLUMN)
    assert model.data(status) == "Pending"
    assert [r.status for r in model.snapshot()] == [
        "ok",
        "pending",
        "pending",
        "ok",
        "ok",
        "pending",
    ]
    assert model.failed_ids() == []  # p5 is being fetched again: no longer failed
    model.apply([done("p2", 99)])  # a new result is never replaced by the old mark
    model.sort(QUANTITY_COLUMN, Qt.SortOrder.DescendingOrder)
    assert [(r.id, r.status) for r in (model.index(i, 0).data(ResultRole) for i in range(6))][
        :1
    ] == [("p2", "ok")]
    assert [(r.id, r.quantity) for r in model.results()] == [
        ("p0", 10), ("p1", None), ("p2", 99), ("p3", 13), ("p4", 14), ("p5", None)
    ]  # fmt: skip
    assert model.results()[1].fields == {"name": "n1"}  # a pending row keeps its columns


def test_marking_a_long_list_pending_makes_only_the_rows_read_pending(qapp, monkeypatch):
    model = loaded(qapp, 1000)
    model.apply([done(f"p{i}", i) for i in range(1000)])
    made: list[str] = []
    pending = Result.pending
    monkeypatch.setattr(
        Result, "pending", lambda product: made.append(product.id) or pending(product)
    )
    model.mark_pending(f"p{i}" for i in range(1000))  # Fetch on a fetched list: no freeze
    assert made == []
    assert model.index(7, 0).data(ResultRole).status == "pending"
    model.apply([done(f"p{i}", -i) for i in range(1000)])  # the run's results come
    assert made == ["p7"]


def test_marking_every_row_pending_by_none_looks_up_no_id(qapp, monkeypatch):
    model = loaded(qapp, 40)
    model.apply([done(f"p{i}", i) for i in range(40)])
    model.sort(QUANTITY_COLUMN, Qt.SortOrder.DescendingOrder)
    changes: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda first, last, *_: changes.append((first.row(), last.row())))
    monkeypatch.setattr(model, "_row_index", None)  # any lookup by ID would raise
    model.mark_pending(None)
    assert changes == [(0, 39)]  # one signal for the whole list
    shown = [model.index(r, 0).data(ResultRole) for r in range(40)]
    assert {r.status for r in shown} == {"pending"}
    assert sorted(r.fields["name"] for r in shown) == sorted(f"n{i}" for i in range(40))


def test_a_long_list_is_shown_in_slices_and_every_method_covers_all_its_rows(
    qapp, qtbot, qtmodeltester, monkeypatch
):
    monkeypatch.setattr(model_module, "SHOW_SLICE", 40)
    model = ResultsModel()
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    model.set_products([Product(f"p{i}") for i in range(100)])
    assert model.rowCount() == 40  # the reset shows one slice
    assert model.showing
    model.apply([done("p99", 5)])  # a row the views do not know of yet: kept all the same
    assert model.results()[99].quantity == 5
    assert [p.id for p in model.products()][-1] == "p99"
    qtbot.waitUntil(lambda: not model.showing)
    assert inserted == [(40, 79), (80, 99)]  # the rest, a slice per turn of the loop
    assert model.index(99, QUANTITY_COLUMN).data() == "5"
    qtmodeltester.check(model)


def test_sorting_while_a_long_list_is_shown_sorts_and_shows_every_row(qapp, monkeypatch):
    monkeypatch.setattr(model_module, "SHOW_SLICE", 40)
    model = loaded(qapp, 100)
    model.apply([done("p77", 9)])
    model.sort(QUANTITY_COLUMN, Qt.SortOrder.DescendingOrder)
    assert not model.showing
    assert model.rowCount() == 100
    assert model.index(0, 0).data(ResultRole).id == "p77"


def test_an_edit_while_a_long_list_is_shown_shows_every_row_first(qapp, monkeypatch):
    monkeypatch.setattr(model_module, "SHOW_SLICE", 40)
    model = loaded(qapp, 100)
    assert model.showing
    assert model.replace_rows(98, ["p98", "p99"], [Product("q98")]) is not None
    assert not model.showing
    assert model.rowCount() == 99
    assert model.index(98, 0).data(ResultRole).id == "q98"


def test_the_indexes_by_id_are_of_the_kind_the_list_calls_for(qapp, each_index_kind):
    model = loaded(qapp, 5)
    kind = {"plain": "PlainIndex", "sharded": "ShardedDict"}[each_index_kind]
    assert type(model._row_of).__name__ == kind
    model.sort(QUANTITY_COLUMN, Qt.SortOrder.DescendingOrder)  # the row index is made anew
    assert type(model._row_of).__name__ == kind
    assert [model._row_of[f"p{i}"] for i in range(5)] == [
        next(r for r in range(5) if model.index(r, 0).data(ResultRole).id == f"p{i}")
        for i in range(5)
    ]
