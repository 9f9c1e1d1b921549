"""How lists reach the table: loaded files, the recent menu, the list's source."""

from __future__ import annotations

from inventory_gui.gui.table.columns import ID_COLUMN
from tests.gui.window_actions import column, write_csv
from tests.loopback import wait_forever


def test_the_recent_menu_is_disabled_until_a_file_has_loaded(make_window, run, tmp_path):
    window = make_window()
    menu = window.intake.recent_menu
    assert not menu.isEnabled()
    assert menu.actions() == []
    path = write_csv(tmp_path, ["a"])
    assert run(window.load_file(path))
    assert menu.isEnabled()
    assert [action.text() for action in menu.actions()] == [str(path)]


def test_a_file_without_ids_is_refused_and_the_list_stays(make_window, run, tmp_path):
    window = make_window()
    window.products_panel.set_text("keep")
    window.products_panel.parse_pending()
    empty = tmp_path / "empty.csv"
    empty.write_text("sku,name\n", encoding="utf-8")
    assert run(window.load_file(empty)) is False
    assert "empty.csv" in window.message_bar.text()
    assert column(window, ID_COLUMN) == ["keep"]
    assert window.intake.recent_menu.actions() == []


def test_the_source_recorded_with_a_run_is_the_list_shown(make_window, run, tmp_path):
    window = make_window()
    assert window.intake.source == "pasted text"
    path = write_csv(tmp_path, ["a"])
    assert run(window.load_file(path))
    assert window.intake.source == "products.csv"  # the file's name
    window.products_panel.set_text("typed")
    window.products_panel.parse_pending()
    assert window.intake.source == "pasted text"


def test_a_file_opened_mid_run_is_refused_and_the_run_goes_on(
    make_window, make_api, run, qtbot, tmp_path
):
    api = make_api(wait_forever)
    window = make_window(api.template)
    window.products_panel.set_text("a")
    assert window.fetch_all()
    qtbot.waitUntil(lambda: api.in_flight == 1)
    assert run(window.load_file(write_csv(tmp_path, ["b"]))) is False
    assert window.message_bar.text() == "Wait for the current fetch or load to finish first."
    assert window.runner.running
    assert column(window, ID_COLUMN) == ["a"]
    with qtbot.waitSignal(window.fetchFinished, timeout=5000):
        window.cancel()
