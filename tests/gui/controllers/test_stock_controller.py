"""The stock controller's pieces that work on rows in slices."""

from __future__ import annotations

from inventory_gui.core.models import Result
from inventory_gui.core.stock import Stock, StockRules
from inventory_gui.gui.controllers.stock_controller import SLICE_ROWS, stock_by_id


def test_stock_before_a_run_is_read_in_slices_letting_go_of_each_row(run):
    rules = StockRules(low_threshold=1)
    rows: list[Result | None] = [
        Result(f"p{i}", "ok", 200, i % 3) for i in range(3 * SLICE_ROWS + 7)
    ]
    rows[5] = Result("waiting")  # pending: no stock before the run
    expected = {r.id: rules.status(r) for r in rows if r is not None and r.id != "waiting"}
    before = run(stock_by_id(rows, rules.status))
    assert before == expected
    assert {before["p0"], before["p1"], before["p2"]} == {Stock.OUT, Stock.LOW, Stock.IN_STOCK}
    # The rows a run replaces are not held to its end by this copy.
    assert rows == [None] * (3 * SLICE_ROWS + 7)
