"""Plain data shared by the loaders, the fetcher, the exporters and the GUI."""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple, TypeVar

Status = Literal["pending", "ok", "error", "cancelled"]
_Default = TypeVar("_Default")


class Fields(Mapping[str, str]):
    """A product's input columns, read-only: the names its whole list shares, its own cells.

    A file's loader makes one per row, and the window keeps every row of a
    list that may be a million long: the object and a tuple of cells take
    about half what a dict of the same columns does.

    Args:
        names: each column's name and its index in ``cells``, one mapping for
            the whole list (the loader's; never changed afterwards).
        cells: this row's cell texts, in the order of ``names``.
    """

    __slots__ = ("_cells", "_names")

    def __init__(self, names: Mapping[str, int], cells: tuple[str, ...]) -> None:
        self._names = names
        self._cells = cells

    def __getitem__(self, name: str) -> str:
        return self._cells[self._names[name]]

    def get(self, name: str, default: str | _Default | None = None) -> str | _Default | None:
        """The cell of column ``name``, else ``default`` (one lookup, no exception)."""
        index = self._names.get(name)
        return default if index is None else self._cells[index]

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __repr__(self) -> str:
        return f"Fields({dict(self)!r})"


NO_FIELDS: Mapping[str, str] = Fields({}, ())
"""The columns of a product that has none: one for them all, not an empty dict each."""


@dataclass(frozen=True, slots=True)
class Product:
    """One product to check.

    Attributes:
        id: the product ID exactly as written in the input (trimmed), always a string.
        fields: the input's other columns, in input order (header -> cell text).
    """

    id: str
    fields: Mapping[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class ProductList:
    """What a loader made of a file or of pasted text.

    Attributes:
        products: unique products in first-appearance order.
        source: the file name (or ``"pasted text"``) for messages.
        id_column: the header used for IDs, or None when the input had no header.
        columns: the other columns, in input order.
        duplicates: IDs seen more than once, with how many extra times.
        skipped: ``(line, reason)`` for input lines that gave no product.
        notes: one-line remarks on how the input was read (e.g. its encoding when
            it was not UTF-8), for the user.
    """

    products: list[Product]
    source: str
    id_column: str | None = None
    columns: list[str] = field(default_factory=list)
    duplicates: dict[str, int] = field(default_factory=dict)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.products)


class Previous(NamedTuple):
    """A product's last successful check before a run, read from the history.

    A named tuple, not a dataclass: the history builds one per product on the
    fetch's reader thread, and frozen dataclasses are several times slower to
    make.
    """

    quantity: float | None
    checked_at: str


@dataclass(slots=True)
class Result:
    """The outcome of checking one product; every product gets exactly one.

    Attributes:
        id: the product ID.
        status: ``ok``, ``error`` or ``cancelled`` (``pending`` before it ends).
        http_status: the last HTTP status received, None where no answer came.
        quantity: the quantity found in the body, None where none was.
        latency_ms: wall time of the whole check, retries and waits included.
        attempts: how many requests were actually sent.
        error: short human-readable message, None when ok.
        checked_at: UTC ISO 8601 time the check ended.
        fields: the product's other input columns.
        response: the parsed JSON body of the last answer, if any.
        body: that body packed by :func:`pack_body` instead, where results are
            kept by the hundred thousand (the window's rows: a parsed body
            costs several times its packed bytes); ``response`` is then None.
            Read either through :meth:`parsed_response`.
    """

    id: str
    status: Status = "pending"
    http_status: int | None = None
    quantity: float | int | None = None
    latency_ms: float | None = None
    attempts: int = 0
    error: str | None = None
    checked_at: str | None = None
    fields: Mapping[str, str] = field(default_factory=dict)
    response: Any = None
    body: bytes | None = None

    def parsed_response(self) -> Any:
        """The parsed body of the last answer (None if none), unpacked if it is packed."""
        return self.response if self.body is None else unpack_body(self.body)

    @classmethod
    def pending(cls, product: Product) -> Result:
        """Return the placeholder row shown before a product's check ends."""
        return cls(id=product.id, fields=product.fields)

    def end_unfinished(self, checked_at: str, reason: str | None = None) -> None:
        """End a row its run never finished: ``error`` with ``reason``, else ``cancelled``.

        The one rule for such rows, whoever ends them (the fetcher when it is
        cancelled, an engine whose run stopped); what the check did so far
        (attempts, last HTTP status) stays.
        """
        self.status = "error" if reason else "cancelled"
        self.error = reason or "cancelled"
        self.checked_at = checked_at


_COMPRESS_FROM = 512  # bytes: a smaller pickled body seldom shrinks by enough to pay


def pack_body(value: Any) -> bytes:
    """A parsed answer body as compact bytes: pickled, and compressed where that pays.

    Pickle keeps every value JSON can give exactly (huge integers, NaN, any
    text); a body nested too deep to pickle raises RecursionError.
    """
    data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    if len(data) >= _COMPRESS_FROM:
        compressed = zlib.compress(data, 1)
        if len(compressed) < len(data):
            return compressed
    return data


def unpack_body(data: bytes) -> Any:
    """The value :func:`pack_body` packed."""
    # A pickle opens with its PROTO opcode (0x80); a zlib stream never does (0x78 here).
    if data[:1] != b"\x80":
        data = zlib.decompress(data)
    return pickle.loads(data)  # only bytes this app packed itself


RESULT_COLUMNS = (
    "id",
    "status",
    "http_status",
    "quantity",
    "latency_ms",
    "attempts",
    "error",
    "checked_at",
)
STOCK_COLUMNS = ("stock_status", "previous_quantity", "change", "previous_checked_at")
"""What exports write beside each result (right after ``quantity``): its stock
status and the change since the product's last successful check
(:class:`~inventory_gui.core.stock.Standing`)."""
_AFTER = RESULT_COLUMNS.index("quantity") + 1
OUTPUT_COLUMNS = RESULT_COLUMNS[:_AFTER] + STOCK_COLUMNS + RESULT_COLUMNS[_AFTER:]
"""The fixed columns of every output file, in their order (input columns follow)."""
