"""The Connection panel's Auth section: how requests authenticate.

A kind (None, Bearer token, API key in a header or in the query, Basic,
OAuth2 client credentials) and the fields that kind needs; the others are
hidden.  Secret fields (token, key, password, client secret) are typed in
password mode; where they are kept is :mod:`inventory_gui.gui.auth_store`'s
business (the secret store, never the settings file).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QWidget

from inventory_gui.core import settings_schema as schema
from inventory_gui.core.fetch.auth_settings import (
    BASIC,
    BEARER,
    HEADER_KEY,
    NONE,
    OAUTH2,
    QUERY_KEY,
    AuthSettings,
)
from inventory_gui.gui.panels.setting_widgets import line_edit, setting_tooltip

# English source texts, translated when the combo box is filled.
KIND_LABELS = {
    NONE: QT_TRANSLATE_NOOP("AuthSection", "None"),
    BEARER: QT_TRANSLATE_NOOP("AuthSection", "Bearer token"),
    HEADER_KEY: QT_TRANSLATE_NOOP("AuthSection", "API key in header"),
    QUERY_KEY: QT_TRANSLATE_NOOP("AuthSection", "API key in query"),
    BASIC: QT_TRANSLATE_NOOP("AuthSection", "Basic (user and password)"),
    OAUTH2: QT_TRANSLATE_NOOP("AuthSection", "OAuth2 client credentials"),
}
_KEY_NAME_DEFAULTS = {HEADER_KEY: "X-Api-Key", QUERY_KEY: "api_key"}


def _secret_edit(object_name: str, placeholder: str) -> QLineEdit:
    edit = QLineEdit(objectName=object_name, placeholderText=placeholder)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setToolTip(
        QCoreApplication.translate(
            "AuthSection",
            "Kept in the system keyring (or for this session), never in the settings file.",
        )
    )
    return edit


class AuthSection(QWidget):
    """Edits an :class:`AuthSettings`.

    Signals:
        changed(): the user edited something (not emitted by :meth:`set_auth`).
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self.kind_combo = QComboBox(objectName="authKindCombo")
        self.kind_combo.setToolTip(setting_tooltip(schema.AUTH_KIND))
        for kind, label in KIND_LABELS.items():
            self.kind_combo.addItem(self.tr(label), kind)
        self.key_name_edit = line_edit(schema.AUTH_KEY_NAME, "authKeyNameEdit")
        self.token_edit = _secret_edit("authTokenEdit", self.tr("token or key"))
        self.user_edit = line_edit(schema.BASIC_USER, "authUserEdit")
        self.password_edit = _secret_edit("authPasswordEdit", self.tr("password"))
        self.token_url_edit = line_edit(
            schema.OAUTH2_TOKEN_URL, "authTokenUrlEdit", "https://auth.example.com/oauth/token"
        )
        self.client_id_edit = line_edit(schema.OAUTH2_CLIENT_ID, "authClientIdEdit")
        self.client_secret_edit = _secret_edit("authClientSecretEdit", self.tr("client secret"))
        self.scope_edit = line_edit(schema.OAUTH2_SCOPE, "authScopeEdit", self.tr("optional"))
        self.audience_edit = line_edit(
            schema.OAUTH2_AUDIENCE, "authAudienceEdit", self.tr("optional")
        )
        self._form = QFormLayout(self)
        self._form.setContentsMargins(0, 0, 0, 0)
        # Which kinds show each row.
        self._rows: list[tuple[QWidget, tuple[str, ...]]] = [
            (self.key_name_edit, (HEADER_KEY, QUERY_KEY)),
            (self.token_edit, (BEARER, HEADER_KEY, QUERY_KEY)),
            (self.user_edit, (BASIC,)),
            (self.password_edit, (BASIC,)),
            (self.token_url_edit, (OAUTH2,)),
            (self.client_id_edit, (OAUTH2,)),
            (self.client_secret_edit, (OAUTH2,)),
            (self.scope_edit, (OAUTH2,)),
            (self.audience_edit, (OAUTH2,)),
        ]
        labels = [self.tr("Key name"), self.tr("Token"), self.tr("User"), self.tr("Password"),
                  self.tr("Token URL"), self.tr("Client ID"), self.tr("Client secret"),
                  self.tr("Scope"), self.tr("Audience")]  # fmt: skip
        self._form.addRow(self.tr("Kind"), self.kind_combo)
        for (editor, _kinds), label in zip(self._rows, labels, strict=True):
            self._form.addRow(label, editor)
            if isinstance(editor, QLineEdit):
                editor.textChanged.connect(self._emit_changed)
        self.kind_combo.currentIndexChanged.connect(self._on_kind)
        self._show_rows()

    def kind(self) -> str:
        """The chosen kind, one of :data:`KIND_LABELS`' keys."""
        return str(self.kind_combo.currentData())

    def auth(self) -> AuthSettings:
        """The section as entered; fields of other kinds are left out."""
        kind = self.kind()
        shown = {editor for editor, kinds in self._rows if kind in kinds}

        def text(edit: QLineEdit) -> str:
            return edit.text().strip() if edit in shown else ""

        return AuthSettings(
            kind, user=text(self.user_edit), password=text(self.password_edit),
            token_url=text(self.token_url_edit), client_id=text(self.client_id_edit),
            client_secret=text(self.client_secret_edit), scope=text(self.scope_edit),
            audience=text(self.audience_edit), key_name=text(self.key_name_edit),
            token=text(self.token_edit),
        )  # fmt: skip

    def set_auth(self, auth: AuthSettings) -> None:
        """Show ``auth`` without emitting :attr:`changed`."""
        self._loading = True
        try:
            index = self.kind_combo.findData(auth.kind)
            self.kind_combo.setCurrentIndex(max(index, 0))
            for edit, value in (
                (self.user_edit, auth.user), (self.password_edit, auth.password),
                (self.token_url_edit, auth.token_url), (self.client_id_edit, auth.client_id),
                (self.client_secret_edit, auth.client_secret), (self.scope_edit, auth.scope),
                (self.audience_edit, auth.audience), (self.key_name_edit, auth.key_name),
                (self.token_edit, auth.token),
            ):  # fmt: skip
                edit.setText(value)
            self._show_rows()
        finally:
            self._loading = False

    def _on_kind(self) -> None:
        default_name = _KEY_NAME_DEFAULTS.get(self.kind())
        if default_name and not self._loading and not self.key_name_edit.text().strip():
            self.key_name_edit.setText(default_name)
        self._show_rows()
        self._emit_changed()

    def _show_rows(self) -> None:
        kind = self.kind()
        for editor, kinds in self._rows:
            self._form.setRowVisible(editor, kind in kinds)

    def _emit_changed(self) -> None:
        if not self._loading:
            self.changed.emit()
