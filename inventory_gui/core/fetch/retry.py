"""When to try a request again, and how long to wait first."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
RETRY_AFTER_CAP = 60.0


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Exponential backoff with full jitter, honouring ``Retry-After``.

    Attributes:
        retries: how many times a failed request may be sent again.
        backoff_base: the first backoff ceiling in seconds; it doubles each attempt.
        backoff_cap: the largest backoff ceiling in seconds.
        retry_after_cap: the longest ``Retry-After`` honoured, in seconds.
    """

    retries: int = 3
    backoff_base: float = 0.5
    backoff_cap: float = 30.0
    retry_after_cap: float = RETRY_AFTER_CAP

    def retryable_status(self, status: int) -> bool:
        """Return True for statuses worth another try (408, 429, 5xx gateway errors)."""
        return status in RETRY_STATUSES

    def delay(
        self, attempt: int, retry_after: float | None = None, rng: random.Random | None = None
    ) -> float:
        """Return seconds to wait after failed attempt number ``attempt`` (1-based).

        A server's ``Retry-After`` wins over backoff, capped at ``retry_after_cap``.
        Otherwise "full jitter": uniform in ``[0, min(cap, base * 2**(attempt-1))]``,
        which spreads a burst of retries instead of sending them back together.
        """
        if retry_after is not None:
            return max(0.0, min(retry_after, self.retry_after_cap))
        ceiling = min(self.backoff_cap, self.backoff_base * (2 ** max(0, attempt - 1)))
        return (rng or random).uniform(0.0, ceiling)


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Parse a ``Retry-After`` header: delta-seconds or an HTTP date.

    Returns:
        Seconds to wait (never negative), or None when the header is absent or unreadable.
    """
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())
