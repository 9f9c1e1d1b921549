"""The table's rows built off the GUI thread."""

from __future__ import annotations

from inventory_gui.core.models import Product
from inventory_gui.gui.table.rows import prepare_rows


def test_prepared_rows_count_their_positions_up_across_steps():
    products = [Product(f"p{i}") for i in range(70_000)]  # more than one step of 65,536
    prepared = prepare_rows(products, [])
    assert list(prepared.positions) == list(range(70_000))
    assert prepare_rows([], []).positions.tolist() == []
