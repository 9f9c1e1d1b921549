"""Reading an API's rate-limit budget from its answer headers: :func:`read_budget`.

Understood, first found wins for each quantity:

* the IETF draft's structured fields: ``RateLimit: "default";r=50;t=30`` (50
  requests remain, the window resets in 30 s) and ``RateLimit-Policy:
  "default";q=100;w=60`` (100 requests per 60 s);
* the older draft's ``RateLimit-Limit`` / ``RateLimit-Remaining`` /
  ``RateLimit-Reset`` (seconds to the reset);
* GitHub-style ``X-RateLimit-Limit`` / ``X-RateLimit-Remaining`` /
  ``X-RateLimit-Reset`` (seconds to the reset, or a Unix time when it is one);
* Shopify's leaky bucket ``X-Shopify-Shop-Api-Call-Limit: 32/40`` (32 used of
  40), which leaks ``limit / 20`` requests per second (2/s for a bucket of 40,
  as Shopify documents).

Any header text is accepted: what cannot be read is ignored, never raised.
Qt-free and aiohttp-free.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

# A Unix time rather than a delay: any X-RateLimit-Reset past this (2001-09-09).
_EPOCH_THRESHOLD = 1e9
_SHOPIFY = "X-Shopify-Shop-Api-Call-Limit"
_SHOPIFY_LEAK_WINDOW_S = 20.0  # a Shopify bucket of N leaks N/20 requests per second
_NUMBER = re.compile(r"\s*(\d{1,15}(?:\.\d{1,9})?)\s*$")
_SHOPIFY_VALUE = re.compile(r"\s*(\d{1,15})\s*/\s*(\d{1,15})\s*$")
# One structured-field parameter: ;key=number (quoted names and other keys are skipped).
_PARAM = re.compile(r";\s*([a-z][a-z0-9_\-.*]*)\s*=\s*(-?\d{1,15}(?:\.\d{1,9})?)")


@dataclass(frozen=True, slots=True)
class Budget:
    """What an answer says about the requests the API still takes.

    Attributes:
        limit: requests allowed per :attr:`window` (or the bucket's size).
        window: seconds the limit applies to, when the API says.
        remaining: requests left before the limit bites.
        reset: seconds until the budget refills.
        source: which header family it came from, for people.
    """

    limit: float | None = None
    window: float | None = None
    remaining: float | None = None
    reset: float | None = None
    source: str = ""

    @property
    def sustained_rate(self) -> float | None:
        """Requests per second the API allows over time, if the headers say."""
        if self.limit is not None and self.window:
            return self.limit / self.window
        return None


_BUDGET_FIELDS = frozenset(
    name.lower()
    for name in (
        _SHOPIFY, "RateLimit-Policy", "RateLimit",
        *(f"{prefix}{part}" for prefix in ("RateLimit-", "X-RateLimit-")
          for part in ("Limit", "Remaining", "Reset")),
    )
)  # fmt: skip


def carries_budget(headers: Mapping[str, str]) -> bool:
    """Whether ``headers`` hold any budget field: one pass over their names.

    Every answer passes here, so it spares an answer without budget fields
    (most APIs' answers) the nine case-insensitive lookups of :func:`read_budget`.
    """
    return not _BUDGET_FIELDS.isdisjoint(map(str.lower, headers))


def read_budget(headers: Mapping[str, str], now: float | None = None) -> Budget | None:
    """The budget ``headers`` advertise, or None when they advertise none.

    Args:
        headers: an answer's headers (case-insensitive lookups, as aiohttp's).
        now: the Unix time, to turn an absolute ``X-RateLimit-Reset`` into seconds.
    """
    try:
        if not carries_budget(headers):
            return None
        return _read(headers, now)
    except (ValueError, TypeError, AttributeError, OverflowError):  # a header of the wrong type
        return None


def _read(headers: Mapping[str, str], now: float | None) -> Budget | None:
    shopify = headers.get(_SHOPIFY)
    if shopify is not None:
        match = _SHOPIFY_VALUE.match(shopify)
        if match and int(match[2]) > 0:
            used, size = int(match[1]), int(match[2])
            return Budget(
                limit=float(size),
                window=_SHOPIFY_LEAK_WINDOW_S,
                remaining=float(max(0, size - used)),
                source="X-Shopify-Shop-Api-Call-Limit",
            )
    policy = _params(headers.get("RateLimit-Policy"))
    current = _params(headers.get("RateLimit"))
    if "q" in policy or "r" in current:
        return Budget(
            limit=policy.get("q"),
            window=policy.get("w"),
            remaining=current.get("r"),
            reset=current.get("t"),
            source="RateLimit",
        )
    for prefix in ("RateLimit-", "X-RateLimit-"):
        limit = _number(headers.get(prefix + "Limit"))
        remaining = _number(headers.get(prefix + "Remaining"))
        if limit is None and remaining is None:
            continue
        reset = _number(headers.get(prefix + "Reset"))
        if reset is not None and reset > _EPOCH_THRESHOLD:
            reset = max(0.0, reset - now) if now is not None else None
        return Budget(limit=limit, remaining=remaining, reset=reset, source=prefix + "*")
    return None


def _number(text: str | None) -> float | None:
    if text is None:
        return None
    match = _NUMBER.match(text)
    return float(match[1]) if match else None


def _params(text: str | None) -> dict[str, float]:
    """The numeric parameters of a structured field's first item (``"default";q=100;w=60``)."""
    if not text:
        return {}
    first = text.split(",", 1)[0]  # several policies: the first one is the one to follow
    values: dict[str, float] = {}
    for key, value in _PARAM.findall(first):
        number = float(value)
        if math.isfinite(number) and number >= 0:
            values.setdefault(key, number)
    return values
