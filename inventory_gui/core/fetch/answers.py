"""Reading one answer of the API: its status, a capped body, JSON, a short error.

:func:`read_answer` turns an ``aiohttp`` response into an :class:`Answer`:
the body is read up to ``max_body_bytes``, parsed as JSON on success, and an
error status becomes ``HTTP 404 Not Found: <reason from the body>``.  Qt-free.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import aiohttp

from inventory_gui.core.fetch.retry import RetryPolicy, parse_retry_after
from inventory_gui.core.text import shorten, size_text

_CHUNK = 64 * 1024


@dataclass(slots=True)
class Answer:
    """What one request attempt produced."""

    http_status: int | None = None
    body: Any = None
    error: str | None = None
    retryable: bool = False
    retry_after: float | None = None
    headers: Any = None  # the answer's headers (None when none was read), for the limits


async def read_answer(
    response: aiohttp.ClientResponse, policy: RetryPolicy, max_body_bytes: int
) -> Answer:
    """Read ``response`` into an :class:`Answer` (its body capped at ``max_body_bytes``)."""
    status, headers = response.status, response.headers
    answer = Answer(http_status=status, headers=headers)
    length = response.content_length
    if length is not None and length <= max_body_bytes and "Content-Encoding" not in headers:
        raw, too_large = await response.read(), False  # the size is known and small
    else:
        raw, too_large = await _read_capped(response, max_body_bytes)
    if too_large:
        answer.error = f"HTTP {status}: response larger than {size_text(max_body_bytes)}, not read"
        return answer
    if status >= 400:
        reason = shorten(response.reason or "", 60)
        answer.error = f"HTTP {status} {reason}".rstrip() + _detail(raw)
        answer.retryable = policy.retryable_status(status)
        answer.retry_after = parse_retry_after(headers.get("Retry-After"))
        answer.body = _try_json(raw)
        return answer
    try:
        answer.body = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError):
        kind = shorten(response.content_type or "no content type", 60)
        answer.error = f"HTTP {status}: not JSON ({kind}): {_first_bytes(raw)}"
    except RecursionError:
        answer.error = f"HTTP {status}: JSON nested too deeply to read"
    except ValueError:  # an integer of more digits than Python converts
        answer.error = f"HTTP {status}: JSON holds a number too long to read"
    return answer


async def _read_capped(response: aiohttp.ClientResponse, cap: int) -> tuple[bytes, bool]:
    """Read the body, stopping as soon as it passes the cap."""
    length = response.content_length
    if length is not None and length > cap:
        return b"", True
    chunks: list[bytes] = []
    total = 0
    while chunk := await response.content.read(_CHUNK):
        total += len(chunk)
        if total > cap:
            return b"", True
        chunks.append(chunk)
    return b"".join(chunks), False


def _try_json(raw: bytes) -> Any:
    try:
        return json.loads(raw) if raw else None
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        return None


def _detail(raw: bytes) -> str:
    """A short reason from an error body: its JSON error/message, or its first bytes."""
    body = _try_json(raw)
    if isinstance(body, dict):
        for key in ("error", "message", "detail", "title"):
            if isinstance(body.get(key), str) and body[key].strip():
                return f": {shorten(body[key].strip(), 120)}"
    text = raw[:200].decode("utf-8", "replace").strip()
    return f": {shorten(' '.join(text.split()), 80)}" if text and body is None else ""


def _first_bytes(raw: bytes, limit: int = 40) -> str:
    if not raw:
        return "empty body"
    return repr(raw[:limit]) + ("…" if len(raw) > limit else "")
