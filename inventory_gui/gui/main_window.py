"""The main window: product list and connection on the left, live table on the right."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
from collections.abc import Coroutine, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelection, QSettings, Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from inventory_gui import APP_NAME
from inventory_gui.core.connection import detect_secret_store
from inventory_gui.core.errors import InventoryError
from inventory_gui.core.fetch.url_template import UrlTemplate
from inventory_gui.core.history.store import HistoryStore
from inventory_gui.core.models import Product, ProductList
from inventory_gui.gui.actions import build_actions
from inventory_gui.gui.controllers.export_controller import ExportController
from inventory_gui.gui.controllers.fetch_runner import FetchRunner, SessionFactory
from inventory_gui.gui.controllers.file_loader import FileLoader
from inventory_gui.gui.controllers.history_controller import HistoryController
from inventory_gui.gui.controllers.product_intake import ProductIntake
from inventory_gui.gui.controllers.row_actions import RowActions
from inventory_gui.gui.controllers.run_status import RunStatus
from inventory_gui.gui.controllers.stock_controller import StockController
from inventory_gui.gui.dialogs import ask_product_file
from inventory_gui.gui.main_layout import build_menus, lay_out
from inventory_gui.gui.panels.connection_panel import ConnectionPanel
from inventory_gui.gui.panels.detail_pane import DetailPane
from inventory_gui.gui.panels.message_bar import MessageBar
from inventory_gui.gui.panels.product_panel import ProductPanel
from inventory_gui.gui.panels.profile_bar import profile_bar_for
from inventory_gui.gui.panels.run_summary import RunSummary
from inventory_gui.gui.progress_bar import ProgressBar
from inventory_gui.gui.settings_store import SettingsStore
from inventory_gui.gui.table.filter import ResultsFilter
from inventory_gui.gui.table.model import ResultRole, ResultsModel
from inventory_gui.gui.table.view import ResultsView

log = logging.getLogger(__name__)


def _columns(products: Sequence[Product]) -> list[str]:
    return list(products[0].fields) if products else []


class MainWindow(QMainWindow):
    """The application window.

    Args:
        store: persisted settings (the composition root passes one; by default
            the user's QSettings and the system keyring, if any).
        session_factory: opens a run's HTTP session (injectable transport).
        persist_connection: False in demo mode, so the demo URL does not
            overwrite the user's own settings.
        history: where runs are recorded (None: not recorded).

    Signals:
        closed(): the window has closed; nothing is running any more.
        fetchFinished(object): a run ended and its stock counts and alert are done;
            its :class:`Progress`.
    """

    closed = Signal()
    fetchFinished = Signal(object)

    def __init__(
        self,
        store: SettingsStore | None = None,
        session_factory: SessionFactory | None = None,
        *,
        persist_connection: bool = True,
        history: HistoryStore | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.store = store or SettingsStore(QSettings(), detect_secret_store())
        self._history_store = history
        self._persist_connection = persist_connection
        self._tasks: set[asyncio.Task[Any]] = set()
        self._dialogs: list[QWidget] = []
        self._closing = False
        # Files are read and written off the GUI thread, one job at a time.
        self._io = ThreadPoolExecutor(max_workers=1, thread_name_prefix="inventory-io")
        self.model = ResultsModel(self)
        self.filter = ResultsFilter(self.model)
        self.runner = FetchRunner(self.model, session_factory, self)
        self.loader = FileLoader(self._io, self)
        self.actions = build_actions(self)
        self._build_widgets()
        self.status = RunStatus(self, self._selection_changed)
        self.intake = ProductIntake(self, build_menus(self))
        self.exporter = ExportController(self, self._io)
        self._connect()
        self.connection.set_settings(self.store.load_connection())
        self._restore_state()
        self.status.set_running(False)

    # -- construction ------------------------------------------------------

    def _build_widgets(self) -> None:
        self.stock = StockController(
            self.model,
            self.filter,
            self.store,
            self.fetch_all,
            lambda: self.runner.running or self.loader.loading,
            self,
        )
        self.products_panel = ProductPanel(self)
        self.connection = ConnectionPanel(self.store.secrets_persistent, self)
        self.message_bar = MessageBar(self)
        self.profile_bar = profile_bar_for(
            self.store, self.connection, self.model.products, self.stock.panel,
            self.message_bar, persist=self._persist_connection, parent=self,
        )  # fmt: skip
        self.table = self._build_table()
        self.detail = DetailPane(self)
        self.history = HistoryController(self._history_store, self, self.message_bar)
        self.detail_tabs = QTabWidget(self)
        self.detail_tabs.setObjectName("detailTabs")
        self.detail_tabs.addTab(self.detail, self.tr("Details"))
        self.detail_tabs.addTab(self.history.view, self.tr("History"))
        self.detail_tabs.currentChanged.connect(lambda _i: self._selection_changed())
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("filterEdit")
        self.filter_edit.setPlaceholderText(self.tr("Filter by ID, error or any column…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName(self.tr("Filter rows"))
        self.filter_edit.setToolTip(self.tr("Show only rows containing this text (Ctrl+F)"))
        self.failures_only = QCheckBox(self.tr("Failures only"), self)
        self.failures_only.setObjectName("failuresOnlyCheck")
        self.failures_only.setToolTip(
            self.tr("Show only rows that ended in error or were cancelled")
        )
        self.shown_label = QLabel(self)
        self.progress_bar = ProgressBar(self)
        self.progress_bar.setObjectName("progressBar")
        self.progress_bar.setMaximumWidth(260)
        self.progress_bar.setTextVisible(True)
        self.progress_label = QLabel(self.tr("Ready"), self)
        self.progress_label.setObjectName("progressLabel")
        self.statusBar().addWidget(self.progress_label, 1)
        self.run_summary = RunSummary(self)
        self.statusBar().addPermanentWidget(self.run_summary)
        self.statusBar().addPermanentWidget(self.stock.next_refresh)
        self.statusBar().addPermanentWidget(self.stock.counts)
        self.statusBar().addPermanentWidget(self.progress_bar)
        central, self.splitter = lay_out(self)
        self.setCentralWidget(central)
        self.resize(1280, 780)

    def _build_table(self) -> ResultsView:
        table = ResultsView(self)
        table.setModel(self.filter)
        table.use_fast_painting(self.model, self.filter)
        return table

    def _connect(self) -> None:
        a = self.actions
        a["open"].triggered.connect(self.choose_file)
        a["fetch"].triggered.connect(self.fetch_all)
        a["cancel"].triggered.connect(self.cancel)
        a["refresh_selected"].triggered.connect(self.refresh_selected)
        a["retry_failed"].triggered.connect(self.retry_failed)
        a["export"].triggered.connect(self.exporter.choose)
        a["quit"].triggered.connect(self.close)
        a["find"].triggered.connect(self.filter_edit.setFocus)
        self.row_actions = RowActions(self)  # Ctrl+C and the rows' context menu
        self.products_panel.openRequested.connect(self.choose_file)
        # Fetch is enabled by any text, before the parse delay has run out.
        self.products_panel.editor.textChanged.connect(
            lambda: self.status.set_running(self.runner.running)
        )
        self.filter_edit.textChanged.connect(self._set_filter_text)
        self.failures_only.toggled.connect(self._set_failures_only)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        status = self.status
        self.runner.started.connect(lambda _n: status.set_running(True))
        self.runner.started.connect(lambda _n: self.run_summary.clear())
        self.runner.progressed.connect(status.show_progress)
        self.runner.finished.connect(status.run_finished)
        self.runner.failed.connect(self.show_unexpected_error)
        status.runShown.connect(self.fetchFinished)
        self.loader.progressed.connect(status.show_load_progress)
        self.stock.alerted.connect(status.show_alert)
        self.loader.busyChanged.connect(lambda _busy: status.set_running(self.runner.running))
        self.filter.rowsInserted.connect(status.update_shown)
        self.filter.rowsRemoved.connect(status.update_shown)
        self.filter.modelReset.connect(status.update_shown)

    def _restore_state(self) -> None:
        geometry = self.store.load_geometry("main")
        if geometry:
            self.restoreGeometry(geometry)
        self.failures_only.setChecked(bool(self.store.value("ui/failures_only", False)))

    # -- products ----------------------------------------------------------

    def choose_file(self) -> None:
        """Ask for a product file (non-modal dialog; never ``exec()``)."""
        self.keep_dialog(ask_product_file(self, self.store.recent_files(), self.open_file))

    def open_file(self, path: str | Path) -> None:
        """Load ``path`` off the GUI thread; a bad file leaves the list as it was."""
        self.spawn(self.load_file(path))

    async def load_file(self, path: str | Path) -> bool:
        """Load ``path`` and show it; return False (with a message) if it is unusable."""
        return await self.intake.load(path)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept a dragged local file."""
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Open the first dropped local file."""
        files = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.open_file(files[0])

    # -- fetching ----------------------------------------------------------

    def cancel(self) -> None:
        """Cancel what is going on: a file being loaded, or the fetch."""
        if self.loader.loading:
            self.loader.cancel()
        else:
            self.runner.cancel()

    def offer_resume(self) -> bool:
        """If the last run never ended (closed or killed), offer to fetch what is left."""

        def resume(left: list[Product], source: str) -> None:
            self._parse_pending_edits()  # typed text must not replace the resumed list
            self.intake.show_products(ProductList(left, source=source, columns=_columns(left)))
            self.fetch_all()

        return self.history.offer_resume(self.message_bar, resume)

    def fetch_all(self) -> bool:
        """Fetch every product (Fetch / Refresh all); False if it could not start."""
        self._parse_pending_edits()
        return self.start_fetch(self.model.products(), every_row=True)

    def refresh_selected(self) -> None:
        """Fetch the selected rows again."""
        self._parse_pending_edits()
        rows = self.table.selectionModel().selectedRows()
        ids = [self.filter.data(index, ResultRole).id for index in rows]
        self.start_fetch(self.model.products(ids))

    def refresh_row(self, product_id: str) -> bool:
        """Fetch one product again (the row menu's Refresh this row)."""
        self._parse_pending_edits()
        return self.start_fetch(self.model.products([product_id]))

    def retry_failed(self) -> None:
        """Fetch again the rows that ended in error or were cancelled."""
        self._parse_pending_edits()
        self.start_fetch(self.model.products(self.model.failed_ids()))

    def _parse_pending_edits(self) -> None:
        """Parse text typed or pasted within the parse delay, so that a run fetches
        what the editor shows rather than the list before it (never mid-run)."""
        if not self.runner.running and not self.loader.loading:
            self.products_panel.parse_pending()

    def start_fetch(self, products: Sequence[Product], *, every_row: bool = False) -> bool:
        """Start a run over ``products`` (``every_row``: all the model's rows); False
        (with a message) if it cannot start."""
        if self.runner.running or not products:
            return False
        problem = self.connection.validation_error()
        connection = self.connection.settings()
        if problem is None:
            try:
                settings = connection.to_fetch_settings()
                settings.check_columns(self.model.input_columns)
            except InventoryError as exc:
                problem = str(exc)
        if problem is not None:
            self.message_bar.show_error(problem)
            return False
        self.message_bar.clear()
        self._save_connection()
        self.stock.run_started()
        self.status.run_starting(products)
        recorder = self.history.recorder(self.intake.source, settings.url_template)
        if recorder is not None and settings.adaptive:  # start at the limit learned before
            settings = dataclasses.replace(settings, remembered_rate=recorder.remembered_rate())
        self.runner.start(products, settings, recorder, every_row=every_row)
        return True

    def _save_connection(self) -> None:
        if not self._persist_connection:
            return
        refused = self.store.save_connection(self.connection.settings())
        if refused:
            names = ", ".join(refused)
            self.message_bar.show_error(
                self.tr("The system keyring refused {0}: kept for this session only.").format(names)
            )

    # -- table -------------------------------------------------------------

    def _set_filter_text(self, text: str) -> None:
        self.filter.set_text(text)
        self.status.update_shown()

    def _set_failures_only(self, on: bool) -> None:
        self.filter.set_failures_only(on)
        self.store.set_value("ui/failures_only", on)
        self.status.update_shown()

    def _selection_changed(self, *_: QItemSelection) -> None:
        index = self.table.currentIndex()
        result = self.filter.data(index, ResultRole) if index.isValid() else None
        template = None
        with contextlib.suppress(InventoryError):
            template = UrlTemplate(self.connection.settings().url_template)
        self.detail.show_result(result, template)
        if self.detail_tabs.currentWidget() is self.history.view:
            self.history.show_product(result.id if result is not None else None)

    # -- errors, tasks, closing --------------------------------------------

    def show_unexpected_error(self, message: str) -> None:
        """Show an unexpected error in a non-modal box (already logged by the caller)."""
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, message, parent=self)
        box.setInformativeText(self.tr("The details are in the log file. Nothing loaded was lost."))
        box.setWindowModality(Qt.WindowModality.NonModal)
        self.keep_dialog(box)
        box.show()

    def keep_dialog(self, dialog: QWidget) -> None:
        """Keep a non-modal dialog referenced until Qt deletes it (WA_DeleteOnClose)."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._dialogs.append(dialog)
        dialog.destroyed.connect(lambda *_: self._dialogs.remove(dialog))

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> asyncio.Task[Any]:
        """Run ``coro`` as a task kept until it ends; a failure is logged and shown."""
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)  # a strong reference until it ends
        task.add_done_callback(self._task_done)
        return task

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            exc = task.exception()
            log.error("unexpected error", exc_info=exc)
            self.show_unexpected_error(self.tr("Unexpected error: {0}").format(exc))

    def closeEvent(self, event: QCloseEvent) -> None:
        """Cancel a running fetch first, then close for real.

        (The title bar's close may hide the window to the tray instead, before
        this runs: :class:`~inventory_gui.gui.tray.CloseToTray`.)
        """
        if self.runner.running:
            event.ignore()
            if not self._closing:
                self._closing = True
                self.progress_label.setText(self.tr("Cancelling before closing…"))
                self.spawn(self._close_after_run())
            return
        self.store.save_geometry("main", bytes(self.saveGeometry().data()))
        self.profile_bar.save_current()
        self._save_connection()
        self.store.sync()
        # A file being read is cancelled and not waited for (it stops at its next
        # chunk); an export being written is waited for.
        loading = self.loader.loading
        self.loader.cancel()
        self._io.shutdown(wait=not loading, cancel_futures=True)
        for task in self._tasks:  # e.g. a run's stock summary: its widgets are going
            task.cancel()
        self.runner.shutdown()
        self.history.close()
        event.accept()
        self.closed.emit()

    async def _close_after_run(self) -> None:
        await self.runner.stop()
        self.close()
