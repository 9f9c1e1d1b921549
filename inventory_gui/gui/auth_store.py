"""Saving the Auth section: plain fields in the settings file, secrets in the secret store.

The password, client secret and token are filed in the secret store under
names that say what they open (:func:`~inventory_gui.core.fetch.auth_settings.password_key`
and its siblings), the same names ``inventory-gui fetch`` looks up, so a
password saved in the window serves the command line too.  The settings file
never holds one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication

from inventory_gui.core.connection import SecretStore, SecretStoreError
from inventory_gui.core.fetch.auth_settings import (
    KINDS,
    NONE,
    AuthSettings,
    client_secret_key,
    password_key,
    token_key,
)
from inventory_gui.core.settings_schema import AUTH_KIND, AUTH_SETTINGS, Setting

log = logging.getLogger(__name__)

# How a refused secret is named in the window's message, translated when needed.
_FIELD_NAMES: dict[str, Callable[[], str]] = {
    "password": lambda: QCoreApplication.translate("AuthStore", "the Auth section's password"),
    "client_secret": lambda: QCoreApplication.translate(
        "AuthStore", "the Auth section's client secret"
    ),
    "token": lambda: QCoreApplication.translate("AuthStore", "the Auth section's token"),
}


def _secret_keys(auth: AuthSettings, url_template: str) -> dict[str, str]:
    """``{field: secret store name}`` for the secrets ``auth`` holds."""
    return {
        "password": password_key(auth.user, url_template),
        "client_secret": client_secret_key(auth.client_id, auth.token_url),
        "token": token_key(auth.kind, url_template),
    }


def saved_secret_names(load_setting: Callable[[Setting], Any], url_template: str) -> set[str]:
    """The secret store names the saved Auth section's secrets are under (before a save
    changes its fields: :func:`save_auth` forgets those it no longer uses)."""
    plain = {setting.key: load_setting(setting) for setting in AUTH_SETTINGS}
    if plain[AUTH_KIND.key] not in KINDS:
        return set()
    return set(_secret_keys(AuthSettings(**plain), url_template).values())


def load_auth(
    load_setting: Callable[[Setting], Any], secrets: SecretStore, url_template: str
) -> AuthSettings:
    """The saved Auth section; a secret the store lacks comes back empty."""
    plain = {setting.key: load_setting(setting) for setting in AUTH_SETTINGS}
    if plain[AUTH_KIND.key] not in KINDS:
        log.warning("settings file: auth kind %r is not known; using none", plain["kind"])
        plain[AUTH_KIND.key] = NONE
    auth = AuthSettings(**plain)
    found = {
        field: secrets.get(key) or "" for field, key in _secret_keys(auth, url_template).items()
    }
    return replace(auth, **found)


def save_auth(
    auth: AuthSettings,
    save_setting: Callable[[Setting, Any], None],
    secrets: SecretStore,
    url_template: str,
    previous: set[str],
) -> list[str]:
    """Save ``auth``; return what the secret store refused (names, no values).

    Args:
        previous: :func:`saved_secret_names` before this save; those no longer
            holding a secret are deleted from the secret store.
    """
    for setting in AUTH_SETTINGS:
        save_setting(setting, getattr(auth, setting.key))
    failed = []
    kept = set()
    for field, key in _secret_keys(auth, url_template).items():
        value = getattr(auth, field)
        if not value:
            continue
        kept.add(key)
        try:
            secrets.set(key, value)
        except SecretStoreError as exc:
            log.warning("%s", exc)
            failed.append(_FIELD_NAMES[field]())
    for key in sorted(previous - kept):
        secrets.delete(key)
    return failed
