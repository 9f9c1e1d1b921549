"""A batch's answer split back onto its rows, against a plain model of the rule."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from inventory_gui.core.fetch.batches import NOT_FOUND_STATUS, split_back
from inventory_gui.core.fetch.settings import FetchSettings, _request_parts
from inventory_gui.core.models import Result

PARTS = _request_parts(
    FetchSettings(
        "http://api.test/batch",
        method="POST",
        body='{"ids": {ids}}',
        batch_size=100,
        items="counts",
        quantity_field="quantity",
    )
)
IDS = ["a", "b", "7", "c"]
record_id = st.sampled_from([*IDS, 7, 7.0, True, None, "zz"])  # 7 and 7.0 name "7"
record = st.one_of(
    st.builds(lambda i, q: {"id": i, "quantity": q}, record_id, st.integers(-5, 10**30)),
    st.builds(lambda q: {"quantity": q}, st.integers(0, 9)),  # no ID: belongs to no row
    st.none(),
)


def id_text(value: Any) -> str | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float):
        return str(int(value))
    return str(value)


@given(st.lists(record, max_size=12))
def test_each_row_gets_its_records_in_order_summed_or_not_found(records):
    rows = [Result(id=pid) for pid in IDS]
    errors = split_back({"counts": records}, rows, PARTS)
    for row, error in zip(rows, errors, strict=True):
        mine = [r for r in records if isinstance(r, dict) and id_text(r.get("id")) == row.id]
        if not mine:
            assert str(error).startswith("not found")
            assert row.http_status == NOT_FOUND_STATUS
            continue
        assert error is None
        assert row.response == (mine[0] if len(mine) == 1 else mine)
        assert row.quantity == sum(r["quantity"] for r in mine)
