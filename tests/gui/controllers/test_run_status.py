"""What the window enables and says while a run or a load goes on, and after."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QSystemTrayIcon

from tests.gui.window_actions import write_csv

ACTIONS = ("fetch", "refresh_selected", "retry_failed", "export", "open", "cancel")


def enabled(window) -> dict[str, bool]:
    return {name: window.actions[name].isEnabled() for name in ACTIONS}


def test_an_empty_window_offers_only_open(make_window):
    window = make_window()
    assert enabled(window) == {
        "fetch": False, "refresh_selected": False, "retry_failed": False,
        "export": False, "open": True, "cancel": False,
    }  # fmt: skip


def test_a_loaded_list_enables_its_actions(make_window, run, tmp_path):
    window = make_window()
    assert run(window.load_file(write_csv(tmp_path, ["a", "b"])))
    assert enabled(window) == {
        "fetch": True, "refresh_selected": True, "retry_failed": True,
        "export": True, "open": True, "cancel": False,
    }  # fmt: skip
    assert window.profile_bar.isEnabled()
    assert window.products_panel.acceptDrops()


def test_while_running_only_cancel_is_offered_and_the_settings_are_locked(
    make_window, run, tmp_path
):
    window = make_window()
    assert run(window.load_file(write_csv(tmp_path, ["a", "b"])))
    window.status.set_running(True)
    assert enabled(window) == {
        "fetch": False, "refresh_selected": False, "retry_failed": False,
        "export": False, "open": False, "cancel": True,
    }  # fmt: skip
    assert not window.profile_bar.isEnabled()
    assert not window.products_panel.acceptDrops()


def test_the_shown_label_counts_filtered_rows_only_while_a_filter_hides_any(make_window):
    window = make_window()
    window.products_panel.set_text("apple\nbanana\napricot")
    window.products_panel.parse_pending()
    assert window.shown_label.text() == ""
    window.filter_edit.setText("ap")
    assert window.shown_label.text() == "2 of 3 shown"
    window.filter_edit.clear()
    assert window.shown_label.text() == ""


def test_load_progress_fills_the_bar_in_thousandths(make_window):
    window = make_window()
    window.status.show_load_progress(0.25)
    assert (window.progress_bar.maximum(), window.progress_bar.value()) == (1000, 250)


def test_without_a_tray_a_stock_change_is_said_in_the_message_bar(make_window):
    if QSystemTrayIcon.isSystemTrayAvailable():
        pytest.skip("the tray, not the message bar, says it here")
    window = make_window()
    window.status.show_alert("a: out of stock")
    assert window.message_bar.text() == "Stock changed: a: out of stock"
