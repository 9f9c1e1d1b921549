"""What a run needs to know about the API: :class:`FetchSettings`.

Apart from :mod:`inventory_gui.core.fetcher` so that the window's process can
hold and validate settings without importing aiohttp (about 27 MB it does not
need: its fetches run in a worker process).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from inventory_gui.core.errors import SettingsError
from inventory_gui.core.urls import UrlTemplate

DEFAULT_CONCURRENCY = 16
DEFAULT_TIMEOUT = 10.0
DEFAULT_RETRIES = 3
DEFAULT_MAX_BODY = 5 * 1024 * 1024


@dataclass(frozen=True)
class FetchSettings:
    """Everything a run needs to know about the API.

    Attributes:
        url_template: see :class:`~inventory_gui.core.urls.UrlTemplate`.
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
    """

    url_template: str
    headers: Mapping[str, str] = field(default_factory=dict)
    concurrency: int = DEFAULT_CONCURRENCY
    timeout: float = DEFAULT_TIMEOUT
    retries: int = DEFAULT_RETRIES
    quantity_field: str | None = None
    max_body_bytes: int = DEFAULT_MAX_BODY
    verify_tls: bool = True
    backoff_base: float = 0.5
    adaptive: bool = True
    rate_limit: float | None = None

    def validate(self) -> None:
        """Raise SettingsError (or TemplateError) for settings a run cannot use."""
        UrlTemplate(self.url_template)
        if not 1 <= self.concurrency <= 10_000:
            raise SettingsError(f"concurrency must be 1 to 10000, not {self.concurrency}")
        if not 0 < self.timeout <= 3600:
            raise SettingsError(f"timeout must be above 0 and at most 3600 s, not {self.timeout}")
        if not 0 <= self.retries <= 20:
            raise SettingsError(f"retries must be 0 to 20, not {self.retries}")
        if self.rate_limit is not None and not (
            self.rate_limit > 0 and math.isfinite(self.rate_limit)
        ):
            raise SettingsError(f"rate limit must be above 0 per second, not {self.rate_limit}")
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
