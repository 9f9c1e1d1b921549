"""The window and ``fetch --profile`` read one profiles file: beside the user's settings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from inventory_gui.core.connection import MemorySecretStore
from inventory_gui.core.profiles import PROFILES_ENV, default_profiles_path
from inventory_gui.gui.app import ORGANISATION
from inventory_gui.gui.settings_store import SettingsStore


def test_the_users_settings_and_the_command_line_agree_on_the_profiles_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    monkeypatch.delenv(PROFILES_ENV, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    ini, user = QSettings.Format.IniFormat, QSettings.Scope.UserScope
    users = SettingsStore(QSettings(ini, user, ORGANISATION, "inventory-gui"), MemorySecretStore())
    assert users.profiles_path == default_profiles_path()
    assert default_profiles_path() == tmp_path / "config" / "inventory-gui" / "profiles.json"
    own = SettingsStore(QSettings(str(tmp_path / "t" / "s.ini"), ini), MemorySecretStore())
    assert own.profiles_path == tmp_path / "t" / "profiles.json"  # a tool's: kept apart
    monkeypatch.setenv(PROFILES_ENV, str(tmp_path / "p.json"))
    assert own.profiles_path == default_profiles_path() == tmp_path / "p.json"
