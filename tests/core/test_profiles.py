"""Connection profiles: the model, the profiles file, secrets per profile, export/import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from inventory_gui.core.connection import ConnectionSettings, MemorySecretStore
from inventory_gui.core.profiles import (
    ProfileError,
    ProfileStore,
    from_values,
    read_export,
    to_values,
)
from inventory_gui.core.settings_schema import CONNECTION_SETTINGS

TOKEN = "Bearer sk_live_TOPSECRET123"
API_KEY = "key-VERYSECRET-987"


def _shop() -> ConnectionSettings:
    return ConnectionSettings(
        url_template=f"https://shop.example/stock/{{id}}?api_key={API_KEY}&fmt=json",
        headers=[("Authorization", TOKEN), ("Accept", "application/json"), ("X-Note", "***")],
        concurrency=8,
        timeout=4.5,
        quantity_field="stock.available",
        verify_tls=False,
    )


def test_profiles_round_trip_with_secrets_only_in_the_secret_store(tmp_path: Path) -> None:
    secrets = MemorySecretStore()
    path = tmp_path / "profiles.json"
    store = ProfileStore(path, secrets)
    store.create("Shop", _shop())
    text = path.read_text()
    assert TOKEN not in text
    assert API_KEY not in text
    assert "sk_live" not in text
    assert secrets.get("profile:Shop:header:authorization") == TOKEN
    again = ProfileStore(path, secrets)  # a new session reads the file
    assert again.names == ["Shop"]
    assert again.connection("Shop") == _shop()


def test_create_rename_duplicate_delete_and_last_used(tmp_path: Path) -> None:
    secrets = MemorySecretStore()
    path = tmp_path / "profiles.json"
    store = ProfileStore(path, secrets)
    store.create("Shop", _shop())
    store.create("Demo", ConnectionSettings(url_template="http://127.0.0.1:9/x/{id}"))
    with pytest.raises(ProfileError, match="already exists"):
        store.create("shop", ConnectionSettings())
    store.duplicate("Shop", "Shop copy")
    assert store.connection("Shop copy") == _shop()
    store.set_last("Shop")
    store.rename("Shop", "Production")
    assert store.names == ["Production", "Demo", "Shop copy"]
    assert store.connection("Production") == _shop()
    assert secrets.get("profile:Shop:header:authorization") is None  # moved, not copied
    assert ProfileStore(path, secrets).last == "Production"  # the last used reopens
    store.delete("Production")
    assert secrets.get("profile:Production:header:authorization") is None
    assert ProfileStore(path, secrets).names == ["Demo", "Shop copy"]
    assert ProfileStore(path, secrets).last is None
    store.rename("Demo", "demo")  # a change of case only
    assert store.names == ["demo", "Shop copy"]


def test_a_secret_the_store_lost_comes_back_empty_and_is_named(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path / "p.json", MemorySecretStore())
    store.create("Shop", _shop())
    lost = ProfileStore(tmp_path / "p.json", MemorySecretStore())  # another session, no keyring
    cs = lost.connection("Shop")
    assert ("Authorization", "") in cs.headers
    assert API_KEY not in cs.url_template
    assert lost.missing_secrets("Shop") == ["header authorization", "URL template"]
    assert store.missing_secrets("Shop") == []


def test_export_never_holds_a_secret_and_names_them(tmp_path: Path) -> None:
    store = ProfileStore(tmp_path / "p.json", MemorySecretStore())
    store.create("Shop", _shop())
    out = tmp_path / "shop-profile.json"
    named = store.export("Shop", out)
    text = out.read_text()
    for secret in (TOKEN, API_KEY, "TOPSECRET", "VERYSECRET"):
        assert secret not in text
    doc = json.loads(text)
    assert (
        doc["secrets"] == named == ["URL template (the parts shown as ***)", "header Authorization"]
    )
    assert ["Accept", "application/json"] in doc["settings"]["headers"]
    name, cs, secrets = read_export(out)
    assert name == "Shop"
    assert secrets == named
    assert ("Authorization", "") in cs.headers
    assert cs.concurrency == 8
    imported, to_enter = store.import_file(out, "Shop 2")
    assert imported == "Shop 2"
    assert to_enter == named


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{nope", "line 1: not valid JSON"),
        ("[]", "must hold a JSON object"),
        ('{"format": "other"}', "not an exported inventory-gui profile"),
        ('{"format": "inventory-gui-profile", "version": 9}', "version 9 is not supported"),
        (
            '{"format": "inventory-gui-profile", "version": 1, "name": " ", "settings": {}}',
            "a profile needs a name",
        ),
        (
            '{"format": "inventory-gui-profile", "version": 1, "name": "x",'
            ' "settings": {"concurrency": 0}}',
            "concurrency must be 1 to 10000, not 0",
        ),
        (
            '{"format": "inventory-gui-profile", "version": 1, "name": "x",'
            ' "settings": {"colour": "red"}}',
            "unknown setting 'colour'",
        ),
        (
            '{"format": "inventory-gui-profile", "version": 1, "name": "x",'
            ' "settings": {"headers": "X-Api-Key: 1"}}',
            "headers must be a list of",
        ),
    ],
)
def test_import_refuses_bad_files_in_one_line(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "in.json"
    path.write_text(content)
    with pytest.raises(ProfileError) as caught:
        read_export(path)
    message = str(caught.value)
    assert message.startswith(str(path))
    assert problem in message
    assert "\n" not in message


def test_a_broken_profiles_file_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "profiles.json"
    path.write_bytes(b"\xff\xfe")
    with pytest.raises(ProfileError, match="not UTF-8"):
        ProfileStore(path, MemorySecretStore())


def test_every_connection_setting_is_part_of_a_profile() -> None:
    """A setting added to CONNECTION_SETTINGS joins profiles with no code here."""
    values = to_values(_shop())
    assert set(values) == {setting.key for setting in CONNECTION_SETTINGS}
    assert from_values(json.loads(json.dumps(values)), "test") == _shop()
