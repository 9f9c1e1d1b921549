"""Stock settings: the Low threshold, per-row threshold columns, extra fields, auto-refresh."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QWidget

from inventory_gui.core import settings_schema as schema
from inventory_gui.core.settings_schema import split_names
from inventory_gui.core.stock import FieldMap, StockRules
from inventory_gui.gui.panels.setting_widgets import check_box, line_edit, spin_box
from inventory_gui.gui.settings_store import SettingsStore


@dataclass(frozen=True)
class StockSettings:
    """What the stock panel edits: :data:`~inventory_gui.core.settings_schema.STOCK_SETTINGS`.

    Defaults are the definitions'; an off value (no threshold) is None in the
    rules and :attr:`AUTO_REFRESH.off <inventory_gui.core.settings_schema.AUTO_REFRESH>`
    (0) for the auto-refresh.
    """

    rules: StockRules = field(
        default_factory=lambda: StockRules(low_threshold=schema.LOW_THRESHOLD.default)
    )
    fields: FieldMap = field(default_factory=FieldMap)
    auto_refresh_minutes: int = schema.AUTO_REFRESH.default
    notify: bool = schema.NOTIFY.default

    def save(self, store: SettingsStore) -> None:
        """Persist in the settings file (nothing secret here)."""
        threshold = self.rules.low_threshold
        store.save_setting(
            schema.LOW_THRESHOLD, schema.LOW_THRESHOLD.off if threshold is None else threshold
        )
        store.save_setting(schema.THRESHOLD_COLUMNS, ", ".join(self.rules.threshold_columns))
        store.save_setting(schema.EXTRA_FIELDS, str(self.fields))
        store.save_setting(schema.AUTO_REFRESH, self.auto_refresh_minutes)
        store.save_setting(schema.NOTIFY, self.notify)

    @classmethod
    def load(cls, store: SettingsStore) -> StockSettings:
        """Read back what :meth:`save` wrote (defaults where missing or garbled)."""
        threshold = store.load_setting(schema.LOW_THRESHOLD)
        return cls(
            rules=StockRules(
                low_threshold=None if threshold == schema.LOW_THRESHOLD.off else threshold,
                threshold_columns=split_names(store.load_setting(schema.THRESHOLD_COLUMNS)),
            ),
            fields=FieldMap.parse(store.load_setting(schema.EXTRA_FIELDS)),
            auto_refresh_minutes=store.load_setting(schema.AUTO_REFRESH),
            notify=store.load_setting(schema.NOTIFY),
        )


class StockPanel(QWidget):
    """Edits :class:`StockSettings`.

    Signals:
        changed(): the user edited a setting.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.threshold = spin_box(schema.LOW_THRESHOLD, "lowThresholdSpin")
        self.columns = line_edit(schema.THRESHOLD_COLUMNS, "thresholdColumnsEdit")
        self.fields_edit = line_edit(
            schema.EXTRA_FIELDS,
            "extraFieldsEdit",
            placeholder="name, warehouse=location.warehouse, updated_at",
        )
        self.auto_refresh = spin_box(schema.AUTO_REFRESH, "autoRefreshSpin")
        self.notify = check_box(
            schema.NOTIFY, self.tr("Notify when stock turns Low or Out"), "notifyCheck"
        )
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Low at or under"), self.threshold)
        form.addRow(self.tr("Threshold columns"), self.columns)
        form.addRow(self.tr("Extra fields"), self.fields_edit)
        form.addRow(self.tr("Auto-refresh"), self.auto_refresh)
        form.addRow(self.notify)
        for signal in (
            self.threshold.valueChanged,
            self.columns.textEdited,
            self.fields_edit.textEdited,
            self.auto_refresh.valueChanged,
            self.notify.toggled,
        ):
            signal.connect(lambda *_: self.changed.emit())

    def settings(self) -> StockSettings:
        """What the panel shows."""
        threshold = self.threshold.value()
        return StockSettings(
            rules=StockRules(
                None if threshold == schema.LOW_THRESHOLD.off else threshold,
                split_names(self.columns.text()),
            ),
            fields=FieldMap.parse(self.fields_edit.text()),
            auto_refresh_minutes=self.auto_refresh.value(),
            notify=self.notify.isChecked(),
        )

    def set_settings(self, settings: StockSettings) -> None:
        """Show ``settings`` without emitting :attr:`changed`."""
        self.blockSignals(True)
        threshold = settings.rules.low_threshold
        self.threshold.setValue(schema.LOW_THRESHOLD.off if threshold is None else threshold)
        self.columns.setText(", ".join(settings.rules.threshold_columns))
        self.fields_edit.setText(str(settings.fields))
        self.auto_refresh.setValue(settings.auto_refresh_minutes)
        self.notify.setChecked(settings.notify)
        self.blockSignals(False)
