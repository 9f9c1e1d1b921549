"""The network a run goes through: proxy and TLS settings, checked and applied.

:func:`check_network` is part of :meth:`FetchSettings.validate` (standard
library only: the window's process validates too); :func:`session_options`
gives :func:`~inventory_gui.core.fetch.fetcher.open_session` what to pass to
aiohttp, so that the session is built in one place and the per-request path
is untouched.
"""

from __future__ import annotations

import dataclasses
import ssl
from dataclasses import dataclass
from typing import Any, Protocol

from inventory_gui.core.fetch.proxy import check_proxy, environment_has_proxy
from inventory_gui.core.fetch.tls import TlsSettings, check_tls_files, tls_context
from inventory_gui.core.settings_schema import CA_BUNDLE, CLIENT_CERT, CLIENT_KEY, PROXY, PROXY_ENV


@dataclass(frozen=True)
class NetworkOptions:
    """The network settings as the window keeps them (see NETWORK_SETTINGS).

    Each attribute is the setting of the same key and the field of the same
    name in :class:`~inventory_gui.core.fetch.settings.FetchSettings`.
    """

    proxy: str = PROXY.default
    proxy_env: bool = PROXY_ENV.default
    ca_bundle: str = CA_BUNDLE.default
    client_cert: str = CLIENT_CERT.default
    client_key: str = CLIENT_KEY.default

    def fetch_fields(self) -> dict[str, Any]:
        """The keyword arguments of FetchSettings these give, paths and URL stripped."""
        return {
            key: value.strip() if isinstance(value, str) else value
            for key, value in dataclasses.asdict(self).items()
        }


class NetworkSettings(TlsSettings, Protocol):
    """What of :class:`~inventory_gui.core.fetch.settings.FetchSettings` this
    module reads (a protocol: that module imports this one)."""

    proxy: str
    proxy_env: bool


def check_network(settings: NetworkSettings) -> None:
    """Raise SettingsError (one line) for a proxy URL or TLS file a run cannot use."""
    if settings.proxy:
        check_proxy(settings.proxy)
    check_tls_files(settings)


def session_options(settings: NetworkSettings) -> tuple[ssl.SSLContext | bool, dict[str, Any]]:
    """``(ssl, options)``: the connector's ``ssl`` and the session's proxy options.

    ``proxy`` wins over the environment.  aiohttp's ``trust_env`` (which then
    reads ``HTTP_PROXY``/``HTTPS_PROXY``/``NO_PROXY`` and ``~/.netrc`` for
    every request) is turned on only when a proxy variable is set, so a
    machine without one pays nothing per request.
    """
    options: dict[str, Any] = {}
    if settings.proxy:
        options["proxy"] = settings.proxy.strip()  # user info: sent to the proxy only
    elif settings.proxy_env and environment_has_proxy():
        options["trust_env"] = True
    return tls_context(settings), options
