"""Plain data: a product's input columns, a result's packed answer body."""

from __future__ import annotations

import json
import math
import pickle
import tracemalloc

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inventory_gui.core.models import Fields, Result, pack_body, unpack_body
from tests.core.row_fields import as_fields


@pytest.mark.parametrize(
    "value",
    [
        {"id": "a", "quantity": 3},
        [1, 2.5, None, True, "é€😀", "lone \ud800 surrogate"],
        10**400,  # a JSON integer of any size
        {"nested": [[[{"x": {}}]]]},
        "",
        0,
    ],
)
def test_a_packed_body_unpacks_to_the_same_value(value):
    assert unpack_body(pack_body(value)) == value


def test_nan_and_infinity_survive_packing():
    back = unpack_body(pack_body(json.loads('{"q": NaN, "r": Infinity}')))
    assert math.isnan(back["q"])
    assert back["r"] == math.inf


def test_a_large_body_is_compressed_a_small_one_not():
    large = {"items": [{"sku": f"s{i}", "warehouse": "north", "quantity": i} for i in range(200)]}
    assert len(pack_body(large)) < len(pickle.dumps(large, pickle.HIGHEST_PROTOCOL)) / 2
    small = {"id": "a", "quantity": 3}
    assert pack_body(small) == pickle.dumps(small, pickle.HIGHEST_PROTOCOL)


def test_a_body_nested_too_deep_to_pickle_raises_recursion_error():
    deep: list = []
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(RecursionError):
        pack_body(deep)


def test_parsed_response_reads_a_packed_or_a_parsed_body():
    assert Result("a", response={"q": 1}).parsed_response() == {"q": 1}
    assert Result("a", body=pack_body({"q": 2})).parsed_response() == {"q": 2}
    assert Result("a").parsed_response() is None


texts = st.text(st.characters(codec=None), max_size=8)  # lone surrogates and NULs included


@given(st.dictionaries(texts, texts, max_size=5), texts)
def test_fields_read_as_the_dict_of_their_cells(columns, other):
    fields = as_fields(columns)
    assert fields == columns
    assert columns == fields
    assert list(fields) == list(columns)
    assert list(fields.items()) == list(columns.items())
    assert len(fields) == len(columns)
    assert bool(fields) == bool(columns)
    assert [*fields.values()] == [*columns.values()]
    assert fields.get(other) == columns.get(other)
    assert fields.get(other, "-") == columns.get(other, "-")
    assert (other in fields) == (other in columns)
    if other not in columns:
        with pytest.raises(KeyError):
            fields[other]
    assert pickle.loads(pickle.dumps(fields)) == columns
    assert repr(fields) == f"Fields({columns!r})"


def test_fields_cost_about_half_a_dict_per_row():
    names = {"name": 0}
    cells = [f"Product number {i}" for i in range(10_000)]

    def traced(make) -> int:
        tracemalloc.start()
        try:
            kept = [make(cell) for cell in cells]
            size = tracemalloc.get_traced_memory()[0]
            del kept
            return size
        finally:
            tracemalloc.stop()

    as_dicts = traced(lambda cell: {"name": cell})
    as_fields_ = traced(lambda cell: Fields(names, (cell,)))
    assert as_fields_ <= 0.6 * as_dicts, (as_fields_, as_dicts)
