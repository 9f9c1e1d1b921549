"""A run's product list, stored once per distinct list.

A run records the list it fetched (``--resume`` and the window's Resume fetch
what a run left unchecked), and users fetch the same list again and again.
Each distinct list is one row of ``product_lists``: its products as a JSON
array of ``[id, fields or null]``, zlib-compressed, under the SHA-256 of that
JSON; a run points at its list.  Recording a list costs one JSON encoding and
one hash, and a list already stored costs no write at all.  Before version 5
of the schema each run stored its list row by row (``run_items``): migration
5 (:func:`keep_lists_once`) moves those lists here.

The JSON escapes everything outside ASCII, so any ID or field an input can
hold (a lone surrogate included) is kept exactly.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Sequence

from inventory_gui.core.history.codec import storable_text
from inventory_gui.core.models import Product

_PRODUCTS_PER_PIECE = 1000  # encoded, hashed and compressed piece by piece: bounded memory
_LEVEL = 1  # the fastest zlib level: the JSON of IDs shrinks about tenfold anyway
# default=dict: a product's Fields (a read-only Mapping) is written as the object it reads as.
_encode = json.JSONEncoder(ensure_ascii=True, separators=(",", ":"), default=dict).encode

_STORE = "INSERT INTO product_lists (digest, items) VALUES (?, ?) ON CONFLICT (digest) DO NOTHING"
_FIND = "SELECT id FROM product_lists WHERE digest = ?"
_POINT = "UPDATE runs SET list_id = ? WHERE id = ?"


def _pieces(items: Iterable[list[object]]) -> Iterator[str]:
    """The JSON array of ``items``, in pieces of at most _PRODUCTS_PER_PIECE items."""
    piece: list[list[object]] = []
    opened = False
    for item in items:
        piece.append(item)
        if len(piece) == _PRODUCTS_PER_PIECE:
            yield ("," if opened else "[") + _encode(piece)[1:-1]
            piece, opened = [], True
    if piece or not opened:
        yield ("," if opened else "[") + _encode(piece)[1:-1]
    yield "]"


def encode_items(items: Iterable[list[object]]) -> tuple[bytes, bytes]:
    """Return ``(digest, compressed JSON)`` of ``[[id, fields or None], ...]``."""
    digest = hashlib.sha256()
    packer = zlib.compressobj(_LEVEL)
    parts = []
    for piece in _pieces(items):
        data = piece.encode("ascii")
        digest.update(data)
        parts.append(packer.compress(data))
    parts.append(packer.flush())
    return digest.digest(), b"".join(parts)


def product_items(products: Iterable[Product]) -> Iterator[list[object]]:
    """Products as the list's items (``fields`` None when there are none)."""
    return ([p.id, p.fields or None] for p in products)


def decode_products(blob: bytes) -> list[Product]:
    """The products of a stored list, in order."""
    return [
        Product(str(pid), {str(k): str(v) for k, v in fields.items()} if fields else {})
        for pid, fields in json.loads(zlib.decompress(blob))
    ]


def store_list(conn: sqlite3.Connection, run_id: int, items: Iterable[list[object]]) -> None:
    """Point run ``run_id`` at its list, storing the list if no run stored it before."""
    digest, blob = encode_items(items)
    conn.execute(_STORE, (digest, blob))
    (list_id,) = conn.execute(_FIND, (digest,)).fetchone()
    conn.execute(_POINT, (list_id, run_id))


def unchecked(products: Sequence[Product], last_status: dict[str, str]) -> list[Product]:
    """The products whose last check (by stored ID, see the codec) is missing or not ok."""
    return [p for p in products if last_status.get(storable_text(p.id)) != "ok"]


def keep_lists_once(conn: sqlite3.Connection) -> None:
    """Version 5: each run's product list from ``run_items`` into ``product_lists``."""
    conn.execute("""
CREATE TABLE product_lists (id INTEGER PRIMARY KEY, digest BLOB NOT NULL UNIQUE,
  items BLOB NOT NULL)""")
    conn.execute("ALTER TABLE runs ADD COLUMN list_id INTEGER REFERENCES product_lists (id)")
    runs = [run for (run,) in conn.execute("SELECT DISTINCT run_id FROM run_items")]
    for run in runs:
        rows = conn.execute(
            "SELECT product_id, fields_json FROM run_items WHERE run_id = ? ORDER BY position",
            (run,),
        ).fetchall()
        store_list(conn, run, ([pid, json.loads(f) if f else None] for pid, f in rows))
    conn.execute("DROP TABLE run_items")
