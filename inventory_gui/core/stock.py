"""Stock, not just HTTP: a status per row, and typed fields mapped from the answer.

A row's stock status follows from its result: a 404 is an unknown product,
other failures are errors, and an answer's quantity is out (0 or less), low
(at or under the row's own threshold column, else the global threshold) or in
stock.  Extra fields (name, warehouse, updated_at…) are dotted paths (or
JMESPath expressions) into the parsed answer, typed so that numbers sort as
numbers and times as times.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Any, NamedTuple

from inventory_gui.core.fetch.json_path import find_path
from inventory_gui.core.fetch.quantity import to_number
from inventory_gui.core.models import Previous, Result
from inventory_gui.core.safe_values import difference, display_text, real_number
from inventory_gui.core.settings_schema import THRESHOLD_COLUMNS, split_names

DEFAULT_THRESHOLD_COLUMNS = split_names(THRESHOLD_COLUMNS.default)
_LONGEST_TYPED = 4_300  # characters: Python's own limit on the digits of an int from text


class Stock(Enum):
    """A row's stock status, with the text the table shows."""

    PENDING = "Pending"
    IN_STOCK = "In stock"
    LOW = "Low"
    OUT = "Out"
    NO_QUANTITY = "No quantity"
    UNKNOWN = "Unknown product"
    ERROR = "Error"
    CANCELLED = "Cancelled"


ALERT_LEVELS = frozenset({Stock.LOW, Stock.OUT})


@dataclass(frozen=True)
class StockRules:
    """How quantities become statuses.

    Attributes:
        low_threshold: quantities at or under this are Low (None: no global rule).
        threshold_columns: input columns that hold a per-row threshold; the
            first one present with a number wins over the global threshold.
    """

    low_threshold: float | None = None
    threshold_columns: Sequence[str] = DEFAULT_THRESHOLD_COLUMNS

    def threshold(self, fields: Mapping[str, str]) -> float | None:
        """The Low threshold of one row."""
        for name in self.threshold_columns:
            text = fields.get(name)
            if text:  # most rows lack most of these columns: skip the conversion
                number = to_number(text)
                if number is not None:
                    return number
        return self.low_threshold

    def status(self, result: Result) -> Stock:
        """The stock status of one result."""
        if result.status == "pending":
            return Stock.PENDING
        if result.status == "cancelled":
            return Stock.CANCELLED
        if result.status == "error":
            return Stock.UNKNOWN if result.http_status == 404 else Stock.ERROR
        quantity = real_number(result.quantity)  # an answer may hold anything
        if quantity is None:
            return Stock.NO_QUANTITY
        if quantity <= 0:
            return Stock.OUT
        threshold = self.threshold(result.fields)
        if threshold is not None and quantity <= threshold:
            return Stock.LOW
        return Stock.IN_STOCK


class Standing(NamedTuple):
    """What a row shows beside its result: the values of :data:`STOCK_COLUMNS`.

    Attributes:
        stock: the row's stock status.
        previous_quantity: the quantity at the product's last successful check
            before this one (None: no such check is known).
        change: quantity now minus ``previous_quantity`` (None unless both are numbers).
        previous_checked_at: when that previous check ended (UTC ISO 8601 text).
    """

    stock: Stock
    previous_quantity: Any
    change: int | float | None
    previous_checked_at: str | None


@dataclass
class StockContext:
    """The one computation of a row's stock status and change, for the table and exports.

    Attributes:
        rules: how quantities become statuses.
        previous: each product's last successful check before the run
            (from :meth:`~inventory_gui.core.history.store.HistoryStore.last_ok`).
    """

    rules: StockRules = field(default_factory=StockRules)
    previous: Mapping[str, Previous] = field(default_factory=dict)

    def stock(self, result: Result) -> Stock:
        """The stock status of one result."""
        return self.rules.status(result)

    def _quantities(self, result: Result) -> tuple[int | float, int | float] | None:
        """(before, now) for an ok result whose product has an earlier quantity.

        Only real numbers count: a previous check or an answer may hold anything.
        """
        return _pair(result, self.previous.get(result.id))

    def change(self, result: Result) -> int | float | None:
        """Quantity now minus at the previous successful check (None if either is unknown)."""
        pair = self._quantities(result)
        return None if pair is None else difference(pair[1], pair[0])

    def flip(self, result: Result) -> str | None:
        """``"out"`` when a product ran out since the last check, ``"in"`` when it came back."""
        pair = self._quantities(result)
        if pair is None:
            return None
        before, now = pair
        if before > 0 >= now:
            return "out"
        if before <= 0 < now:
            return "in"
        return None

    def standing(self, result: Result) -> Standing:
        """Every value of :data:`STOCK_COLUMNS` for one result (what exports write)."""
        before = self.previous.get(result.id)  # one lookup: exports call this per row
        if before is None:
            return Standing(self.rules.status(result), None, None, None)
        pair = _pair(result, before)
        change = None if pair is None else difference(pair[1], pair[0])
        return Standing(self.rules.status(result), before.quantity, change, before.checked_at)


def _pair(result: Result, before: Previous | None) -> tuple[int | float, int | float] | None:
    """(before, now) quantities of an ok result with an earlier check, both real numbers."""
    if before is None or result.status != "ok":
        return None
    now, then = real_number(result.quantity), real_number(before.quantity)
    return None if now is None or then is None else (then, now)


@dataclass(frozen=True)
class FieldMap:
    """Extra columns taken from each answer: column name -> dotted path or JMESPath.

    Example: ``FieldMap({"name": "name", "warehouse": "location.warehouse"})``.
    """

    paths: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, text: str) -> FieldMap:
        """Read ``"name, warehouse=location.warehouse"`` (a bare name is its own path)."""
        paths: dict[str, str] = {}
        for part in text.replace("\n", ",").split(","):
            name, _, path = part.partition("=")
            name, path = name.strip(), path.strip() or name.strip()
            if name:
                paths[name] = path
        return cls(paths)

    def __str__(self) -> str:
        return ", ".join(n if n == p else f"{n}={p}" for n, p in self.paths.items())

    @property
    def names(self) -> list[str]:
        """The extra column names, in order."""
        return list(self.paths)

    def values(self, response: Any) -> dict[str, Any]:
        """Typed values of every mapped field found in ``response``."""
        out: dict[str, Any] = {}
        for name, path in self.paths.items():
            found, value = find_path(response, path)
            if found and value is not None:
                out[name] = typed(value)
        return out


def typed(value: Any) -> Any:
    """Numbers (and numeric text) as numbers, ISO 8601 text as datetimes, else text.

    Lists and objects become bounded JSON text (see :func:`display_text`).
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return to_number(value)
    if isinstance(value, str):
        if len(value) > _LONGEST_TYPED:
            return value  # no number or time is this long: skip parsing it on every paint
        number = to_number(value)
        if number is not None:
            return number
        when = parse_time(value)
        return when if when is not None else value
    return display_text(value)


def parse_time(text: str) -> datetime | None:
    """An ISO 8601 time (``Z`` allowed), or None."""
    if len(text) < 10 or text[4:5] != "-":
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
