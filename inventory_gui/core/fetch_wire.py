"""How products and results cross between the window and its fetch worker.

As plain tuples: slotted dataclasses pickle through Python-level ``copyreg``
code, about ten times slower (125 ms against 10 ms for 20,000 products), and
the window's side unpickles while holding its GIL.  Input columns travel only
as far as the URL template needs them, and not back: the window has them
already, and copies would cost it tens of MB on a large list.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable, Sequence
from typing import Any

from inventory_gui.core.models import Product, Result

_RESULT_FIELDS = tuple(f.name for f in dataclasses.fields(Result) if f.name != "fields")
_FIELDS_AT = [f.name for f in dataclasses.fields(Result)].index("fields")
_result_values: Callable[[Result], tuple[Any, ...]] = operator.attrgetter(*_RESULT_FIELDS)


def pack_result(result: Result) -> tuple[Any, ...]:
    """A result as a tuple of its fields, its input columns (``fields``) left out."""
    return _result_values(result)


def unpack_result(packed: tuple[Any, ...], fields: dict[str, str]) -> Result:
    """The result :func:`pack_result` packed, given its product's input columns."""
    return Result(*packed[:_FIELDS_AT], fields, *packed[_FIELDS_AT:])  # type: ignore[misc]


def pack_products(
    products: Sequence[Product], columns: Sequence[str]
) -> list[tuple[str, dict[str, str]]]:
    """Products as ``(id, fields)`` tuples, with only the input ``columns`` named."""
    if not columns:
        return [(product.id, {}) for product in products]
    return [(p.id, {c: p.fields[c] for c in columns if c in p.fields}) for p in products]


def unpack_products(packed: list[tuple[str, dict[str, str]]]) -> list[Product]:
    """The products :func:`pack_products` packed."""
    return [Product(pid, fields) for pid, fields in packed]
