"""The Connection panel's Network section: proxy and TLS files.

The proxy URL's user info (``http://user:password@proxy:3128``) is a secret:
once the field is left it shows as ``***@proxy:3128`` and the section keeps
the real URL, as the panel does for the URL template's keys.  The CA bundle,
client certificate and client key are paths, typed or picked with a file
dialog; only the paths are kept (the files are read when a run starts).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QWidget,
)

from inventory_gui.core import settings_schema as schema
from inventory_gui.core.fetch.network import NetworkOptions
from inventory_gui.core.secrets import mask_template, restore_template
from inventory_gui.core.settings_schema import Setting
from inventory_gui.gui.panels.setting_widgets import check_box, line_edit, setting_label

PROXY_PLACEHOLDER = QT_TRANSLATE_NOOP(
    "NetworkSection", "from HTTP_PROXY / HTTPS_PROXY, e.g. http://proxy:3128"
)
_PEM_FILTER = QT_TRANSLATE_NOOP(
    "NetworkSection", "PEM files (*.pem *.crt *.cer *.key);;All files (*)"
)


class NetworkSection(QGroupBox):
    """Edits :class:`~inventory_gui.core.fetch.network.NetworkOptions`.

    Signals:
        changed(): the user edited something (not emitted by :meth:`set_options`).
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="networkSection")
        self.setTitle(self.tr("Network"))
        self._loading = False
        self._real_proxy = ""  # the proxy URL with the user info the edit shows as ***
        self.proxy_edit = line_edit(schema.PROXY, "proxyEdit", self.tr(PROXY_PLACEHOLDER))
        self.proxy_env_check = check_box(
            schema.PROXY_ENV,
            self.tr("Use HTTP_PROXY / NO_PROXY when no proxy is set"),
            "proxyEnvCheck",
        )
        self.ca_bundle_edit = line_edit(
            schema.CA_BUNDLE, "caBundleEdit", self.tr("system trust store")
        )
        self.client_cert_edit = line_edit(schema.CLIENT_CERT, "clientCertEdit", self.tr("none"))
        self.client_key_edit = line_edit(
            schema.CLIENT_KEY, "clientKeyEdit", self.tr("in the certificate")
        )
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(setting_label(schema.PROXY), self.proxy_edit)
        form.addRow(self.proxy_env_check)
        for setting, edit in self._paths():
            form.addRow(setting_label(setting), _with_browse(edit, setting))
        for edit in (self.proxy_edit, *(edit for _s, edit in self._paths())):
            edit.textChanged.connect(self._emit_changed)
        self.proxy_env_check.toggled.connect(self._emit_changed)
        self.proxy_edit.editingFinished.connect(self._mask_proxy)

    def options(self) -> NetworkOptions:
        """The options as entered, the proxy with its real user info."""
        return NetworkOptions(
            proxy=restore_template(self.proxy_edit.text().strip(), self._real_proxy),
            proxy_env=self.proxy_env_check.isChecked(),
            ca_bundle=self.ca_bundle_edit.text().strip(),
            client_cert=self.client_cert_edit.text().strip(),
            client_key=self.client_key_edit.text().strip(),
        )

    def set_options(self, options: NetworkOptions) -> None:
        """Show ``options`` without emitting :attr:`changed`; the proxy's user info as ***."""
        self._loading = True
        try:
            self._real_proxy = options.proxy
            self.proxy_edit.setText(mask_template(options.proxy))
            self.proxy_env_check.setChecked(options.proxy_env)
            self.ca_bundle_edit.setText(options.ca_bundle)
            self.client_cert_edit.setText(options.client_cert)
            self.client_key_edit.setText(options.client_key)
        finally:
            self._loading = False

    def missing_secret(self) -> bool:
        """True when the proxy shows ``***`` for user info the section does not know."""
        return "***" in self.options().proxy

    def _paths(self) -> list[tuple[Setting, QLineEdit]]:
        return [
            (schema.CA_BUNDLE, self.ca_bundle_edit),
            (schema.CLIENT_CERT, self.client_cert_edit),
            (schema.CLIENT_KEY, self.client_key_edit),
        ]

    def _mask_proxy(self) -> None:
        real = self.options().proxy
        self._real_proxy = real
        shown = mask_template(real)
        if shown != self.proxy_edit.text().strip():
            self._loading = True  # the same options: not a change
            try:
                self.proxy_edit.setText(shown)
            finally:
                self._loading = False

    def _emit_changed(self) -> None:
        if not self._loading:
            self.changed.emit()


def _with_browse(edit: QLineEdit, setting: Setting) -> QWidget:
    """``edit`` with a "…" button that picks the file."""
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(edit, 1)
    edit.setAccessibleName(setting_label(setting))  # the form's label names the box, not it
    browse = QToolButton(text="…", objectName=f"{edit.objectName()}Browse")
    choose = QCoreApplication.translate("NetworkSection", "{0}: choose a file")
    choose = choose.format(setting_label(setting))
    browse.setToolTip(choose)
    browse.setAccessibleName(choose)
    row.addWidget(browse)

    def pick() -> None:
        pem = QCoreApplication.translate("NetworkSection", _PEM_FILTER)
        path, _filter = QFileDialog.getOpenFileName(box, choose, edit.text(), pem)
        if path:
            edit.setText(path)

    browse.clicked.connect(pick)
    return box
