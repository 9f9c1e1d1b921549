"""Every setting defined once: :class:`Setting` and the definitions below.

A definition holds what the rest of the app needs to know about one setting:
its name, type, default, accepted range and unit, help text, whether its value
may be secret, its command-line flag and its key in the settings file.  The
command line's options (:mod:`inventory_gui.cli.options`), the window's spin boxes
(:mod:`inventory_gui.gui.panels.setting_widgets`), validation
(:meth:`~inventory_gui.core.fetch.settings.FetchSettings.validate`) and the
settings file (:class:`~inventory_gui.gui.settings_store.SettingsStore`) are
all built from these, so a value one of them accepts every other accepts, and
refuses in the same words.

The command line reads this module while parsing its arguments, so it imports
nothing heavier than the standard library.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from inventory_gui.core.errors import SettingsError
from inventory_gui.core.text import shorten, size_text


def split_names(text: str) -> tuple[str, ...]:
    """``"a, b,,c "`` as ``("a", "b", "c")``: how name lists are typed and stored."""
    return tuple(name.strip() for name in text.split(",") if name.strip())


@dataclass(frozen=True, slots=True)
class Setting:
    """One setting: what it is, what it accepts, where it appears.

    Attributes:
        key: its attribute name in the settings dataclass that holds it.
        label: its name for people: form labels and messages ("timeout must be...").
        kind: ``int``, ``float``, ``bool``, ``str`` or ``list`` (headers).
        default: the value when nothing is given or saved.
        help: what it does, one phrase: the command line's help and the tooltip.
        low, high: the accepted range of a number (None: not a number).
        unit: ``"s"``, ``"/s"``, ``"ms"``, ``"min"`` or ``"bytes"``: how numbers read.
        off: a number outside ``low..high`` that the window and the settings file
            take as "none" (no rate limit, no threshold, no auto-refresh).
        off_text: how the window shows :attr:`off`.
        step: the spin box's step.
        secret: its value may hold a secret: the settings file never holds it
            plainly (the store keeps it in the secret store).
        flag: its command-line option, or None.
        metavar: the option's placeholder in ``--help``.
        flag_help: the option's help when it reads otherwise than :attr:`help`
            (``--insecure`` turns :data:`VERIFY_TLS` off).
        flag_scale: the option's value times this is the setting's value
            (``--max-body-mib`` is in MiB, the setting in bytes).
        hidden: the option is left out of ``--help``.
        stored: its key in the settings file, or None if it is not saved.
    """

    key: str
    label: str
    kind: type
    default: Any
    help: str
    low: float | None = None
    high: float | None = None
    unit: str = ""
    off: float | None = None
    off_text: str = "off"
    step: float = 1
    secret: bool = False
    flag: str | None = None
    metavar: str | None = None
    flag_help: str | None = None
    flag_scale: int = 1
    hidden: bool = False
    stored: str | None = None

    @property
    def ranged(self) -> bool:
        """True for a number with an accepted range."""
        return self.low is not None and self.high is not None

    @property
    def decimals(self) -> int:
        """Decimal places needed to show the range's ends (0 for whole numbers)."""
        if self.kind is not float or self.low is None:
            return 0
        places = 0
        while places < 6 and round(self.low, places) != self.low:
            places += 1
        return places

    def problem(self, value: object) -> str | None:
        """Why ``value`` is refused (``"must be 1 to 10000, not 0"``), or None if it fits.

        :attr:`off` does not fit: callers that take it check for it first.
        NaN, infinities, booleans and non-numbers never fit.
        """
        if not self.ranged:
            return None
        kinds = int if self.kind is int else (int, float)
        # Plain comparisons: NaN fails both, and ints of any size compare exactly.
        if (
            isinstance(value, kinds)
            and not isinstance(value, bool)
            and self.low <= value <= self.high  # type: ignore[operator]
        ):
            return None
        return f"must be {self.span()}, not {self._shown(value)}"

    def check(self, value: object) -> None:
        """Raise SettingsError naming the setting if ``value`` does not fit."""
        problem = self.problem(value)
        if problem is not None:
            raise SettingsError(f"{self.label} {problem}")

    def span(self) -> str:
        """The accepted range in words: ``"0.1 s to 3600 s"``."""
        return f"{self.show(self.low)} to {self.show(self.high)}"  # type: ignore[arg-type]

    def show(self, value: float) -> str:
        """A number with its unit: ``"10 s"``, ``"5/s"``, ``"5 MiB"``."""
        if self.unit == "bytes":
            return size_text(value)
        text = str(value) if isinstance(value, int) else f"{value:.15g}"  # 1e9 as 1000000000
        if not self.unit:
            return text
        return f"{text}{self.unit}" if self.unit.startswith("/") else f"{text} {self.unit}"

    def tooltip(self) -> str:
        """The help as a sentence, with the range and the off value if any."""
        text = self.help[0].upper() + self.help[1:] + "."
        if self.ranged:
            text += f" {self.span()[0].upper()}{self.span()[1:]}."
        if self.off is not None:
            text += f" At its lowest: {self.off_text}."
        return text

    def read(self, raw: object) -> Any:
        """The value saved as ``raw`` (settings files hold text), checked.

        Raises:
            SettingsError: ``raw`` is not of this setting's kind or not in range;
                the message names the setting and shows the value (a caller
                reading a secret setting does not pass it on).
        """
        value = coerce(raw, self.kind)
        if value is None:
            kind = _KIND_WORDS[self.kind]
            raise SettingsError(f"{self.label} must be {kind}, not {self._shown(raw)}")
        if self.off is not None and value == self.off:
            return value
        self.check(value)
        return value

    def _shown(self, value: object) -> str:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return shorten(repr(value), 40)
        if isinstance(value, float) and not math.isfinite(value):
            return str(value)
        if abs(value) > 10**15:  # huge ints: no float conversion, no 4300-digit string
            return "a number past 10^15" if value > 0 else "a number below -10^15"
        return self.show(value)


_KIND_WORDS = {int: "a whole number", float: "a number", bool: "true or false", str: "text"}
_TRUE = ("true", "1", "yes", "on")
_FALSE = ("false", "0", "no", "off")


def coerce(raw: object, kind: type) -> Any:
    """``raw`` (as read from a settings file) as a ``kind``, or None if it is not one.

    Text is converted (``"42"``, ``"2.5"``, ``"true"``); booleans are never
    numbers, a float with a fraction is not an int, NaN and infinities are not
    floats.
    """
    if kind is bool:
        if isinstance(raw, bool):
            return raw
        lowered = raw.strip().lower() if isinstance(raw, str) else None
        return True if lowered in _TRUE else False if lowered in _FALSE else None
    if kind is str:
        return raw if isinstance(raw, str) else None
    if isinstance(raw, bool) or kind not in (int, float):
        return None
    try:
        number = kind(raw.strip()) if isinstance(raw, str) else kind(raw)
    except (TypeError, ValueError, OverflowError):
        return None
    if kind is int and isinstance(raw, float) and number != raw:
        return None
    if kind is float and not math.isfinite(number):
        return None
    return number


# -- the API connection: ConnectionSettings, FetchSettings, `fetch` -----------

URL_TEMPLATE = Setting(
    "url_template", "URL template", str, "",
    "the API URL for one product, e.g. https://api.example.com/get-current-inventory/{id}: "
    "{id} is replaced by the product ID and {column} by that column of the product list, "
    "percent-encoded so each stays one path segment or query value",
    secret=True, flag="--url-template", metavar="T", stored="connection/url_template",
)  # fmt: skip
HEADERS = Setting(
    "headers", "headers", list, (),
    "extra request headers, such as an API key",
    secret=True, flag="--header", metavar='"K: V"',
    flag_help="request header, repeatable (values are never printed)",
    stored="connection/headers",
)  # fmt: skip
CONCURRENCY = Setting(
    "concurrency", "concurrency", int, 16, "most requests in flight at once",
    1, 10_000, flag="--concurrency", metavar="N", stored="connection/concurrency",
)  # fmt: skip
TIMEOUT = Setting(
    "timeout", "timeout", float, 10.0, "time allowed per request, answer included",
    0.1, 3600.0, unit="s", step=0.5, flag="--timeout", metavar="S",
    stored="connection/timeout",
)  # fmt: skip
RETRIES = Setting(
    "retries", "retries", int, 3,
    "retries on timeouts, connection errors, HTTP 408/429/5xx, with a growing pause",
    0, 20, flag="--retries", metavar="N", stored="connection/retries",
)  # fmt: skip
DEFAULT_QUANTITY_KEYS = ("quantity", "qty", "stock", "available", "inventory", "on_hand")
"""Where the quantity is looked for, in this order, when no quantity field is set."""
QUANTITY_FIELD = Setting(
    "quantity_field", "quantity field", str, "",
    "dotted path or JMESPath expression to the quantity in the JSON answer, e.g. "
    "data.stock or counts[].quantity (a list is summed; default: the first "
    f"of {', '.join(DEFAULT_QUANTITY_KEYS)} holding a number)",
    flag="--quantity-field", metavar="PATH", stored="connection/quantity_field",
)  # fmt: skip
RATE_LIMIT = Setting(
    "rate_limit", "rate limit", float, 0.0, "most requests started per second",
    0.01, 100_000.0, unit="/s", off=0.0, off_text="no limit",
    flag="--rate-limit", metavar="RPS", stored="connection/rate_limit",
)  # fmt: skip
ADAPTIVE = Setting(
    "adaptive", "back off", bool, True,
    "on bursts of 429/503 answers or a falling X-RateLimit-Remaining, halve the "
    "requests in flight, then raise them again step by step",
    flag="--no-adaptive",
    flag_help="keep --concurrency even when the API answers 429/503 (default: back off)",
    stored="connection/adaptive",
)  # fmt: skip
VERIFY_TLS = Setting(
    "verify_tls", "verify TLS certificates", bool, True,
    "check the server's TLS certificate (keep this on unless testing a local server)",
    flag="--insecure", flag_help="do not verify TLS certificates (unsafe)",
    stored="connection/verify_tls",
)  # fmt: skip
MAX_BODY = Setting(
    "max_body_bytes", "answer size limit", int, 5 * 1024**2,
    "answers larger than this end as errors, unread",
    1024, 1024**3, unit="bytes", flag="--max-body-mib", metavar="MIB", flag_scale=1024**2,
    hidden=True,
)  # fmt: skip
RATE_LIMITED_MAX = Setting(
    "rate_limited_max", "rate-limited wait", float, 600.0,
    "how long a product may keep being refused by the API's rate limit (429/503 while "
    "backing off, re-queued without spending its retries) before it fails",
    1.0, 86_400.0, unit="s", flag="--rate-limited-max", metavar="S",
)  # fmt: skip
BACKOFF_BASE = Setting(
    "backoff_base", "backoff base", float, 0.5,
    "the first retry's longest pause, doubled at each retry", 0.0, 60.0, unit="s",
)  # fmt: skip

METHOD = Setting(
    "method", "method", str, "GET", "the HTTP method of each request: GET, POST, PUT or PATCH",
    flag="--method", metavar="M", stored="connection/method",
)  # fmt: skip
BODY = Setting(
    "body", "body", str, "",
    'the JSON sent with each request, e.g. {"ids": {ids}}: {id} is filled as a JSON '
    "string, {ids} as a JSON array of the batch's IDs, {column} as that column's text",
    flag="--body", metavar="TEMPLATE", stored="connection/body",
)  # fmt: skip
BATCH_SIZE = Setting(
    "batch_size", "batch size", int, 1,
    "products per request; above 1 the URL template or the body must use {ids} "
    "and the answer is split back onto the rows (--items, --item-id)",
    1, 1000, flag="--batch-size", metavar="N", stored="connection/batch_size",
)  # fmt: skip
ITEMS = Setting(
    "items", "items", str, "",
    "in a batch's answer, the list of per-product records (dotted path or JMESPath; "
    "default: the answer itself)",
    flag="--items", metavar="EXPR", stored="connection/items",
)  # fmt: skip
ITEM_ID = Setting(
    "item_id", "item ID field", str, "id",
    "in a batch's answer, the record field holding the product ID (compared as text)",
    flag="--item-id", metavar="FIELD", stored="connection/item_id",
)  # fmt: skip

CONNECTION_SETTINGS = (
    URL_TEMPLATE, HEADERS, CONCURRENCY, TIMEOUT, RETRIES, QUANTITY_FIELD, RATE_LIMIT,
    ADAPTIVE, VERIFY_TLS, METHOD, BODY, BATCH_SIZE, ITEMS, ITEM_ID,
)  # fmt: skip
"""What :class:`~inventory_gui.core.connection.ConnectionSettings` holds, in the form's order."""

FETCH_NUMBERS = (
    CONCURRENCY, TIMEOUT, RETRIES, RATE_LIMIT, MAX_BODY, BACKOFF_BASE, RATE_LIMITED_MAX,
)  # fmt: skip
"""The numbers :meth:`~inventory_gui.core.fetch.settings.FetchSettings.validate` checks."""

# -- the network: proxy and TLS (core/fetch/network.py) --------------------------

PROXY = Setting(
    "proxy", "proxy", str, "",
    "proxy for every request, http://[user:password@]host:port (its user info is kept "
    "secret); empty: HTTP_PROXY/HTTPS_PROXY/NO_PROXY from the environment",
    secret=True, flag="--proxy", metavar="URL", stored="network/proxy",
)  # fmt: skip
PROXY_ENV = Setting(
    "proxy_env", "use proxy variables", bool, True,
    "with no proxy set, honour HTTP_PROXY, HTTPS_PROXY and NO_PROXY",
    flag="--no-proxy-env", flag_help="ignore HTTP_PROXY/HTTPS_PROXY/NO_PROXY (default: honour)",
    stored="network/proxy_env",
)  # fmt: skip
CA_BUNDLE = Setting(
    "ca_bundle", "CA bundle", str, "",
    "a PEM file of CA certificates to trust besides the system's (a private CA)",
    flag="--ca-bundle", metavar="PATH", stored="network/ca_bundle",
)  # fmt: skip
CLIENT_CERT = Setting(
    "client_cert", "client certificate", str, "",
    "the PEM certificate presented for mutual TLS (its key too, unless given apart)",
    flag="--client-cert", metavar="PATH", stored="network/client_cert",
)  # fmt: skip
CLIENT_KEY = Setting(
    "client_key", "client key", str, "",
    "the PEM private key of the client certificate, if not in its file (an encrypted "
    "key's passphrase: INVENTORY_GUI_CLIENT_KEY_PASSWORD)",
    flag="--client-key", metavar="PATH", stored="network/client_key",
)  # fmt: skip

NETWORK_SETTINGS = (PROXY, PROXY_ENV, CA_BUNDLE, CLIENT_CERT, CLIENT_KEY)
"""The window's Network section, the fetch options and FetchSettings' network fields."""

# -- auth: Basic and OAuth2 client credentials (core/fetch/auth.py) ------------
# The secrets (password, client secret) are no settings: the secret store keeps
# them (core/fetch/auth_settings.py names their keys), or the environment.

AUTH_KIND = Setting(
    "kind", "auth", str, "none",
    "how requests authenticate: none, bearer, header_key, query_key, basic or oauth2",
    stored="auth/kind",
)  # fmt: skip
BASIC_USER = Setting(
    "user", "basic auth user", str, "",
    "sign in with HTTP Basic auth as USER; the password comes from INVENTORY_GUI_PASSWORD, "
    "the keyring or a prompt, never the command line",
    flag="--basic-auth", metavar="USER", stored="auth/user",
)  # fmt: skip
OAUTH2_TOKEN_URL = Setting(
    "token_url", "OAuth2 token URL", str, "",
    "the token endpoint of OAuth2 client credentials; the client secret comes from "
    "INVENTORY_GUI_CLIENT_SECRET or the keyring",
    flag="--oauth2-token-url", metavar="URL", stored="auth/token_url",
)  # fmt: skip
OAUTH2_CLIENT_ID = Setting(
    "client_id", "OAuth2 client ID", str, "", "the OAuth2 client ID",
    flag="--client-id", metavar="ID", stored="auth/client_id",
)  # fmt: skip
OAUTH2_SCOPE = Setting(
    "scope", "OAuth2 scope", str, "", "the OAuth2 scope to ask for (optional)",
    flag="--scope", metavar="S", stored="auth/scope",
)  # fmt: skip
OAUTH2_AUDIENCE = Setting(
    "audience", "OAuth2 audience", str, "", "the OAuth2 audience to ask for (optional)",
    flag="--audience", metavar="A", stored="auth/audience",
)  # fmt: skip

AUTH_KEY_NAME = Setting(
    "key_name", "API key name", str, "",
    "the header (X-Api-Key) or query parameter (api_key) that carries the API key",
    stored="auth/key_name",
)  # fmt: skip

AUTH_SETTINGS = (
    AUTH_KIND, BASIC_USER, OAUTH2_TOKEN_URL, OAUTH2_CLIENT_ID, OAUTH2_SCOPE, OAUTH2_AUDIENCE,
    AUTH_KEY_NAME,
)  # fmt: skip
"""The fields of :class:`~inventory_gui.core.fetch.auth_settings.AuthSettings` but its secrets."""

# -- stock: the window's stock panel ------------------------------------------

LOW_THRESHOLD = Setting(
    "low_threshold", "Low threshold", float, 10.0,
    "quantities at or under this read Low; a row's own threshold column wins",
    0.0, 1e9, off=-1.0, flag="--low-threshold", metavar="N", stored="stock/low_threshold",
)  # fmt: skip
THRESHOLD_COLUMNS = Setting(
    "threshold_columns", "threshold columns", str, "reorder_point, min, threshold, min_stock",
    "input columns holding a per-row Low threshold, first found wins",
    flag="--threshold-columns", metavar="NAMES", stored="stock/threshold_columns",
)  # fmt: skip
EXTRA_FIELDS = Setting(
    "fields", "extra fields", str, "",
    "extra columns from each answer: a name, or name=path into the JSON (dotted or JMESPath)",
    stored="stock/fields",
)  # fmt: skip
AUTO_REFRESH = Setting(
    "auto_refresh_minutes", "auto-refresh", int, 0,
    "fetch everything again every N minutes while the window is open",
    1, 24 * 60, unit="min", off=0, stored="stock/auto_refresh_minutes",
)  # fmt: skip
NOTIFY = Setting(
    "notify", "notify", bool, True, "one desktop notification per run that changes stock levels",
    stored="stock/notify",
)  # fmt: skip

STOCK_SETTINGS = (LOW_THRESHOLD, THRESHOLD_COLUMNS, EXTRA_FIELDS, AUTO_REFRESH, NOTIFY)

# -- the window: its View menu -----------------------------------------------------

CLOSE_TO_TRAY = Setting(
    "close_to_tray", "close to tray", bool, False,
    "while auto-refresh is on, closing the window keeps the app in the system tray, "
    "checking and alerting; the tray icon's menu shows the window again or quits",
    stored="ui/close_to_tray",
)  # fmt: skip

WINDOW_SETTINGS = (CLOSE_TO_TRAY,)

# -- the demo API: `serve-demo` ------------------------------------------------

DEMO_HOST = Setting(
    "host", "host", str, "127.0.0.1", "address to bind", flag="--host", metavar="HOST"
)
DEMO_PORT = Setting(
    "port", "port", int, 8080, "port to listen on; 0 picks a free one", 0, 65_535,
    flag="--port", metavar="P",
)  # fmt: skip
DEMO_LATENCY = Setting(
    "latency_ms", "latency", float, 0.0, "delay before each answer", 0.0, 600_000.0,
    unit="ms", flag="--latency-ms", metavar="MS",
)  # fmt: skip
DEMO_JITTER = Setting(
    "jitter_ms", "jitter", float, 0.0, "± random extra delay", 0.0, 600_000.0,
    unit="ms", flag="--jitter-ms", metavar="MS",
)  # fmt: skip
DEMO_ERROR_RATE = Setting(
    "error_rate", "error rate", float, 0.0,
    "fraction of faulty answers: 500, 503, 429, too slow", 0.0, 1.0,
    flag="--error-rate", metavar="R",
)  # fmt: skip

DEMO_SETTINGS = (DEMO_HOST, DEMO_PORT, DEMO_LATENCY, DEMO_JITTER, DEMO_ERROR_RATE)

ALL_SETTINGS = (
    *CONNECTION_SETTINGS, MAX_BODY, BACKOFF_BASE, RATE_LIMITED_MAX, *NETWORK_SETTINGS,
    *AUTH_SETTINGS, *STOCK_SETTINGS, *WINDOW_SETTINGS, *DEMO_SETTINGS,
)  # fmt: skip
