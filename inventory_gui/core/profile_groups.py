"""The nested setting groups of a profile: Auth and Network, secrets apart.

:class:`~inventory_gui.core.connection.ConnectionSettings` holds two groups
beside its flat settings: ``auth`` (:class:`AuthSettings`, AUTH_SETTINGS plus
three secret fields that are no settings) and ``network``
(:class:`NetworkOptions`, NETWORK_SETTINGS, whose proxy URL's user info is
secret).  A profile keeps each group as a JSON object under the group's
attribute name; :data:`GROUPS` is the one table of them, so a future group is
one line there.

A group's secrets go to the secret store under ``GROUP:FIELD`` suffixes
(``auth:password``, ``network:proxy``) of the profile's namespace, shown as
``***`` in the file and in an export.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from inventory_gui.core.errors import SettingsError
from inventory_gui.core.fetch.auth_settings import KINDS, AuthSettings
from inventory_gui.core.fetch.network import NetworkOptions
from inventory_gui.core.secrets import MASK, mask_template, restore_template
from inventory_gui.core.settings_schema import AUTH_SETTINGS, NETWORK_SETTINGS, Setting


@dataclass(frozen=True)
class Group:
    """One nested group of a connection.

    Attributes:
        attr: its attribute of ConnectionSettings and its key in a profile.
        settings: its settings, each the group dataclass's field of that key.
        make: the group dataclass.
        secret_fields: fields that are secrets but no settings, with their
            names for people.
    """

    attr: str
    settings: tuple[Setting, ...]
    make: Callable[..., Any]
    secret_fields: dict[str, str] = field(default_factory=dict)

    def by_key(self, key: str) -> Setting | None:
        return next((s for s in self.settings if s.key == key), None)


GROUPS = (
    Group(
        "auth",
        AUTH_SETTINGS,
        AuthSettings,
        {
            "password": "Basic auth password",
            "client_secret": "OAuth2 client secret",
            "token": "bearer token or API key",
        },
    ),
    Group("network", NETWORK_SETTINGS, NetworkOptions),
)
BY_ATTR = {group.attr: group for group in GROUPS}


def group_values(group: Group, value: Any) -> dict[str, Any]:
    """The group ``value`` (its dataclass) as JSON values, secrets included."""
    keys = [s.key for s in group.settings] + list(group.secret_fields)
    return {key: getattr(value, key) for key in keys}


def split_group(group: Group, values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """``(values with secrets as ***, {secret suffix: real value})``; empty ones left out."""
    shown: dict[str, Any] = {}
    secrets: dict[str, str] = {}
    for key, value in values.items():
        setting = group.by_key(key)
        suffix = f"{group.attr}:{key}"
        if key in group.secret_fields and value:
            shown[key], secrets[suffix] = MASK, value
        elif setting is not None and setting.secret and isinstance(value, str):
            shown[key] = mask_template(value)
            if shown[key] != value:
                secrets[suffix] = value
        else:
            shown[key] = value
    return shown, secrets


def join_group(group: Group, shown: Any, get: Callable[[str], str | None]) -> Any:
    """``shown`` with each *** filled by ``get(suffix)`` (empty where it has none)."""
    if not isinstance(shown, dict):
        return shown  # from_group refuses it in one line
    values = dict(shown)
    for key, value in shown.items():
        setting = group.by_key(key)
        suffix = f"{group.attr}:{key}"
        if key in group.secret_fields and value == MASK:
            values[key] = get(suffix) or ""
        elif setting is not None and setting.secret and isinstance(value, str) and MASK in value:
            values[key] = restore_template(value, get(suffix) or "", unknown="")
    return values


def group_secret_names(group: Group, shown: Any) -> list[str]:
    """What of ``shown`` (a group with secrets as ***) is secret, for people."""
    if not isinstance(shown, dict):
        return []
    names = []
    for key, value in shown.items():
        setting = group.by_key(key)
        if key in group.secret_fields and value == MASK:
            names.append(group.secret_fields[key])
        elif setting is not None and setting.secret and isinstance(value, str) and MASK in value:
            names.append(f"{setting.label} (the parts shown as {MASK})")
    return names


def describe(suffix: str) -> str | None:
    """A group's secret suffix for people, or None if it is no group's."""
    attr, _sep, key = suffix.partition(":")
    group = BY_ATTR.get(attr)
    if group is None:
        return None
    setting = group.by_key(key)
    return group.secret_fields.get(key) or (setting.label if setting else suffix)


def from_group(group: Group, raw: Any, where: str, empty_masked: bool = False) -> Any:
    """The group dataclass of ``raw`` (a JSON object), checked; missing keys take defaults.

    Args:
        empty_masked: a secret field still ``***`` (an import) comes in empty.

    Raises:
        SettingsError: not an object, an unknown key or a refused value
            (one line naming ``where`` and the group, never quoting a secret).
    """
    if not isinstance(raw, dict):
        raise SettingsError(f"{where}: {group.attr!r} must be an object")
    kwargs: dict[str, Any] = {}
    for key, value in raw.items():
        setting = group.by_key(key)
        if key in group.secret_fields:
            if not isinstance(value, str):
                raise SettingsError(f"{where}: {group.secret_fields[key]} must be text")
            kwargs[key] = "" if empty_masked and value == MASK else value
        elif setting is None:
            raise SettingsError(f"{where}: unknown {group.attr} setting {key!r}")
        else:
            try:
                kwargs[key] = setting.read(value)
            except SettingsError as exc:
                problem = f"{setting.label} is not usable" if setting.secret else str(exc)
                raise SettingsError(f"{where}: {problem}") from None
    if group is BY_ATTR["auth"] and kwargs.get("kind", "none") not in KINDS:
        raise SettingsError(f"{where}: auth must be one of {', '.join(KINDS)}")
    return group.make(**kwargs)
