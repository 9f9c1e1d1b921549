"""The message protocol between the window and its fetch worker process.

The window starts the worker as ``python -m inventory_gui _fetch-worker FD``
(the frozen app: ``inventory-gui _fetch-worker FD``), where FD is the worker's
end of a socket pair.  Messages are pickled tuples
(:class:`multiprocessing.connection.Connection`):

- to the worker: ``("run", run_id, products, settings, session_factory)``,
  ``("cancel", run_id)``, ``("exit",)``;
- to the window: ``("results", run_id, [(index, result), ...], concurrency, pace)``
  (pace: the rate controller's pace for people, or None)
  every few milliseconds while results come, then ``("done", run_id, error,
  learned)`` once per run, where ``error`` is None or the message of an
  unexpected failure and ``learned`` the API's rate limit the run learned,
  ``(rate, source)``, or None; and ``("unreadable", None, error)`` for a message the worker could
  not unpickle.

Every message of a run carries its ID, so a late message of an earlier run is
never taken for a later one.  End of file on the socket means the other side
has gone.

Products and results travel as plain tuples: slotted dataclasses pickle
through Python-level ``copyreg`` code, many times slower, and the window's
side unpickles while holding its GIL.  Input columns travel only as far as
the URL template needs them, and not back: the window has them already, and
copies would add to its memory a second set of every row's columns.
"""

from __future__ import annotations

import dataclasses
import itertools
import operator
from array import array
from collections.abc import Callable, Sequence
from typing import Any

from inventory_gui.core.models import Product, Result, pack_body

WORKER_ARGUMENT = "_fetch-worker"  # the command-line argument that starts the worker

_RESULT_FIELDS = tuple(
    f.name for f in dataclasses.fields(Result) if f.name not in ("fields", "body")
)
_FIELDS_AT = [f.name for f in dataclasses.fields(Result)].index("fields")
_RESPONSE_AT = _RESULT_FIELDS.index("response")
_result_values: Callable[[Result], tuple[Any, ...]] = operator.attrgetter(*_RESULT_FIELDS)


def pack_result(result: Result) -> tuple[Any, ...]:
    """A result as a tuple of its fields, its input columns (``fields``) left out.

    The parsed body travels packed (:func:`~inventory_gui.core.models.pack_body`)
    and stays so in the window, which unpacks it only to show it: a parsed
    body per row was the largest part of the window's memory on a long list,
    and bytes unpickle faster than the objects they hold.

    Raises:
        RecursionError: the body is nested too deep to pickle.
    """
    values = _result_values(result)
    response = values[_RESPONSE_AT]
    if response is None:
        return values
    return (*values[:_RESPONSE_AT], pack_body(response), *values[_RESPONSE_AT + 1 :])


def unpack_result(packed: tuple[Any, ...], product: Product) -> Result:
    """The result :func:`pack_result` packed for ``product`` (window side).

    The result shares the product's ID string and input columns: copies of
    them per result would cost the window tens of MB on a large list.  Its
    body stays packed (``body``; ``response`` is None).
    """
    return Result(
        product.id,
        *packed[1:_FIELDS_AT],
        fields=product.fields,
        body=packed[_RESPONSE_AT],
    )


def unsendable(result: Result, reason: str) -> Result:
    """``result`` as an error row without its answer, which could not be sent (worker side)."""
    return dataclasses.replace(
        result,
        status="error",
        error=f"the answer could not be passed to the window ({reason})",
        response=None,
    )


_ID_PLACEHOLDERS = frozenset({"id", "ids"})  # filled from the product's ID (see url_template)
PackedIds = tuple[str, array]  # every ID in one string, and where each one ends
Packed = PackedIds | list[tuple[str, dict[str, str]]]


def pack_products(products: Sequence[Product], columns: Sequence[str]) -> Packed:
    """Products as their IDs, or ``(id, fields)`` tuples with only the input ``columns``.

    IDs alone travel as one string and an array of offsets: pickling a list of
    strings memoizes each one (the memo outweighs the message), and the worker
    keeps one string instead of one per product.  ``{id}`` and ``{ids}`` name
    the product's ID, never a column: a template using only them sends IDs alone.
    """
    columns = [c for c in columns if c not in _ID_PLACEHOLDERS]
    if not columns:
        ids = [product.id for product in products]
        return "".join(ids), array("q", itertools.accumulate(map(len, ids)))
    return [(p.id, {c: p.fields[c] for c in columns if c in p.fields}) for p in products]


class PackedProducts(Sequence[Product]):
    """The products :func:`pack_products` packed, each made a Product when read.

    The worker reads each product once or twice: a Product object per row kept
    for the whole run would cost it memory for nothing.
    """

    def __init__(self, packed: Packed) -> None:
        self._text, self._ends = packed if isinstance(packed, tuple) else ("", None)
        self._items = packed if isinstance(packed, list) else None
        self._no_fields: dict[str, str] = {}  # shared: the worker never changes fields

    def __len__(self) -> int:
        return len(self._ends if self._items is None else self._items)

    def __getitem__(self, index: int) -> Product:  # type: ignore[override]  # no slices
        if self._items is not None:
            return Product(*self._items[index])
        ends = self._ends
        index = range(len(ends))[index]  # negative indices; IndexError when out of range
        start = ends[index - 1] if index else 0
        return Product(self._text[start : ends[index]], self._no_fields)
