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
from urllib.parse import urlsplit

from inventory_gui.core.errors import SettingsError

NONE, BASIC, OAUTH2 = "none", "basic", "oauth2"
KINDS = (NONE, BASIC, OAUTH2)

PASSWORD_ENV = "INVENTORY_GUI_PASSWORD"
CLIENT_SECRET_ENV = "INVENTORY_GUI_CLIENT_SECRET"


@dataclass(frozen=True)
class AuthSettings:
    """Basic auth or OAuth2 client credentials for a run.

    Attributes:
        kind: ``"none"``, ``"basic"`` or ``"oauth2"``.
        user: the Basic auth user name.
        password: the Basic auth password (secret).
        token_url: the OAuth2 token endpoint.
        client_id: the OAuth2 client ID.
        client_secret: the OAuth2 client secret (secret).
        scope: the OAuth2 scope to ask for, if any.
        audience: the OAuth2 audience to ask for, if any (Auth0 and others).
    """

    kind: str = NONE
    user: str = ""
    password: str = field(default="", repr=False)
    token_url: str = ""
    client_id: str = ""
    client_secret: str = field(default="", repr=False)
    scope: str = ""
    audience: str = ""

    @property
    def secrets(self) -> tuple[str, ...]:
        """The secret values these settings hold (for a run's Scrubber)."""
        return tuple(value for value in (self.password, self.client_secret) if value)

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
