"""Accessibility of the real window: a name for every control, Tab in layout order,
a keyboard path to every action, and statuses in words, not only in colour.

A screen reader announces a control by its accessible name: the walk fails on
any visible, enabled interactive widget that has none (its own, its text, or a
buddy label's, as Qt's accessibility interface reports it).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from aiohttp import web
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSlider,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QToolButton,
    QWidget,
)

from inventory_gui.gui.i18n import LANGUAGES, install_translators
from inventory_gui.gui.table.columns import STATUS_COLUMN, STOCK_COLUMN, status_text
from tests.gui.window_actions import column, fetch
from tests.loopback import product_id

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QTabBar,
    QSlider,
)


def accessible_name(widget: QWidget) -> str:
    """The name a screen reader gets: Qt's accessibility interface (buddy labels included)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    name = interface.text(QAccessible.Text.Name) if interface is not None else ""
    return (name or widget.accessibleName()).strip()


def describe(widget: QWidget) -> str:
    return f"{type(widget).__name__} {widget.objectName() or '(no objectName)'}"


def interactive_widgets(root: QWidget) -> list[QWidget]:
    """The visible, enabled controls under ``root`` that a user can reach."""
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE):
            continue
        if not widget.isVisibleTo(root) or not widget.isEnabled():
            continue
        # A spin box's or combo box's own line edit is announced as its owner.
        if isinstance(widget, QLineEdit) and isinstance(
            widget.parent(), QAbstractSpinBox | QComboBox
        ):
            continue
        found.append(widget)
    return found


def unnamed_anywhere(window: QWidget) -> set[str]:
    """Unnamed controls on every page of every tab widget (one page shows at a time)."""
    missing: set[str] = set()
    for tabs in window.findChildren(QTabWidget):
        for page in range(tabs.count()):
            tabs.setCurrentIndex(page)
            missing |= {describe(w) for w in interactive_widgets(window) if not accessible_name(w)}
    return missing


def test_every_control_of_the_window_has_an_accessible_name(make_window):
    window = make_window()
    window.connection.add_header_button.click()  # a header row: name, value, remove
    assert len(interactive_widgets(window)) > 20  # the walk does reach the controls
    assert unnamed_anywhere(window) == set()


def test_every_control_of_each_auth_kind_has_an_accessible_name(make_window):
    window = make_window()
    combo = window.connection.auth_section.kind_combo
    for index in range(combo.count()):
        combo.setCurrentIndex(index)
        assert unnamed_anywhere(window) == set(), combo.currentText()


def test_the_walk_reports_a_control_without_a_name(make_window):
    """The walk above can fail: an unnamed button is reported, a named one is not."""
    window = make_window()
    stray = QToolButton(window.centralWidget(), objectName="strayButton")
    stray.show()
    assert "QToolButton strayButton" in unnamed_anywhere(window)
    stray.setAccessibleName("Stray")
    assert "QToolButton strayButton" not in unnamed_anywhere(window)


# -- Tab order ---------------------------------------------------------------

MAIN_CONTROLS = [
    "openButton",
    "productInput",
    "urlTemplateEdit",
    "addHeaderButton",
    "authKindCombo",
    "concurrencySpin",
    "timeoutSpin",
    "retriesSpin",
    "quantityFieldEdit",
    "rateLimitSpin",
    "adaptiveCheck",
    "verifyTlsCheck",
    "proxyEdit",
    "fetchButton",
    "refreshSelectedButton",
    "retryFailedButton",
    "exportButton",
    "filterEdit",
    "failuresOnlyCheck",
    "stockFilterCombo",
    "resultsTable",
    "detailPane",
]


def tab_through(qtbot, window: QWidget, start: QWidget, presses: int) -> list[str]:
    """Press Tab ``presses`` times from ``start``; the objectNames focused, in turn."""
    start.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: start.hasFocus())
    seen = [start.objectName()]
    for _ in range(presses):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget().objectName())
    return seen


def test_tab_moves_through_the_main_controls_in_layout_order(make_window, qtbot):
    window = make_window()
    window.products_panel.set_text("a\nb")  # buttons that need rows are enabled
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    start = window.products_panel.open_button
    seen = tab_through(qtbot, window, start, 60)
    reached = [name for name in seen if name in MAIN_CONTROLS]
    first_visits = list(dict.fromkeys(reached))
    assert first_visits == MAIN_CONTROLS, " > ".join(seen)


# -- keyboard paths ------------------------------------------------------------


def menu_actions(menu: QMenu) -> list[QAction]:
    found = []
    for action in menu.actions():
        found.append(action)
        if action.menu() is not None:
            found += menu_actions(action.menu())
    return found


def mnemonics(actions: list[QAction]) -> list[str]:
    """The mnemonic letter of each action; fails on one without."""
    keys = []
    for action in actions:
        if action.isSeparator():
            continue
        text = action.text().replace("&&", "")
        assert "&" in text, f"{text!r} has no mnemonic"
        keys.append(text[text.index("&") + 1].lower())
    return keys


@pytest.fixture(params=[None, *LANGUAGES], ids=["en", *LANGUAGES])
def language(request, qapp) -> Iterator[str | None]:
    """Each language the window speaks: mnemonics must stay unique in every one."""
    installed = install_translators(qapp, request.param)
    yield request.param
    for translator in installed:
        qapp.removeTranslator(translator)


def test_every_menu_and_menu_item_has_a_mnemonic_unique_in_its_menu(make_window, language):
    window = make_window()
    window.products_panel.set_text("a\nb")
    row_menu = window.row_actions.menu.popup(
        window.table.model().index(0, 0), window.mapToGlobal(window.rect().center())
    )
    bar = window.menuBar().actions()
    # Each menu's own items ("Open recent" lists file paths: not checked).
    menus = [a.menu() for a in bar] + [row_menu, window.profile_bar.menu_button.menu()]
    for actions in [bar] + [menu.actions() for menu in menus]:
        keys = mnemonics(actions)
        assert len(keys) == len(set(keys)), (language, keys)


def test_every_window_action_has_a_shortcut_or_sits_in_a_menu(make_window):
    window = make_window()
    in_menus = {a for m in window.menuBar().actions() for a in menu_actions(m.menu())}
    for name, action in window.actions.items():
        assert not action.shortcut().isEmpty() or action in in_menus, name


# -- status not by colour alone ------------------------------------------------


async def ok_or_unknown(request: web.Request, api: object) -> web.Response:
    pid = product_id(request)
    if pid.startswith("bad"):
        return web.json_response({"error": "unknown product"}, status=404)
    return web.json_response({"id": pid, "quantity": 0 if pid == "none" else 500})


def test_status_and_stock_cells_name_their_status_in_words(make_window, make_api, qtbot):
    api = make_api(ok_or_unknown)
    window = make_window(api.template)
    window.products_panel.set_text("p1\nnone\nbad1")
    fetch(qtbot, window)
    assert column(window, STATUS_COLUMN) == [status_text("ok"), status_text("ok"), "Error"]
    assert column(window, STOCK_COLUMN) == ["In stock", "Out", "Unknown product"]


def test_the_message_bar_says_error_or_information_not_only_by_colour(make_window):
    window = make_window()
    window.message_bar.show_error("Bad file")
    assert window.message_bar.accessibleName() == "Error"
    window.message_bar.show_info("Exported")
    assert window.message_bar.accessibleName() == "Information"
