"""Plain data: a result's packed answer body."""

from __future__ import annotations

import json
import math
import pickle

import pytest

from inventory_gui.core.models import Result, pack_body, unpack_body


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
