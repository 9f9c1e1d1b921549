"""What a run needs to know about the API: :class:`FetchSettings`.

Apart from :mod:`inventory_gui.core.fetch.fetcher` so that the window's process can
hold and validate settings without importing aiohttp: its fetches run in a
worker process.  Defaults and ranges come from the settings' definitions in
:mod:`inventory_gui.core.settings_schema`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from inventory_gui.core.errors import SettingsError
from inventory_gui.core.fetch.auth_settings import AuthSettings
from inventory_gui.core.fetch.network import check_network
from inventory_gui.core.fetch.request_template import BodyTemplate, check_request
from inventory_gui.core.secrets import Scrubber, userinfo_secrets
from inventory_gui.core.settings_schema import (
    BACKOFF_BASE,
    BATCH_SIZE,
    CONCURRENCY,
    FETCH_NUMBERS,
    ITEM_ID,
    MAX_BODY,
    METHOD,
    RATE_LIMITED_MAX,
    RETRIES,
    TIMEOUT,
)


@dataclass(frozen=True)
class FetchSettings:
    """Everything a run needs to know about the API.

    Attributes:
        url_template: see :class:`~inventory_gui.core.fetch.url_template.UrlTemplate`.
        headers: extra request headers (API keys...); their values are never
            logged, shown in errors or exported.
        concurrency: the most requests in flight at once.
        timeout: total seconds allowed for one request, body included.
        retries: how many times a failed request may be sent again.
        quantity_field: dotted path to the quantity, or None for the defaults.
        max_body_bytes: answers larger than this end as errors, unread.
        verify_tls: verify certificates (turn off only for a test server).
        backoff_base: first backoff ceiling in seconds (doubles per attempt).
        adaptive: lower the requests in flight while the API pushes back
            (429, 503, ``X-RateLimit-Remaining`` low), up to ``concurrency``.
        rate_limit: most requests started per second, or None for no limit.
        method: ``GET``, ``POST``, ``PUT`` or ``PATCH``.
        body: a JSON body template (see
            :class:`~inventory_gui.core.fetch.request_template.BodyTemplate`), or None.
        batch_size: products per request; above 1 the answer is split back
            onto the rows by ``items`` and ``item_id``.
        items: path to the list of per-product records in a batch's answer,
            or None for the answer itself.
        item_id: the record field holding the product ID.
        proxy: the proxy every request goes through, ``http://[user:pw@]host:port``
            (its user info is secret), or "" for none.
        proxy_env: with no ``proxy``, honour ``HTTP_PROXY``/``HTTPS_PROXY``/``NO_PROXY``.
        ca_bundle: a PEM file of CA certificates trusted besides the system's.
        client_cert, client_key: PEM files presented for mutual TLS (the key
            may sit in the certificate's file); paths only, never key material.
        auth: Basic auth or OAuth2 client credentials, or None (headers only).
        rate_limited_max: seconds a product may keep being refused by the rate
            limit (re-queued, retries unspent) before it fails.
        remembered_rate: the API's limit learned by an earlier run (requests
            per second), the adaptive pace's start; None to start unpaced.

    The numbers must lie within the ranges of their definitions in
    :mod:`inventory_gui.core.settings_schema` (see :meth:`validate`).
    """

    url_template: str
    headers: Mapping[str, str] = field(default_factory=dict)
    concurrency: int = CONCURRENCY.default
    timeout: float = TIMEOUT.default
    retries: int = RETRIES.default
    quantity_field: str | None = None
    max_body_bytes: int = MAX_BODY.default
    verify_tls: bool = True
    backoff_base: float = BACKOFF_BASE.default
    adaptive: bool = True
    rate_limit: float | None = None
    proxy: str = ""
    proxy_env: bool = True
    ca_bundle: str = ""
    client_cert: str = ""
    client_key: str = ""
    auth: AuthSettings | None = None
    method: str = METHOD.default
    body: str | None = None
    batch_size: int = BATCH_SIZE.default
    items: str | None = None
    item_id: str = ITEM_ID.default

    def request(self) -> RequestParts:
        """The body template and answer paths, compiled.

        Raises:
            SettingsError: a body that is not JSON or a path that is not valid.
        """
        return _request_parts(self)

    def placeholders(self) -> tuple[str, ...]:
        """The names the URL template and the body use: the columns a run needs.

        Raises:
            TemplateError, SettingsError: as :meth:`validate`.
        """
        from inventory_gui.core.fetch.url_template import UrlTemplate

        body = self.request().body
        url = UrlTemplate(self.url_template, needs_placeholder=body is None)
        return tuple(dict.fromkeys((*url.placeholders, *(body.placeholders if body else ()))))

    def check_columns(self, columns: Iterable[str]) -> None:
        """Raise TemplateError or SettingsError if the URL template or the body
        names a column the products lack."""
        from inventory_gui.core.fetch.url_template import UrlTemplate

        body = self.request().body
        columns = list(columns)
        UrlTemplate(self.url_template, needs_placeholder=body is None).check_columns(columns)
        if body is not None:
            body.check_columns(columns)

    rate_limited_max: float = RATE_LIMITED_MAX.default
    remembered_rate: float | None = None

    def validate(self) -> None:
        """Raise SettingsError (or TemplateError) for settings a run cannot use.

        Each number must lie within its definition's range: values past them
        would hang a run (a rate of 1e-300/s) or crash it (an infinite size).
        None is "off" for a setting that has one (no rate limit).
        """
        # Imported here: loading this module (at the window's start-up) needs no yarl.
        from inventory_gui.core.fetch.url_template import UrlTemplate

        for setting in FETCH_NUMBERS:
            value = getattr(self, setting.key)
            if value is not None or setting.off is None:
                setting.check(value)
        BATCH_SIZE.check(self.batch_size)  # apart: above 1 the template must use {ids}
        request = self.request()
        url = UrlTemplate(self.url_template, needs_placeholder=request.body is None)
        check_request(self.method, request.body, url.placeholders, self.batch_size)
        for name, value in self.headers.items():
            _check_header(name, value)
        check_network(self)
        if self.auth is not None:
            self.auth.validate(self.headers)

    def scrubber(self) -> Scrubber:
        """The run's scrubber: the template's and headers' secrets, the proxy's
        user info, the auth secrets and the body's secret-named values (for
        every error text of the run)."""
        scrubber = Scrubber.for_run(self.url_template, self.headers)
        scrubber.add(*userinfo_secrets(self.proxy))
        if self.auth is not None:
            scrubber.add(*self.auth.secrets)
        body = self.request().body
        if body is not None:
            scrubber.add(*body.secrets)
        return scrubber


def _request_parts(settings: FetchSettings) -> RequestParts:
    """Compile the body template and paths of ``settings`` (validated on the way)."""
    # Imported here: jmespath is loaded only once a run's settings are checked.
    from inventory_gui.core.fetch.json_path import FieldPath

    def path(text: str | None, label: str) -> FieldPath | None:
        return FieldPath(text, label) if text and text.strip() else None

    return RequestParts(
        body=BodyTemplate(settings.body) if settings.body and settings.body.strip() else None,
        quantity=path(settings.quantity_field, "quantity field"),
        items=path(settings.items, "items"),
        item_id=path(settings.item_id, "item ID field") or FieldPath("id"),
    )


@dataclass(frozen=True, slots=True)
class RequestParts:
    """The compiled parts of a run's requests and answers (once per run)."""

    body: BodyTemplate | None
    quantity: Any  # FieldPath | None
    items: Any  # FieldPath | None
    item_id: Any  # FieldPath


def parse_header(text: str) -> tuple[str, str]:
    """Parse ``"Name: value"`` as given to ``--header``.

    Raises:
        SettingsError: no colon, an empty or invalid name, or a line break in it.
            The message never repeats the value, which may be a secret.
    """
    name, sep, value = text.partition(":")
    name, value = name.strip(), value.strip()
    if not sep or not name:
        raise SettingsError(f"header must look like 'Name: value' (got a header named {name!r})")
    _check_header(name, value)
    return name, value


def _check_header(name: str, value: str) -> None:
    if not name.isascii() or any(c in name for c in ' \t\r\n:()<>@,;\\"/[]?={}'):
        raise SettingsError(f"header name {name!r} is not valid")
    if "\r" in value or "\n" in value:
        raise SettingsError(f"header {name!r} has a line break in its value")
