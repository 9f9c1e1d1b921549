"""Fixtures for the engine tests: a real worker process, a recorder that keeps what it gets."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from inventory_gui.core.models import Product, Result
from inventory_gui.engine.worker_process import WorkerProcess


@pytest.fixture
def worker() -> Iterator[WorkerProcess]:
    """A worker process (started by its first run), closed after the test."""
    worker = WorkerProcess()
    yield worker
    worker.close()
    assert not worker.alive


class ListRecorder:
    """A RunRecorder stand-in that keeps what it is given (the history has its own tests)."""

    def __init__(self) -> None:
        self.begun: list[str] = []
        self.recorded: list[Result] = []
        self.ended: bool | None = None
        self.learned: tuple[float, str] | None = None
        self.previous: Any = None

    def begin(self, products: list[Product]) -> None:
        self.begun = [p.id for p in products]

    def record(self, result: Result) -> None:
        self.recorded.append(result)

    def record_many(self, results: list[Result]) -> None:
        self.recorded.extend(results)

    def end(self, cancelled: bool, learned: tuple[float, str] | None = None) -> None:
        self.ended = cancelled
        self.learned = learned


@pytest.fixture
def recorder() -> ListRecorder:
    """A recorder that keeps the run's products, results and end."""
    return ListRecorder()
