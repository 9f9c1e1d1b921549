"""The Connection panel's Auth section: each kind saved and loaded, secrets in the keyring."""

from __future__ import annotations

import base64
import dataclasses
from pathlib import Path

import pytest
from aiohttp import web
from PySide6.QtCore import QSettings

from inventory_gui.core.connection import ConnectionSettings, MemorySecretStore
from inventory_gui.core.fetch.auth_settings import AuthSettings
from inventory_gui.core.history.store import HistoryStore
from inventory_gui.gui.panels.connection_panel import ConnectionPanel
from inventory_gui.gui.settings_store import SettingsStore
from inventory_gui.gui.table.columns import STATUS_COLUMN
from tests.loopback import product_id

TEMPLATE = "https://api.example.com/stock/{id}"
SECRET = "s3cr3t-VALUE-never-in-ini"
KINDS = [
    AuthSettings("bearer", token=SECRET),
    AuthSettings("header_key", key_name="X-Api-Key", token=SECRET),
    AuthSettings("query_key", key_name="api_key", token=SECRET),
    AuthSettings("basic", user="alice", password=SECRET),
    AuthSettings(
        "oauth2", token_url="https://auth.example.com/oauth/token", client_id="app-1",
        client_secret=SECRET, scope="inventory:read", audience="https://api.example.com",
    ),
]  # fmt: skip


def store_at(path: Path, secrets) -> SettingsStore:
    return SettingsStore(QSettings(str(path), QSettings.Format.IniFormat), secrets)


@pytest.mark.parametrize("auth", KINDS, ids=lambda a: a.kind)
def test_each_kind_is_saved_and_loaded_with_its_secret_in_the_keyring(tmp_path, auth):
    ini = tmp_path / "s.ini"
    kept = MemorySecretStore()
    store = store_at(ini, kept)
    assert store.save_connection(ConnectionSettings(url_template=TEMPLATE, auth=auth)) == []
    store.sync()
    assert SECRET not in ini.read_text()
    assert f"kind={auth.kind}" in ini.read_text()
    assert store_at(ini, kept).load_connection().auth == auth
    # Without the keyring's copy the secret comes back empty, the rest as saved.
    lost = store_at(ini, MemorySecretStore()).load_connection().auth
    assert lost == dataclasses.replace(auth, password="", client_secret="", token="")
    # Back to None: the secret is forgotten.
    (name,) = [n for n in ("password", "client_secret", "token") if getattr(auth, n)]
    names = {
        "password": "basic-auth:alice@https://api.example.com",
        "client_secret": "oauth2-client-secret:app-1@https://auth.example.com",
        "token": f"auth-token:{auth.kind}@https://api.example.com",
    }
    assert kept.get(names[name]) == SECRET
    store.save_connection(ConnectionSettings(url_template=TEMPLATE))
    assert kept.get(names[name]) is None


@pytest.mark.parametrize("auth", KINDS, ids=lambda a: a.kind)
def test_the_panel_shows_and_returns_each_kind(qtbot, auth):
    panel = ConnectionPanel(secrets_persistent=False)
    qtbot.addWidget(panel)
    panel.set_settings(ConnectionSettings(url_template=TEMPLATE, auth=auth))
    assert panel.settings().auth == auth
    assert panel.validation_error() is None
    section = panel.auth_section
    hidden = [e for e, kinds in section._rows if not section._form.isRowVisible(e)]
    assert hidden  # the other kinds' fields
    for edit in (section.token_edit, section.password_edit, section.client_secret_edit):
        assert edit.echoMode() == edit.EchoMode.Password


def test_choosing_a_kind_shows_its_fields_and_is_a_change(qtbot):
    panel = ConnectionPanel(secrets_persistent=False)
    qtbot.addWidget(panel)
    section = panel.auth_section
    with qtbot.waitSignal(panel.changed):
        section.kind_combo.setCurrentIndex(section.kind_combo.findData("header_key"))
    assert section.key_name_edit.text() == "X-Api-Key"
    assert section._form.isRowVisible(section.token_edit)
    assert not section._form.isRowVisible(section.user_edit)
    assert panel.validation_error() == "the Auth section's token or key is empty"
    section.key_name_edit.setText("X-Shop")
    section.token_edit.setText("k")
    assert "does not look secret" in panel.validation_error()


def test_a_query_key_becomes_a_secret_query_value_of_the_run():
    cs = ConnectionSettings(url_template=TEMPLATE + "?store=1", auth=KINDS[2])
    settings = cs.to_fetch_settings()
    assert settings.url_template == f"{TEMPLATE}?store=1&api_key={SECRET}"
    assert settings.auth is None
    bearer = ConnectionSettings(url_template=TEMPLATE, auth=KINDS[0]).to_fetch_settings()
    assert bearer.headers == {"Authorization": f"Bearer {SECRET}"}


def test_window_run_with_basic_auth_through_the_worker(
    make_window, make_api, run, qtbot, tmp_path, settings_path
):
    expected = "Basic " + base64.b64encode(f"alice:{SECRET}".encode()).decode()

    async def handler(request: web.Request, api) -> web.Response:
        if request.headers.get("Authorization") != expected:
            return web.json_response({"error": "unauthorized"}, status=401)
        return web.json_response({"quantity": len(product_id(request))})

    api = make_api(handler)
    history = HistoryStore(tmp_path / "history.sqlite3")
    window = make_window(api.template, history=history)
    current = window.connection.settings()
    auth = AuthSettings("basic", user="alice", password=SECRET)
    window.connection.set_settings(dataclasses.replace(current, auth=auth))
    ids = tmp_path / "ids.txt"
    ids.write_text("p1\np22\n")
    assert run(window.load_file(ids))
    with qtbot.waitSignal(window.fetchFinished, timeout=20_000):
        assert window.start_fetch(window.model.products(["p1", "p22"]))
    model = window.table.model()
    assert [model.index(r, STATUS_COLUMN).data() for r in range(2)] == ["OK", "OK"]
    assert len(api.requests) == 2
    assert all(h["Authorization"] == expected for h in api.headers)
    window.close()
    assert SECRET not in Path(settings_path).read_text()
    assert "kind=basic" in Path(settings_path).read_text()
    assert SECRET not in (tmp_path / "history.sqlite3").read_bytes().decode("latin-1")
