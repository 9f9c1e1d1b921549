"""URL templates: ``https://api.example.com/stock/{id}?store={store}``.

Every placeholder value is percent-encoded so that it stays one path segment
(``a/b`` becomes ``a%2Fb``) or one query value.  The URL is then handed to yarl
as already encoded, because ``URL / value`` would leave ``/`` alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from yarl import URL

from inventory_gui.core.errors import TemplateError
from inventory_gui.core.models import Product

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
# Characters a user may legitimately write in the literal parts of a template;
# "%" is kept so that an already-encoded literal is not encoded twice.
_LITERAL_SAFE = "/:?#[]@!$&'()*+,;=%~"
_DOT_SEGMENTS = frozenset({".", ".."})


class UnsafeValueError(ValueError):
    """A value cannot be put in a URL (``.``/``..`` path segments, missing columns)."""


@dataclass(frozen=True, slots=True)
class _Piece:
    literal: str
    name: str | None  # placeholder after the literal, None at the end
    in_query: bool


class UrlTemplate:
    """A parsed URL template that builds one encoded URL per product.

    Args:
        template: an ``http(s)://`` URL with ``{id}`` and ``{column}`` placeholders.

    Raises:
        TemplateError: the template is empty, not http(s), has unbalanced braces
            or no ``{id}``-style placeholder at all.
    """

    def __init__(self, template: str) -> None:
        self.template = template.strip()
        self._pieces = self._parse(self.template)
        self.placeholders = tuple(p.name for p in self._pieces if p.name is not None)

    @staticmethod
    def _parse(template: str) -> list[_Piece]:
        if not template:
            raise TemplateError("URL template is empty")
        parts = urlsplit(_PLACEHOLDER.sub("x", template))
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise TemplateError(f"URL template must start with http:// or https://: {template!r}")
        pieces: list[_Piece] = []
        query_at = template.find("?")
        pos = 0
        for match in _PLACEHOLDER.finditer(template):
            name = match.group(1).strip()
            if not name:
                raise TemplateError(f"URL template has an empty placeholder {{}}: {template!r}")
            literal = template[pos : match.start()]
            _check_braces(literal, template)
            in_query = query_at != -1 and match.start() > query_at
            pieces.append(_Piece(quote(literal, safe=_LITERAL_SAFE), name, in_query))
            pos = match.end()
        _check_braces(template[pos:], template)
        pieces.append(_Piece(quote(template[pos:], safe=_LITERAL_SAFE), None, False))
        if len(pieces) == 1:
            raise TemplateError(f"URL template has no placeholder such as {{id}}: {template!r}")
        if "{" in urlsplit(template).netloc:
            raise TemplateError("URL template cannot have a placeholder in the host")
        return pieces

    def check_columns(self, columns: Iterable[str]) -> None:
        """Raise TemplateError if a placeholder names a column the products lack."""
        known = {"id", *columns}
        missing = [name for name in self.placeholders if name not in known]
        if missing:
            listed = ", ".join(sorted(known))
            raise TemplateError(
                f"URL template uses {{{missing[0]}}}, but the products have no such column "
                f"(columns: {listed})"
            )

    def build(self, product: Product) -> URL:
        """Return the encoded URL for one product.

        Raises:
            UnsafeValueError: a path value is ``.`` or ``..``, or a column is missing.
        """
        out: list[str] = []
        for piece in self._pieces:
            out.append(piece.literal)
            if piece.name is None:
                continue
            value = product.id if piece.name == "id" else product.fields.get(piece.name)
            if value is None:
                raise UnsafeValueError(f"no value for {{{piece.name}}}")
            if not piece.in_query and value in _DOT_SEGMENTS:
                raise UnsafeValueError(f"ID {value!r} cannot be sent as a path segment")
            out.append(quote(value, safe=""))
        return URL("".join(out), encoded=True)

    def describe(self, product: Product) -> str:
        """Return the URL as text for display, with the query left out (it may hold keys)."""
        try:
            url = self.build(product)
        except UnsafeValueError as exc:
            return f"<{exc}>"
        return str(url.with_query(None).with_fragment(None))


def _check_braces(literal: str, template: str) -> None:
    if "{" in literal or "}" in literal:
        raise TemplateError(f"URL template has an unbalanced brace: {template!r}")
