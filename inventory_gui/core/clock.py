"""Times as the history and the results write them: ISO 8601 UTC to the millisecond."""

from __future__ import annotations

import time
from datetime import UTC, datetime

_last_stamp: tuple[int, str] = (-1, "")


def utc_stamp() -> str:
    """The time now as ``2026-01-31T12:00:00.000Z``.

    Called once per result, so calls within the same millisecond return the
    same string object: formatting a date is skipped, and the window's
    process holds one copy per batch from its fetch worker (pickle shares an
    object sent twice).  Safe from any thread.
    """
    global _last_stamp
    millis = int(time.time() * 1000)
    stamp = _last_stamp  # one read: another thread may replace it meanwhile
    if millis != stamp[0]:
        moment = datetime.fromtimestamp(millis / 1000, UTC)
        stamp = _last_stamp = (millis, moment.isoformat(timespec="milliseconds")[:-6] + "Z")
    return stamp[1]


def parse_stamp(stamp: object) -> datetime | None:
    """A stamp as :func:`utc_stamp` writes it, as an aware datetime; None if it is not one.

    Stamps without an offset are taken as UTC (the history writes UTC).
    """
    if not isinstance(stamp, str):
        return None
    try:
        when = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)
