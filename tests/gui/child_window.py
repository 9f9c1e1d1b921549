"""Window scenarios run in a child process, where a crash fails a test instead of pytest.

``python -m tests.gui.child_window hostile DIR``: the real main window, offscreen,
with results carrying hostile values (as quantity, previous quantity, history
rows and extra fields); every column sorted both ways and painted, every row
selected with the Details and History tabs shown, the filters applied; exit 0.

``big-numbers DIR``: the same with only integers past float range among the
quantities (the issue's crash on sorting Quantity).

``python -m tests.gui.child_window fetch-demo DIR``: the real application
(``inventory-gui --demo --data-dir DIR``) with a slow demo API, starting a
fetch once the window is up; the test sends it a signal.  Error boxes are
reported on stderr as ``ERROR BOX: ...``.

Run with ``QT_QPA_PLATFORM=offscreen`` and temporary XDG folders (the test
passes its own environment, see tests/conftest.py).
"""

from __future__ import annotations

import asyncio
import functools
import math
import sqlite3
import sys
from contextlib import closing
from pathlib import Path
from typing import Any


def deep_list(levels: int) -> list[Any]:
    """``[[[...]]]`` nested ``levels`` deep (``repr`` and ``json.dumps`` raise on it)."""
    top: list[Any] = []
    node = top
    for _ in range(levels):
        inner: list[Any] = []
        node.append(inner)
        node = inner
    return top


def hostile_values() -> list[Any]:
    """Values an API can send where a number or a short text is expected."""
    return [
        10**300 + 7, -(10**300), 10**4999 + 1, -(10**5000), 2**64, float("nan"), math.inf,
        -math.inf, -0.0, 0, 5, 2.5, 1e308, 5e-324, True, False, None, "12", "12abc", "nan",
        "x" * 3_000_000, "bad\udc80", "\ud83d", "nul\x00byte", "\u202eRTL\u202c", "",
        [1, "a", None], {"a": {"b": [1, 2]}}, deep_list(50_000), [10**5000],
        "2026-01-02T03:04:05", "2026-01-02T03:04:05Z", "0001-01-01T00:00:00+14:00",
    ]  # fmt: skip


def _hostile_history(data_dir: Path, ids: list[str]) -> None:
    """Checks whose quantities and stamps are odd, written as SQLite stores them."""
    from inventory_gui.core.history.store import HistoryStore

    HistoryStore(data_dir).close()  # creates the schema
    odd = ["1" * 400, "abc", "-0.0", "9" * 5000, "NaN", "\udc80".encode("utf-8", "surrogatepass")]
    with closing(sqlite3.connect(data_dir / "history.sqlite3")) as conn, conn:
        conn.execute(
            "INSERT INTO runs (started_at, source, url_template, total, state)"
            " VALUES ('2026-01-01T00:00:00Z', 's', 't', 1, 'done')"
        )
        for pid in ids[:40]:
            for n, quantity in enumerate(odd):
                conn.execute(
                    "INSERT INTO checks (run_id, product_id, status, quantity, error, checked_at)"
                    " VALUES (1, ?, 'ok', ?, ?, ?)",
                    (
                        _storable(pid),
                        quantity,
                        "e\udc80".encode("utf-8", "surrogatepass"),
                        f"2026-01-0{n + 1}T00:00:00",
                    ),
                )


def big_numbers() -> list[Any]:
    """Quantities JSON allows and floats cannot hold (the issue's first crash)."""
    return [10**400, -(10**400), 5, 2.5, 10**300 + 1, 0]


def _storable(text: str) -> str | bytes:
    """``text``, or its bytes where SQLite cannot take it as text (a lone surrogate)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")
    return text


async def hostile(data_dir: Path, values: list[Any]) -> int:
    from PySide6.QtCore import QSettings, Qt

    from inventory_gui.core.models import Previous, Product, Result
    from inventory_gui.core.stock import FieldMap
    from inventory_gui.gui.app import build_main_window

    ids = [f"P{n}" for n in range(len(values))] + ["bad\udc80", "x" * 100_000, "nul\x00"]
    _hostile_history(data_dir, ids)
    settings = QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)
    window = build_main_window(settings=settings, data_dir=str(data_dir))
    window.show()
    odd_text = ["bad\udc80", "y" * 2_000_000, "1e999", "nan", "-0", "", "12"]
    products = [
        Product(pid, {"name": odd_text[n % len(odd_text)], "min": odd_text[(n + 3) % 7]})
        for n, pid in enumerate(ids)
    ]
    window.model.set_products(products, ["name", "min"])
    rules = window.model.context.rules
    window.model.set_rules(rules, FieldMap.parse("value, deep=meta.inner, when=meta.when"))
    results = []
    for n, product in enumerate(products):
        value = values[n % len(values)]
        other = values[(n + 7) % len(values)]
        results.append(Result(
            product.id, ["ok", "error", "cancelled"][n % 3] if n % 5 else "ok",
            http_status=[200, 404, 500][n % 3], quantity=value, latency_ms=1.0, attempts=1,
            error=None if n % 3 == 0 else f"error {odd_text[n % 7][:50]}",
            checked_at=["2026-01-02T03:04:05Z", "2026-01-02T03:04:05", "garbage", "\udc80"][n % 4],
            fields=product.fields,
            response={"value": value, "meta": {"inner": other, "when": values[n - 3]}},
        ))  # fmt: skip
    window.model.set_previous({
        r.id: Previous(values[(n + 11) % len(values)], ["2026-01-01T00:00:00Z", "x", ""][n % 3])
        for n, r in enumerate(results)
    })  # fmt: skip
    window.model.apply(results)
    window.stock.update_counts()
    await window.stock.run_finished()
    table = window.table
    for column in range(window.model.columnCount()):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            table.sortByColumn(column, order)
            table.grab()
            for row in range(window.filter.rowCount()):
                for role in range(0, 300):  # every role Qt or the app asks for
                    window.filter.index(row, column).data(role)
    shown_checks = 0
    for tab in range(window.detail_tabs.count()):
        window.detail_tabs.setCurrentIndex(tab)
        for row in range(window.filter.rowCount()):
            table.selectRow(row)
            window.detail_tabs.grab()
            shown_checks += window.history.view.checks.topLevelItemCount()
    assert shown_checks > 0, "the History tab showed no hostile checks"
    for text in ("bad", "\udc80", "1e", "x"):
        window.filter_edit.setText(text)
        table.grab()
    window.filter_edit.setText("")
    window.failures_only.setChecked(True)
    table.grab()
    window.failures_only.setChecked(False)
    for index in range(window.stock.combo.count()):
        window.stock.combo.setCurrentIndex(index)
        table.grab()
    window.close()
    return 0


def fetch_demo(data_dir: Path) -> int:
    """The real app on a slow demo API, fetching; prints nothing itself."""
    from inventory_gui.cli import main as cli
    from inventory_gui.demo import server as demo_server
    from inventory_gui.gui.main_window import MainWindow

    # Every answer takes 2 s: the run is still going when the test's signal comes.
    demo_server.DemoConfig = functools.partial(demo_server.DemoConfig, latency_ms=2_000)
    offer_resume = MainWindow.offer_resume

    def offer_then_fetch(self: MainWindow) -> bool:
        offer_resume(self)
        self.fetch_all()
        return False

    def report_error_box(self: MainWindow, message: str) -> None:
        print(f"ERROR BOX: {message!r}", file=sys.stderr, flush=True)

    MainWindow.offer_resume = offer_then_fetch  # type: ignore[method-assign]
    MainWindow.show_unexpected_error = report_error_box  # type: ignore[method-assign]
    return cli.main(["--demo", "--data-dir", str(data_dir)])


def main(argv: list[str]) -> int:
    mode, data_dir = argv[0], Path(argv[1])
    if mode == "fetch-demo":
        return fetch_demo(data_dir)
    values = {"hostile": hostile_values, "big-numbers": big_numbers}[mode]()
    from PySide6.QtWidgets import QApplication

    import qasync  # after PySide6, so that it picks that binding

    from inventory_gui.gui.app import make_application

    app = make_application()
    assert isinstance(app, QApplication)
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
        return runner.run(hostile(data_dir, values))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
