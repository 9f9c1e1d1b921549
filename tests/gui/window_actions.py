"""Driving the window in tests: read a column, click a tool button, run a fetch."""

from __future__ import annotations

from pathlib import Path

from aiohttp import web
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QToolButton

from tests.loopback import product_id


def column(window, col: int) -> list[str]:
    """The text of every row's cell in column ``col``, top to bottom."""
    model = window.table.model()
    return [model.index(r, col).data() for r in range(model.rowCount())]


def click(qtbot, window, name: str) -> None:
    """Click the enabled tool button named ``name``."""
    button = window.findChild(QToolButton, name)
    assert button is not None, name
    assert button.isEnabled(), f"{name} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def wait_finished(qtbot, window, timeout: int = 20_000) -> None:
    """Wait until the window's fetch run has ended."""
    qtbot.waitUntil(lambda: not window.runner.running, timeout=timeout)


def fetch(qtbot, window, button: str = "fetchButton") -> None:
    """Click ``button`` and wait for the run it starts to finish."""
    with qtbot.waitSignal(window.fetchFinished, timeout=20_000):
        click(qtbot, window, button)


def fetch_all(qtbot, window) -> None:
    """Fetch every loaded product (no button) and wait for the run to finish."""
    with qtbot.waitSignal(window.fetchFinished, timeout=20_000):
        window.fetch_all()


async def not_found_for_bad(request: web.Request, api: object) -> web.Response:
    """IDs starting with "bad" are unknown (404); the others are in stock."""
    pid = product_id(request)
    if pid.startswith("bad"):
        return web.json_response({"error": "unknown product"}, status=404)
    return web.json_response({"id": pid, "quantity": len(pid)})


def write_csv(tmp_path: Path, ids: list[str], name: str = "products.csv") -> Path:
    path = tmp_path / name
    rows = ["sku,name"] + [f"{i},name of {i}" for i in ids]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def paste(qtbot, editor, text: str) -> None:
    """Replace the editor's text by pasting ``text`` with Ctrl+A, Ctrl+V."""
    QGuiApplication.clipboard().setText(text)
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


class Quantities:
    """A server whose quantities the test sets between runs."""

    def __init__(self, **quantities: int) -> None:
        self.quantities = quantities

    async def __call__(self, request, api):
        pid = product_id(request)
        if pid not in self.quantities:
            return web.json_response({"error": "unknown product"}, status=404)
        return web.json_response(
            {"quantity": self.quantities[pid], "name": f"Item {pid}", "shelf": {"row": len(pid)},
             "updated_at": "2026-11-28T10:00:00Z"}
        )  # fmt: skip


async def quantity_handler(request, api):
    return web.json_response({"quantity": len(product_id(request))})


def fetched(api) -> list[str]:
    return sorted(path.rsplit("/", 1)[1] for path in api.requests)
