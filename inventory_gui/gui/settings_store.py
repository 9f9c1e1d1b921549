"""Persisted settings: the connection, recent files, window geometry, UI prefs.

Everything lives in one :class:`QSettings` except secret values, which go to
a :class:`~inventory_gui.core.connection.SecretStore`.  The settings file keeps
a secret header's name with ``secret=true`` and never its value, and the URL
template with its secret query values (``?api_key=``) and user info as ``***``
(the whole template is kept in the secret store).  Each setting is read and
written as its definition (:mod:`inventory_gui.core.settings_schema`) says: a
value of the wrong type or out of its range gives the default, with a warning
in the log naming the setting.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings

from inventory_gui.core.connection import (
    ConnectionSettings,
    SecretStore,
    SecretStoreError,
    is_secret_header,
)
from inventory_gui.core.errors import SettingsError
from inventory_gui.core.fetch.network import NetworkOptions
from inventory_gui.core.profiles import profiles_beside
from inventory_gui.core.secrets import mask_template, restore_template
from inventory_gui.core.settings_schema import (
    CONNECTION_SETTINGS,
    HEADERS,
    NETWORK_SETTINGS,
    PROXY,
    URL_TEMPLATE,
    Setting,
    coerce,
)
from inventory_gui.gui.auth_store import load_auth, save_auth, saved_secret_names

log = logging.getLogger(__name__)

MAX_RECENT_FILES = 10
_HEADERS = HEADERS.stored
_RECENT = "recent/files"
_GEOMETRY = "geometry/"
TEMPLATE_SECRET_KEY = "url_template"  # the template with its secrets, in the secret store
PROXY_SECRET_KEY = "proxy"  # the proxy URL with its user info, in the secret store


def secret_key(header_name: str) -> str:
    """The secret store key for a header (header names are case-insensitive)."""
    return f"header:{header_name.strip().lower()}"


class SettingsStore:
    """Reads and writes the app's settings.

    Args:
        settings: where to keep them (the composition root passes the user's
            INI file; tests pass a temporary one).
        secrets: where secret header values and the template's keys go.
    """

    def __init__(self, settings: QSettings, secrets: SecretStore) -> None:
        self._settings = settings
        self._secrets = secrets

    @property
    def secrets(self) -> SecretStore:
        """Where secret values go (connection profiles keep theirs there too)."""
        return self._secrets

    @property
    def profiles_path(self) -> Path:
        """The connection profiles' file: beside this settings file (see
        :func:`~inventory_gui.core.profiles.profiles_beside`)."""
        return profiles_beside(self._settings.fileName())

    @property
    def secrets_persistent(self) -> bool:
        """True when secret values outlive the session."""
        return bool(self._secrets.persistent)

    # -- connection -----------------------------------------------------------

    def load_connection(self) -> ConnectionSettings:
        """Return the saved connection; defaults for anything missing or bad.

        A secret header or template query value that the secret store no longer
        has comes back empty, so the user sees what to fill in again.
        """
        shown = self.load_setting(URL_TEMPLATE)  # as masked in the file
        real = self._secrets.get(TEMPLATE_SECRET_KEY) or ""
        plain = {s.key: self.load_setting(s) for s in CONNECTION_SETTINGS if not s.secret}
        template = restore_template(shown, real, unknown="")
        return ConnectionSettings(
            url_template=template,
            headers=self._load_headers(),
            network=self._load_network(),
            auth=load_auth(self.load_setting, self._secrets, template),
            **plain,
        )

    def save_connection(self, cs: ConnectionSettings) -> list[str]:
        """Save the connection; secret values go to the secret store only.

        Secrets of headers no longer in the list (or now empty) are deleted.

        Args:
            cs: the settings to save.

        Returns:
            The names of secret headers (or "the URL template's keys") whose
            value could not be stored (the keyring refused); empty when all
            went well.
        """
        old_secret_keys = {secret_key(n) for n, secret, _ in self._read_header_rows() if secret}
        old_auth_keys = saved_secret_names(self.load_setting, self.load_setting(URL_TEMPLATE))
        failed = self._save_headers(cs.headers)
        shown = mask_template(cs.url_template)
        if shown == cs.url_template:
            self._secrets.delete(TEMPLATE_SECRET_KEY)
        elif not self._store_secret(TEMPLATE_SECRET_KEY, cs.url_template):
            failed.append(QCoreApplication.translate("SettingsStore", "the URL template's keys"))
        kept = {secret_key(name) for name, value in cs.headers if is_secret_header(name) and value}
        for key in sorted(old_secret_keys - kept):
            self._secrets.delete(key)
        self._settings.setValue(URL_TEMPLATE.stored, shown)
        for setting in CONNECTION_SETTINGS:
            if not setting.secret:
                self.save_setting(setting, getattr(cs, setting.key))
        failed += save_auth(
            cs.auth, self.save_setting, self._secrets, cs.url_template, old_auth_keys
        )
        return failed + self._save_network(cs.network)

    def _load_network(self) -> NetworkOptions:
        """The Network section: the proxy's user info from the secret store."""
        shown = self.load_setting(PROXY)
        real = self._secrets.get(PROXY_SECRET_KEY) or ""
        plain = {s.key: self.load_setting(s) for s in NETWORK_SETTINGS if not s.secret}
        return NetworkOptions(proxy=restore_template(shown, real, unknown=""), **plain)

    def _save_network(self, network: NetworkOptions) -> list[str]:
        """Save the Network section; the file holds the proxy with ``***`` for its user info.

        Returns ``["the proxy's password"]`` if the secret store refused it.
        """
        shown = mask_template(network.proxy)
        failed = []
        if shown == network.proxy:
            self._secrets.delete(PROXY_SECRET_KEY)
        elif not self._store_secret(PROXY_SECRET_KEY, network.proxy):
            failed.append(QCoreApplication.translate("SettingsStore", "the proxy's password"))
        self._settings.setValue(PROXY.stored, shown)
        for setting in NETWORK_SETTINGS:
            if not setting.secret:
                self.save_setting(setting, getattr(network, setting.key))
        return failed

    def load_setting(self, setting: Setting) -> Any:
        """The saved value of ``setting``, or its default.

        The default stands in for a missing value and, with a warning in the
        log, for one of the wrong type or out of range.  A saved off value
        (``setting.off``) comes back as is.
        """
        raw = self._settings.value(_stored_key(setting))
        if raw is None:
            return setting.default
        try:
            return setting.read(raw)
        except SettingsError as exc:
            problem = f"{setting.label} is not usable" if setting.secret else str(exc)
            log.warning("settings file: %s; using the default", problem)
            return setting.default

    def save_setting(self, setting: Setting, value: Any) -> None:
        """Save ``value`` as ``setting`` (not for headers: see :meth:`save_connection`)."""
        self._settings.setValue(_stored_key(setting), setting.kind(value))

    def _load_headers(self) -> list[tuple[str, str]]:
        headers: list[tuple[str, str]] = []
        for name, secret, value in self._read_header_rows():
            if secret:
                value = self._secrets.get(secret_key(name)) or ""
            headers.append((name, value))
        return headers

    def _read_header_rows(self) -> list[tuple[str, bool, str]]:
        """The headers in the file as ``(name, secret, plain value)``; bad rows skipped."""
        rows: list[tuple[str, bool, str]] = []
        s = self._settings
        size = s.beginReadArray(_HEADERS)
        for i in range(min(size, 1000)):
            s.setArrayIndex(i)
            name = (coerce(s.value("name"), str) or "").strip()
            if name:
                secret = coerce(s.value("secret"), bool) is True or is_secret_header(name)
                rows.append((name, secret, "" if secret else coerce(s.value("value"), str) or ""))
        s.endArray()
        return rows

    def _save_headers(self, headers: list[tuple[str, str]]) -> list[str]:
        failed: list[str] = []
        s = self._settings
        s.remove(_HEADERS)
        s.beginWriteArray(_HEADERS, len(headers))
        for i, (name, value) in enumerate(headers):
            s.setArrayIndex(i)
            s.setValue("name", name)
            if is_secret_header(name):
                s.setValue("secret", True)
                if value and not self._store_secret(secret_key(name), value):
                    failed.append(name)
            else:
                s.setValue("value", value)
        s.endArray()
        return failed

    def _store_secret(self, key: str, value: str) -> bool:
        try:
            self._secrets.set(key, value)
        except SecretStoreError as exc:
            log.warning("%s", exc)
            return False
        return True

    # -- recent files ---------------------------------------------------------

    def recent_files(self) -> list[str]:
        """The recently opened files that still exist, most recent first."""
        paths = _as_str_list(self._settings.value(_RECENT))
        return [p for p in paths if os.path.isfile(p)][:MAX_RECENT_FILES]

    def add_recent_file(self, path: str | os.PathLike[str]) -> None:
        """Put ``path`` first in the recent files (at most ten are kept)."""
        new = os.path.abspath(os.fspath(path))
        same = os.path.normcase(new)
        paths = [
            p for p in _as_str_list(self._settings.value(_RECENT)) if os.path.normcase(p) != same
        ]
        self._settings.setValue(_RECENT, [new, *paths][:MAX_RECENT_FILES])

    # -- geometry and small prefs ---------------------------------------------

    def save_geometry(self, name: str, data: bytes | QByteArray) -> None:
        """Save a window's or splitter's state under ``name``."""
        self._settings.setValue(_GEOMETRY + name, QByteArray(bytes(data)))

    def load_geometry(self, name: str) -> bytes | None:
        """The state saved under ``name``, or None if there is none (or it is bad)."""
        raw = self._settings.value(_GEOMETRY + name)
        if isinstance(raw, QByteArray):
            return bytes(raw.data()) or None
        if isinstance(raw, bytes):
            return raw or None
        return None

    def value(self, key: str, default: Any = None) -> Any:
        """A small UI preference such as ``"ui/failures_only"``.

        The value comes back with the default's type (bool, int, float, str);
        one that cannot be converted gives the default.
        """
        raw = self._settings.value(key)
        if raw is None or default is None:
            return default if raw is None else raw
        kind = type(default)
        if kind not in (bool, int, float, str):
            return raw
        value = coerce(raw, kind)
        return default if value is None else value

    def set_value(self, key: str, value: Any) -> None:
        """Save a small UI preference."""
        self._settings.setValue(key, value)

    def sync(self) -> None:
        """Write pending changes to disk; a failure is logged."""
        self._settings.sync()
        if self._settings.status() != QSettings.Status.NoError:
            log.warning("cannot write settings to %s", self._settings.fileName())


def _stored_key(setting: Setting) -> str:
    if setting.stored is None or setting.kind is list:
        raise ValueError(f"{setting.key} is not saved as one value")
    return setting.stored


def _as_str_list(raw: Any) -> list[str]:
    if isinstance(raw, str):  # an INI list of one item reads back as a string
        return [raw] if raw else []
    if isinstance(raw, list | tuple):
        return [item for item in raw if isinstance(item, str) and item]
    return []
