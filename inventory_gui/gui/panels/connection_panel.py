"""The side-panel form that edits the API connection.

Header values whose names look secret are typed in password mode and can be
shown with the eye action on their field.  The URL template shows its secret
query values (``?api_key=``) and user info as ``***`` once edited; the panel
keeps the real ones and puts them back in :meth:`ConnectionPanel.settings`.
Nothing here shows a secret in a message or tooltip.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QEvent,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QIcon,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from inventory_gui.core import settings_schema as schema
from inventory_gui.core.connection import ConnectionSettings, is_secret_header
from inventory_gui.core.errors import InventoryError
from inventory_gui.core.fetch.request_template import METHODS
from inventory_gui.core.secrets import mask_template, missing_secrets, restore_template
from inventory_gui.core.settings_schema import DEFAULT_QUANTITY_KEYS
from inventory_gui.gui.focus import chain_tab_order
from inventory_gui.gui.panels.auth_section import AuthSection
from inventory_gui.gui.panels.network_section import NetworkSection
from inventory_gui.gui.panels.setting_widgets import (
    check_box,
    choice_box,
    line_edit,
    setting_label,
    setting_tooltip,
    spin_box,
)
from inventory_gui.gui.theme import ERROR_HUE, with_contrast

TEMPLATE_PLACEHOLDER = "https://api.example.com/get-current-inventory/{id}"
QUANTITY_PLACEHOLDER = QT_TRANSLATE_NOOP("ConnectionPanel", "auto: {0}")
_TEMPLATE_SECRETS_TIP = QT_TRANSLATE_NOOP(
    "ConnectionPanel",
    " Keys in the query (api_key=, token=...) are shown as *** and kept like secret headers.",
)
NOTE_PERSISTENT = QT_TRANSLATE_NOOP(
    "ConnectionPanel", "Secret header values and URL keys are stored in the system keyring."
)
NOTE_SESSION = QT_TRANSLATE_NOOP(
    "ConnectionPanel",
    "No system keyring found: secret header values and URL keys are kept for this session only.",
)
_TLS_OFF_TIP = QT_TRANSLATE_NOOP(
    "ConnectionPanel",
    "Certificates are NOT verified: anyone on the network path could read or change "
    "the traffic, headers included. Use only for a test server.",
)


class HeaderRow(QWidget):
    """One header in the editor: name, value and a remove button.

    Signals:
        edited(): the name or value changed.
        removeRequested(): the remove button was clicked.
    """

    edited = Signal()
    removeRequested = Signal()

    def __init__(self, name: str = "", value: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name_edit = QLineEdit(
            name, objectName="headerNameEdit", placeholderText=self.tr("Name")
        )
        self.name_edit.setToolTip(self.tr("Header name, e.g. Authorization or X-Api-Key."))
        self.value_edit = QLineEdit(
            value, objectName="headerValueEdit", placeholderText=self.tr("Value")
        )
        self.value_edit.setToolTip(
            self.tr(
                "Header value. Values of secret-looking headers (keys, tokens, cookies...) "
                "are hidden and never written to the settings file."
            )
        )
        self.show_action = QAction(
            _eye_icon(), self.tr("Show value"), self.value_edit, checkable=True
        )
        self.show_action.setToolTip(self.tr("Show value"))
        self.value_edit.addAction(self.show_action, QLineEdit.ActionPosition.TrailingPosition)
        remove = QToolButton(objectName="removeHeaderButton", text="✕", autoRaise=True)
        remove.setToolTip(self.tr("Remove this header"))
        remove.setAccessibleName(self.tr("Remove header"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.name_edit, 2)
        layout.addWidget(self.value_edit, 3)
        layout.addWidget(remove)
        self.name_edit.textChanged.connect(self._update_echo)
        self.name_edit.textChanged.connect(self.edited)
        self.value_edit.textChanged.connect(self.edited)
        self.show_action.toggled.connect(self._update_echo)
        remove.clicked.connect(self.removeRequested)
        self._update_echo()

    def header(self) -> tuple[str, str]:
        """The ``(name, value)`` pair, stripped."""
        return self.name_edit.text().strip(), self.value_edit.text().strip()

    def _update_echo(self) -> None:
        secret = is_secret_header(self.name_edit.text())
        self.show_action.setVisible(secret)
        shown = not secret or self.show_action.isChecked()
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.value_edit.setEchoMode(mode)
        tip = self.tr("Hide value") if self.show_action.isChecked() else self.tr("Show value")
        self.show_action.setToolTip(tip)
        self.show_action.setText(tip)


class ConnectionPanel(QWidget):
    """Edits the URL template, headers, limits and TLS setting of the API.

    Args:
        secrets_persistent: whether secret header values outlive the session
            (a system keyring); only changes the note shown under the form.
        parent: the parent widget.

    Signals:
        changed(): the user edited something (not emitted by :meth:`set_settings`).
    """

    changed = Signal()

    def __init__(self, secrets_persistent: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self._running = False
        self._real_template = ""  # the template with the secrets the edit shows as ***
        self._rows: list[HeaderRow] = []
        self._build_fields()
        self._build_layout(secrets_persistent)
        self._connect_fields()
        self.set_settings(ConnectionSettings())
        self._update_tls_warning()

    # -- building -------------------------------------------------------------

    def _build_fields(self) -> None:
        self.url_edit = line_edit(schema.URL_TEMPLATE, "urlTemplateEdit", TEMPLATE_PLACEHOLDER)
        self.url_edit.setToolTip(
            setting_tooltip(schema.URL_TEMPLATE) + self.tr(_TEMPLATE_SECRETS_TIP)
        )
        self.headers_box = QWidget(objectName="headersEditor")
        self.headers_layout = QVBoxLayout(self.headers_box)
        self.headers_layout.setContentsMargins(0, 0, 0, 0)
        self.headers_layout.setSpacing(2)
        self.add_header_button = QPushButton(self.tr("Add header"), objectName="addHeaderButton")
        self.add_header_button.setToolTip(setting_tooltip(schema.HEADERS))
        self.auth_section = AuthSection()
        self.concurrency_spin = spin_box(schema.CONCURRENCY, "concurrencySpin")
        self.timeout_spin = spin_box(schema.TIMEOUT, "timeoutSpin")
        self.retries_spin = spin_box(schema.RETRIES, "retriesSpin")
        self.quantity_edit = line_edit(
            schema.QUANTITY_FIELD,
            "quantityFieldEdit",
            self.tr(QUANTITY_PLACEHOLDER).format(", ".join(DEFAULT_QUANTITY_KEYS)),
        )
        self.rate_spin = spin_box(schema.RATE_LIMIT, "rateLimitSpin")
        # Requests: method and body; batches and how their answers split back.
        self.method_box = choice_box(schema.METHOD, METHODS, "methodBox")
        self.body_edit = line_edit(schema.BODY, "bodyEdit", self.tr('none, e.g. {"ids": {ids}}'))
        self.batch_spin = spin_box(schema.BATCH_SIZE, "batchSizeSpin")
        self.items_edit = line_edit(schema.ITEMS, "itemsEdit", self.tr("the answer itself"))
        self.item_id_edit = line_edit(schema.ITEM_ID, "itemIdEdit")
        self.adaptive_check = check_box(
            schema.ADAPTIVE, self.tr("Back off when the API pushes back"), "adaptiveCheck"
        )
        self.verify_tls_check = check_box(
            schema.VERIFY_TLS, self.tr("Verify TLS certificates"), "verifyTlsCheck"
        )
        self.network = NetworkSection(self)  # proxy and TLS files

    def _build_layout(self, secrets_persistent: bool) -> None:
        headers_column = QWidget()
        column = QVBoxLayout(headers_column)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.headers_box)
        column.addWidget(self.add_header_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.secret_note = QLabel(self.tr(NOTE_PERSISTENT if secrets_persistent else NOTE_SESSION))
        self.secret_note.setObjectName("secretNote")
        self.secret_note.setWordWrap(True)
        self.secret_note.setEnabled(False)  # drawn greyed, as a hint
        self.secret_note.setToolTip(self.tr("Where the values of secret headers are kept."))
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for setting, editor in (
            (schema.URL_TEMPLATE, self.url_edit),
            (schema.HEADERS, headers_column),
            (schema.AUTH_KIND, self.auth_section),
            (schema.CONCURRENCY, self.concurrency_spin),
            (schema.TIMEOUT, self.timeout_spin),
            (schema.RETRIES, self.retries_spin),
            (schema.QUANTITY_FIELD, self.quantity_edit),
            (schema.RATE_LIMIT, self.rate_spin),
            (schema.METHOD, self.method_box),
            (schema.BODY, self.body_edit),
            (schema.BATCH_SIZE, self.batch_spin),
            (schema.ITEMS, self.items_edit),
            (schema.ITEM_ID, self.item_id_edit),
        ):
            form.addRow(setting_label(setting), editor)
        form.addRow(self.adaptive_check)
        form.addRow(self.verify_tls_check)
        form.addRow(self.network)
        form.addRow(self.secret_note)
        editors = [self.url_edit, headers_column, self.auth_section, self.concurrency_spin,
                   self.timeout_spin, self.retries_spin, self.quantity_edit, self.rate_spin,
                   self.method_box, self.body_edit, self.batch_spin, self.items_edit,
                   self.item_id_edit, self.adaptive_check, self.verify_tls_check,
                   self.network]  # fmt: skip
        chain_tab_order(editors)  # in the form's order: network was made before the fields

    def _connect_fields(self) -> None:
        self.url_edit.textChanged.connect(self._emit_changed)
        self.url_edit.editingFinished.connect(self._mask_template)
        self.quantity_edit.textChanged.connect(self._emit_changed)
        self.method_box.currentTextChanged.connect(self._emit_changed)
        for edit in (self.body_edit, self.items_edit, self.item_id_edit):
            edit.textChanged.connect(self._emit_changed)
        self.batch_spin.valueChanged.connect(self._emit_changed)
        self.concurrency_spin.valueChanged.connect(self._emit_changed)
        self.timeout_spin.valueChanged.connect(self._emit_changed)
        self.retries_spin.valueChanged.connect(self._emit_changed)
        self.verify_tls_check.toggled.connect(self._update_tls_warning)
        self.verify_tls_check.toggled.connect(self._emit_changed)
        self.rate_spin.valueChanged.connect(self._emit_changed)
        self.adaptive_check.toggled.connect(self._emit_changed)
        self.add_header_button.clicked.connect(self._on_add_header)
        self.network.changed.connect(self._emit_changed)
        self.auth_section.changed.connect(self._emit_changed)

    # -- public API -----------------------------------------------------------

    def settings(self) -> ConnectionSettings:
        """The settings as currently entered (fully empty header rows left out)."""
        return ConnectionSettings(
            url_template=restore_template(self.url_edit.text().strip(), self._real_template),
            headers=[row.header() for row in self._rows if any(row.header())],
            concurrency=self.concurrency_spin.value(),
            timeout=self.timeout_spin.value(),
            retries=self.retries_spin.value(),
            quantity_field=self.quantity_edit.text().strip(),
            verify_tls=self.verify_tls_check.isChecked(),
            adaptive=self.adaptive_check.isChecked(),
            rate_limit=self.rate_spin.value(),
            method=self.method_box.currentText(),
            body=self.body_edit.text().strip(),
            batch_size=self.batch_spin.value(),
            items=self.items_edit.text().strip(),
            item_id=self.item_id_edit.text().strip(),
            network=self.network.options(),
            auth=self.auth_section.auth(),
        )

    def set_settings(self, cs: ConnectionSettings) -> None:
        """Show ``cs`` in the form without emitting :attr:`changed`."""
        self._loading = True
        try:
            self._real_template = cs.url_template
            self.url_edit.setText(mask_template(cs.url_template))
            self._clear_headers()
            for name, value in cs.headers:
                self._add_row(name, value)
            self.concurrency_spin.setValue(cs.concurrency)
            self.timeout_spin.setValue(cs.timeout)
            self.retries_spin.setValue(cs.retries)
            self.quantity_edit.setText(cs.quantity_field)
            self.verify_tls_check.setChecked(cs.verify_tls)
            self.adaptive_check.setChecked(cs.adaptive)
            self.rate_spin.setValue(cs.rate_limit)
            self.method_box.setCurrentText(cs.method)
            self.body_edit.setText(cs.body)
            self.batch_spin.setValue(cs.batch_size)
            self.items_edit.setText(cs.items)
            self.item_id_edit.setText(cs.item_id)
            self.network.set_options(cs.network)
            self.auth_section.set_auth(cs.auth)
        finally:
            self._loading = False

    def set_running(self, running: bool) -> None:
        """Lock the form while a run uses these settings."""
        self._running = running
        self._mask_template()
        for widget in self._editors():
            widget.setEnabled(not running)

    def validation_error(self) -> str | None:
        """One line saying why the settings cannot be used, or None if they can.

        The message may name a header but never contains a header value.
        """
        for number, row in enumerate(self._rows, start=1):
            name, value = row.header()
            if value and not name:
                return self.tr("Header {0} has a value but no name").format(number)
            if name and not value:
                return self.tr("Header {0} has no value").format(repr(name))
        missing = missing_secrets(self.settings().url_template)
        if missing:
            return self.tr(
                "The URL template's {0} is not known: type it again instead of ***"
            ).format(missing[0])
        if self.network.missing_secret():
            return self.tr("The proxy's user info is not known: type it again instead of ***")
        try:
            self.settings().to_fetch_settings()
        except InventoryError as exc:
            lines = str(exc).splitlines()
            return lines[0] if lines else type(exc).__name__
        return None

    def _mask_template(self) -> None:
        """Show the template's secrets as ``***``, keeping the real ones."""
        real = self.settings().url_template
        self._real_template = real
        shown = mask_template(real)
        if shown != self.url_edit.text().strip():
            self._loading = True  # the same settings: not a change
            try:
                self.url_edit.setText(shown)
            finally:
                self._loading = False

    # -- headers --------------------------------------------------------------

    def _on_add_header(self) -> None:
        row = self._add_row("", "")
        row.name_edit.setFocus()
        self._emit_changed()

    def _add_row(self, name: str, value: str) -> HeaderRow:
        row = HeaderRow(name, value, self.headers_box)
        row.edited.connect(self._emit_changed)
        row.removeRequested.connect(lambda: self._remove_row(row))
        row.setEnabled(not self._running)
        self._rows.append(row)
        self.headers_layout.addWidget(row)
        return row

    def _remove_row(self, row: HeaderRow) -> None:
        if row in self._rows:
            self._rows.remove(row)
            self.headers_layout.removeWidget(row)
            row.deleteLater()
            self._emit_changed()

    def _clear_headers(self) -> None:
        for row in self._rows:
            self.headers_layout.removeWidget(row)
            row.deleteLater()
        self._rows.clear()

    # -- helpers --------------------------------------------------------------

    def _editors(self) -> list[QWidget]:
        fixed: list[QWidget] = [
            self.url_edit,
            self.add_header_button,
            self.concurrency_spin,
            self.timeout_spin,
            self.retries_spin,
            self.quantity_edit,
            self.verify_tls_check,
            self.rate_spin,
            self.adaptive_check,
            self.method_box,
            self.body_edit,
            self.batch_spin,
            self.items_edit,
            self.item_id_edit,
            self.network,
            self.auth_section,
        ]
        return fixed + list(self._rows)

    def _emit_changed(self) -> None:
        if not self._loading:
            self.changed.emit()

    def _update_tls_warning(self) -> None:
        verify = self.verify_tls_check.isChecked()
        # The warning's red is fitted to 4.5:1 on this panel's window colour.
        red = with_contrast(ERROR_HUE, [self.palette().color(QPalette.ColorRole.Window)])
        warning = f"QCheckBox {{ color: {red.name()}; font-weight: bold; }}"
        self.verify_tls_check.setStyleSheet("" if verify else warning)
        self.verify_tls_check.setToolTip(
            setting_tooltip(schema.VERIFY_TLS) if verify else self.tr(_TLS_OFF_TIP)
        )

    def changeEvent(self, event: QEvent) -> None:
        """Re-fit the TLS warning's colour when the palette (the colour scheme) changes."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._update_tls_warning()


def _eye_icon() -> QIcon:
    """An eye drawn in the text colour (no icon theme is assumed)."""
    themed = QIcon.fromTheme("view-reveal-symbolic")
    if not themed.isNull():
        return themed
    pixmap = QPixmap(QSize(32, 32))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(110, 110, 110), 2.5))
    outline = QPainterPath(QPointF(3, 16))
    outline.quadTo(QPointF(16, 3), QPointF(29, 16))
    outline.quadTo(QPointF(16, 29), QPointF(3, 16))
    painter.drawPath(outline)
    painter.setBrush(QColor(110, 110, 110))
    painter.drawEllipse(QRectF(11.5, 11.5, 9, 9))
    painter.end()
    return QIcon(pixmap)
