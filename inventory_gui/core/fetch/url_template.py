"""URL templates: ``https://api.example.com/stock/{id}?store={store}``.

Every placeholder value is percent-encoded so that it stays one path segment
(``a/b`` becomes ``a%2Fb``) or one query value.  The URL is then handed to yarl
as already encoded, because ``URL / value`` would leave ``/`` alone.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from yarl import URL

from inventory_gui.core.errors import TemplateError
from inventory_gui.core.models import Product
from inventory_gui.core.secrets import mask_template, mask_url_params

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
# Characters a user may legitimately write in the literal parts of a template;
# "%" is kept so that an already-encoded literal is not encoded twice.
_LITERAL_SAFE = "/:?#[]@!$&'()*+,;=%~"
_DOT_SEGMENTS = frozenset({".", ".."})
# A DNS name as sent (IDNs in their xn-- form); "_" is allowed, as resolvers do.
_LABEL = r"[A-Za-z0-9_](?:[A-Za-z0-9_-]*[A-Za-z0-9_])?"
_HOST_NAME = re.compile(rf"{_LABEL}(?:\.{_LABEL})*\.?")


class UnsafeValueError(ValueError):
    """A value cannot be put in a URL (``.``/``..`` path segments, missing columns,
    text that is not valid Unicode such as a lone surrogate)."""


@dataclass(frozen=True, slots=True)
class _Piece:
    literal: str
    name: str | None  # placeholder after the literal, None at the end
    in_query: bool


class UrlTemplate:
    """A parsed URL template that builds one encoded URL per product.

    Args:
        template: an ``http(s)://`` URL with ``{id}`` and ``{column}`` placeholders.
        needs_placeholder: False when a request body names the products, so
            that the URL may be a fixed endpoint.

    Raises:
        TemplateError: the template is empty, not http(s), has unbalanced braces,
            no ``{id}``-style placeholder at all (unless not needed), or a host
            or port no request could use.  The one-line message shows secret
            parts as ``***``.
    """

    def __init__(self, template: str, *, needs_placeholder: bool = True) -> None:
        self.template = template.strip()
        self._pieces = self._parse(self.template, needs_placeholder)
        self.placeholders = tuple(p.name for p in self._pieces if p.name is not None)
        self._origin, self._path_at = _path_only_origin(self._pieces)
        self._check_sample()

    @staticmethod
    def _parse(template: str, needs_placeholder: bool) -> list[_Piece]:
        if not template:
            raise TemplateError("URL template is empty")
        shown = _shown(template)
        try:
            parts = urlsplit(_PLACEHOLDER.sub("x", template))
        except ValueError as exc:
            raise TemplateError(f"URL template is not a valid URL ({exc}): {shown}") from None
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise TemplateError(f"URL template must start with http:// or https://: {shown}")
        pieces: list[_Piece] = []
        query_at = template.find("?")
        pos = 0
        for match in _PLACEHOLDER.finditer(template):
            name = match.group(1).strip()
            if not name:
                raise TemplateError(f"URL template has an empty placeholder {{}}: {shown}")
            literal = template[pos : match.start()]
            _check_braces(literal, template)
            in_query = query_at != -1 and match.start() > query_at
            pieces.append(_Piece(_quote_literal(literal, template), name, in_query))
            pos = match.end()
        _check_braces(template[pos:], template)
        pieces.append(_Piece(_quote_literal(template[pos:], template), None, False))
        if len(pieces) == 1 and needs_placeholder:
            raise TemplateError(f"URL template has no placeholder such as {{id}}: {shown}")
        if "{" in urlsplit(template).netloc:
            raise TemplateError("URL template cannot have a placeholder in the host")
        return pieces

    def _check_sample(self) -> None:
        """Build a URL as a run would, once, so that a template no request can use
        fails here with one line rather than on every row."""
        shown = _shown(self.template)
        sample = "".join(piece.literal + ("x" if piece.name else "") for piece in self._pieces)
        try:
            url = URL(sample, encoded=True)
            host, port = url.raw_host, url.port
        except (ValueError, UnicodeError) as exc:
            raise TemplateError(f"URL template is not a valid URL ({exc}): {shown}") from None
        if not host or not _valid_host(host):
            raise TemplateError(f"URL template has no valid host name: {shown}")
        if port is not None and not 1 <= port <= 65535:
            raise TemplateError(f"URL template's port must be 1 to 65535: {shown}")
        self.sample = url  # a URL on the template's origin (redirects are judged by it)

    def check_columns(self, columns: Iterable[str]) -> None:
        """Raise TemplateError if a placeholder names a column the products lack."""
        known = {"id", *columns}
        missing = [n for n in self.placeholders if n not in known and n != "ids"]  # a batch's IDs
        if missing:
            listed = ", ".join(sorted(known))
            raise TemplateError(
                f"URL template uses {{{missing[0]}}}, but the products have no such column "
                f"(columns: {listed})"
            )

    def build(self, product: Product, encoded: Mapping[str, str] | None = None) -> URL:
        """Return the encoded URL for one product.

        ``encoded`` gives placeholders' values already percent-encoded (a
        batch's ``{ids}``, comma-joined).

        Raises:
            UnsafeValueError: a path value is ``.`` or ``..``, a column is missing,
                or a value cannot be encoded as UTF-8 (a lone surrogate).
        """
        out: list[str] = []
        for piece in self._pieces:
            out.append(piece.literal)
            if piece.name is None:
                continue
            if encoded is not None and piece.name in encoded:
                out.append(encoded[piece.name])
                continue
            value = product.id if piece.name == "id" else product.fields.get(piece.name)
            if value is None:
                raise UnsafeValueError(f"no value for {{{piece.name}}}")
            if not piece.in_query and value in _DOT_SEGMENTS:
                raise UnsafeValueError(f"ID {value!r} cannot be sent as a path segment")
            try:
                out.append(quote(value, safe=""))
            except UnicodeEncodeError:
                raise UnsafeValueError(
                    f"{{{piece.name}}} value {value!r} is not valid text (cannot be encoded)"
                ) from None
        text = "".join(out)
        if self._origin is not None:  # the same URL, without parsing the whole text again
            return self._origin.with_path(text[self._path_at :], encoded=True)
        return URL(text, encoded=True)

    def describe(self, product: Product) -> str:
        """Return the URL as text for display, with the query left out (it may hold keys)."""
        try:
            url = self.build(product)
        except UnsafeValueError as exc:
            return f"<{exc}>"
        return mask_url_params(str(url.with_query(None).with_fragment(None)))


def _path_only_origin(pieces: list[_Piece]) -> tuple[URL | None, int]:
    """For a template whose placeholders are all in its path: its origin, and where
    the path starts in a built URL's text.

    Then :meth:`UrlTemplate.build` puts the path on the origin (``with_path``)
    rather than parsing the whole URL again for every product.  A query or
    fragment in the template gives ``(None, 0)``: such URLs are parsed whole.
    """
    if any("?" in piece.literal or "#" in piece.literal for piece in pieces):
        return None, 0
    first = pieces[0].literal
    path_at = first.find("/", first.find("://") + 3)
    if path_at == -1:  # the first placeholder is in the host: refused when parsed
        return None, 0
    return URL(first[:path_at], encoded=True), path_at


def _shown(template: str) -> str:
    """The template as messages show it: quoted, one line, secrets masked."""
    return repr(mask_template(template))


def _quote_literal(literal: str, template: str) -> str:
    try:
        return quote(literal, safe=_LITERAL_SAFE)
    except UnicodeEncodeError:
        raise TemplateError(f"URL template is not valid text: {_shown(template)}") from None


def _valid_host(host: str) -> bool:
    if ":" in host:  # yarl gives IPv6 literals without their brackets
        try:
            ipaddress.IPv6Address(host.split("%", 1)[0])
        except ValueError:
            return False
        return True
    return len(host) <= 253 and _HOST_NAME.fullmatch(host) is not None


def _check_braces(literal: str, template: str) -> None:
    if "{" in literal or "}" in literal:
        raise TemplateError(f"URL template has an unbalanced brace: {_shown(template)}")
