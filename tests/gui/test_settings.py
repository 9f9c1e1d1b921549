"""Connection settings: persistence, secrets and the editor panel."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QLabel, QLineEdit, QSpinBox, QToolButton

from inventory_gui.core import connection
from inventory_gui.core.connection import (
    ConnectionSettings,
    KeyringSecretStore,
    MemorySecretStore,
    SecretStore,
    detect_secret_store,
    is_secret_header,
)
from inventory_gui.core.errors import SettingsError, TemplateError
from inventory_gui.gui.panels.connection_panel import (
    NOTE_PERSISTENT,
    NOTE_SESSION,
    ConnectionPanel,
    HeaderRow,
)
from inventory_gui.gui.settings_store import MAX_RECENT_FILES, SettingsStore
from tests.secret_stores import DictSecretStore

SECRET = "s3cr3t-v4lue-0123456789"
TEMPLATE = "https://api.example.com/stock/{id}?store={store}"


def make_store(tmp_path, secrets: SecretStore) -> SettingsStore:
    return SettingsStore(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), secrets)


def sample() -> ConnectionSettings:
    return ConnectionSettings(
        url_template=TEMPLATE,
        headers=[("Authorization", f"Bearer {SECRET}"), ("Accept-Language", "en-GB")],
        concurrency=42,
        timeout=2.5,
        retries=5,
        quantity_field="data.stock",
        verify_tls=False,
    )


def ini_bytes(tmp_path) -> bytes:
    return (tmp_path / "s.ini").read_bytes()


# -- core ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "Authorization",
        "proxy-authorization",
        "COOKIE",
        "X-Api-Key",
        "X-Auth-User",
        "x-session-id",
        "X-Access-Token",
        "Client-Secret",
        "X-Password",
        "X-Signature",
        "apikey",
    ],
)
def test_secret_header_names(name):
    assert is_secret_header(name)


@pytest.mark.parametrize("name", ["Accept", "Accept-Language", "User-Agent", "X-Store", ""])
def test_plain_header_names(name):
    assert not is_secret_header(name)


def test_no_keyring_env_gives_memory_store(monkeypatch):
    monkeypatch.setenv("INVENTORY_GUI_NO_KEYRING", "1")
    store = detect_secret_store()
    assert isinstance(store, MemorySecretStore)
    assert store.persistent is False


def test_detect_uses_keyring_when_usable(monkeypatch):
    monkeypatch.delenv("INVENTORY_GUI_NO_KEYRING", raising=False)
    monkeypatch.setattr(connection, "_keyring_usable", lambda: True)
    store = detect_secret_store()
    assert isinstance(store, KeyringSecretStore)
    assert store.persistent is True


def test_detect_survives_a_failing_keyring(monkeypatch):
    import keyring

    def boom():
        raise RuntimeError("no D-Bus")

    monkeypatch.delenv("INVENTORY_GUI_NO_KEYRING", raising=False)
    monkeypatch.setattr(keyring, "get_keyring", boom)
    assert isinstance(detect_secret_store(), MemorySecretStore)


def test_to_fetch_settings():
    fs = sample().to_fetch_settings()
    assert fs.headers == {"Authorization": f"Bearer {SECRET}", "Accept-Language": "en-GB"}
    assert fs.quantity_field == "data.stock"
    assert ConnectionSettings(url_template=TEMPLATE).to_fetch_settings().quantity_field is None


def test_to_fetch_settings_errors_never_show_values():
    with pytest.raises(TemplateError):
        ConnectionSettings(url_template="ftp://x/{id}").to_fetch_settings()
    bad = ConnectionSettings(url_template=TEMPLATE, headers=[("Bad Name", SECRET)])
    with pytest.raises(SettingsError) as info:
        bad.to_fetch_settings()
    assert SECRET not in str(info.value)
    twice = ConnectionSettings(url_template=TEMPLATE, headers=[("A", "1"), ("a", "2")])
    with pytest.raises(SettingsError, match="twice"):
        twice.to_fetch_settings()


# -- SettingsStore ------------------------------------------------------------


def test_round_trip_across_runs_with_persistent_secrets(tmp_path):
    vault: dict[str, str] = {}
    first = make_store(tmp_path, DictSecretStore(vault))
    assert first.save_connection(sample()) == []
    first.sync()
    del first
    second = make_store(tmp_path, DictSecretStore(vault))
    assert second.load_connection() == sample()
    assert second.secrets_persistent


def test_secret_never_in_the_ini_file(tmp_path):
    store = make_store(tmp_path, DictSecretStore({}))
    store.save_connection(sample())
    store.sync()
    data = ini_bytes(tmp_path)
    assert SECRET.encode() not in data
    assert b"Authorization" in data
    assert b"en-GB" in data  # plain headers are stored plainly


def test_memory_store_forgets_secret_but_keeps_name(tmp_path):
    first = make_store(tmp_path, MemorySecretStore())
    first.save_connection(sample())
    assert first.load_connection().headers[0] == ("Authorization", f"Bearer {SECRET}")
    first.sync()
    second = make_store(tmp_path, MemorySecretStore())
    assert not second.secrets_persistent
    loaded = second.load_connection()
    assert loaded.headers == [("Authorization", ""), ("Accept-Language", "en-GB")]


def test_removing_a_header_deletes_its_secret(tmp_path):
    vault: dict[str, str] = {}
    store = make_store(tmp_path, DictSecretStore(vault))
    cs = sample()
    cs.headers.append(("X-Api-Key", "k"))
    store.save_connection(cs)
    assert len(vault) == 2
    cs.headers = [h for h in cs.headers if h[0] != "Authorization"]
    store.save_connection(cs)
    assert list(vault.values()) == ["k"]
    cs.headers = []
    store.save_connection(cs)
    assert vault == {}
    assert store.load_connection().headers == []


def test_failed_secret_save_is_reported(tmp_path):
    class Refusing(DictSecretStore):
        def set(self, name: str, value: str) -> None:
            raise connection.SecretStoreError(f"cannot save secret {name!r}: locked")

    store = make_store(tmp_path, Refusing({}))
    assert store.save_connection(sample()) == ["Authorization"]


def test_recent_files(tmp_path):
    store = make_store(tmp_path, MemorySecretStore())
    files = []
    for i in range(12):
        path = tmp_path / f"p{i}.csv"
        path.write_text("id\n1\n")
        files.append(str(path))
        store.add_recent_file(path)
    assert store.recent_files() == files[::-1][:MAX_RECENT_FILES]
    store.add_recent_file(files[5])  # moves to the front, no duplicate
    assert store.recent_files()[:2] == [files[5], files[11]]
    assert len(store.recent_files()) == MAX_RECENT_FILES
    (tmp_path / "p11.csv").unlink()
    assert files[11] not in store.recent_files()


def test_single_recent_file_survives_reload(tmp_path):
    path = tmp_path / "only.csv"
    path.write_text("id\n")
    store = make_store(tmp_path, MemorySecretStore())
    store.add_recent_file(str(path))
    store.sync()
    assert make_store(tmp_path, MemorySecretStore()).recent_files() == [str(path)]


def test_garbage_values_give_defaults(tmp_path):
    (tmp_path / "s.ini").write_text(
        "[connection]\n"
        "url_template=@Variant(garbage)\n"
        "concurrency=lots\n"
        "timeout=-3\n"
        "retries=1e99\n"
        "verify_tls=maybe\n"
        "quantity_field=1, 2\n"
        "headers\\size=banana\n"
        "[recent]\nfiles=@Invalid()\n"
        "[geometry]\nmain=not bytes\n"
        "[ui]\nfailures_only=perhaps\nsplit=wide\n"
    )
    store = make_store(tmp_path, MemorySecretStore())
    cs = store.load_connection()
    defaults = ConnectionSettings()
    assert (cs.concurrency, cs.timeout, cs.retries) == (16, 10.0, 3)
    assert cs.verify_tls is True
    assert cs.headers == []
    assert cs.quantity_field == defaults.quantity_field
    assert store.recent_files() == []
    assert store.load_geometry("main") is None
    assert store.value("ui/failures_only", False) is False
    assert store.value("ui/split", 3) == 3


def test_geometry_and_prefs(tmp_path):
    store = make_store(tmp_path, MemorySecretStore())
    assert store.load_geometry("main") is None
    store.save_geometry("main", b"\x00\x01geom\xff")
    store.set_value("ui/failures_only", True)
    store.set_value("ui/zoom", 1.5)
    store.sync()
    again = make_store(tmp_path, MemorySecretStore())
    assert again.load_geometry("main") == b"\x00\x01geom\xff"
    assert again.value("ui/failures_only", False) is True
    assert again.value("ui/zoom", 1.0) == 1.5
    assert again.value("ui/missing", "x") == "x"


# -- ConnectionPanel ----------------------------------------------------------


@pytest.fixture
def panel(qtbot) -> ConnectionPanel:
    widget = ConnectionPanel(secrets_persistent=True)
    qtbot.addWidget(widget)
    return widget


def rows(panel: ConnectionPanel) -> list[HeaderRow]:
    return panel.findChildren(HeaderRow)


def test_panel_round_trip(panel):
    assert panel.settings() == ConnectionSettings()
    panel.set_settings(sample())
    assert panel.settings() == sample()


def test_panel_changed_on_user_edit_only(panel, qtbot):
    seen: list[int] = []
    panel.changed.connect(lambda: seen.append(1))
    panel.set_settings(sample())
    assert seen == []
    qtbot.keyClicks(panel.findChild(QLineEdit, "urlTemplateEdit"), "x")
    assert seen
    seen.clear()
    qtbot.keyClicks(rows(panel)[1].value_edit, "-x")
    assert seen
    assert panel.settings().headers[1] == ("Accept-Language", "en-GB-x")


def test_panel_secret_values_are_hidden(panel, qtbot):
    panel.set_settings(sample())
    secret_row, plain_row = rows(panel)
    assert secret_row.value_edit.echoMode() == QLineEdit.EchoMode.Password
    assert plain_row.value_edit.echoMode() == QLineEdit.EchoMode.Normal
    secret_row.show_action.trigger()
    assert secret_row.value_edit.echoMode() == QLineEdit.EchoMode.Normal
    secret_row.show_action.trigger()
    assert secret_row.value_edit.echoMode() == QLineEdit.EchoMode.Password
    qtbot.keyClicks(plain_row.name_edit, "-Token")  # renamed to a secret-looking name
    assert plain_row.value_edit.echoMode() == QLineEdit.EchoMode.Password


def test_panel_add_and_remove_header(panel, qtbot):
    seen: list[int] = []
    panel.changed.connect(lambda: seen.append(1))
    panel.add_header_button.click()
    row = rows(panel)[0]
    qtbot.keyClicks(row.name_edit, "X-Api-Key")
    qtbot.keyClicks(row.value_edit, "abc")
    assert panel.settings().headers == [("X-Api-Key", "abc")]
    assert row.value_edit.echoMode() == QLineEdit.EchoMode.Password
    seen.clear()
    row.findChild(QToolButton, "removeHeaderButton").click()
    assert seen
    assert panel.settings().headers == []


def test_panel_validation(panel):
    assert panel.validation_error() is not None  # empty template
    panel.set_settings(ConnectionSettings(url_template=TEMPLATE))
    assert panel.validation_error() is None
    panel.set_settings(ConnectionSettings(url_template="api.example.com/{id}"))
    assert "http" in panel.validation_error()
    bad = ConnectionSettings(url_template=TEMPLATE, headers=[("Bad Header", SECRET)])
    panel.set_settings(bad)
    error = panel.validation_error()
    assert "Bad Header" in error
    assert SECRET not in error
    assert "\n" not in error
    panel.set_settings(ConnectionSettings(url_template=TEMPLATE, headers=[("Authorization", "")]))
    assert "Authorization" in panel.validation_error()


def test_panel_set_running_locks_fields(panel):
    panel.set_settings(sample())
    panel.set_running(True)
    assert not panel.findChild(QLineEdit, "urlTemplateEdit").isEnabled()
    assert not rows(panel)[0].isEnabled()
    panel.set_running(False)
    assert panel.findChild(QSpinBox, "concurrencySpin").isEnabled()


@pytest.mark.parametrize(("persistent", "text"), [(True, NOTE_PERSISTENT), (False, NOTE_SESSION)])
def test_panel_secret_note(qtbot, persistent, text):
    panel = ConnectionPanel(secrets_persistent=persistent)
    qtbot.addWidget(panel)
    assert panel.findChild(QLabel, "secretNote").text() == text


def test_panel_object_names_and_tooltips(panel):
    url = panel.findChild(QLineEdit, "urlTemplateEdit")
    assert url.placeholderText() == "https://api.example.com/get-current-inventory/{id}"
    assert "{column}" in url.toolTip()
    concurrency = panel.findChild(QSpinBox, "concurrencySpin")
    assert (concurrency.minimum(), concurrency.maximum()) == (1, 10_000)
    fields = [
        url,
        concurrency,
        panel.findChild(QDoubleSpinBox, "timeoutSpin"),
        panel.findChild(QSpinBox, "retriesSpin"),
        panel.findChild(QLineEdit, "quantityFieldEdit"),
        panel.findChild(QCheckBox, "verifyTlsCheck"),
        panel.add_header_button,
    ]
    assert all(f is not None and f.toolTip() for f in fields)


def test_panel_tls_warning(panel, qtbot):
    check = panel.findChild(QCheckBox, "verifyTlsCheck")
    assert check.isChecked()
    calm = check.toolTip()
    check.click()
    assert check.toolTip() != calm
    assert check.styleSheet()
    assert panel.settings().verify_tls is False
