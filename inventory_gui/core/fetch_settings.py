"""What a run needs to know about the API: :class:`FetchSettings`.

Apart from :mod:`inventory_gui.core.fetcher` so that the window's process can
hold and validate settings without importing aiohttp (about 27 MB it does not
need: its fetches run in a worker process).  The bounds of its numbers
(:class:`Bound`) are read by the command line's parser at start-up, so this
module imports nothing beyond the standard library when loaded.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from inventory_gui.core.errors import SettingsError

DEFAULT_CONCURRENCY = 16
DEFAULT_TIMEOUT = 10.0
DEFAULT_RETRIES = 3
DEFAULT_MAX_BODY = 5 * 1024 * 1024


def _plain(value: float) -> str:
    return str(value) if isinstance(value, int) else f"{value:g}"


def size_text(n: float) -> str:
    """A byte count as ``5 MiB``, ``64 KiB`` or ``1000 bytes``."""
    for unit, scale in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if n >= scale and n % scale == 0:
            return f"{int(n // scale)} {unit}"
    return f"{n:g} bytes"


@dataclass(frozen=True, slots=True)
class Bound:
    """The accepted range of one numeric setting, and how to say it.

    Both the settings check (:meth:`FetchSettings.validate`, used by the window
    too) and the command line's argument types use these, so a value one
    refuses the other refuses in the same words.
    """

    what: str
    low: float
    high: float
    integer: bool = False
    show: Callable[[float], str] = _plain

    def problem(self, value: object) -> str | None:
        """Why ``value`` is refused (``"must be 1 to 10000, not 0"``), or None if it fits.

        NaN, infinities, booleans and non-numbers never fit.
        """
        kinds = int if self.integer else (int, float)
        # Plain comparisons: NaN fails both, and ints of any size compare exactly.
        if (
            isinstance(value, kinds)
            and not isinstance(value, bool)
            and self.low <= value <= self.high  # type: ignore[operator]
        ):
            return None
        return f"must be {self.span()}, not {self._shown(value)}"

    def span(self) -> str:
        """The accepted range in words: ``"0.1 s to 3600 s"``."""
        return f"{self.show(self.low)} to {self.show(self.high)}"

    def _shown(self, value: object) -> str:
        if isinstance(value, bool) or not isinstance(value, int | float):
            text = repr(value)
            return text if len(text) <= 40 else text[:39] + "…"
        if isinstance(value, float) and not math.isfinite(value):
            return str(value)
        if abs(value) > 10**15:  # huge ints: no float conversion, no 4300-digit string
            return "a number past 10^15" if value > 0 else "a number below -10^15"
        return self.show(value)

    def check(self, value: object) -> None:
        """Raise SettingsError naming the setting if ``value`` does not fit."""
        problem = self.problem(value)
        if problem is not None:
            raise SettingsError(f"{self.what} {problem}")


CONCURRENCY = Bound("concurrency", 1, 10_000, integer=True)
TIMEOUT = Bound("timeout", 0.1, 3600.0, show=lambda s: f"{s:g} s")
RETRIES = Bound("retries", 0, 20, integer=True)
RATE_LIMIT = Bound("rate limit", 0.01, 100_000.0, show=lambda r: f"{r:g}/s")
MAX_BODY = Bound("answer size limit", 1024, 1024**3, integer=True, show=size_text)
BACKOFF_BASE = Bound("backoff base", 0.0, 60.0, show=lambda s: f"{s:g} s")


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

    The numbers must lie within :data:`CONCURRENCY`, :data:`TIMEOUT`,
    :data:`RETRIES`, :data:`MAX_BODY`, :data:`BACKOFF_BASE` and
    :data:`RATE_LIMIT` (see :meth:`validate`).
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
        """Raise SettingsError (or TemplateError) for settings a run cannot use.

        Each number must lie within its :class:`Bound` above: values past them
        would hang a run (a rate of 1e-300/s) or crash it (an infinite size).
        """
        # Imported here: the command line reads the bounds above while parsing
        # its arguments, before anything heavier (yarl) is needed.
        from inventory_gui.core.urls import UrlTemplate

        UrlTemplate(self.url_template)
        CONCURRENCY.check(self.concurrency)
        TIMEOUT.check(self.timeout)
        RETRIES.check(self.retries)
        MAX_BODY.check(self.max_body_bytes)
        BACKOFF_BASE.check(self.backoff_base)
        if self.rate_limit is not None:
            RATE_LIMIT.check(self.rate_limit)
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
