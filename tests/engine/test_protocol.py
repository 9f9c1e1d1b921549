"""How products and results cross the window <-> worker socket (no process needed).

Whatever text they hold crosses both ways unchanged; IDs travel as one string;
an unpacked result shares its product's ID and input columns.
"""

from __future__ import annotations

import pickle
import tracemalloc
from multiprocessing.reduction import ForkingPickler

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from inventory_gui.core.models import Product, Result
from inventory_gui.engine.protocol import (
    PackedProducts,
    pack_products,
    pack_result,
    unpack_result,
)

ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=12)  # lone surrogates too
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | ANY_TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(ANY_TEXT, inner, max_size=4),
    max_leaves=20,
)


@hypothesis_settings(deadline=None)
@given(
    ids=st.lists(ANY_TEXT, max_size=20),
    column=st.sampled_from([None, "store"]),
    value=ANY_TEXT,
    response=JSON_VALUES,
)
def test_any_text_crosses_the_socket_both_ways(ids, column, value, response):
    products = [Product(i, {"store": value, "name": value}) for i in ids]
    packed = pack_products(products, [column] if column else [])
    received = PackedProducts(ForkingPickler.loads(ForkingPickler.dumps(("run", 1, packed)))[2])
    assert [p.id for p in received] == ids
    assert all(p.fields == ({column: value} if column else {}) for p in received)
    for product in products[:3]:
        result = Result(product.id, "ok", 200, 1, 1.0, 1, None, "t", response=response)
        message = ForkingPickler.dumps(("results", 1, [(0, pack_result(result))], 4))
        back = unpack_result(ForkingPickler.loads(message)[2][0][1], product)
        assert back.id is product.id
        assert back.fields is product.fields
        assert back.response is None  # the window keeps it packed until it shows it
        assert repr(back.parsed_response()) == repr(response)  # NaN != NaN: compare as text


def test_ids_cross_to_the_worker_as_one_string_whatever_they_hold():
    ids = ["a", "b/c", "é€😀", "line\nbreak", "x\x1fy", "sku000001", "."]
    packed = pickle.loads(pickle.dumps(pack_products([Product(i) for i in ids], [])))
    products = PackedProducts(packed)
    assert len(products) == len(ids)
    assert [p.id for p in products] == ids
    assert products[-1].id == "."
    assert products[0].fields == {}
    with pytest.raises(IndexError):
        products[len(ids)]
    assert len(PackedProducts(pack_products([], []))) == 0


def test_a_template_naming_only_the_id_sends_ids_alone():
    # Its placeholders are ("id",): not a column, so no (id, {}) tuple per product,
    # which cost the worker some 200 bytes a product for the whole run.
    products = [Product(f"p{i}", {"name": f"n{i}"}) for i in range(3)]
    for placeholders in [("id",), ("ids",), ("id", "ids")]:
        assert pack_products(products, placeholders) == pack_products(products, ())
    assert pack_products(products, ("id", "name"))[1] == ("p1", {"name": "n1"})


def test_sending_a_large_run_does_not_memoize_every_id():
    # A list of 100,000 strings pickled with a memo entry each: 7.5 MB traced
    # for a 1.2 MB message.
    packed = pack_products([Product(f"sku{i:06d}") for i in range(100_000)], [])
    tracemalloc.start()
    try:
        message = ForkingPickler.dumps(("run", 1, packed))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2 * len(message)
