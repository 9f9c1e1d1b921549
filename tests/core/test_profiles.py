"""Connection profiles: the model, the profiles file, secrets per profile, export/import."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inventory_gui.core.connection import ConnectionSettings, MemorySecretStore
from inventory_gui.core.fetch.auth_settings import BASIC, KINDS, OAUTH2, AuthSettings
from inventory_gui.core.fetch.network import NetworkOptions
from inventory_gui.core.profile_groups import GROUPS
from inventory_gui.core.profiles import (
    ProfileError,
    ProfileStore,
    from_values,
    read_export,
    split_secrets,
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
    assert set(values) == {setting.key for setting in CONNECTION_SETTINGS} | {"auth", "network"}
    assert from_values(json.loads(json.dumps(values)), "test") == _shop()


# -- the Auth and Network groups --------------------------------------------------

PASSWORD = "pw-BASICSECRET-42"
CLIENT_SECRET = "cs-OAUTHSECRET-77"
PROXY_PASSWORD = "px-PROXYSECRET-5"


def _basic_behind_proxy(tmp_path: Path) -> ConnectionSettings:
    return ConnectionSettings(
        url_template="https://shop.example/stock/{id}",
        auth=AuthSettings(BASIC, user="bob", password=PASSWORD),
        network=NetworkOptions(
            proxy=f"http://alice:{PROXY_PASSWORD}@proxy.corp:3128",
            proxy_env=False,
            ca_bundle=str(tmp_path / "corp-ca.pem"),
        ),
    )


def _oauth2() -> ConnectionSettings:
    return ConnectionSettings(
        url_template="https://api.example/v2/stock/{id}",
        auth=AuthSettings(
            OAUTH2,
            token_url="https://auth.example/oauth/token",
            client_id="shop-app",
            client_secret=CLIENT_SECRET,
            scope="inventory:read",
            audience="https://api.example",
        ),
    )


def _secret_texts() -> list[str]:
    return [PASSWORD, CLIENT_SECRET, PROXY_PASSWORD]


def test_profiles_carry_auth_and_network_with_secrets_in_the_store(tmp_path: Path) -> None:
    secrets = MemorySecretStore()
    path = tmp_path / "profiles.json"
    store = ProfileStore(path, secrets)
    store.create("Basic", _basic_behind_proxy(tmp_path))
    store.create("OAuth", _oauth2())
    text = path.read_text()
    for secret in _secret_texts():
        assert secret not in text
    saved = json.loads(text)["profiles"]
    assert saved["Basic"]["auth"]["user"] == "bob"
    assert saved["Basic"]["network"]["proxy"] == "http://***@proxy.corp:3128"
    assert secrets.get("profile:Basic:auth:password") == PASSWORD
    assert secrets.get("profile:OAuth:auth:client_secret") == CLIENT_SECRET
    assert PROXY_PASSWORD in (secrets.get("profile:Basic:network:proxy") or "")
    again = ProfileStore(path, secrets)
    assert again.connection("Basic") == _basic_behind_proxy(tmp_path)
    assert again.connection("OAuth") == _oauth2()


def test_group_secrets_move_with_rename_and_go_with_delete(tmp_path: Path) -> None:
    secrets = MemorySecretStore()
    store = ProfileStore(tmp_path / "profiles.json", secrets)
    store.create("Basic", _basic_behind_proxy(tmp_path))
    store.rename("Basic", "Shop")
    assert secrets.get("profile:Basic:auth:password") is None
    assert store.connection("Shop") == _basic_behind_proxy(tmp_path)
    store.duplicate("Shop", "Copy")
    store.delete("Shop")
    assert secrets.get("profile:Shop:auth:password") is None
    assert secrets.get("profile:Shop:network:proxy") is None
    assert store.connection("Copy").auth.password == PASSWORD


def test_a_lost_group_secret_is_named_and_comes_back_empty(tmp_path: Path) -> None:
    secrets = MemorySecretStore()
    store = ProfileStore(tmp_path / "profiles.json", secrets)
    store.create("OAuth", _oauth2())
    secrets.delete("profile:OAuth:auth:client_secret")
    assert store.missing_secrets("OAuth") == ["OAuth2 client secret"]
    assert store.connection("OAuth").auth.client_secret == ""


def test_export_of_auth_and_network_holds_no_secret_and_import_names_them(
    tmp_path: Path,
) -> None:
    store = ProfileStore(tmp_path / "profiles.json", MemorySecretStore())
    store.create("Basic", _basic_behind_proxy(tmp_path))
    store.create("OAuth", _oauth2())
    out_basic, out_oauth = tmp_path / "basic.json", tmp_path / "oauth.json"
    store.export("Basic", out_basic)
    store.export("OAuth", out_oauth)
    for out in (out_basic, out_oauth):
        raw = out.read_bytes()
        for secret in _secret_texts():
            assert secret.encode() not in raw
    other = ProfileStore(tmp_path / "other.json", MemorySecretStore())
    name, to_enter = other.import_file(out_basic)
    assert to_enter == ["Basic auth password", "proxy (the parts shown as ***)"]
    imported = other.connection(name)
    assert imported.auth == AuthSettings(BASIC, user="bob")  # the password to enter again
    assert imported.network.proxy == "http://proxy.corp:3128"  # user info to enter again
    assert other.missing_secrets(name) == ["proxy"]  # the empty password is no secret
    assert imported.network.ca_bundle == str(tmp_path / "corp-ca.pem")
    assert other.import_file(out_oauth)[1] == ["OAuth2 client secret"]
    assert other.connection("OAuth").auth.client_secret == ""


@pytest.mark.parametrize(
    ("group", "problem"),
    [
        ({"auth": []}, "'auth' must be an object"),
        ({"auth": {"kind": "magic"}}, "auth must be one of"),
        ({"auth": {"colour": "red"}}, "unknown auth setting 'colour'"),
        ({"network": {"proxy_env": "perhaps"}}, "must be"),
    ],
)
def test_a_bad_group_in_an_import_is_one_line(
    tmp_path: Path, group: dict[str, object], problem: str
) -> None:
    path = tmp_path / "bad.json"
    doc = {"format": "inventory-gui-profile", "version": 1, "name": "X", "settings": group}
    path.write_text(json.dumps(doc))
    with pytest.raises(ProfileError, match=problem) as caught:
        read_export(path)
    assert str(path) in str(caught.value)
    assert "\n" not in str(caught.value)


def test_every_group_setting_is_part_of_a_profile(tmp_path: Path) -> None:
    """A setting added to a group's tuple joins profiles with no code here."""
    values = to_values(_basic_behind_proxy(tmp_path))
    for group in GROUPS:
        assert {s.key for s in group.settings} <= set(values[group.attr])


_TEXT = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x24F), max_size=20)
# A secret starts with a snowman, which no plain value (_TEXT) holds: found in the
# file, it can only be a secret.
_SECRET = st.text("abcXYZ019-_.~!$", min_size=4, max_size=20).map(lambda s: "\u2603" + s)


@given(
    kind=st.sampled_from(KINDS),
    plain=st.lists(_TEXT, min_size=5, max_size=5),
    secrets=st.lists(_SECRET, min_size=3, max_size=3),
    proxy_user=_SECRET,
    proxy_password=_SECRET,
    proxy_env=st.booleans(),
)
def test_groups_round_trip_and_never_show_a_secret(
    kind: str,
    plain: list[str],
    secrets: list[str],
    proxy_user: str,
    proxy_password: str,
    proxy_env: bool,
) -> None:
    """Any auth and network group is saved with its secrets apart and comes back the same."""
    user, token_url, client_id, scope, ca_bundle = plain
    password, client_secret, token = (f"{s}-{n}" for n, s in enumerate(secrets))
    auth = AuthSettings(
        kind, user=user, password=password, token_url=token_url, client_id=client_id,
        client_secret=client_secret, scope=scope, token=token,
    )  # fmt: skip
    proxy = f"http://{proxy_user}:{proxy_password}@proxy.example:3128"
    cs = ConnectionSettings(
        auth=auth, network=NetworkOptions(proxy=proxy, proxy_env=proxy_env, ca_bundle=ca_bundle)
    )
    shown, _kept = split_secrets(to_values(cs))
    with tempfile.TemporaryDirectory() as folder:
        store = ProfileStore(Path(folder) / "profiles.json", MemorySecretStore())
        store.save("P", cs)
        text = json.dumps(shown, ensure_ascii=False) + store.path.read_text(encoding="utf-8")
        for secret in (password, client_secret, token, proxy_password):
            assert secret not in text
        assert store.connection("P") == cs
