"""Stock settings: the Low threshold, per-row threshold columns, extra fields, auto-refresh."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from inventory_gui.core.stock import DEFAULT_THRESHOLD_COLUMNS, FieldMap, StockRules


@dataclass(frozen=True)
class StockSettings:
    """What the stock panel edits."""

    rules: StockRules = field(default_factory=StockRules)
    fields: FieldMap = field(default_factory=FieldMap)
    auto_refresh_minutes: int = 0  # 0: off
    notify: bool = True

    def save(self, store) -> None:  # store: SettingsStore (typed loosely to avoid a cycle)
        """Persist in the settings file (nothing secret here)."""
        threshold = self.rules.low_threshold
        store.set_value("stock/low_threshold", -1.0 if threshold is None else threshold)
        store.set_value("stock/threshold_columns", ", ".join(self.rules.threshold_columns))
        store.set_value("stock/fields", str(self.fields))
        store.set_value("stock/auto_refresh_minutes", self.auto_refresh_minutes)
        store.set_value("stock/notify", self.notify)

    @classmethod
    def load(cls, store) -> StockSettings:
        """Read back what :meth:`save` wrote (defaults where missing or garbled)."""
        threshold = float(store.value("stock/low_threshold", 10.0))
        columns = str(store.value("stock/threshold_columns", ", ".join(DEFAULT_THRESHOLD_COLUMNS)))
        return cls(
            rules=StockRules(
                low_threshold=None if threshold < 0 else threshold,
                threshold_columns=tuple(c.strip() for c in columns.split(",") if c.strip()),
            ),
            fields=FieldMap.parse(str(store.value("stock/fields", ""))),
            auto_refresh_minutes=max(0, int(store.value("stock/auto_refresh_minutes", 0))),
            notify=bool(store.value("stock/notify", True)),
        )


class StockPanel(QWidget):
    """Edits :class:`StockSettings`.

    Signals:
        changed(): the user edited a setting.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.threshold = QDoubleSpinBox(self)
        self.threshold.setObjectName("lowThresholdSpin")
        self.threshold.setRange(-1, 1e9)
        self.threshold.setDecimals(0)
        self.threshold.setSpecialValueText("off")  # shown at -1
        self.threshold.setToolTip(
            "Quantities at or under this read Low; a row's own threshold column wins"
        )
        self.columns = QLineEdit(self)
        self.columns.setObjectName("thresholdColumnsEdit")
        self.columns.setToolTip("Input columns holding a per-row Low threshold, first found wins")
        self.fields_edit = QLineEdit(self)
        self.fields_edit.setObjectName("extraFieldsEdit")
        self.fields_edit.setPlaceholderText("name, warehouse=location.warehouse, updated_at")
        self.fields_edit.setToolTip(
            "Extra columns from each answer: a name, or name=dotted.path into the JSON"
        )
        self.auto_refresh = QSpinBox(self)
        self.auto_refresh.setObjectName("autoRefreshSpin")
        self.auto_refresh.setRange(0, 24 * 60)
        self.auto_refresh.setSuffix(" min")
        self.auto_refresh.setSpecialValueText("off")
        self.auto_refresh.setToolTip(
            "Fetch everything again every N minutes while the window is open"
        )
        self.notify = QCheckBox("Notify when stock turns Low or Out", self)
        self.notify.setObjectName("notifyCheck")
        self.notify.setToolTip("One desktop notification per run that changes stock levels")
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Low at or under", self.threshold)
        form.addRow("Threshold columns", self.columns)
        form.addRow("Extra fields", self.fields_edit)
        form.addRow("Auto-refresh", self.auto_refresh)
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
        columns = tuple(c.strip() for c in self.columns.text().split(",") if c.strip())
        return StockSettings(
            rules=StockRules(None if threshold < 0 else threshold, columns),
            fields=FieldMap.parse(self.fields_edit.text()),
            auto_refresh_minutes=self.auto_refresh.value(),
            notify=self.notify.isChecked(),
        )

    def set_settings(self, settings: StockSettings) -> None:
        """Show ``settings`` without emitting :attr:`changed`."""
        self.blockSignals(True)
        threshold = settings.rules.low_threshold
        self.threshold.setValue(-1 if threshold is None else threshold)
        self.columns.setText(", ".join(settings.rules.threshold_columns))
        self.fields_edit.setText(str(settings.fields))
        self.auto_refresh.setValue(settings.auto_refresh_minutes)
        self.notify.setChecked(settings.notify)
        self.blockSignals(False)
