"""Fixtures for GUI tests: a qasync loop inside pytest-qt's QApplication.

pytest-qt has no qasync support, so the loop is made with
``already_running=True`` (Qt's event loop runs whenever qtbot waits) and set as
the current loop.  It is never stopped: ``loop.stop()`` calls ``app.exit()``
and breaks later ``qtbot.wait*`` calls.  One loop serves the session; each test
gets it with a fresh list of loop errors, and its teardown cancels leftover
tasks and fails the test on any error the loop reported ("Unclosed client
session", "Task was destroyed but it is pending", exceptions in callbacks).
"""

from __future__ import annotations

import asyncio
import dataclasses
import gc
from collections.abc import Coroutine, Iterator
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import QSettings

import qasync

from inventory_gui.core.connection import MemorySecretStore
from inventory_gui.core.history.store import HistoryStore
from inventory_gui.gui.main_window import MainWindow
from inventory_gui.gui.settings_store import SettingsStore
from tests.loopback import Handler, LoopbackApi

T = TypeVar("T")


@pytest.fixture(scope="session")
def session_loop(qapp) -> qasync.QEventLoop:
    loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.events._set_running_loop(None)  # set again by each test's qloop
    return loop


@pytest.fixture
def qloop(session_loop, qtbot) -> Iterator[qasync.QEventLoop]:
    """The qasync loop, checked for errors after the test."""
    # qasync marks the loop as running for the whole thread; do that per test,
    # so that tests using pytest-asyncio's own loops can run after this one.
    asyncio.events._set_running_loop(session_loop)
    asyncio.set_event_loop(session_loop)
    errors: list[dict[str, Any]] = []
    session_loop.set_exception_handler(lambda _loop, context: errors.append(context))
    yield session_loop
    leftovers = [t for t in asyncio.all_tasks(session_loop) if not t.done()]
    for task in leftovers:
        task.cancel()
    qtbot.waitUntil(lambda: all(t.done() for t in leftovers), timeout=5000)
    gc.collect()  # make unclosed sessions and pending tasks report now, not later
    qtbot.wait(1)  # let the loop deliver what gc.collect reported
    session_loop.set_exception_handler(None)
    asyncio.events._set_running_loop(None)
    asyncio.set_event_loop(None)
    assert not [c.get("message") for c in errors], errors


class Runner:
    """Runs coroutines on the qasync loop from plain tests, waiting with qtbot."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot

    def __call__(self, coro: Coroutine[Any, Any, T], timeout: int = 20_000) -> T:
        task = asyncio.ensure_future(coro)
        self.qtbot.waitUntil(task.done, timeout=timeout)
        return task.result()


@pytest.fixture
def run(qloop, qtbot) -> Runner:
    """``run(coro)``: run a coroutine to completion on the qasync loop."""
    return Runner(qtbot)


@pytest.fixture
def make_api(run) -> Iterator[Any]:
    """Start loopback APIs on the qasync loop; closed after the test."""
    started: list[LoopbackApi] = []

    def make(handler: Handler) -> LoopbackApi:
        api = run(LoopbackApi(handler).start())
        started.append(api)
        return api

    yield make
    for api in started:
        run(api.close())


@pytest.fixture
def settings_path(tmp_path) -> str:
    return str(tmp_path / "settings.ini")


@pytest.fixture
def make_window(qloop, qtbot, settings_path, pytestconfig) -> Iterator[Any]:
    """Build main windows with settings in a temporary file; closed after the test.

    Their fetch engine is ``--window-engine``'s: the thread by default (no
    worker process to start for each window), the worker process in CI's full
    run; tests about one engine set ``window.runner.engine`` themselves.
    """
    engine = pytestconfig.getoption("--window-engine")
    windows: list[MainWindow] = []

    def make(
        template: str | None = None,
        secrets: MemorySecretStore | None = None,
        history: HistoryStore | None = None,
    ) -> MainWindow:
        store = SettingsStore(
            QSettings(settings_path, QSettings.Format.IniFormat), secrets or MemorySecretStore()
        )
        window = MainWindow(store, history=history)
        window.runner.engine = engine
        qtbot.addWidget(window)
        if template is not None:
            current = window.connection.settings()
            window.connection.set_settings(
                dataclasses.replace(current, url_template=template, retries=0)
            )
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        if window.runner.running:
            window.runner.cancel()
            qtbot.waitUntil(lambda w=window: not w.runner.running, timeout=5000)
