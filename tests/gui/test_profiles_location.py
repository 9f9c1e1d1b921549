"""The window and ``fetch --profile`` read one profiles file: beside the user's settings."""

from __future__ import annotations

import os
from pathlib import Path

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
    ini, user = QSettings.Format.IniFormat, QSettings.Scope.UserScope
    users = SettingsStore(QSettings(ini, user, ORGANISATION, "inventory-gui"), MemorySecretStore())
    assert users.profiles_path == default_profiles_path()
    # tests/conftest.py points XDG_CONFIG_HOME at a temporary folder before Qt starts
    config = Path(os.environ["XDG_CONFIG_HOME"])
    assert default_profiles_path() == config / "inventory-gui" / "profiles.json"
    own = SettingsStore(QSettings(str(tmp_path / "t" / "s.ini"), ini), MemorySecretStore())
    assert own.profiles_path == tmp_path / "t" / "profiles.json"  # a tool's: kept apart
    monkeypatch.setenv(PROFILES_ENV, str(tmp_path / "p.json"))
    assert own.profiles_path == default_profiles_path() == tmp_path / "p.json"
