"""Indexes by product ID that do not stall other threads as they grow.

A dict (or set) that outgrows its table rebuilds the whole of it in one C
call, holding the GIL throughout: with a million entries, long enough for a
window whose list is built on a worker thread to freeze visibly.
:class:`ShardedDict` keeps its entries in :data:`SHARDS` dicts chosen by the
key's hash, so a rebuild moves a 256th of them.  It does not keep insertion
order across shards; its users keep order elsewhere (a list, the rows).

Each lookup or update then costs a Python call, several times a dict's, and
the window's own updates of a list (typing amid it, a refresh) run on the GUI
thread: :func:`new_index` shards only indexes of :data:`SHARDED_FROM` entries
or more, and gives smaller ones as a :class:`PlainIndex`, a dict with the
same methods.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, MutableMapping
from itertools import chain
from typing import TypeAlias, TypeVar

K = TypeVar("K")
V = TypeVar("V")

SHARD_BITS = 8
SHARDS = 1 << SHARD_BITS
SHARD_MASK = SHARDS - 1
SHARDED_FROM = 200_000
"""Entries from which :func:`new_index` shards: below, one rebuild of a dict's
table takes a few ms."""


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

    def has_exactly(self, keys: Iterable[K]) -> bool:
        """True if ``keys`` (repeats allowed) are exactly this mapping's keys.

        For the thread that owns the mapping: one plain set, compared in C.
        """
        wanted = set(keys)
        return len(wanted) == len(self) and all(map(wanted.issuperset, self._shards))


class PlainIndex(dict[K, V]):
    """A dict with :class:`ShardedDict`'s own methods, for an index too small to shard."""

    __slots__ = ()

    update_pairs = dict.update

    def has_exactly(self, keys: Iterable[K]) -> bool:
        """True if ``keys`` (repeats allowed) are exactly this mapping's keys."""
        wanted = set(keys)
        return len(wanted) == len(self) and wanted.issuperset(self)


IdIndex: TypeAlias = "ShardedDict[K, V] | PlainIndex[K, V]"


def new_index(pairs: Iterable[tuple[K, V]], size: int) -> IdIndex[K, V]:
    """An index of the ``size`` (about) entries of ``pairs``: sharded if it is large."""
    return ShardedDict(pairs) if size >= SHARDED_FROM else PlainIndex(pairs)


def new_id_set(size: int) -> ShardedSet | set[object]:
    """An empty set for about ``size`` items: sharded if that is many."""
    return ShardedSet() if size >= SHARDED_FROM else set()


class ShardedSet:
    """A set of hashable items kept in :data:`SHARDS` small sets (see the module)."""

    __slots__ = ("_shards",)

    def __init__(self) -> None:
        self._shards: list[set[object]] = [set() for _ in range(SHARDS)]

    def add(self, item: object) -> None:
        """Add ``item`` (again: nothing changes)."""
        self._shards[hash(item) & SHARD_MASK].add(item)

    def __contains__(self, item: object) -> bool:
        return item in self._shards[hash(item) & SHARD_MASK]

    def clear(self) -> None:
        """Empty the set a shard per C call: one call over a million items (the set
        freed in one go) would hold the GIL for tens of ms."""
        for shard in self._shards:
            shard.clear()
