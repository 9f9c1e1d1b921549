"""How a run authenticates beyond plain headers: :class:`AuthSettings`.

Apart from :mod:`inventory_gui.core.fetch.auth` (which needs aiohttp) so that
the window and the command line can build and check these settings before any
network code is loaded.  Secrets (the Basic password, the OAuth2 client
secret) are fields here because a run needs them, but they are never part of
``repr`` and never saved with the other settings: the secret store keeps them
under the names :func:`password_key` and :func:`client_secret_key` give.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

from inventory_gui.core.errors import SettingsError
from inventory_gui.core.secrets import is_secret_name

NONE, BASIC, OAUTH2 = "none", "basic", "oauth2"
# The window's other kinds: a token the run sends as a header or query value.
BEARER, HEADER_KEY, QUERY_KEY = "bearer", "header_key", "query_key"
KINDS = (NONE, BEARER, HEADER_KEY, QUERY_KEY, BASIC, OAUTH2)

PASSWORD_ENV = "INVENTORY_GUI_PASSWORD"
CLIENT_SECRET_ENV = "INVENTORY_GUI_CLIENT_SECRET"


@dataclass(frozen=True)
class AuthSettings:
    """How a run authenticates: one of :data:`KINDS`.

    A run (:class:`~inventory_gui.core.fetch.settings.FetchSettings`) takes only
    ``basic`` and ``oauth2``; the window's ``bearer``, ``header_key`` and
    ``query_key`` become a header or a template query value (:meth:`apply`).

    Attributes:
        kind: one of :data:`KINDS`.
        user: the Basic auth user name.
        password: the Basic auth password (secret).
        token_url: the OAuth2 token endpoint.
        client_id: the OAuth2 client ID.
        client_secret: the OAuth2 client secret (secret).
        scope: the OAuth2 scope to ask for, if any.
        audience: the OAuth2 audience to ask for, if any (Auth0 and others).
        key_name: the header or query parameter of ``header_key``/``query_key``.
        token: the bearer token or API key (secret).
    """

    kind: str = NONE
    user: str = ""
    password: str = field(default="", repr=False)
    token_url: str = ""
    client_id: str = ""
    client_secret: str = field(default="", repr=False)
    scope: str = ""
    audience: str = ""
    key_name: str = ""
    token: str = field(default="", repr=False)

    @property
    def secrets(self) -> tuple[str, ...]:
        """The secret values these settings hold (for a run's Scrubber)."""
        secrets = (self.password, self.client_secret, self.token)
        return tuple(value for value in secrets if value)

    def apply(
        self, url_template: str, headers: Mapping[str, str]
    ) -> tuple[str, dict[str, str], AuthSettings | None]:
        """The run's template, headers and auth: a token kind becomes a header or
        query value (secret by its name, so masked and kept to the origin as any)."""
        headers = dict(headers)
        if self.kind == BEARER:
            headers["Authorization"] = f"Bearer {self.token}"
        elif self.kind == HEADER_KEY:
            headers[self.key_name] = self.token
        elif self.kind == QUERY_KEY:
            head, hash_, fragment = url_template.partition("#")
            pair = f"{quote(self.key_name, safe='')}={quote(self.token, safe='')}"
            url_template = head + ("&" if "?" in head else "?") + pair + hash_ + fragment
        elif self.kind in (BASIC, OAUTH2):
            return url_template, headers, self
        return url_template, headers, None

    def validate(self, headers: Mapping[str, str]) -> None:
        """Raise SettingsError (one line, no secret in it) if a run cannot use these.

        Args:
            headers: the run's other headers: an ``Authorization`` header there
                would clash with the one these settings send.
        """
        if self.kind not in KINDS:
            raise SettingsError(f"auth must be one of {', '.join(KINDS)}, not {self.kind!r}")
        if self.kind == NONE:
            return
        if self.kind in (BEARER, HEADER_KEY, QUERY_KEY):
            self._validate_token(headers)
            return
        if any(name.strip().lower() == "authorization" for name in headers):
            raise SettingsError(
                "an Authorization header and --basic-auth/--oauth2-token-url: give only one"
            )
        if self.kind == BASIC:
            if not self.user or ":" in self.user:
                raise SettingsError("basic auth user must be non-empty and hold no ':'")
            if not self.password:
                raise SettingsError(f"basic auth user {self.user!r} has no password")
        else:
            origin = url_origin(self.token_url)
            if origin is None:
                raise SettingsError(
                    f"OAuth2 token URL must be an http(s) URL, not {self.token_url!r}"
                )
            if not self.client_id:
                raise SettingsError("OAuth2 needs a client ID (--client-id)")
            if not self.client_secret:
                raise SettingsError(f"OAuth2 client {self.client_id!r} has no client secret")
        for name, value in vars(self).items():
            if "\r" in value or "\n" in value:
                raise SettingsError(f"auth setting {name!r} has a line break in it")

    def _validate_token(self, headers: Mapping[str, str]) -> None:
        named = "Authorization" if self.kind == BEARER else self.key_name.strip()
        if self.kind != BEARER and not is_secret_name(named):
            raise SettingsError(
                f"API key name {named!r} does not look secret: use a name such as "
                "X-Api-Key or api_key, so that its value is kept secret"
            )
        if self.kind != QUERY_KEY and any(n.strip().lower() == named.lower() for n in headers):
            raise SettingsError(f"header {named!r} is given twice (Auth and Headers)")
        if not self.token:
            raise SettingsError("the Auth section's token or key is empty")
        if "\r" in self.token or "\n" in self.token:
            raise SettingsError("the Auth section's token or key has a line break in it")


def url_origin(url: str) -> str | None:
    """``scheme://host[:port]`` of an http(s) URL (lower case), or None for anything else."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower()
    host = f"[{host}]" if ":" in host else host
    return f"{parts.scheme.lower()}://{host}" + (f":{port}" if port is not None else "")


def password_key(user: str, url: str) -> str:
    """The secret store's name for the Basic password of ``user`` at ``url``'s origin."""
    return f"basic-auth:{user}@{url_origin(url) or url}"


def client_secret_key(client_id: str, token_url: str) -> str:
    """The secret store's name for an OAuth2 client secret at its token endpoint."""
    return f"oauth2-client-secret:{client_id}@{url_origin(token_url) or token_url}"


def token_key(kind: str, url: str) -> str:
    """The secret store's name for a bearer token or API key of the API at ``url``."""
    return f"auth-token:{kind}@{url_origin(url) or url}"
