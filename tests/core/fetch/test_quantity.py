"""Quantities: a number, or that row's error quoting what was there; never anything else."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inventory_gui.core.fetch.quantity import QuantityError, extract_quantity, to_number
from inventory_gui.core.settings_schema import DEFAULT_QUANTITY_KEYS
from inventory_gui.core.text import quote_value

# Every value json.loads can give (NaN and infinities included: Python's json reads them).
json_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=10**300, max_value=10**400)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=50)
    | st.from_regex(r"\s*[+-]?[0-9,]{0,8}\.?[0-9]{0,4}(e[+-]?[0-9]{1,4})?[a-z]?\s*", fullmatch=True)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
paths = st.sampled_from([None, "quantity", "stock.available", "items.0.qty", "a.-1", "0"])
paths |= st.text(max_size=12)


def _is_number(value: object) -> bool:
    if type(value) is int:
        return True
    return type(value) is float and math.isfinite(value)


@settings(deadline=None)
@given(json_values)
def test_to_number_gives_a_finite_number_or_none_and_never_raises(value):
    number = to_number(value)
    assert number is None or _is_number(number)


@settings(deadline=None)
@given(json_values, paths)
def test_extract_quantity_gives_a_number_none_or_quantity_error(body, path):
    message = None
    try:
        quantity = extract_quantity(body, path)
    except QuantityError as exc:
        quantity, message = None, str(exc)
    assert quantity is None or _is_number(quantity)
    if message is not None:
        assert "\n" not in message
        assert len(message) <= 120


@settings(deadline=None)
@given(st.sampled_from(DEFAULT_QUANTITY_KEYS), json_values)
def test_a_present_value_that_is_not_a_number_is_an_error(key, value):
    """Under a default key or a named path alike: present and unusable means error."""
    for path in (None, key):
        if value is None:
            assert extract_quantity({key: value}, path) is None
        elif to_number(value) is None:
            with pytest.raises(QuantityError, match=f"field '{key}' is not a number: "):
                extract_quantity({key: value}, path)
        else:
            assert extract_quantity({key: value}, path) == to_number(value)


@pytest.mark.parametrize(
    ("body", "quoted"),
    [
        ('{"quantity": "12abc"}', "'12abc'"),
        ('{"quantity": NaN}', "nan"),
        ('{"quantity": Infinity}', "inf"),
        ('{"quantity": -Infinity}', "-inf"),
        ('{"quantity": 1e400}', "inf"),
        ('{"qty": "1_000"}', "'1_000'"),
        ('{"stock": "nan"}', "'nan'"),
        ('{"available": "Infinity"}', "'Infinity'"),
        ('{"quantity": "\u0663"}', "'\u0663'"),  # an Arabic-Indic three: not ASCII digits
        ('{"quantity": "0x1f"}', "'0x1f'"),
        ('{"quantity": ""}', "''"),
        ('{"quantity": true}', "True"),
        ('{"on_hand": [1]}', "[1]"),
        ('{"quantity": {"n": 1}}', "{'n': 1}"),
    ],
)
def test_unusable_quantities_are_errors_quoting_the_value(body, quoted):
    with pytest.raises(QuantityError) as caught:
        extract_quantity(json.loads(body))
    assert str(caught.value).endswith(f"is not a number: {quoted}")


def test_the_first_default_key_holding_a_number_still_wins():
    assert extract_quantity({"stock": "in stock", "available": 12}) == 12
    assert extract_quantity({"quantity": None, "qty": "3"}) == 3
    with pytest.raises(QuantityError, match="'stock' is not a number: 'in stock'"):
        extract_quantity({"stock": "in stock", "available": "many"})


def test_big_integers_stay_exact():
    huge = int("7" * 400)
    assert extract_quantity(json.loads(f'{{"quantity": {huge}}}')) == huge
    assert to_number(str(huge)) == huge
    assert type(to_number(str(huge))) is int


def test_numeric_text_in_usual_spellings():
    cases = {" 12 ": 12, "-3": -3, "+4": 4, "2.5": 2.5, ".5": 0.5, "1e3": 1000.0, "1,200": 1200}
    assert {text: to_number(text) for text in cases} == cases


def test_quoted_values_are_short_whatever_their_size_or_depth():
    deep: list = []
    node = deep
    for _ in range(5000):  # deeper than repr() can go
        node.append([])
        node = node[0]
    for value in (deep, "x" * 1_000_000, 10**5000, {"k" * 1000: list(range(10_000))}):
        assert len(quote_value(value)) <= 60
    with pytest.raises(QuantityError) as caught:
        extract_quantity({"quantity": deep})
    assert len(str(caught.value)) <= 120
