"""Which proxy a run goes through: ``proxy`` or the environment's.

The proxy URL is parsed and checked with the standard library only, so the
window's process can validate it without aiohttp.  Its user info
(``http://user:password@proxy:3128``) is a secret: aiohttp sends it only to
the proxy, as ``Proxy-Authorization``, and every message shows it as ``***``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from inventory_gui.core.errors import SettingsError
from inventory_gui.core.secrets import mask_template

# What aiohttp's trust_env reads (urllib.request.getproxies_environment).
_ENV_NAMES = ("http_proxy", "https_proxy", "all_proxy", "ws_proxy", "wss_proxy")


@dataclass(frozen=True)
class Proxy:
    """A proxy URL checked and split into where it is and how to log in to it.

    Attributes:
        url: ``scheme://host:port``, without user info.
        user, password: its user info, percent-decoded, or None.
    """

    url: str
    user: str | None = None
    password: str | None = None

    @classmethod
    def parse(cls, text: str) -> Proxy:
        """Parse ``http://[user[:password]@]host[:port]``.

        Raises:
            SettingsError: one line naming the problem; the user info is masked.
        """
        shown = mask_template(text)
        try:
            parts = urlsplit(text.strip())
            port = parts.port
        except ValueError:
            raise SettingsError(f"proxy {shown!r} is not a valid URL") from None
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            raise SettingsError(f"proxy {shown!r} must look like http://host:port")
        if parts.path not in ("", "/") or parts.query or parts.fragment:
            raise SettingsError(f"proxy {shown!r} must have no path or query")
        host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
        url = f"{parts.scheme.lower()}://{host}" + (f":{port}" if port is not None else "")
        user = unquote(parts.username) if parts.username is not None else None
        password = unquote(parts.password) if parts.password is not None else None
        return cls(url, user, password)


def environment_has_proxy() -> bool:
    """True when a proxy environment variable is set (either case)."""
    return any(os.environ.get(name) or os.environ.get(name.upper()) for name in _ENV_NAMES)
