"""The retry policy: which statuses are retried, the backoff, Retry-After."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from inventory_gui.core.fetch.retry import RetryPolicy, parse_retry_after


def test_retry_policy_statuses():
    policy = RetryPolicy()
    assert [s for s in (400, 401, 404, 408, 409, 429, 500, 501, 502, 503, 504) if
            policy.retryable_status(s)] == [408, 429, 500, 502, 503, 504]  # fmt: skip


def test_backoff_is_full_jitter_with_a_growing_capped_ceiling():
    policy = RetryPolicy(backoff_base=0.5, backoff_cap=4.0)
    rng = random.Random(7)
    for attempt, ceiling in [(1, 0.5), (2, 1.0), (3, 2.0), (4, 4.0), (9, 4.0)]:
        delays = [policy.delay(attempt, rng=rng) for _ in range(300)]
        assert min(delays) >= 0
        assert max(delays) <= ceiling
        assert max(delays) > ceiling * 0.9  # spread over the whole range, not fixed
        assert min(delays) < ceiling * 0.1


def test_retry_after_wins_and_is_capped():
    policy = RetryPolicy()
    assert policy.delay(1, retry_after=3.0) == 3.0
    assert policy.delay(1, retry_after=600.0) == 60.0


def test_parse_retry_after():
    now = datetime(2026, 11, 28, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after("5", now) == 5.0
    assert parse_retry_after("Sat, 28 Nov 2026 12:00:30 GMT", now) == 30.0
    assert parse_retry_after("Sat, 28 Nov 2026 11:00:00 GMT", now) == 0.0
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after(None, now) is None
