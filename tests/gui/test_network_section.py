"""The Connection panel's Network section: saved and loaded, the proxy's user info
kept in the secret store, and a window run through the proxy it names."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QSettings

from inventory_gui.core.connection import ConnectionSettings, MemorySecretStore
from inventory_gui.core.fetch.network import NetworkOptions
from inventory_gui.core.models import Product
from inventory_gui.gui.panels.connection_panel import ConnectionPanel
from inventory_gui.gui.settings_store import SettingsStore
from tests.loopback import stock_handler
from tests.network_servers import CountingProxy

SECRET = "pr0xy-s3cret"
PROXY = f"http://ops:{SECRET}@proxy.example:3128"


def store_at(path: Path, secrets: MemorySecretStore) -> SettingsStore:
    return SettingsStore(QSettings(str(path), QSettings.Format.IniFormat), secrets)


def test_the_network_section_is_saved_and_loaded_without_the_proxy_password(tmp_path):
    ini, secrets = tmp_path / "s.ini", MemorySecretStore()
    network = NetworkOptions(PROXY, False, "/etc/ca.pem", "/home/me/client.pem", "/home/me/k.pem")
    store = store_at(ini, secrets)
    assert store.save_connection(ConnectionSettings(network=network)) == []
    store.sync()
    text = ini.read_text()
    assert SECRET not in text
    assert "ops" not in text
    assert "***@proxy.example:3128" in text
    assert "/etc/ca.pem" in text
    assert store_at(ini, secrets).load_connection().network == network
    # Without the secret store's copy, the user info comes back empty to type again.
    lost = store_at(ini, MemorySecretStore()).load_connection().network
    assert lost.proxy == "http://proxy.example:3128"
    # A proxy without user info forgets the stored one.
    store.save_connection(ConnectionSettings(network=NetworkOptions("http://p:1")))
    assert secrets.get("proxy") is None


def test_the_panel_masks_the_proxy_and_hands_the_real_one_to_a_run(qtbot, tmp_path):
    panel = ConnectionPanel(secrets_persistent=True)
    qtbot.addWidget(panel)
    section = panel.network
    with qtbot.waitSignal(panel.changed):
        section.proxy_edit.setText(PROXY)
    section.proxy_edit.editingFinished.emit()
    assert section.proxy_edit.text() == "http://***@proxy.example:3128"
    panel.url_edit.setText("https://api.example/{id}")
    section.ca_bundle_edit.setText(str(tmp_path / "missing.pem"))
    error = panel.validation_error()
    assert error == f"CA bundle {str(tmp_path / 'missing.pem')!r}: no such file"
    section.ca_bundle_edit.setText("")
    assert panel.validation_error() is None
    fetch = panel.settings().to_fetch_settings()
    assert (fetch.proxy, fetch.ca_bundle) == (PROXY, "")
    # Set back from saved settings whose password was lost: the panel says so.
    lost = dataclasses.replace(panel.settings(), network=NetworkOptions("http://***@p:1"))
    panel.set_settings(lost)
    assert panel.validation_error() == (
        "The proxy's user info is not known: type it again instead of ***"
    )


def test_a_window_run_goes_through_the_proxy_of_the_network_section(
    make_window, make_api, run, qtbot, settings_path
):
    api = make_api(stock_handler)
    proxy = run(CountingProxy().start())
    try:
        window = make_window(api.template)
        url = proxy.url.replace("//", f"//ops:{SECRET}@")
        window.connection.network.set_options(NetworkOptions(proxy=url))
        with qtbot.waitSignal(window.fetchFinished, timeout=20_000):
            assert window.start_fetch([Product("A1"), Product("B2")])
        assert len(proxy.lines) == 2
        assert all(auth and auth.startswith("Basic ") for auth in proxy.auth)
        window.close()  # saves the settings
        assert "***@127.0.0.1" in Path(settings_path).read_text()
        assert SECRET not in Path(settings_path).read_text()
    finally:
        run(proxy.close())
