"""Editors built from a setting's definition (:mod:`inventory_gui.core.settings_schema`).

A number's spin box takes its range, unit, step, decimals, default and tooltip
from the definition, so the window accepts exactly what the command line,
validation and the settings file accept.  Each editor carries the setting's key
in its :data:`SETTING_PROPERTY` property, for tests that check every editor
against its definition.

A setting's label, tooltip and off text come from the (Qt-free) core in English;
they are translated here in the context "Setting".  The core's texts are not in
the GUI's sources, so ``python -m inventory_gui.devtools.translations`` lists
them for ``pyside6-lupdate`` (:func:`setting_texts`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from inventory_gui.core.settings_schema import ALL_SETTINGS, DEMO_SETTINGS, Setting

SETTING_PROPERTY = "setting"
_Widget = TypeVar("_Widget", bound=QWidget)


def spin_box(setting: Setting, object_name: str) -> QSpinBox | QDoubleSpinBox:
    """A spin box editing the number ``setting``.

    Its lowest value is the setting's off value when it has one (shown as
    ``setting.off_text``), else the low end of its range.
    """
    if not setting.ranged:
        raise ValueError(f"{setting.key} is not a number with a range")
    spin: QSpinBox | QDoubleSpinBox
    if setting.kind is int:
        spin = QSpinBox(objectName=object_name)
    else:
        spin = QDoubleSpinBox(objectName=object_name, decimals=setting.decimals)
    lowest = setting.low if setting.off is None else setting.off
    spin.setRange(lowest, setting.high)  # type: ignore[arg-type]
    if setting.off is not None:
        spin.setSpecialValueText(QCoreApplication.translate("Setting", setting.off_text))
    if setting.unit:
        spin.setSuffix(f" {setting.unit}")
    spin.setSingleStep(setting.step)  # type: ignore[arg-type]
    spin.setValue(setting.default)
    return _tagged(spin, setting)


def line_edit(setting: Setting, object_name: str, placeholder: str = "") -> QLineEdit:
    """A line edit for the text ``setting``, holding its default."""
    if setting.kind is not str:
        raise ValueError(f"{setting.key} is not text")
    edit = QLineEdit(setting.default, objectName=object_name, placeholderText=placeholder)
    return _tagged(edit, setting)


def choice_box(setting: Setting, choices: Sequence[str], object_name: str) -> QComboBox:
    """A drop-down of ``choices`` for the text ``setting``, holding its default."""
    if setting.kind is not str:
        raise ValueError(f"{setting.key} is not text")
    box = QComboBox(objectName=object_name)
    box.addItems(list(choices))
    box.setCurrentText(setting.default)
    return _tagged(box, setting)


def check_box(setting: Setting, text: str, object_name: str) -> QCheckBox:
    """A check box for the yes/no ``setting``, labelled ``text``, holding its default."""
    if setting.kind is not bool:
        raise ValueError(f"{setting.key} is not yes or no")
    check = QCheckBox(text, objectName=object_name)
    check.setChecked(setting.default)
    return _tagged(check, setting)


def setting_label(setting: Setting) -> str:
    """The setting's label as a form shows it: capitalised, translated."""
    return QCoreApplication.translate("Setting", _capitalised(setting.label))


def setting_tooltip(setting: Setting) -> str:
    """The setting's tooltip (help, range, off value), translated."""
    return QCoreApplication.translate("Setting", setting.tooltip())


def setting_texts() -> list[str]:
    """Every text of the settings that the window translates, in the order of the schema.

    The demo server's settings are left out: they belong to ``serve-demo`` only.
    """
    texts: list[str] = []
    for setting in ALL_SETTINGS:
        if setting in DEMO_SETTINGS:
            continue
        for text in (_capitalised(setting.label), setting.tooltip(), setting.off_text):
            if text not in texts:
                texts.append(text)
    return texts


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _tagged(widget: _Widget, setting: Setting) -> _Widget:
    widget.setToolTip(setting_tooltip(setting))
    widget.setProperty(SETTING_PROPERTY, setting.key)
    return widget
