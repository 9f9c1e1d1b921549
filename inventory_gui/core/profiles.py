"""Named connection profiles: the model, the profiles file, export and import.

A profile holds every setting of the connection group
(:data:`~inventory_gui.core.settings_schema.CONNECTION_SETTINGS`) by its key,
so a setting added to that group joins profiles without more code here, and
the nested groups of :data:`~inventory_gui.core.profile_groups.GROUPS` (Auth,
Network) each as a JSON object under its name.

Where they live: one JSON file, ``profiles.json`` beside the window's
settings file (``~/.config/inventory-gui`` on Linux and macOS,
``%APPDATA%\\inventory-gui`` on Windows; ``INVENTORY_GUI_PROFILES`` names another
file).  The window and ``inventory-gui fetch --profile`` both read it; the
command line must not import Qt, and a plain JSON file is read the same way
by both, where Qt's INI encoding of lists and types is not.

Secrets never reach the file: a secret header's value (as
:func:`~inventory_gui.core.secrets.is_secret_name` decides) and a secret
setting's masked parts (``?api_key=``, user info, see
:func:`~inventory_gui.core.secrets.mask_template`) go to the secret store
under keys namespaced by the profile (``profile:NAME:header:x-api-key``).
An exported profile holds ``***`` in their place and names them under
``"secrets"`` so the user knows what to enter again.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from inventory_gui.core.connection import ConnectionSettings, SecretStore, SecretStoreError
from inventory_gui.core.errors import InventoryError, SettingsError
from inventory_gui.core.outputs.atomic_file import atomic_write, resolve_target
from inventory_gui.core.profile_groups import (
    BY_ATTR,
    describe,
    from_group,
    group_secret_names,
    group_values,
    join_group,
    split_group,
)
from inventory_gui.core.secrets import MASK, is_secret_name, mask_template, restore_template
from inventory_gui.core.settings_schema import CONNECTION_SETTINGS, Setting

PROFILES_ENV = "INVENTORY_GUI_PROFILES"
PROFILES_FILE = "profiles.json"
EXPORT_FORMAT = "inventory-gui-profile"
FORMAT_VERSION = 1
MAX_NAME = 64
MAX_FILE_BYTES = 4 * 1024**2
_BY_KEY = {setting.key: setting for setting in CONNECTION_SETTINGS}


class ProfileError(InventoryError):
    """A profile name, file or import is not usable (one line for the user)."""


def default_profiles_path() -> Path:
    """The profiles file: ``$INVENTORY_GUI_PROFILES``, else ``profiles.json`` in the
    folder of the window's settings file.

    That folder is where Qt keeps a user's INI settings: ``%APPDATA%\\inventory-gui``
    on Windows, ``$XDG_CONFIG_HOME/inventory-gui`` (``~/.config/inventory-gui``)
    elsewhere, macOS included.
    """
    if os.environ.get(PROFILES_ENV):
        return Path(os.environ[PROFILES_ENV])
    if os.name == "nt" and os.environ.get("APPDATA"):
        base = Path(os.environ["APPDATA"])
    else:
        base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "inventory-gui" / PROFILES_FILE


def profiles_beside(settings_file: str) -> Path:
    """The profiles file of a window whose settings are in ``settings_file``:
    ``$INVENTORY_GUI_PROFILES``, else ``profiles.json`` beside it (for the user's
    own settings, :func:`default_profiles_path`; a test's or tool's settings
    file keeps its profiles apart from the user's)."""
    if os.environ.get(PROFILES_ENV):
        return Path(os.environ[PROFILES_ENV])
    return Path(settings_file).parent / PROFILES_FILE


def check_name(name: str) -> str:
    """``name`` stripped, or ProfileError saying why it cannot name a profile."""
    name = name.strip()
    if not name:
        raise ProfileError("a profile needs a name")
    if len(name) > MAX_NAME:
        raise ProfileError(f"profile name is longer than {MAX_NAME} characters")
    if any(not ch.isprintable() for ch in name):
        raise ProfileError(f"profile name {name!r} holds a control character")
    return name


# -- settings as JSON values, secrets apart ------------------------------------


def to_values(cs: ConnectionSettings) -> dict[str, Any]:
    """Every connection setting of ``cs`` as a JSON value, secrets included."""
    values = {s.key: getattr(cs, s.key) for s in CONNECTION_SETTINGS}
    values = {k: [list(p) for p in v] if isinstance(v, list) else v for k, v in values.items()}
    return values | {attr: group_values(g, getattr(cs, attr)) for attr, g in BY_ATTR.items()}


def from_values(
    values: dict[str, Any], where: str, empty_masked: bool = False
) -> ConnectionSettings:
    """The connection of ``values`` (setting key to JSON value), checked.

    Missing settings take their default; ``empty_masked``: a group's secret
    field still ``***`` (an import) comes in empty.

    Raises:
        ProfileError: an unknown setting or a value it refuses, naming ``where``.
    """
    unknown = sorted(set(values) - set(_BY_KEY) - set(BY_ATTR))
    if unknown:
        raise ProfileError(f"{where}: unknown setting {unknown[0]!r}")
    kwargs = {}
    for key, raw in values.items():
        if key in BY_ATTR:
            try:
                kwargs[key] = from_group(BY_ATTR[key], raw, where, empty_masked)
            except SettingsError as exc:
                raise ProfileError(str(exc)) from None
            continue
        setting = _BY_KEY[key]
        try:
            kwargs[key] = _pairs(raw, setting) if setting.kind is list else setting.read(raw)
        except SettingsError as exc:
            quoted = setting.secret and setting.kind is not list  # may quote a secret
            problem = f"{setting.label} is not usable" if quoted else str(exc)
            raise ProfileError(f"{where}: {problem}") from None
    return ConnectionSettings(**kwargs)


def _pairs(raw: object, setting: Setting) -> list[tuple[str, str]]:
    ok = isinstance(raw, list) and all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) for x in p) for p in raw
    )
    if not ok:
        raise SettingsError(f"{setting.label} must be a list of [name, value] pairs")
    return [(name, value) for name, value in raw]  # type: ignore[union-attr]


def split_secrets(values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """``(values with secrets as ***, {secret suffix: real value})``.

    The suffix is ``header:NAME`` (lower case) for a list setting's secret-named
    pair, the setting's key for a secret text setting whose masked form differs.
    Empty secrets are left out of both (nothing to keep).
    """
    shown: dict[str, Any] = {}
    secrets: dict[str, str] = {}
    for key, value in values.items():
        if key in BY_ATTR:
            shown[key], found = split_group(BY_ATTR[key], value)
            secrets.update(found)
            continue
        setting = _BY_KEY[key]
        if setting.kind is list:
            pairs = []
            for name, item in value:
                if is_secret_name(name) and item:
                    secrets[f"header:{name.strip().lower()}"] = item
                    item = MASK
                pairs.append([name, item])
            shown[key] = pairs
        elif setting.secret and isinstance(value, str) and mask_template(value) != value:
            shown[key] = mask_template(value)
            secrets[key] = value
        else:
            shown[key] = value
    return shown, secrets


def secret_names(shown: dict[str, Any]) -> list[str]:
    """What of ``shown`` (values with secrets as ***) is secret, for people."""
    names = []
    for key, value in shown.items():
        setting = _BY_KEY.get(key)
        if key in BY_ATTR:
            names += group_secret_names(BY_ATTR[key], value)
        if setting is None:
            continue
        if setting.kind is list:
            names += [f"header {n}" for n, item in value if item == MASK and is_secret_name(n)]
        elif isinstance(value, str) and MASK in value and setting.secret:
            names.append(f"{setting.label} (the parts shown as {MASK})")
    return names


def _join_secrets(shown: dict[str, Any], get: Any) -> dict[str, Any]:
    """``shown`` with each *** filled by ``get(suffix)`` (empty where it has none)."""
    values: dict[str, Any] = {}
    for key, value in shown.items():
        setting = _BY_KEY.get(key)
        if key in BY_ATTR:
            values[key] = join_group(BY_ATTR[key], value, get)
        elif setting is not None and setting.kind is list and isinstance(value, list):
            values[key] = [_join_pair(p, get) for p in value]
        elif setting is not None and setting.secret and isinstance(value, str) and MASK in value:
            values[key] = restore_template(value, get(key) or "", unknown="")
        else:
            values[key] = value
    return values


def _join_pair(pair: Any, get: Any) -> Any:
    """A ``[name, value]`` pair with a secret header's *** filled by ``get``."""
    if not (isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str)):
        return pair  # not a pair: from_values refuses it in one line
    name, value = pair
    if value == MASK and is_secret_name(name):
        return [name, get(f"header:{name.strip().lower()}") or ""]
    return pair


# -- the profiles file ---------------------------------------------------------


@dataclass
class _Data:
    profiles: dict[str, dict[str, Any]]
    last: str | None


class ProfileStore:
    """The saved profiles: one JSON file, secrets in a secret store.

    Each change is written at once, atomically.

    Args:
        path: the profiles file (:func:`default_profiles_path`); it need not exist.
        secrets: where secret values go, under ``profile:NAME:...`` keys.
    """

    def __init__(self, path: Path, secrets: SecretStore) -> None:
        self.path = Path(path)
        self._secrets = secrets
        self._data = self._read()

    @property
    def names(self) -> list[str]:
        """The profiles' names, in the order they were made."""
        return list(self._data.profiles)

    @property
    def last(self) -> str | None:
        """The profile used last, if it still exists."""
        last = self._data.last
        return last if last in self._data.profiles else None

    def set_last(self, name: str) -> None:
        """Remember ``name`` as the profile to reopen."""
        self._need(name)
        self._data.last = name
        self._write()

    def connection(self, name: str) -> ConnectionSettings:
        """The profile's connection, its secrets from the secret store.

        A secret the store no longer has comes back empty.
        """
        shown = self._need(name)
        values = _join_secrets(shown, lambda s: self._secrets.get(_key(name, s)))
        return from_values(values, f"profile {name!r}")

    def missing_secrets(self, name: str) -> list[str]:
        """The profile's secrets that the secret store does not hold, for people."""
        self._need(name)
        missing = [s for s in sorted(self._suffixes(name)) if not self._secrets.get(_key(name, s))]
        return [_describe(suffix) for suffix in missing]

    def save(self, name: str, cs: ConnectionSettings) -> list[str]:
        """Create or replace the profile ``name``; its secrets go to the secret store.

        Returns:
            What could not be kept in the secret store (the keyring refused).
        """
        name = check_name(name)
        old = self._suffixes(name)
        shown, secrets = split_secrets(to_values(cs))
        failed = []
        for suffix, value in secrets.items():
            try:
                self._secrets.set(_key(name, suffix), value)
            except SecretStoreError:
                failed.append(suffix)
        for suffix in old - set(secrets):
            self._secrets.delete(_key(name, suffix))
        self._data.profiles[name] = shown
        self._write()
        return failed

    def create(self, name: str, cs: ConnectionSettings) -> str:
        """Add a new profile; ProfileError if the name is taken. Returns the name."""
        name = check_name(name)
        self._free(name)
        self.save(name, cs)
        return name

    def duplicate(self, name: str, new: str) -> str:
        """Copy profile ``name``, secrets too, as ``new``. Returns the new name."""
        return self.create(new, self.connection(name))

    def rename(self, name: str, new: str) -> str:
        """Rename a profile, moving its secrets. Returns the new name."""
        new = check_name(new)
        if new.casefold() != name.casefold():
            self._free(new)
        cs = self.connection(name)
        order = [new if n == name else n for n in self._data.profiles]
        self.delete(name, keep_last=True)
        self.save(new, cs)
        self._data.profiles = {n: self._data.profiles[n] for n in order}
        if self._data.last == name:
            self._data.last = new
        self._write()
        return new

    def delete(self, name: str, keep_last: bool = False) -> None:
        """Forget a profile and its secrets."""
        for suffix in self._suffixes(name):
            self._secrets.delete(_key(name, suffix))
        self._need(name)
        del self._data.profiles[name]
        if self._data.last == name and not keep_last:
            self._data.last = None
        self._write()

    # -- export and import -------------------------------------------------------

    def export(self, name: str, path: Path) -> list[str]:
        """Write the profile to ``path`` with every secret as ``***``.

        Returns:
            The secrets left out, for people (also listed in the file).
        """
        shown = self._need(name)
        doc = {
            "format": EXPORT_FORMAT,
            "version": FORMAT_VERSION,
            "name": name,
            "settings": shown,
            "secrets": secret_names(shown),
        }
        with atomic_write(resolve_target(path), "w", encoding="utf-8") as out:
            json.dump(doc, out, indent=2, ensure_ascii=False)
            out.write("\n")
        return doc["secrets"]  # type: ignore[return-value]

    def import_file(self, path: Path, name: str | None = None) -> tuple[str, list[str]]:
        """Add the profile exported to ``path``, as ``name`` or its own name.

        Its secrets come in empty (``***`` kept in a masked template) for the user
        to enter again.

        Returns:
            ``(the new profile's name, the secrets to enter)``.

        Raises:
            ProfileError: unreadable, not a profile, a bad setting, or the name
                is taken; one line naming the file.
        """
        own, cs, secrets = read_export(path)
        return self.create(name or own, cs), secrets

    # -- the file ------------------------------------------------------------------

    def _need(self, name: str) -> dict[str, Any]:
        try:
            return self._data.profiles[name]
        except KeyError:
            raise ProfileError(f"no profile named {name!r}") from None

    def _free(self, name: str) -> None:
        if any(n.casefold() == name.casefold() for n in self._data.profiles):
            raise ProfileError(f"a profile named {name!r} already exists")

    def _suffixes(self, name: str) -> set[str]:
        """The secret store suffixes the profile ``name`` uses."""
        shown = self._data.profiles.get(name)
        if shown is None:
            return set()
        found: set[str] = set()
        _join_secrets(shown, lambda suffix: found.add(suffix))
        return found

    def _read(self) -> _Data:
        try:
            with self.path.open("rb") as file:
                raw = file.read(MAX_FILE_BYTES + 1)
        except FileNotFoundError:
            return _Data({}, None)
        except OSError as exc:
            raise ProfileError(f"{self.path}: cannot read: {exc.strerror}") from None
        doc = _parse(raw, self.path)
        profiles = doc.get("profiles", {})
        if not isinstance(profiles, dict) or not all(
            isinstance(v, dict) for v in profiles.values()
        ):
            raise ProfileError(f"{self.path}: 'profiles' must map names to settings")
        last = doc.get("last")
        return _Data(profiles, last if isinstance(last, str) else None)

    def _write(self) -> None:
        doc = {"version": FORMAT_VERSION, "last": self._data.last, "profiles": self._data.profiles}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with atomic_write(resolve_target(self.path), "w", encoding="utf-8") as out:
                json.dump(doc, out, indent=2, ensure_ascii=False)
        except OSError as exc:
            raise ProfileError(f"{self.path}: cannot write: {exc.strerror}") from None


def read_export(path: Path) -> tuple[str, ConnectionSettings, list[str]]:
    """An exported profile: ``(its name, its connection without secrets, the secrets)``.

    Raises:
        ProfileError: one line naming the file and the problem.
    """
    try:
        with Path(path).open("rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ProfileError(f"{path}: cannot read: {exc.strerror}") from None
    doc = _parse(raw, path)
    if doc.get("format") != EXPORT_FORMAT:
        raise ProfileError(f"{path}: not an exported inventory-gui profile")
    if doc.get("version") != FORMAT_VERSION:
        raise ProfileError(f"{path}: profile version {doc.get('version')!r} is not supported")
    name = doc.get("name")
    if not isinstance(name, str):
        raise ProfileError(f"{path}: the profile has no name")
    settings = doc.get("settings")
    if not isinstance(settings, dict):
        raise ProfileError(f"{path}: 'settings' must be an object")
    try:
        name = check_name(name)
    except ProfileError as exc:
        raise ProfileError(f"{path}: {exc}") from None
    checked = from_values(settings, str(path), empty_masked=True)  # secrets still ***
    emptied = {  # secret pairs come in empty, for the user to fill; a template keeps its ***
        s.key: [(n, "" if v == MASK else v) for n, v in getattr(checked, s.key)]
        for s in CONNECTION_SETTINGS
        if s.kind is list
    }
    return name, replace(checked, **emptied), secret_names(settings)


def _parse(raw: bytes, path: Path) -> dict[str, Any]:
    if len(raw) > MAX_FILE_BYTES:
        raise ProfileError(f"{path}: larger than {MAX_FILE_BYTES // 1024**2} MiB")
    try:
        doc = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ProfileError(f"{path}: not UTF-8 text") from None
    except (ValueError, RecursionError) as exc:
        line = getattr(exc, "lineno", None)
        where = f"line {line}: " if line else ""
        raise ProfileError(f"{path}: {where}not valid JSON") from None
    if not isinstance(doc, dict):
        raise ProfileError(f"{path}: must hold a JSON object")
    return doc


def _describe(suffix: str) -> str:
    """A secret store suffix for people: ``header X-Api-Key``, ``URL template``."""
    kind, _sep, header = suffix.partition(":")
    if kind == "header" and header:
        return f"header {header}"
    if (group := describe(suffix)) is not None:
        return group
    setting = _BY_KEY.get(suffix)
    return setting.label if setting is not None else suffix


def _key(name: str, suffix: str) -> str:
    """The secret store key of one of profile ``name``'s secrets."""
    return f"profile:{name}:{suffix}"
