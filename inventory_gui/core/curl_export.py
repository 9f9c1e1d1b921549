"""Writing a request as a curl command: "Copy as curl" on a row.

:func:`to_curl` quotes every word for a POSIX shell, so the command runs as
shown and :func:`~inventory_gui.core.curl_import.parse_curl` reads it back to
the same request.  Secrets (secret-named header values, secret query values
and user info, see :mod:`inventory_gui.core.secrets`) are shown as ``***``
unless ``reveal`` is asked for.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable

from inventory_gui.core.connection import ConnectionSettings
from inventory_gui.core.errors import InventoryError
from inventory_gui.core.fetch.request_template import BodyTemplate, RequestBuilder, body_headers
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

    None when the template or body is not usable or the product cannot be put
    in them.  The method and body are the connection's, filled as a run fills
    them (``{id}`` a JSON string, ``{ids}`` a JSON array of that one ID), with
    the run's ``Content-Type``.
    """
    try:
        template = BodyTemplate(cs.body) if cs.body.strip() else None
        urls = UrlTemplate(cs.url_template, needs_placeholder=template is None)
        url, data = RequestBuilder(urls, template).build([product])
    except (InventoryError, UnsafeValueError, KeyError, UnicodeError):
        return None
    headers = list(cs.headers)
    body = None
    if template is not None and data is not None:
        body = data.decode()
        headers += body_headers(dict(headers)).items()  # as the run sends it
        if not reveal:  # the body's secret-named values ("api_key": "…")
            body = Scrubber(template.secrets).text(body)
    return to_curl(cs.method, str(url), headers, body, reveal=reveal)
