"""Every consumer of a setting accepts exactly its definition's range.

Walks :data:`~inventory_gui.core.settings_schema.ALL_SETTINGS` and checks the
command line, validation, the settings file and the window's editors against
each definition; and that no number is edited, parsed or read anywhere without
one (a hard-coded range fails here).
"""

from __future__ import annotations

import argparse
import math
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QAbstractSpinBox, QCheckBox, QLineEdit, QWidget

import inventory_gui
from inventory_gui.cli import demo_command, fetch_command, history_command
from inventory_gui.core import settings_schema as schema
from inventory_gui.core.connection import MemorySecretStore
from inventory_gui.core.errors import SettingsError
from inventory_gui.core.fetch.settings import FetchSettings
from inventory_gui.core.settings_schema import Setting
from inventory_gui.demo.server import DemoConfig
from inventory_gui.gui.panels.setting_widgets import SETTING_PROPERTY
from inventory_gui.gui.panels.stock_panel import StockSettings
from inventory_gui.gui.settings_store import SettingsStore

RANGED = [s for s in schema.ALL_SETTINGS if s.ranged]
PARSERS = (fetch_command.build_parser, demo_command.build_parser, history_command.build_parser)
UNRANGED_NUMBER_OPTIONS = {"--seed", "--limit"}  # any seed; the history's newest N checks


def ids(setting: Setting) -> str:
    return setting.key


def outside(setting: Setting) -> tuple[float, float]:
    """The nearest values below and above the range that are not its off value."""
    if setting.kind is int:
        below, above = setting.low - 1, setting.high + 1
    else:
        below, above = (
            math.nextafter(setting.low, -math.inf),
            math.nextafter(setting.high, math.inf),
        )
    return below, above


def number(setting: Setting, value: float) -> float:
    return int(value) if setting.kind is int else float(value)


# -- the command line -----------------------------------------------------------


def option_parser(setting: Setting) -> argparse.ArgumentParser:
    for build in PARSERS:
        parser = build()
        if setting.flag in parser._option_string_actions:
            return parser
    raise AssertionError(f"no parser has {setting.flag}")


def flag_text(setting: Setting, value: float) -> str:
    """``--flag=value`` (with ``=`` so that argparse takes ``-1`` as a value)."""
    shown = number(setting, value)
    return f"{setting.flag}={shown if setting.flag_scale == 1 else shown / setting.flag_scale!r}"


@pytest.mark.parametrize("setting", [s for s in RANGED if s.flag], ids=ids)
def test_the_command_line_accepts_exactly_the_range(setting, capsys):
    parser = option_parser(setting)
    for value in (setting.low, setting.high):
        parsed = vars(parser.parse_known_args([flag_text(setting, value)])[0])
        action = parser._option_string_actions[setting.flag]
        assert parsed[action.dest] * setting.flag_scale == pytest.approx(value)
    for value in outside(setting):
        with pytest.raises(SystemExit):
            parser.parse_known_args([flag_text(setting, value)])
        assert "must be" in capsys.readouterr().err
    default = parser.get_default(parser._option_string_actions[setting.flag].dest)
    assert default == (None if setting.default == setting.off else
                       setting.default / setting.flag_scale)  # fmt: skip


def test_every_number_option_comes_from_a_definition():
    flags = {s.flag for s in schema.ALL_SETTINGS if s.flag}
    for build in PARSERS:
        for action in build()._actions:
            named = set(action.option_strings)
            if action.type is not None and not named & UNRANGED_NUMBER_OPTIONS:
                assert named & flags, f"{action.option_strings} has no definition"
            for flag in named & flags:
                setting = next(s for s in schema.ALL_SETTINGS if s.flag == flag)
                assert (action.help == argparse.SUPPRESS) == setting.hidden
                if not setting.hidden:
                    assert action.help.startswith(setting.flag_help or setting.help)


# -- validation -------------------------------------------------------------------


@pytest.mark.parametrize("setting", schema.FETCH_NUMBERS, ids=ids)
def test_validation_accepts_exactly_the_range(setting):
    template = "http://127.0.0.1:9/{id}"
    for value in (setting.low, setting.high):
        FetchSettings(template, **{setting.key: number(setting, value)}).validate()
    for value in outside(setting):
        with pytest.raises(SettingsError, match=f"^{setting.label} must be"):
            FetchSettings(template, **{setting.key: number(setting, value)}).validate()
    assert getattr(FetchSettings(template), setting.key) == (
        None if setting.default == setting.off else setting.default
    )


DEMO_CONFIG = [s for s in schema.DEMO_SETTINGS if s.ranged and s.key in DemoConfig.__annotations__]


@pytest.mark.parametrize("setting", DEMO_CONFIG, ids=ids)
def test_the_demo_config_accepts_exactly_the_range(setting):
    for value in (setting.low, setting.high):
        DemoConfig(**{setting.key: number(setting, value)})
    for value in outside(setting):
        with pytest.raises(ValueError, match=f"^{setting.key} must be"):
            DemoConfig(**{setting.key: number(setting, value)})


# -- the settings file ------------------------------------------------------------


def make_store(tmp_path) -> SettingsStore:
    return SettingsStore(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                         MemorySecretStore())  # fmt: skip


def loaded(store: SettingsStore, setting: Setting):
    """The value the store's users get: a connection's or the stock panel's."""
    if setting in schema.CONNECTION_SETTINGS:
        return getattr(store.load_connection(), setting.key)
    stock = StockSettings.load(store)
    if setting is schema.LOW_THRESHOLD:
        threshold = stock.rules.low_threshold
        return setting.off if threshold is None else threshold
    return getattr(stock, setting.key)


@pytest.mark.parametrize("setting", [s for s in RANGED if s.stored], ids=ids)
def test_the_settings_file_accepts_exactly_the_range(setting, tmp_path, caplog):
    store = make_store(tmp_path)
    accepted = [setting.low, setting.high] + ([] if setting.off is None else [setting.off])
    for value in accepted:
        store.set_value(setting.stored, str(number(setting, value)))
        assert loaded(store, setting) == number(setting, value)
    for value in outside(setting):
        if value == setting.off:
            continue
        caplog.clear()
        store.set_value(setting.stored, str(number(setting, value)))
        assert loaded(store, setting) == setting.default
        assert f"{setting.label} must be {setting.span()}" in caplog.text  # said, not silent


def test_every_saved_connection_and_stock_setting_has_a_definition(tmp_path):
    store = make_store(tmp_path)
    store.save_connection(store.load_connection())
    StockSettings.load(store).save(store)
    keys = set(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat).allKeys())
    defined = {s.stored for s in schema.ALL_SETTINGS if s.stored}
    assert {k for k in keys if not k.startswith(schema.HEADERS.stored)} <= defined


# -- the window -----------------------------------------------------------------------


def editors(window: QWidget) -> dict[str, QWidget]:
    found = {}
    for widget in window.findChildren(QWidget):
        key = widget.property(SETTING_PROPERTY)
        if key:
            assert key not in found, f"two editors of {key}"
            found[key] = widget
    return found


def test_every_spin_box_edits_a_definition_and_its_range(make_window):
    window = make_window()
    by_key = editors(window)
    spins = window.findChildren(QAbstractSpinBox)
    assert spins
    for spin in spins:
        key = spin.property(SETTING_PROPERTY)
        assert key, f"spin box {spin.objectName()} edits no defined setting"
        setting = next(s for s in RANGED if s.key == key)
        lowest = setting.low if setting.off is None else setting.off
        assert (spin.minimum(), spin.maximum()) == (lowest, setting.high), key
        assert spin.toolTip() == setting.tooltip()
        if setting.off is not None:
            assert spin.specialValueText() == setting.off_text
            # Nothing the spin box can hold lies between "off" and the range.
            step = 10.0**-setting.decimals if setting.kind is float else 1
            assert setting.low - setting.off == pytest.approx(step), key
    for setting in (*schema.CONNECTION_SETTINGS, *schema.STOCK_SETTINGS):
        if setting.kind is not list:
            assert setting.key in by_key, f"no editor of {setting.key}"


def test_editors_start_at_the_defaults(make_window):
    by_key = editors(make_window())
    for setting in (*schema.CONNECTION_SETTINGS, *schema.STOCK_SETTINGS):
        editor = by_key.get(setting.key)
        if isinstance(editor, QAbstractSpinBox):
            assert editor.value() == setting.default, setting.key
        elif isinstance(editor, QCheckBox):
            assert editor.isChecked() == setting.default, setting.key
        elif isinstance(editor, QLineEdit) and not setting.secret:
            assert editor.text() == setting.default, setting.key


def test_no_range_is_set_outside_the_setting_widgets():
    package = Path(inventory_gui.__file__).parent
    pattern = re.compile(r"\.set(Range|Minimum|Maximum)\(")
    offenders = [
        f"{path.relative_to(package)}:{number}"
        for path in package.rglob("*.py")
        if path.name != "setting_widgets.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line) and "progress_bar" not in line
    ]
    assert offenders == []
