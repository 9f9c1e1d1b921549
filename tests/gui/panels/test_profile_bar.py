"""The profile bar on the real window offscreen: profiles, curl paste, Test, Copy as curl."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from aiohttp import web
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog, QLineEdit, QTreeWidgetItem

from inventory_gui.core.connection import MemorySecretStore
from inventory_gui.core.fetch.auth_settings import BASIC, OAUTH2
from inventory_gui.core.profiles import PROFILES_ENV
from inventory_gui.gui.panels.curl_dialog import CurlDialog
from inventory_gui.gui.panels.json_tree import PATH_ROLE, JsonTree
from inventory_gui.gui.panels.probe_dialog import ProbeDialog
from tests.loopback import product_id

TOKEN = "shpat_WINDOW-SECRET-31337"


@pytest.fixture(autouse=True)
def profiles_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "profiles.json"
    monkeypatch.setenv(PROFILES_ENV, str(path))
    return path


def _name_dialog(window, action: str, name: str) -> None:
    """Trigger a profile menu item and answer its name dialog with ``name``."""
    window.profile_bar.actions[action].trigger()
    dialog = window.profile_bar.dialog
    assert isinstance(dialog, QInputDialog)
    dialog.setTextValue(name)
    dialog.accept()


def _choose(window, name: str) -> None:
    combo = window.profile_bar.combo
    index = combo.findText(name)
    combo.setCurrentIndex(index)
    combo.activated.emit(index)  # what a user's pick sends


def item_at_path(tree: JsonTree, path: str) -> QTreeWidgetItem | None:
    """The node the tree gives the dotted ``path`` (what a double click offers), or None."""
    items = tree.findItems("*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive)
    return next((i for i in items if i.data(0, PATH_ROLE) == path), None)


def test_profiles_create_switch_rename_duplicate_delete_and_reopen(make_window, profiles_file):
    secrets = MemorySecretStore()
    window = make_window("https://shop.example/a/{id}", secrets=secrets)
    bar, form = window.profile_bar, window.connection
    assert bar.combo.currentIndex() == -1  # no profile yet, nothing written
    assert not profiles_file.exists()
    shop = dataclasses.replace(form.settings(), headers=[("X-Shopify-Access-Token", TOKEN)])
    form.set_settings(shop)
    _name_dialog(window, "new", "Shop")
    form.set_settings(dataclasses.replace(shop, url_template="https://other.example/{id}",
                                          headers=[], concurrency=3))  # fmt: skip
    _name_dialog(window, "new", "Other")
    assert bar.combo.currentText() == "Other"
    _choose(window, "Shop")
    assert form.settings() == shop
    _choose(window, "Other")
    assert form.settings().concurrency == 3
    _name_dialog(window, "rename", "Warehouse")
    _name_dialog(window, "duplicate", "Warehouse 2")
    assert [bar.combo.itemText(i) for i in range(bar.combo.count())] == [
        "Shop", "Warehouse", "Warehouse 2",
    ]  # fmt: skip
    bar.actions["delete"].trigger()
    assert bar.current is None
    _name_dialog(window, "new", "shop")  # taken (names are case-blind): one line, nothing made
    assert window.message_bar.text() == "A profile named 'shop' already exists"
    _choose(window, "Shop")
    assert TOKEN not in profiles_file.read_text()
    window.close()
    again = make_window(secrets=secrets)
    assert again.profile_bar.combo.currentText() == "Shop"  # the last used reopens
    assert again.connection.settings().headers == [("X-Shopify-Access-Token", TOKEN)]


def test_export_and_import_leave_secrets_out(make_window, tmp_path):
    window = make_window("https://shop.example/a/{id}")
    form = window.connection
    form.set_settings(dataclasses.replace(form.settings(), headers=[("Authorization", TOKEN)]))
    window.profile_bar.create("Shop")
    out = tmp_path / "shop.json"
    window.profile_bar.export_current(out)
    assert TOKEN not in out.read_text()
    assert "Exported without its secrets: header Authorization" in window.message_bar.text()
    doc = json.loads(out.read_text())
    doc["name"] = "Shop from a colleague"
    out.write_text(json.dumps(doc))
    window.profile_bar.import_from(out)
    assert window.profile_bar.current == "Shop from a colleague"
    assert form.settings().headers == [("Authorization", "")]
    assert "enter header Authorization" in window.message_bar.text()
    out.write_text("{broken")
    window.profile_bar.actions["import"].trigger()
    window.profile_bar.dialog.fileSelected.emit(str(out))  # as the file dialog does
    assert window.message_bar.text() == f"{out}: line 1: not valid JSON"


SHOPIFY = (
    "curl -X GET 'https://my-shop.example/admin/api/2024-01/inventory_levels.json"
    "?inventory_item_ids=808950810&location_ids=655441491' \\\n"
    f"  -H 'X-Shopify-Access-Token: {TOKEN}'"
)


def test_pasting_a_curl_command_fills_the_form(make_window, profiles_file):
    window = make_window()
    window.products_panel.set_text("808950810\n2")
    window.profile_bar.create("Shop")
    dialog = window.profile_bar.open_curl()
    dialog.text_edit.setPlainText(SHOPIFY)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    cs = window.connection.settings()
    assert cs.url_template.endswith(
        "inventory_levels.json?inventory_item_ids={id}&location_ids=655441491"
    )
    assert cs.headers == [("X-Shopify-Access-Token", TOKEN)]
    value_edit = window.connection.findChild(QLineEdit, "headerValueEdit")
    assert value_edit.echoMode() == QLineEdit.EchoMode.Password  # kept secret
    window.profile_bar.save_current()
    assert TOKEN not in profiles_file.read_text()


def test_the_curl_dialog_asks_which_part_is_the_id(make_window):
    window = make_window()
    window.products_panel.set_text("not-in-the-url")
    dialog = window.profile_bar.open_curl()
    assert isinstance(dialog, CurlDialog)
    dialog.text_edit.setPlainText(
        "curl 'https://h.example/v1/items/ABC-1?view=full&api_key=K-SECRET'"
    )
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.click()
    labels = [dialog.spots.item(i).text() for i in range(dialog.spots.count())]
    assert labels == ["path segment 'v1'", "path segment 'items'", "path segment 'ABC-1'",
                      "query value view=full"]  # fmt: skip
    assert dialog.isVisible()
    dialog.spots.setCurrentRow(2)
    ok.click()
    assert window.connection.settings().url_template == (
        "https://h.example/v1/items/{id}?view=full&api_key=K-SECRET"
    )
    bad = window.profile_bar.open_curl()
    bad.text_edit.setPlainText("curl -d @secret.json https://h.example/x")
    bad.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert "reads a file" in bad.problem.text()


async def _square_like(request: web.Request, api) -> web.Response:
    pid = product_id(request)
    return web.json_response(
        {"id": pid, "quantity": 1, "stock": {"available": 7},
         "counts": [{"state": "IN_STOCK", "quantity": "3"}]}
    )  # fmt: skip


def test_the_test_button_shows_the_answer_and_a_click_sets_the_quantity_field(
    make_window, make_api, qtbot
):
    api = make_api(_square_like)
    window = make_window(api.template)
    window.products_panel.set_text("p1\np2")
    bar = window.profile_bar
    bar.test_button.click()
    dialog = bar.dialog
    assert isinstance(dialog, ProbeDialog)
    qtbot.waitUntil(lambda: not dialog.running, timeout=10_000)
    assert dialog.status.text() == "HTTP 200: quantity 1"
    assert api.requests == ["/get-current-inventory/p1"]  # the list's first product, once
    tree = dialog.tree
    node = item_at_path(tree, "stock.available")
    assert node is not None
    assert (node.text(1), node.text(2)) == ("7", "number")
    tree.scrollToItem(node)
    where = tree.visualItemRect(node).center()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=where)  # a double click's
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=where)  # press comes first
    assert window.connection.settings().quantity_field == "stock.available"
    counts = item_at_path(tree, "counts.0.quantity")
    tree.scrollToItem(counts)
    tree.customContextMenuRequested.emit(tree.visualItemRect(counts).center())
    extra = tree.menu.findChild(QAction, "addAsExtraAction")
    extra.trigger()
    assert window.stock.panel.fields_edit.text() == "quantity=counts.0.quantity"
    dialog.id_edit.setText("other")
    dialog.check_button.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=10_000)
    assert dialog.status.text() == "HTTP 200: quantity 7"  # the quantity field now used
    assert api.requests[-1] == "/get-current-inventory/other"


def test_the_test_button_says_why_settings_are_unusable(make_window):
    window = make_window("not a url")
    window.products_panel.set_text("p1")
    window.profile_bar.test_button.click()
    dialog = window.profile_bar.dialog
    assert "URL template" in dialog.status.text()
    assert not dialog.running


def test_copy_as_curl_on_a_row_masks_secrets(make_window):
    window = make_window("https://api.example/stock/{id}?api_key=KEY-SECRET-5")
    form = window.connection
    form.set_settings(dataclasses.replace(form.settings(), headers=[("Authorization", TOKEN)]))
    window.products_panel.set_text("a/b")
    index = window.table.model().index(0, 0)
    menu = window.row_actions.menu.popup(
        index, window.table.mapToGlobal(window.table.rect().center())
    )
    menu.findChild(QAction, "copyCurlAction").trigger()
    menu.close()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("curl 'https://api.example/stock/a%2Fb?api_key=***'")
    assert "-H 'Authorization: ***'" in copied
    assert TOKEN not in copied
    assert "KEY-SECRET-5" not in copied
    revealed = window.row_actions.curl_of("a/b", reveal=True)
    assert revealed is not None
    assert TOKEN in revealed


def test_a_broken_profiles_file_turns_profiles_off_and_says_why(make_window, profiles_file):
    profiles_file.write_text("[1, 2")
    window = make_window()
    bar = window.profile_bar
    assert bar.store is None
    assert not bar.combo.isEnabled()
    assert bar.combo.toolTip() == f"Profiles are off: {profiles_file}: line 1: not valid JSON"
    assert bar.test_button.isEnabled()  # Test needs no profile
    assert profiles_file.read_text() == "[1, 2"  # left for the user to mend


def _fill_basic_behind_proxy(window, proxy: str) -> None:
    """Type Basic auth and a proxy with credentials into the sections, as a user would."""
    auth, network = window.connection.auth_section, window.connection.network
    auth.kind_combo.setCurrentIndex(auth.kind_combo.findData(BASIC))
    auth.user_edit.setText("alice")
    auth.password_edit.setText("pw-WINDOW-BASIC-8")
    network.proxy_edit.setText(proxy)
    network.proxy_edit.editingFinished.emit()  # leaving the field masks its user info


def test_switching_profiles_swaps_the_auth_and_network_sections(
    make_window, profiles_file, tmp_path
):
    secrets = MemorySecretStore()
    window = make_window("https://shop.example/a/{id}", secrets=secrets)
    auth, network = window.connection.auth_section, window.connection.network
    proxy = "http://ops:px-WINDOW-PROXY-3@proxy.corp:3128"
    _fill_basic_behind_proxy(window, proxy)
    _name_dialog(window, "new", "Basic")
    _name_dialog(window, "new", "OAuth")  # a copy of the form, edited below
    auth.kind_combo.setCurrentIndex(auth.kind_combo.findData(OAUTH2))
    auth.token_url_edit.setText("https://auth.example/token")
    auth.client_id_edit.setText("shop-app")
    auth.client_secret_edit.setText("cs-WINDOW-OAUTH-5")
    network.proxy_edit.setText("")
    network.ca_bundle_edit.setText(str(tmp_path / "corp-ca.pem"))
    _choose(window, "Basic")  # saves the form into OAuth, shows Basic
    assert auth.kind() == BASIC
    assert (auth.user_edit.text(), auth.password_edit.text()) == ("alice", "pw-WINDOW-BASIC-8")
    assert network.options().proxy == proxy
    assert network.ca_bundle_edit.text() == ""
    _choose(window, "OAuth")
    assert auth.kind() == OAUTH2
    assert auth.client_secret_edit.text() == "cs-WINDOW-OAUTH-5"
    assert network.options().proxy == ""
    assert network.ca_bundle_edit.text() == str(tmp_path / "corp-ca.pem")
    text = profiles_file.read_text()
    for secret in ("pw-WINDOW-BASIC-8", "px-WINDOW-PROXY-3", "cs-WINDOW-OAUTH-5"):
        assert secret not in text
    _choose(window, "Basic")
    window.close()
    again = make_window(secrets=secrets)  # the last used reopens, secrets from the store
    assert again.connection.auth_section.password_edit.text() == "pw-WINDOW-BASIC-8"
    assert again.connection.network.options().proxy == proxy
