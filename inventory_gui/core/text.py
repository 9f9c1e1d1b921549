"""Text helpers shared by every part: one way to shorten text for display."""

from __future__ import annotations

ELLIPSIS = "…"
"""Ends a text that was cut."""


def shorten(text: str, limit: int) -> str:
    """Return ``text``, or its first ``limit - 1`` characters and "…" if it is longer."""
    return text if len(text) <= limit else text[: limit - 1] + ELLIPSIS
