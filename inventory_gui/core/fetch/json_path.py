"""Paths into a JSON answer: today's dotted paths, or JMESPath expressions.

``stock.available`` and ``counts.0.quantity`` (a plain dotted path, numeric
segments as list indexes) are followed as they always were, with no JMESPath
cost on the per-request path.  Anything else (``counts[].quantity``,
``sum(counts[?state=='IN_STOCK'].to_number(quantity))``) is a JMESPath
expression, the syntax of the AWS CLI's ``--query``, compiled once.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import jmespath
from jmespath.exceptions import JMESPathError

from inventory_gui.core.errors import SettingsError
from inventory_gui.core.fetch.quantity import lookup_path

# A plain dotted path: segments of letters, digits, "_" and "-" (as JSON keys
# such as "on-hand" are written); JMESPath would refuse "0" and "on-hand".
_DOTTED = re.compile(r"[\w-]+(?:\.[\w-]+)*")


class FieldPath:
    """A compiled path into parsed JSON.

    Args:
        text: a dotted path or a JMESPath expression.
        label: what the path is for, in error messages ("quantity field").

    Raises:
        SettingsError: ``text`` is not a valid expression (one line naming
            ``label`` and the problem).
    """

    __slots__ = ("_expression", "_key", "text")

    def __init__(self, text: str, label: str = "path") -> None:
        self.text = text.strip()
        self._expression: Any = None
        if not _DOTTED.fullmatch(self.text):
            try:
                self._expression = jmespath.compile(self.text)
            except JMESPathError as exc:
                reason = " ".join(str(exc).split())
                raise SettingsError(
                    f"{label} {self.text!r} is not a valid path: {reason}"
                ) from None
        # One plain key ("quantity", "sku"): looked up directly, per record of a batch.
        plain = self._expression is None and "." not in self.text
        self._key = self.text if plain else None

    def find(self, body: Any) -> tuple[bool, Any]:
        """``(found, value)``: a JMESPath null counts as not found."""
        if self._key is not None and type(body) is dict:
            key = self._key
            return (True, body[key]) if key in body else (False, None)
        if self._expression is None:
            return lookup_path(body, self.text)
        try:
            value = self._expression.search(body)
        except JMESPathError:  # e.g. sum() over text: the field holds no usable list
            return False, None
        return value is not None, value


@functools.lru_cache(maxsize=256)
def compiled(text: str) -> FieldPath | None:
    """``text`` compiled once per process, or None if it is not a valid path.

    For the extra fields, whose paths the window checks as they are typed.
    """
    try:
        return FieldPath(text)
    except SettingsError:
        return None


def find_path(body: Any, text: str) -> tuple[bool, Any]:
    """Follow ``text`` (dotted or JMESPath) into ``body``; an invalid path finds nothing."""
    path = compiled(text)
    return (False, None) if path is None else path.find(body)
