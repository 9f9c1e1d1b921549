"""The indexes by ID: ShardedDict and ShardedSet behave as a dict and a set (but for
iteration order), and PlainIndex has ShardedDict's own methods."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inventory_gui.core.id_index import (
    SHARDED_FROM,
    SHARDS,
    PlainIndex,
    ShardedDict,
    ShardedSet,
    new_id_set,
    new_index,
)

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


@given(
    st.sampled_from([ShardedDict, PlainIndex]),
    st.lists(st.tuples(keys, st.integers()), max_size=100),
    st.lists(keys, max_size=100),
)
def test_update_pairs_sets_the_last_value_of_each_key(kind, first, more) -> None:
    index, plain = kind(first), dict(first)
    added = [(key, position) for position, key in enumerate(more)]
    index.update_pairs(added)
    plain.update(added)
    assert dict(index.items()) == plain


@given(
    st.sampled_from([ShardedDict, PlainIndex]),
    st.lists(keys, max_size=60),
    st.lists(keys, max_size=60),
)
def test_has_exactly_the_keys_given_repeats_or_not(kind, held, asked) -> None:
    index = kind((key, None) for key in held)
    assert index.has_exactly(asked) == (set(held) == set(asked))
    assert index.has_exactly([*held, *held])


def test_a_missing_key_raises_key_error_naming_it() -> None:
    with pytest.raises(KeyError) as raised:
        ShardedDict([("a", 1)])["b"]
    assert raised.value.args == ("b",)


@given(st.lists(keys, max_size=200), st.lists(keys, max_size=50))
def test_the_set_holds_what_was_added_and_nothing_else(items, others) -> None:
    sharded = ShardedSet()
    for item in items:
        sharded.add(item)
    assert all(item in sharded for item in items)
    assert all((other in sharded) == (other in items) for other in others)
    sharded.clear()
    assert not any(item in sharded for item in items)


def test_only_large_indexes_are_sharded() -> None:
    # Sharded, every lookup is a Python call: only where a dict's growth would stall.
    pairs = [("a", 1), ("b", 2)]
    assert type(new_index(pairs, SHARDED_FROM - 1)) is PlainIndex
    assert type(new_index(pairs, SHARDED_FROM)) is ShardedDict
    assert dict(new_index(pairs, SHARDED_FROM).items()) == dict(pairs)
    assert type(new_id_set(SHARDED_FROM - 1)) is set
    assert type(new_id_set(SHARDED_FROM)) is ShardedSet
