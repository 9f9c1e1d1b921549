"""ShardedDict and ShardedSet behave as a dict and a set (but for iteration order)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inventory_gui.core.sharded_dict import SHARDS, ShardedDict, ShardedSet

# Small ints and short strings, so that keys repeat and collide in a shard (0, 256, ...).
keys = st.one_of(st.integers(-3 * SHARDS, 3 * SHARDS), st.text(max_size=3))
operations = st.lists(
    st.tuples(st.sampled_from(["set", "del", "get", "in", "pop"]), keys, st.integers()),
    max_size=200,
)


@given(st.lists(st.tuples(keys, st.integers()), max_size=100), operations)
def test_every_operation_answers_as_a_dict_does(pairs, steps) -> None:
    sharded, plain = ShardedDict(pairs), dict(pairs)
    for operation, key, value in steps:
        if operation == "set":
            sharded[key] = plain[key] = value
        elif operation == "del" and key in plain:
            del sharded[key], plain[key]
        elif operation == "get":
            assert sharded.get(key) == plain.get(key)
            assert sharded.get(key, value) == plain.get(key, value)
        elif operation == "in":
            assert (key in sharded) == (key in plain)
        elif operation == "pop":
            assert sharded.pop(key, None) == plain.pop(key, None)
    assert len(sharded) == len(plain)
    assert dict(sharded.items()) == plain
    assert sorted(map(repr, sharded)) == sorted(map(repr, plain))


@given(st.lists(st.tuples(keys, st.integers()), max_size=100), st.lists(keys, max_size=100))
def test_update_pairs_sets_the_last_value_of_each_key(first, more) -> None:
    sharded, plain = ShardedDict(first), dict(first)
    added = [(key, index) for index, key in enumerate(more)]
    sharded.update_pairs(added)
    plain.update(added)
    assert dict(sharded.items()) == plain


@given(st.lists(keys, max_size=60), st.lists(keys, max_size=60))
def test_has_exactly_the_keys_given_repeats_or_not(held, asked) -> None:
    sharded = ShardedDict((key, None) for key in held)
    assert sharded.has_exactly(asked) == (set(held) == set(asked))
    assert sharded.has_exactly([*held, *held])


def test_a_missing_key_raises_key_error_naming_it() -> None:
    with pytest.raises(KeyError) as raised:
        ShardedDict([("a", 1)])["b"]
    assert raised.value.args == ("b",)


@given(st.lists(keys, max_size=200))
def test_the_set_adds_each_item_once_and_says_when_it_was_there(items) -> None:
    sharded, plain = ShardedSet(), set()
    for item in items:
        assert sharded.add(item) == (item not in plain)
        plain.add(item)
    assert len(sharded) == len(plain)
    assert set(sharded) == plain
    assert all(item in sharded for item in plain)
    assert set(ShardedSet(items)) == plain
