"""Start-up of the window, and the composition root.

Start-up order (each step needs the ones before it):

0. interpreter settings (:func:`tune_interpreter`: the GIL switch interval, glibc's
   mmap threshold);
1. arguments: already parsed by :mod:`inventory_gui.cli.window_command`, with no Qt imported;
2. logging: a rotating file under the platform's user log folder;
3. ``QApplication``: names (QSettings and the desktop file use them), no
   quit-on-last-window (closing waits for a running fetch, see
   :meth:`MainWindow.closeEvent`), the system's colour scheme followed live
   (:func:`~inventory_gui.gui.theme.follow_colour_scheme`);
   then the language: German or French from the system locale (``LANGUAGE``,
   ``LANG``: :func:`~inventory_gui.gui.i18n.use_system_language`), the app's and
   Qt's translators installed before any widget is built, so every ``tr()``
   and the standard dialogs see them;
4. one window per data folder (:mod:`~inventory_gui.gui.single_instance`,
   unless ``--new-instance`` or ``--demo``): take the folder's lock and listen
   for later starts, or hand the command line's file to the window that holds
   it and exit 0 (before any window, loop or settings are made);
5. settings: ``QSettings`` plus the keyring, if there is one;
6. the qasync event loop, through ``asyncio.Runner(loop_factory=...)``
   (``asyncio.run(loop_factory=)`` exists only from Python 3.12);
7. on that loop: the demo server if asked, then the window, built by
   :func:`build_main_window`, the one place that wires the parts together
   (close to tray included, :mod:`~inventory_gui.gui.tray`);
8. once the window is shown (:func:`after_window_shown`): the fetch worker
   process (it imports aiohttp while the user picks products) and the
   history's writer thread, start-up
   objects frozen out of the garbage collector, then later starts' requests
   are served, then the file from the command line, then the offer to resume
   an interrupted run: made by one window only, the one holding the lock (a
   separate window makes it only when no other holds the lock).

SIGINT, SIGTERM and SIGHUP ask the window to close, as *Quit* does (a running
fetch is cancelled and its history run closed first); the process then exits
with 128 + the signal's number (130 for Ctrl-C), see :class:`QuitOnSignals`.

PySide6 is imported before qasync, so that qasync picks that binding.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import gc
import logging
import logging.handlers
import os
import signal
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

import qasync  # after PySide6

from inventory_gui import APP_ID, APP_NAME, __version__
from inventory_gui.core import heap
from inventory_gui.core.connection import detect_secret_store
from inventory_gui.core.errors import HistoryError
from inventory_gui.core.history.store import HistoryStore, default_data_dir
from inventory_gui.core.resources import resource_path
from inventory_gui.core.secrets import MaskingFormatter
from inventory_gui.core.text import describe_exception
from inventory_gui.gui.about import app_icon
from inventory_gui.gui.i18n import use_system_language
from inventory_gui.gui.main_window import MainWindow
from inventory_gui.gui.settings_store import SettingsStore
from inventory_gui.gui.single_instance import (
    Claim,
    FileRequest,
    SingleInstance,
    running_elsewhere,
)
from inventory_gui.gui.switch_interval import GUI_SWITCH_INTERVAL
from inventory_gui.gui.theme import follow_colour_scheme
from inventory_gui.gui.tray import CloseToTray, bring_to_front

log = logging.getLogger("inventory_gui")

ORGANISATION = "inventory-gui"
SAMPLE_LIST = "sample-products.csv"


def log_file_path() -> Path:
    """Where the log goes: the platform's user log folder (platformdirs)."""
    from platformdirs import user_log_dir

    return Path(user_log_dir("inventory-gui", appauthor=False)) / "inventory-gui.log"


def setup_logging() -> Path:
    """Log to a rotating file; header values are never passed to the logger."""
    path = log_file_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # A lone surrogate (a product ID can hold one) is logged as \udXXX, not lost.
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8", errors="backslashreplace"
        )
    except OSError:
        handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(MaskingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def make_application(argv: list[str] | None = None) -> QApplication:
    """Create (or reuse) the QApplication with the app's names."""
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    app.setQuitOnLastWindowClosed(False)
    follow_colour_scheme(app)
    return app


def open_history(data_dir: str | None) -> HistoryStore | None:
    """The history database in ``data_dir`` (default: the user data folder), or None."""
    try:
        return HistoryStore(data_dir or default_data_dir())
    except HistoryError as exc:
        log.warning("history is off: %s", exc)
        return None


def build_main_window(
    *,
    settings: QSettings | None = None,
    demo_template: str | None = None,
    data_dir: str | None = None,
) -> MainWindow:
    """The composition root: settings, secrets, history and HTTP transport into one window."""
    if settings is None:
        ini, user = QSettings.Format.IniFormat, QSettings.Scope.UserScope
        settings = QSettings(ini, user, ORGANISATION, "inventory-gui")
    store = SettingsStore(settings, detect_secret_store())
    window = MainWindow(
        store,
        None,  # the real HTTP transport: fetcher.open_session, in the fetch worker
        persist_connection=demo_template is None,
        history=open_history(data_dir),
    )
    if demo_template is not None:
        connection = window.connection.settings()
        window.connection.set_settings(dataclasses.replace(connection, url_template=demo_template))
    CloseToTray(window)  # kept by its parent, the window
    return window


def unexpected_error(exc: BaseException) -> str:
    """The one line shown for an unexpected exception, in the window's language."""
    text = QCoreApplication.translate("App", "Unexpected error: {0}")
    return text.format(describe_exception(exc))


def install_error_hooks(window: MainWindow) -> None:
    """Unexpected exceptions are logged and shown, never fatal."""

    def excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):  # Ctrl-C before the signal handlers took over
            window.close()
            return
        log.error("uncaught exception:\n%s", "".join(traceback.format_exception(kind, exc, tb)))
        window.show_unexpected_error(unexpected_error(exc))

    def loop_handler(loop: asyncio.AbstractEventLoop, context: dict) -> None:
        exc = context.get("exception")
        log.error("event loop error: %s", context.get("message"), exc_info=exc)
        if exc is not None:
            window.show_unexpected_error(unexpected_error(exc))

    sys.excepthook = excepthook
    asyncio.get_running_loop().set_exception_handler(loop_handler)


class QuitOnSignals:
    """SIGINT, SIGTERM and SIGHUP close the window; the first one sets the exit status.

    Handled on the event loop (``loop.add_signal_handler``: the C handler only
    writes to a wake-up pipe), so nothing runs inside Qt's own code and no
    ``KeyboardInterrupt`` surfaces as an error box.  Installed before the
    window exists: a signal during start-up closes it as soon as it is built.
    """

    SIGNALS = tuple(
        getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
    )

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.received: int | None = None
        self._window: MainWindow | None = None
        for signum in self.SIGNALS:
            try:
                loop.add_signal_handler(signum, self._handle, signum)
            except (NotImplementedError, RuntimeError, ValueError):  # no such support here
                log.info("cannot handle %s on this platform", signal.Signals(signum).name)

    @property
    def exit_status(self) -> int:
        """0, or 128 + the number of the first quit signal received."""
        return 0 if self.received is None else 128 + self.received

    def watch(self, window: MainWindow) -> None:
        """Close ``window`` on a signal (at once if one came before)."""
        self._window = window
        if self.received is not None:
            window.close()

    def _handle(self, signum: int) -> None:
        log.info("%s received: closing the window", signal.Signals(signum).name)
        if self.received is None:
            self.received = signum
        if self._window is not None:
            self._window.close()  # a running fetch is cancelled first (closeEvent)


async def run_window(
    options: argparse.Namespace, signals: QuitOnSignals, instance: SingleInstance | None = None
) -> int:
    """Run the window until it closes; the demo server lives as long as it does.

    Args:
        options: the parsed command line.
        signals: the quit signals' handler, which closes the window.
        instance: the single-instance lock this start holds (None: a separate window).

    Returns:
        0, or 128 + the signal's number when a quit signal closed it.
    """
    demo = None
    if options.demo:
        from inventory_gui.demo.server import DemoConfig, start_demo_server

        demo = await start_demo_server(DemoConfig(), "127.0.0.1", 0)
        log.info("demo server on %s", demo.url)
    window = build_main_window(
        demo_template=demo.url_template if demo else None, data_dir=options.data_dir
    )
    install_error_hooks(window)
    closed = asyncio.Event()
    window.closed.connect(closed.set)
    window.show()
    after_window_shown(window)
    signals.watch(window)
    opening: set[asyncio.Task[None]] = set()
    if instance is not None:
        instance.serve(lambda path: _serve_later_start(window, path, opening))
        # A start while this process winds down opens its own window, not this closed one.
        window.closed.connect(instance.release)
    path = options.file or (str(resource_path(SAMPLE_LIST)) if options.demo else None)
    if path and not closed.is_set():
        await open_logged(window, path, "command line")
    # One window offers: the lock's holder, or a separate one when no window holds it.
    offers = instance is not None or not running_elsewhere(_data_dir(options))
    if not closed.is_set() and offers and window.offer_resume():
        log.info("offered to resume an interrupted run")
    try:
        await closed.wait()
    finally:
        if demo is not None:
            await demo.close()
    return signals.exit_status


async def open_logged(window: MainWindow, path: str, origin: str) -> bool:
    """Load ``path`` into ``window``; the log says whether it loaded and who asked."""
    loaded = await window.load_file(path)
    log.info("%s file %s: %s", origin, path, "loaded" if loaded else "not loaded")
    return loaded


def _serve_later_start(
    window: MainWindow, path: FileRequest, tasks: set[asyncio.Task[None]]
) -> None:
    """A later start's request: bring the window forward and open its file, if any."""
    bring_to_front(window)
    if path is not None:
        task = asyncio.ensure_future(open_logged(window, path, "later start's"))
        tasks.add(task)  # a strong reference until it ends
        task.add_done_callback(tasks.discard)


def _data_dir(options: argparse.Namespace) -> Path:
    return Path(options.data_dir) if options.data_dir else default_data_dir()


def claim_instance(options: argparse.Namespace) -> SingleInstance | Claim:
    """The lock this start now holds, or :attr:`Claim.HANDED_OVER` or :attr:`Claim.SEPARATE`.

    A separate window is asked for (``--new-instance``), or the demo (its own
    server and URL, not the user's window), or the lock could not be had.
    """
    if options.new_instance or options.demo:
        return Claim.SEPARATE
    instance = SingleInstance(_data_dir(options))
    # The running window has its own working folder: the path goes absolute.
    claim = instance.claim(os.path.abspath(options.file) if options.file else None)
    return instance if claim is Claim.FIRST else claim


def tune_interpreter() -> None:
    """Interpreter settings for a window that must keep painting (start-up, first step)."""
    # Threads in this process (the fetch reader, the history writer) hold the GIL
    # now and then, and each cell painted calls into Python: a switch interval
    # shorter than the default 5 ms bounds each wait (README, "Performance").
    sys.setswitchinterval(GUI_SWITCH_INTERVAL)
    # A long run's batches of results must not leave the heap full of holes (core.heap).
    heap.keep_large_blocks_apart()


def after_window_shown(window: MainWindow) -> None:
    """Once the window is up: warm the fetch worker and the history writer, take start-up
    objects out of the GC."""
    # The worker process imports aiohttp while the user picks products, not
    # after Fetch is pressed; the history's writer thread starts now too.
    window.runner.prepare()
    window.history.prepare()
    # A full collection walks every tracked object while holding the GIL, a
    # stall the user feels: with the start-up objects (Qt wrappers, modules)
    # frozen it walks only what came later (README, "Performance").
    gc.freeze()


def run_app(options: argparse.Namespace) -> int:
    """Start the GUI; return the process exit status."""
    tune_interpreter()
    setup_logging()
    app = make_application()
    language = use_system_language(app)  # before any widget: every tr() sees it
    log.info("inventory-gui %s starting (language: %s)", __version__, language or "en")
    instance = claim_instance(options)
    if instance is Claim.HANDED_OVER:
        log.info("handed over to the window already running; exiting")
        return 0
    held = instance if isinstance(instance, SingleInstance) else None
    try:
        return _run_on_qasync(app, options, held)
    finally:
        if held is not None:
            held.release()


def _run_on_qasync(
    app: QApplication, options: argparse.Namespace, held: SingleInstance | None
) -> int:
    """Run the window on a qasync loop until it closes; return the exit status."""
    runner = asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app))
    signals = QuitOnSignals(runner.get_loop())
    window_task: list[asyncio.Task] = []

    async def main() -> int:
        window_task.append(asyncio.current_task())
        return await run_window(options, signals, held)

    display_lost = False
    try:
        return runner.run(main())
    except RuntimeError:
        # Qt ended its event loop before the window had closed: its display went
        # away (an X server ending with the session sends no signal of its own).
        # Nothing can run on the loop any more; what was pending is dropped.
        if not window_task or window_task[0].done():
            raise
        display_lost = True
        log.info("the display went away before the window closed")
        runner.get_loop().set_exception_handler(_log_dropped)
        return signals.exit_status or 1
    finally:
        try:
            runner.close()
        except RuntimeError:
            if not display_lost:
                raise


def _log_dropped(_loop: asyncio.AbstractEventLoop, context: dict) -> None:
    log.info("dropped with the display: %s", context.get("message"))
