"""The proxy settings' checks: ``proxy`` well formed, a proxy variable set.

Standard library only, so the window's process can validate a proxy URL
without aiohttp.  The URL's user info (``http://user:password@proxy:3128``)
is a secret: aiohttp sends it only to the proxy, as ``Proxy-Authorization``,
and every message shows it as ``***``.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from inventory_gui.core.errors import SettingsError
from inventory_gui.core.secrets import MASK

# What aiohttp's trust_env reads (urllib.request.getproxies_environment).
_ENV_NAMES = ("http_proxy", "https_proxy", "all_proxy", "ws_proxy", "wss_proxy")


def check_proxy(text: str) -> None:
    """Raise SettingsError unless ``text`` is ``http(s)://[user[:password]@]host[:port]``.

    The message is one line naming the problem; everything up to the last
    ``@`` (where user info would be, however malformed the URL) shows as ``***``.
    """
    shown = f"{MASK}@{text.rpartition('@')[2]}" if "@" in text else text
    try:
        parts = urlsplit(text.strip())
        parts.port  # noqa: B018  # raises ValueError for a port out of range
    except ValueError:
        raise SettingsError(f"proxy {shown!r} is not a valid URL") from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise SettingsError(f"proxy {shown!r} must look like http://host:port")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise SettingsError(f"proxy {shown!r} must have no path or query")


def environment_has_proxy() -> bool:
    """True when a proxy environment variable is set (either case)."""
    return any(os.environ.get(name) or os.environ.get(name.upper()) for name in _ENV_NAMES)
