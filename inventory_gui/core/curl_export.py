"""Writing a request as a curl command: "Copy as curl" on a row.

:func:`to_curl` quotes every word for a POSIX shell, so the command runs as
shown and :func:`~inventory_gui.core.curl_import.parse_curl` reads it back to
the same request.  Secrets (secret-named header values, secret query values
and user info, see :mod:`inventory_gui.core.secrets`) are shown as ``***``
unless ``reveal`` is asked for.
"""

from __future__ import annotations

import json
import shlex
from collections.abc import Iterable

from inventory_gui.core.connection import ConnectionSettings
from inventory_gui.core.errors import InventoryError
from inventory_gui.core.fetch.url_template import UnsafeValueError, UrlTemplate
from inventory_gui.core.models import Product
from inventory_gui.core.secrets import MASK, Scrubber, is_secret_name


def to_curl(
    method: str,
    url: str,
    headers: Iterable[tuple[str, str]],
    body: str | None = None,
    *,
    reveal: bool = False,
) -> str:
    """The curl command making this request, one option per line.

    Args:
        method: the HTTP method; ``-X`` is left out where curl's own default
            matches (GET without a body, POST with one).
        url: the URL as sent.
        headers: ``(name, value)`` pairs.
        body: the body, sent with ``--data-raw`` (taken as is, ``@`` included).
        reveal: show secrets; otherwise they read ``***``.
    """
    headers = list(headers)
    if not reveal:  # masked before quoting, so that quoting cannot hide a secret's form
        scrub = Scrubber.for_run(url, dict(headers)).text
        url = scrub(url)
        headers = [(n, MASK if v and is_secret_name(n) else scrub(v)) for n, v in headers]
        body = None if body is None else scrub(body)
    words = [f"curl {shlex.quote(url)}"]
    if method.upper() != ("POST" if body is not None else "GET"):
        words.append(f"-X {shlex.quote(method.upper())}")
    words += [f"-H {shlex.quote(f'{name}: {value}')}" for name, value in headers]
    if body is not None:
        words.append(f"--data-raw {shlex.quote(body)}")
    return " \\\n  ".join(words)


def row_curl(cs: ConnectionSettings, product: Product, *, reveal: bool = False) -> str | None:
    """The curl command of the request a run sends for ``product``, or None.

    None when the template is not usable or the product cannot be put in it.
    The method and body are the connection's when it has them (settings named
    ``method`` and ``body``); a body's ``{id}`` is filled as a JSON string and
    ``{ids}`` as a JSON array of that one ID.
    """
    try:
        url = str(UrlTemplate(cs.url_template).build(product))
    except (InventoryError, UnsafeValueError):
        return None
    method = str(getattr(cs, "method", "") or "GET")
    body = getattr(cs, "body", "") or None
    if body is not None:
        body = body.replace("{ids}", json.dumps([product.id])).replace(
            "{id}", json.dumps(product.id)
        )
    return to_curl(method, url, cs.headers, body, reveal=reveal)
