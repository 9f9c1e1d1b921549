"""What a run needs to know about the API: :class:`FetchSettings`.

Apart from :mod:`inventory_gui.core.fetch.fetcher` so that the window's process can
hold and validate settings without importing aiohttp: its fetches run in a
worker process.  Defaults and ranges come from the settings' definitions in
:mod:`inventory_gui.core.settings_schema`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from inventory_gui.core.errors import SettingsError
from inventory_gui.core.settings_schema import (
    BACKOFF_BASE,
    CONCURRENCY,
    FETCH_NUMBERS,
    MAX_BODY,
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

        UrlTemplate(self.url_template)
        for setting in FETCH_NUMBERS:
            value = getattr(self, setting.key)
            if value is not None or setting.off is None:
                setting.check(value)
        for name, value in self.headers.items():
            _check_header(name, value)


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
