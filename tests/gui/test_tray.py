"""Close to tray: the title bar's close hides the window while auto-refresh is on.

The offscreen platform has no tray, so most tests inject its availability; the
last ones use the real ``QSystemTrayIcon.isSystemTrayAvailable()``.  A close
from the window system is a close event delivered to the window's QWindow
(spontaneous), as the title bar's button sends it; ``window.close()`` is what
*Quit* does.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QMenu, QSystemTrayIcon

from inventory_gui.core import settings_schema as schema
from inventory_gui.gui.table.model import ResultRole
from inventory_gui.gui.tray import NO_TRAY, CloseToTray
from tests.gui.window_actions import Quantities
from tests.loopback import stock_handler, wait_forever

MINUTES = 5


def close_from_title_bar(window) -> None:
    """Close ``window`` as the window system does (a spontaneous close event)."""
    QApplication.sendEvent(window.windowHandle(), QCloseEvent())


def auto_refresh_timer_active(window) -> bool:
    timers = [t for t in window.stock.findChildren(QTimer) if t.interval() == MINUTES * 60_000]
    return len(timers) == 1 and timers[0].isActive()


def tray_window(make_window, template=None, *, tray=True, option=True, minutes=MINUTES):
    window = make_window(template)
    close_to_tray = CloseToTray(window, tray_available=lambda: tray)
    close_to_tray.action.setChecked(option)
    window.stock.panel.auto_refresh.setValue(minutes)  # the panel's edit: the timer starts
    return window, close_to_tray


def closed_signals(window) -> list[bool]:
    closed: list[bool] = []
    window.closed.connect(lambda: closed.append(True))
    return closed


def test_closing_hides_to_the_tray_and_auto_refresh_goes_on(make_window, make_api, qtbot):
    api = make_api(stock_handler)
    window, tray = tray_window(make_window, api.template)
    window.products_panel.set_text("a\nb")
    closed = closed_signals(window)
    close_from_title_bar(window)
    assert not window.isVisible()
    assert tray.icon.isVisible()
    assert closed == []  # not quitting
    assert auto_refresh_timer_active(window)
    # A tick while hidden fetches as it does with the window open.
    with qtbot.waitSignal(window.fetchFinished, timeout=20_000):
        window.stock.auto_refresh_tick()
    assert sorted(api.requests) == ["/get-current-inventory/a", "/get-current-inventory/b"]
    tray.show_action.trigger()
    assert window.isVisible()
    assert closed == []


def test_tray_quit_ends_the_app_cancelling_a_run(make_window, make_api, qtbot):
    api = make_api(wait_forever)
    window, tray = tray_window(make_window, api.template)
    window.products_panel.set_text("\n".join(f"p{i}" for i in range(20)))
    window.fetch_all()
    qtbot.waitUntil(lambda: api.in_flight == 16)
    close_from_title_bar(window)
    assert not window.isVisible()
    assert window.runner.running  # hidden, still fetching
    with qtbot.waitSignal(window.closed, timeout=5_000):
        tray.quit_action.trigger()
    assert not window.runner.running
    assert {window.model.index(r, 0).data(ResultRole).status for r in range(20)} == {"cancelled"}
    assert not tray.icon.isVisible()


def test_quit_from_the_menu_quits_even_with_the_option_on(make_window, qtbot):
    window, _tray = tray_window(make_window)
    with qtbot.waitSignal(window.closed, timeout=2_000):
        window.actions["quit"].trigger()


def test_with_the_option_off_closing_quits_as_before(make_window, qtbot):
    window, tray = tray_window(make_window, option=False)
    with qtbot.waitSignal(window.closed, timeout=2_000):
        close_from_title_bar(window)
    assert not window.isVisible()
    assert not tray.icon.isVisible()


def test_without_auto_refresh_closing_quits(make_window, qtbot):
    window, _tray = tray_window(make_window, minutes=schema.AUTO_REFRESH.off)
    with qtbot.waitSignal(window.closed, timeout=2_000):
        close_from_title_bar(window)


def test_the_option_is_in_the_view_menu_and_remembered(make_window):
    window, tray = tray_window(make_window, option=False)
    view = window.findChild(QMenu, "viewMenu")
    assert tray.action in view.actions()
    assert tray.action.toolTip() == schema.CLOSE_TO_TRAY.tooltip()
    assert not tray.action.isChecked()  # the definition's default
    tray.action.setChecked(True)
    window.store.sync()
    again = CloseToTray(make_window(), tray_available=lambda: True)  # same settings file
    assert again.action.isChecked()


def test_without_a_tray_closing_quits_and_says_why_once(make_window, qtbot, caplog):
    window = make_window()
    assert not QSystemTrayIcon.isSystemTrayAvailable()  # offscreen: no tray, really
    tray = CloseToTray(window)  # the real isSystemTrayAvailable()
    window.stock.panel.auto_refresh.setValue(MINUTES)
    with caplog.at_level(logging.WARNING, logger="inventory_gui.gui.tray"):
        tray.action.setChecked(True)
        assert NO_TRAY in window.message_bar.text()
        tray.action.setChecked(False)
        tray.action.setChecked(True)
        with qtbot.waitSignal(window.closed, timeout=2_000):
            close_from_title_bar(window)
    assert [r.getMessage() for r in caplog.records].count(f"close to tray: {NO_TRAY}") == 1
    assert not window.isVisible()


def test_stock_alerts_while_hidden_go_to_the_same_tray_icon(
    make_window, make_api, qtbot, monkeypatch
):
    # The stock alerts ask Qt itself whether there is a tray: say there is one.
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    server = Quantities(a=50)
    window, tray = tray_window(make_window, make_api(server).template)
    window.products_panel.set_text("a")
    with qtbot.waitSignal(window.fetchFinished, timeout=20_000):
        window.fetch_all()
    close_from_title_bar(window)
    server.quantities.update(a=0)
    with qtbot.waitSignal(window.stock.alerted, timeout=20_000) as alert:
        window.stock.auto_refresh_tick()
    assert alert.args == ["1 out of stock: a"]
    assert window.findChildren(QSystemTrayIcon) == [tray.icon]  # one icon, not two
    assert tray.icon.isVisible()
