"""The profile selector above the connection form, its menu and the Test button.

Profiles (:mod:`inventory_gui.core.profiles`) are saved in ``profiles.json``,
which ``inventory-gui fetch --profile`` reads too.  The connection form is
the working copy of the current profile: switching saves the form into the
profile being left, then shows the one chosen; closing the window saves it
too (not in demo mode).  *New profile* saves the form as a new profile and
leaves the one it came from as last saved.  The window's own saved connection is the form as
it was closed, so the last used profile reopens as it was left.

Every dialog here is opened with ``open()`` and answers through signals.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QMenu,
    QPushButton,
    QToolButton,
    QWidget,
)

from inventory_gui.core.connection import ConnectionSettings, SecretStore
from inventory_gui.core.curl_import import CurlRequest
from inventory_gui.core.errors import InventoryError, SettingsError
from inventory_gui.core.fetch.settings import FetchSettings
from inventory_gui.core.models import Product
from inventory_gui.core.profiles import ProfileError, ProfileStore
from inventory_gui.gui.panels.connection_panel import ConnectionPanel
from inventory_gui.gui.panels.curl_dialog import CurlDialog
from inventory_gui.gui.panels.message_bar import MessageBar
from inventory_gui.gui.panels.probe_dialog import ProbeDialog
from inventory_gui.gui.panels.stock_panel import StockPanel
from inventory_gui.gui.settings_store import SettingsStore

log = logging.getLogger(__name__)
# English source texts, translated where shown.
DEFAULT_NAME = QT_TRANSLATE_NOOP("ProfileBar", "Default")
JSON_FILTER = QT_TRANSLATE_NOOP("ProfileBar", "Profile (*.json)")


class ProfileBar(QWidget):
    """Chooses, creates and manages connection profiles for ``panel``.

    Args:
        store: the saved profiles, or None when the profiles file is unusable
            (the bar is then disabled, with the reason as its tooltip).
        panel: the connection form the profiles fill.
        first_id: the product list's first ID, or None (for Test and curl).
        add_extra: adds a dotted path as an extra field (the Stock tab's).
        persist: False in demo mode: nothing is saved into a profile on close.

    Signals:
        message(str): one line for the user (an error, or what to do next).
    """

    message = Signal(str)

    def __init__(
        self,
        store: ProfileStore | None,
        panel: ConnectionPanel,
        first_id: Callable[[], str | None],
        add_extra: Callable[[str], None],
        *,
        persist: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store, self.panel = store, panel
        self._first_id, self._add_extra, self._persist = first_id, add_extra, persist
        self.current: str | None = store.last if store is not None else None
        self.dialog: QWidget | None = None  # the dialog on screen, if any
        self.combo = QComboBox(objectName="profileCombo")
        self.combo.setPlaceholderText(self.tr("No profile"))
        self.combo.setAccessibleName(self.tr("Connection profile"))
        self.combo.setToolTip(
            self.tr("Connection profile: switching saves this one and shows the other")
        )
        self.menu_button = QToolButton(objectName="profileMenuButton", text=self.tr("Profile"))
        self.menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.test_button = QPushButton(self.tr("Test"), objectName="testButton")
        self.test_button.setToolTip(self.tr("Check one product and show the API's raw answer"))
        self.actions = self._build_menu()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo, 1)
        layout.addWidget(self.menu_button)
        layout.addWidget(self.test_button)
        self._refill()
        self.combo.activated.connect(lambda i: self._guard(self.switch_to, self.combo.itemText(i)))
        self.test_button.clicked.connect(self.open_test)
        if store is None:
            self.combo.setEnabled(False)
            self.menu_button.setEnabled(False)

    def _build_menu(self) -> dict[str, QAction]:
        menu = QMenu(self)
        items = {
            "new": (self.tr("&New profile…"), self._ask_new),
            "rename": (self.tr("&Rename…"), self._ask_rename),
            "duplicate": (self.tr("&Duplicate…"), self._ask_duplicate),
            "delete": (self.tr("De&lete"), lambda: self._guard(self.delete_current)),
            "import": (self.tr("&Import from file…"), self._ask_import),
            "export": (self.tr("&Export to file…"), self._ask_export),
            "curl": (self.tr("&Paste curl command…"), self.open_curl),
        }
        actions = {}
        for key, (text, slot) in items.items():
            if key in ("import", "curl"):
                menu.addSeparator()
            action = menu.addAction(text)
            action.setObjectName(f"profile_{key}")
            action.triggered.connect(slot)
            actions[key] = action
        self.menu_button.setMenu(menu)
        return actions

    # -- operations (where the menu's dialogs end) ----------------------------------

    def switch_to(self, name: str) -> None:
        """Save the form into the current profile, then show profile ``name``."""
        store = self._need_store()
        if name == self.current:
            return
        self.save_current()
        self.panel.set_settings(store.connection(name))
        store.set_last(name)
        self.current = name
        self._refill()
        self._say_missing(name)

    def create(self, name: str) -> None:
        """Make a profile of the form as it is, and make it current.

        The profile left is not saved first: editing a form, then making a new
        profile of it, leaves the old one as it was.
        """
        store = self._need_store()
        self.current = store.create(name, self.panel.settings())
        store.set_last(self.current)
        self._refill()

    def rename_current(self, new: str) -> None:
        """Rename the current profile (its secrets move with it)."""
        store, name = self._need_store(), self._need_current()
        self.save_current()
        self.current = store.rename(name, new)
        self._refill()

    def duplicate_current(self, new: str) -> None:
        """Copy the current profile as ``new``, and make the copy current."""
        store, name = self._need_store(), self._need_current()
        self.save_current()
        self.current = store.duplicate(name, new)
        store.set_last(self.current)
        self._refill()

    def delete_current(self) -> None:
        """Forget the current profile and its secrets; the form stays as it is."""
        store, name = self._need_store(), self._need_current()
        store.delete(name)
        self.current = None
        self._refill()

    def export_current(self, path: Path) -> None:
        """Write the current profile to ``path``, secrets left out and named."""
        store, name = self._need_store(), self._need_current()
        self.save_current()
        left_out = store.export(name, path)
        if left_out:
            self.message.emit(
                self.tr("Exported without its secrets: {0}.").format(", ".join(left_out))
            )

    def import_from(self, path: Path) -> None:
        """Add the profile exported to ``path`` and show it."""
        store = self._need_store()
        name, to_enter = store.import_file(path)
        self._refill()
        self.switch_to(name)
        if to_enter:
            imported = self.tr("Profile {0} imported: enter {1}.")
            self.message.emit(imported.format(repr(name), ", ".join(to_enter)))

    def save_current(self) -> None:
        """Save the form into the current profile, if there is one."""
        if self.store is None or self.current is None or not self._persist:
            return
        refused = self.store.save(self.current, self.panel.settings())
        if refused:
            self.message.emit(self.tr("The system keyring refused {0}.").format(", ".join(refused)))

    def apply_curl(self, request: CurlRequest, template: str) -> None:
        """Fill the form from a pasted curl command (secret headers stay secret)."""
        cs = self.panel.settings()
        changes: dict[str, object] = {
            "url_template": template,
            "headers": list(request.headers),
            "verify_tls": not request.insecure,
        }
        fields = {f.name for f in dataclasses.fields(ConnectionSettings)}
        left = []
        for key, value in (("method", request.method), ("body", request.body or "")):
            if key in fields:
                changes[key] = value
            elif (key == "method" and value != "GET") or (key == "body" and value):
                left.append(key)
        self.panel.set_settings(dataclasses.replace(cs, **changes))
        self.panel.changed.emit()
        if left:
            names = {"method": self.tr("method"), "body": self.tr("body")}
            parts = self.tr(" and ").join(names[key] for key in left)
            dropped = self.tr(
                "This version sends GET without a body: the {0} of the curl command were not kept."
            )
            self.message.emit(dropped.format(parts))

    def open_curl(self) -> CurlDialog:
        """Open the paste-a-curl-command dialog."""
        dialog = CurlDialog(self._first_id(), self)
        dialog.chosen.connect(self.apply_curl)
        self._show(dialog)
        return dialog

    def open_test(self) -> ProbeDialog:
        """Open the Test dialog for the list's first product (or one typed)."""
        dialog = ProbeDialog(self._fetch_settings, self._first_id() or "", self)
        dialog.quantityChosen.connect(self._use_quantity_field)
        dialog.extraChosen.connect(self._add_extra)
        self._show(dialog)
        if dialog.id_edit.text():
            dialog.check()
        return dialog

    # -- helpers ---------------------------------------------------------------------

    def _fetch_settings(self) -> FetchSettings:
        problem = self.panel.validation_error()
        if problem:
            raise SettingsError(problem)
        return self.panel.settings().to_fetch_settings()

    def _use_quantity_field(self, path: str) -> None:
        self.panel.set_settings(dataclasses.replace(self.panel.settings(), quantity_field=path))
        self.panel.changed.emit()

    def _say_missing(self, name: str) -> None:
        if self.store is not None and (missing := self.store.missing_secrets(name)):
            again = self.tr("Profile {0}: enter {1} again.")
            self.message.emit(again.format(repr(name), ", ".join(missing)))

    def _need_store(self) -> ProfileStore:
        if self.store is None:
            raise ProfileError("profiles are not available")
        return self.store

    def _need_current(self) -> str:
        if self.current is None:
            raise ProfileError("no profile is chosen")
        return self.current

    def _refill(self) -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItems(self.store.names if self.store is not None else [])
        self.combo.setCurrentIndex(self.combo.findText(self.current) if self.current else -1)
        self.combo.blockSignals(False)
        for key in ("rename", "duplicate", "delete", "export"):
            self.actions[key].setEnabled(self.current is not None)

    def _guard(self, operation: Callable[..., None], *args: object) -> None:
        """Run ``operation``; a refusal is one line for the user, and the combo is reset."""
        try:
            operation(*args)
        except InventoryError as exc:
            self.message.emit(str(exc)[:1].upper() + str(exc)[1:])
            self._refill()

    def _ask_name(self, title: str, initial: str, then: Callable[[str], None]) -> None:
        dialog = QInputDialog(self)
        dialog.setObjectName("profileNameDialog")
        dialog.setWindowTitle(title)
        dialog.setLabelText(self.tr("Profile name:"))
        dialog.setTextValue(initial)
        dialog.textValueSelected.connect(lambda text: self._guard(then, text))
        self._show(dialog)

    def _ask_new(self) -> None:
        initial = "" if self.current else self.tr(DEFAULT_NAME)
        self._ask_name(self.tr("New profile"), initial, self.create)

    def _ask_rename(self) -> None:
        self._ask_name(self.tr("Rename profile"), self.current or "", self.rename_current)

    def _ask_duplicate(self) -> None:
        copy = self.tr("{0} copy").format(self.current)
        self._ask_name(self.tr("Duplicate profile"), copy, self.duplicate_current)

    def _ask_import(self) -> None:
        dialog = QFileDialog(self, self.tr("Import a profile"), "", self.tr(JSON_FILTER))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda path: self._guard(self.import_from, Path(path)))
        self._show(dialog)

    def _ask_export(self) -> None:
        title = self.tr("Export the profile")
        dialog = QFileDialog(self, title, f"{self.current}.json", self.tr(JSON_FILTER))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.fileSelected.connect(lambda path: self._guard(self.export_current, Path(path)))
        self._show(dialog)

    def _show(self, dialog: QWidget) -> None:
        self.dialog = dialog
        dialog.open()  # type: ignore[attr-defined]


def add_extra_field(fields_text: str, path: str) -> str:
    """The extra fields' text with ``path`` added as a column (``name=path``)."""
    name = path.rsplit(".", 1)[-1]
    entry = path if name == path else f"{name}={path}"
    parts = [part.strip() for part in fields_text.split(",") if part.strip()]
    return ", ".join([*parts, entry]) if entry not in parts else ", ".join(parts)


def open_profiles(path: Path, secrets: SecretStore) -> ProfileStore | str:
    """The profiles in ``path``, or why the file is unusable (also logged)."""
    try:
        return ProfileStore(path, secrets)
    except ProfileError as exc:
        log.warning("profiles are off: %s", exc)
        return QCoreApplication.translate("ProfileBar", "Profiles are off: {0}").format(exc)


def profile_bar_for(
    settings: SettingsStore,
    form: ConnectionPanel,
    products: Callable[[], list[Product]],
    stock: StockPanel,
    messages: MessageBar,
    *,
    persist: bool,
    parent: QWidget,
) -> ProfileBar:
    """The window's profile bar: its form, its list's first ID, its Stock tab's fields."""

    def add_extra(path: str) -> None:
        stock.fields_edit.setText(add_extra_field(stock.fields_edit.text(), path))
        stock.changed.emit()  # saved and applied like a typed change

    def first_id() -> str | None:
        listed = products()
        return listed[0].id if listed else None

    store = open_profiles(settings.profiles_path, settings.secrets)
    usable = store if isinstance(store, ProfileStore) else None
    bar = ProfileBar(usable, form, first_id, add_extra, persist=persist, parent=parent)
    if usable is None:
        bar.combo.setToolTip(str(store))
        bar.menu_button.setToolTip(str(store))
    bar.message.connect(messages.show_error)
    return bar
