"""A dict split into many small dicts, so that no single insert stalls other threads.

A dict (or set) that outgrows its table rebuilds the whole of it in one C
call, holding the GIL throughout: with a million entries, long enough for a
window whose list is built on a worker thread to freeze visibly.
:class:`ShardedDict` keeps its entries in :data:`SHARDS` dicts chosen by the
key's hash, so a rebuild moves a 256th of them.  It does not keep insertion
order across shards; its users keep order elsewhere (a list, the rows).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, MutableMapping
from itertools import chain
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")

SHARD_BITS = 8
SHARDS = 1 << SHARD_BITS
SHARD_MASK = SHARDS - 1


class ShardedDict(MutableMapping[K, V]):
    """A mapping of hashable keys kept in :data:`SHARDS` small dicts.

    Lookups cost a method call and a ``hash`` (cached for ``str``) more than a
    dict's; iteration goes shard by shard, not in insertion order.
    """

    __slots__ = ("_shards",)

    def __init__(self, pairs: Iterable[tuple[K, V]] = ()) -> None:
        self._shards: list[dict[K, V]] = [{} for _ in range(SHARDS)]
        self.update_pairs(pairs)

    def update_pairs(self, pairs: Iterable[tuple[K, V]]) -> None:
        """Set every ``(key, value)`` of ``pairs``: ``update`` without its per-item dispatch."""
        shards = self._shards
        for key, value in pairs:
            shards[hash(key) & SHARD_MASK][key] = value

    def __getitem__(self, key: K) -> V:
        return self._shards[hash(key) & SHARD_MASK][key]

    def get(self, key: K, default: V | None = None) -> V | None:  # type: ignore[override]
        return self._shards[hash(key) & SHARD_MASK].get(key, default)

    def __contains__(self, key: object) -> bool:
        return key in self._shards[hash(key) & SHARD_MASK]

    def __setitem__(self, key: K, value: V) -> None:
        self._shards[hash(key) & SHARD_MASK][key] = value

    def __delitem__(self, key: K) -> None:
        del self._shards[hash(key) & SHARD_MASK][key]

    def __len__(self) -> int:
        return sum(map(len, self._shards))

    def __iter__(self) -> Iterator[K]:
        return chain.from_iterable(self._shards)

    def __repr__(self) -> str:
        return f"ShardedDict({len(self)} entries)"

    def has_exactly(self, keys: Iterable[K]) -> bool:
        """True if ``keys`` (repeats allowed) are exactly this mapping's keys.

        For the thread that owns the mapping: one plain set, compared in C.
        """
        wanted = set(keys)
        return len(wanted) == len(self) and all(map(wanted.issuperset, self._shards))


class ShardedSet:
    """A set of hashable items kept in :data:`SHARDS` small sets (see the module)."""

    __slots__ = ("_shards",)

    def __init__(self, items: Iterable[object] = ()) -> None:
        self._shards: list[set[object]] = [set() for _ in range(SHARDS)]
        shards = self._shards
        for item in items:
            shards[hash(item) & SHARD_MASK].add(item)

    def add(self, item: object) -> bool:
        """Add ``item``; return False if it was already here."""
        shard = self._shards[hash(item) & SHARD_MASK]
        if item in shard:
            return False
        shard.add(item)
        return True

    def __contains__(self, item: object) -> bool:
        return item in self._shards[hash(item) & SHARD_MASK]

    def __len__(self) -> int:
        return sum(map(len, self._shards))

    def __iter__(self) -> Iterator[object]:
        return chain.from_iterable(self._shards)
