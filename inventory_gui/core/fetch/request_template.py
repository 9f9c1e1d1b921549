"""What each request sends: its method and a JSON body built from a template.

``--body '{"ids": {ids}, "store": {store}}'`` is a JSON text whose
placeholders are filled JSON-encoded: ``{id}`` as a JSON string, ``{ids}`` as a
JSON array of the batch's IDs, ``{column}`` as that input column's text.  The
template is checked once, filled with sample values, before a run starts.

In the URL, ``{ids}`` is the batch's IDs, each percent-encoded as a query
value and joined with ``,`` (:func:`join_ids`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol
from urllib.parse import quote

from inventory_gui.core.errors import SettingsError
from inventory_gui.core.models import Product
from inventory_gui.core.secrets import is_secret_name

METHODS = ("GET", "POST", "PUT", "PATCH")
IDS = "ids"  # the placeholder of a batch's IDs
_SAMPLE = "\x00placeholder"  # fills placeholders when the template is checked

# {name} outside a JSON string, where name could be a column: "{" followed by
# a quote or a space is JSON's own brace (an object), never a placeholder.
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][\w.-]*)\}")


class BodyTemplate:
    """A parsed body template.

    Args:
        text: JSON with ``{id}``, ``{ids}`` and ``{column}`` placeholders.

    Attributes:
        placeholders: the names used, in order.
        secrets: literal values of secret-named keys (see
            :func:`inventory_gui.core.secrets.is_secret_name`), to be scrubbed.

    Raises:
        SettingsError: filled with sample values, the text is not JSON (the
            one-line message says where).
    """

    def __init__(self, text: str) -> None:
        self.text = text.strip()
        self._parts = _split(self.text)  # literal, name, literal, ...
        self.placeholders = tuple(self._parts[1::2])
        sample = self._fill({name: _SAMPLE for name in self.placeholders}, [_SAMPLE, _SAMPLE])
        try:
            parsed = json.loads(sample)
        except ValueError as exc:
            raise SettingsError(f"body is not valid JSON once filled in: {exc}") from None
        self.secrets = tuple(_secret_values(parsed))

    def check_columns(self, columns: Iterable[str]) -> None:
        """Raise SettingsError if a placeholder names a column the products lack."""
        known = {"id", *columns}
        missing = [name for name in self.placeholders if name not in known and name != IDS]
        if missing:
            raise SettingsError(
                f"body uses {{{missing[0]}}}, but the products have no such column "
                f"(columns: {', '.join(sorted(known))})"
            )

    def build(self, products: Sequence[Product]) -> bytes:
        """The body for ``products`` (one, or a batch), UTF-8 encoded.

        Raises:
            KeyError: a placeholder names a column a product lacks.
        """
        first = products[0]
        values = {name: _value(first, name) for name in self.placeholders if name != IDS}
        return self._fill(values, [p.id for p in products]).encode()

    def _fill(self, values: Mapping[str, str], ids: list[str]) -> str:
        out = list(self._parts)
        for k in range(1, len(out), 2):
            name = out[k]
            value: object = ids if name == IDS else values[name]
            out[k] = json.dumps(value)  # non-ASCII as \u escapes: any text stays valid JSON
        return "".join(out)


def _secret_values(node: Any) -> Iterable[str]:
    """The literal text values of secret-named keys (``"api_key": "…"``), anywhere
    in the body: a run's scrubber masks them in every error and answer it shows."""
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(value, str) and value and _SAMPLE not in value and is_secret_name(key):
                yield value
            else:
                yield from _secret_values(value)
    elif isinstance(node, list):
        for item in node:
            yield from _secret_values(item)


def _split(text: str) -> list[str]:
    """``text`` as literal, placeholder name, literal, ...: braces inside JSON
    strings (``"{not a placeholder}"``) are left as they are."""
    parts: list[str] = []
    start = pos = 0
    in_string = False
    while pos < len(text):
        char = text[pos]
        if in_string:
            if char == "\\":
                pos += 1  # skip the escaped character
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char == "{" and (match := _PLACEHOLDER.match(text, pos)):
            parts += [text[start:pos], match.group(1)]
            start = pos = match.end()
            continue
        pos += 1
    parts.append(text[start:])
    return parts


def _value(product: Product, name: str) -> str:
    if name == "id":
        return product.id
    value = product.fields.get(name)
    if value is None:
        raise KeyError(f"no value for {{{name}}}")
    return value


def join_ids(ids: Iterable[str]) -> str:
    """The IDs for a URL: each percent-encoded as a query value, joined with ``,``.

    Raises:
        UnicodeEncodeError: an ID is not valid text (a lone surrogate).
    """
    return ",".join(quote(value, safe="") for value in ids)


class _UrlBuilder(Protocol):
    """What :class:`RequestBuilder` needs of a URL template (no yarl import here)."""

    placeholders: tuple[str, ...]

    def build(self, product: Product, encoded: Mapping[str, str] | None = None) -> Any:
        """The URL for ``product``, ``encoded`` values inserted as they are."""
        ...


class RequestBuilder:
    """Builds each request's URL and body for one product or a batch.

    Args:
        template: the parsed URL template.
        body: the parsed body template, or None for no body.

    Attributes:
        needed: False for a plain GET of ``{id}``/column URLs, which the
            fetcher builds from the template alone (its hot path).
    """

    def __init__(self, template: _UrlBuilder, body: BodyTemplate | None) -> None:
        self._template = template
        self._body = body
        self._url_ids = IDS in template.placeholders
        self.needed = self._url_ids or body is not None

    def build(self, chunk: Sequence[Product]) -> tuple[Any, bytes | None]:
        """The URL and body of one request for ``chunk``.

        Raises:
            ValueError: a value cannot be sent (see the URL template's build).
            KeyError: a body placeholder names a column a product lacks.
        """
        encoded = {IDS: join_ids(p.id for p in chunk)} if self._url_ids else None
        url = self._template.build(chunk[0], encoded)
        return url, self._body.build(chunk) if self._body is not None else None


def body_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """``Content-Type: application/json`` for a body, unless ``headers`` set one."""
    if any(name.lower() == "content-type" for name in headers):
        return {}
    return {"Content-Type": "application/json"}


def check_request(
    method: str, body: BodyTemplate | None, url_placeholders: Sequence[str], batch_size: int
) -> None:
    """Refuse a combination no run can use, in one line naming the options.

    Raises:
        SettingsError: an unknown method, a body on a GET, or a batch whose
            requests would not say which products they are for.
    """
    if method not in METHODS:
        raise SettingsError(f"method must be one of {', '.join(METHODS)}, not {method!r}")
    if body is not None and method == "GET":
        raise SettingsError("a body needs method POST, PUT or PATCH, not GET")
    used = set(url_placeholders) | set(body.placeholders if body else ())
    if batch_size > 1:
        if IDS not in used:
            raise SettingsError(
                f"batch size {batch_size} needs {{ids}} in the URL template or the body"
            )
        single = sorted(used - {IDS})
        if single:
            raise SettingsError(
                f"batch size {batch_size} sends many products per request: use {{ids}}, "
                f"not {{{single[0]}}}"
            )
    elif not used:
        raise SettingsError("the URL template or the body needs a placeholder such as {id}")
