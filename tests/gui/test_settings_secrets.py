"""Keys in the URL template's query are kept like secret headers, in the window too."""

from __future__ import annotations

from pathlib import Path

from aiohttp import web
from PySide6.QtCore import QSettings

from inventory_gui.core.connection import ConnectionSettings
from inventory_gui.core.history.store import HistoryStore
from inventory_gui.core.models import Product
from inventory_gui.gui.panels.connection_panel import ConnectionPanel
from inventory_gui.gui.settings_store import SettingsStore
from inventory_gui.gui.table.columns import ERROR_COLUMN, STATUS_COLUMN
from tests.secret_stores import DictSecretStore

KEY = "qk-9Yw2-LEAKME-in-query"
TEMPLATE = f"https://api.example.com/s/{{id}}?store={{store}}&api_key={KEY}&sig=s1gn4ture"


def store_at(path: Path, secrets) -> SettingsStore:
    return SettingsStore(QSettings(str(path), QSettings.Format.IniFormat), secrets)


def test_the_settings_file_never_holds_a_query_key(tmp_path):
    ini = tmp_path / "s.ini"
    kept: dict[str, str] = {}
    store = store_at(ini, DictSecretStore(kept))
    assert store.save_connection(ConnectionSettings(url_template=TEMPLATE)) == []
    store.sync()
    text = ini.read_text()
    assert KEY not in text
    assert "s1gn4ture" not in text
    assert "api_key=***" in text
    # The next start gets the real template back from the secret store...
    assert store_at(ini, DictSecretStore(kept)).load_connection().url_template == TEMPLATE
    # ...and without it, empty values the user sees to fill in.
    lost = store_at(ini, DictSecretStore({})).load_connection().url_template
    assert lost == "https://api.example.com/s/{id}?store={store}&api_key=&sig="
    # A template without keys forgets the stored one.
    store.save_connection(ConnectionSettings(url_template="https://h/{id}"))
    assert kept == {}


def test_the_panel_shows_the_mask_and_runs_with_the_key(qtbot):
    panel = ConnectionPanel(secrets_persistent=False)
    qtbot.addWidget(panel)
    panel.set_settings(ConnectionSettings(url_template=TEMPLATE))
    assert KEY not in panel.url_edit.text()
    assert "api_key=***" in panel.url_edit.text()
    assert panel.settings().url_template == TEMPLATE
    assert panel.validation_error() is None
    # A key typed in is masked once editing ends, and kept for the run.
    typed = "https://h/{id}?token=n3w-t0ken-value&q=1"
    panel.url_edit.setText(typed)
    panel.url_edit.editingFinished.emit()
    assert panel.url_edit.text() == "https://h/{id}?token=***&q=1"
    assert panel.settings().url_template == typed


def test_a_key_the_panel_does_not_know_is_named_not_sent(qtbot):
    panel = ConnectionPanel(secrets_persistent=False)
    qtbot.addWidget(panel)
    panel.url_edit.setText("https://h/{id}?pwd=***")
    problem = panel.validation_error()
    assert problem is not None
    assert "pwd" in problem


def test_an_unusable_template_is_one_message_without_a_run(make_window):
    window = make_window(f"http://127.0.0.1:99999/{{id}}?api_key={KEY}")
    assert not window.start_fetch([Product("p1")])
    message = window.message_bar.text()
    assert "port" in message.lower()
    assert KEY not in message
    assert "api_key=***" in message
    assert not window.runner.running


async def echo_request(request: web.Request, api) -> web.Response:
    """A server that echoes the request line and headers in its error body."""
    lines = [f"GET {request.raw_path} HTTP/1.1"] + [f"{k}: {v}" for k, v in request.headers.items()]
    return web.json_response({"error": "\n".join(lines), "echo": lines}, status=500)


def test_window_run_against_an_echoing_server_leaks_nothing(
    make_window, make_api, run, qtbot, tmp_path, settings_path
):
    api = make_api(echo_request)
    history = HistoryStore(tmp_path / "history.sqlite3")
    window = make_window(f"{api.template}?api_key={KEY}&q=1", history=history)
    ids = tmp_path / "ids.txt"
    ids.write_text("p1\np2\n")
    assert run(window.load_file(ids))
    with qtbot.waitSignal(window.fetchFinished, timeout=20_000):
        assert window.start_fetch(window.model.products(["p1", "p2"]))
    assert KEY in api.requests[0]  # the key was sent, to the origin the user named
    model = window.table.model()
    shown = []
    for row in range(model.rowCount()):
        assert model.index(row, STATUS_COLUMN).data() == "Error"
        shown.append(model.index(row, ERROR_COLUMN).data())
        shown.append(str(model.index(row, ERROR_COLUMN).data(3)))  # tooltip
        window.table.selectRow(row)
        shown.append(window.detail.toPlainText())
    text = "\n".join(shown)
    assert "HTTP 500" in text
    assert KEY not in text
    assert "api_key=***" in text
    window.close()
    assert KEY not in Path(settings_path).read_text()
    assert KEY not in (tmp_path / "history.sqlite3").read_bytes().decode("latin-1")
