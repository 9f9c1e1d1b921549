"""The window never raises or crashes on any value an API can send.

Where a crash is possible, the real window runs in a child process
(tests/gui/child_window.py), so that a SIGSEGV fails the test rather than
ending pytest.  The model, columns, panes and sort keys are also tested in
process, and with hypothesis on arbitrary JSON-like values.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from inventory_gui.core.history.store import Check
from inventory_gui.core.models import Previous, Product, Result
from inventory_gui.core.safe_values import (
    bounded_json,
    difference,
    display_text,
    format_change,
    format_number,
    number_key,
    qt_text,
    text_number_key,
    value_key,
)
from inventory_gui.core.stock import FieldMap, Stock, StockRules, typed
from inventory_gui.gui.panels.detail_pane import describe_result
from inventory_gui.gui.panels.history_view import HistoryView
from inventory_gui.gui.table.columns import CHANGE_COLUMN, QUANTITY_COLUMN, RowContext, ago
from inventory_gui.gui.table.model import ResultRole, ResultsModel
from tests.gui.child_window import deep_list, hostile_values

ROOT = Path(__file__).resolve().parents[2]
SURROGATES = [chr(c) for c in range(0xD800, 0xE000)]


def _run_child(mode: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", INVENTORY_GUI_NO_KEYRING="1")
    for variable in ("XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME"):
        env[variable] = str(tmp_path / variable.lower())
    data = tmp_path / "data"
    data.mkdir()
    return subprocess.run(
        [sys.executable, "-m", "tests.gui.child_window", mode, str(data)],
        cwd=ROOT, env=env, capture_output=True, text=True, errors="replace", timeout=280,
    )  # fmt: skip


# -- the real window, in a child process -------------------------------------


def test_sorting_quantities_past_float_range_does_not_crash(tmp_path):
    done = _run_child("big-numbers", tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]  # -11 was the SIGSEGV
    assert "Traceback" not in done.stderr


@pytest.mark.slow  # the model, columns and panes are covered in process below
def test_window_sorts_paints_selects_and_filters_hostile_values(tmp_path):
    done = _run_child("hostile", tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr, done.stderr[-3000:]


# -- the model, in process ---------------------------------------------------


def _model(values: list[Any], previous: list[Any] | None = None) -> ResultsModel:
    model = ResultsModel()
    products = [Product(f"P{n}", {"col": display_text(v)[:50]}) for n, v in enumerate(values)]
    model.set_products(products, ["col"])
    model.set_rules(StockRules(low_threshold=10), FieldMap.parse("value, inner=meta.inner"))
    model.apply([
        Result(p.id, "ok", 200, quantity=v, checked_at="2026-01-02T03:04:05Z",
               fields=p.fields, response={"value": v, "meta": {"inner": v}})
        for p, v in zip(products, values, strict=True)
    ])  # fmt: skip
    if previous is not None:
        model.set_previous({
            p.id: Previous(q, "2026-01-01T00:00:00")
            for p, q in zip(products, previous, strict=True)
        })  # fmt: skip
    return model


def _every_role(model: ResultsModel) -> None:
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            for role in range(0, 300):
                model.data(index, role)
            model.cell(row, column)
            model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)


def test_every_column_sorts_hostile_values_both_ways_with_paired_layout_signals(qtbot):
    values = hostile_values()
    model = _model(values, previous=values[3:] + values[:3])
    about, changed = [], []
    model.layoutAboutToBeChanged.connect(lambda *_: about.append(1))
    model.layoutChanged.connect(lambda *_: changed.append(1))
    for column in range(model.columnCount()):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            model.sort(column, order)
            assert len(about) == len(changed)
    assert len(about) > model.columnCount()
    _every_role(model)


def test_quantities_sort_by_value_even_past_float_range(qtbot):
    big = 10**400
    model = _model([5, big, -big, 2.5, "n/a", math.nan, math.inf, None, 10**5000])
    model.sort(QUANTITY_COLUMN, Qt.SortOrder.AscendingOrder)
    shown = [model.index(r, 0).data(ResultRole).quantity for r in range(model.rowCount())]
    assert shown[:6] == [-big, 2.5, 5, big, 10**5000, math.inf]
    model.sort(QUANTITY_COLUMN, Qt.SortOrder.DescendingOrder)
    shown = [model.index(r, 0).data(ResultRole).quantity for r in range(model.rowCount())]
    assert shown[:6] == [math.inf, 10**5000, big, 5, 2.5, -big]  # empty cells stay last
    assert model.data(model.index(1, QUANTITY_COLUMN)) == "1.0000e+5000"


def test_a_failed_sort_emits_no_layout_signal(qtbot, monkeypatch):
    model = _model([1, 2, 3])
    about, changed = [], []
    model.layoutAboutToBeChanged.connect(lambda *_: about.append(1))
    model.layoutChanged.connect(lambda *_: changed.append(1))

    def broken(*_args: Any) -> list[int]:
        raise RuntimeError("a key failed")

    monkeypatch.setattr(model, "_sorted_order", broken)
    with pytest.raises(RuntimeError):
        model.sort(QUANTITY_COLUMN, Qt.SortOrder.AscendingOrder)
    assert about == changed == []


def test_change_and_flips_with_odd_previous_quantities(qtbot):
    big = 10**400
    model = _model([big, 0, 5, 3.5, math.inf], previous=[1.5, big, "abc", math.nan, big])
    texts = [model.data(model.index(r, CHANGE_COLUMN)) for r in range(5)]
    assert texts == ["+1.0000e+400", "-1.0000e+400", "", "", "+∞"]
    flip = model.data(model.index(1, QUANTITY_COLUMN), Qt.ItemDataRole.ToolTipRole)
    assert flip == "Ran out since the last check"


def test_stock_status_of_values_that_are_not_numbers():
    rules = StockRules(low_threshold=10)
    cases = [
        (10**400, Stock.IN_STOCK), (-(10**400), Stock.OUT), (5, Stock.LOW),
        (math.inf, Stock.IN_STOCK), (-0.0, Stock.OUT), (math.nan, Stock.NO_QUANTITY),
        ("12", Stock.NO_QUANTITY), (True, Stock.NO_QUANTITY), ([1], Stock.NO_QUANTITY),
    ]  # fmt: skip
    for quantity, stock in cases:
        assert rules.status(Result("P", "ok", quantity=quantity)) == stock, quantity


def test_text_shown_to_qt_keeps_what_follows_a_lone_surrogate(qtbot):
    model = ResultsModel()
    model.set_products([Product("bad\udc80tail", {"col": "x\ud800y" + "z" * 3_000_000})], ["col"])
    assert model.data(model.index(0, 3)) == "bad\ufffdtail"
    cell = model.data(model.index(0, 11))
    assert cell.startswith("x\ufffdyz")
    assert len(cell) <= 1_000


def test_checked_column_with_naive_and_odd_stamps():
    now = datetime(2026, 1, 2, 4, 4, 5, tzinfo=UTC)
    assert ago("2026-01-02T03:04:05", now) == "1 h ago"  # naive: UTC, as recorded
    assert ago("garbage\udc80", now) == "garbage\ufffd"
    context = RowContext(previous={"P": Previous(1, 12345)})  # type: ignore[arg-type]
    assert context.last_checked(Result("P")) == "12,345"


def test_details_of_a_deeply_nested_response_with_huge_numbers():
    result = Result(
        "bad\udc80", "ok", 200, quantity=10**5000, fields={"n": "bad\udc80"},
        response={"deep": deep_list(50_000), "big": 10**5000, "s": "x" * 3_000_000},
    )  # fmt: skip
    text = describe_result(result)
    assert "Quantity: 1.0000e+5000" in text
    assert "bad\ufffd" in text
    assert "[[[[" in text
    assert len(text) < 500_000


def test_history_pane_with_odd_quantities_paints(qtbot):
    view = HistoryView()
    qtbot.addWidget(view)
    odd = [10**400, "abc", math.nan, math.inf, -0.0, 10**5000, 3, [1]]
    checks = [
        Check(n, 1, "P", "ok", 200, q, "e\udc80", f"2026-01-0{n % 9 + 1}T00:00:00", 1.0, q)
        for n, q in enumerate(odd)
    ]
    view.show_checks("bad\udc80", checks)
    view.resize(800, 300)
    view.grab()
    quantities = [view.checks.topLevelItem(i).text(2) for i in range(len(odd))]
    assert quantities[-1] == "1.0000e+400"
    assert [q for _, q in view.chart.points()] == [0.0, 3.0]  # only finite floats are drawn


# -- property tests ----------------------------------------------------------

huge_ints = st.builds(
    lambda digits, sign: sign * 10**digits + sign, st.integers(300, 5000), st.sampled_from([1, -1])
)
odd_text = st.one_of(
    st.text(max_size=20),
    st.builds(lambda a, s, b: a + s + b, st.text(max_size=5), st.sampled_from(SURROGATES),
              st.text(max_size=5)),
    st.sampled_from(["", "nan", "inf", "-0", "1e999", "12abc", "\x00", "\u202e", "x" * 100_000]),
)  # fmt: skip
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), huge_ints,
    st.floats(allow_nan=True, allow_infinity=True), odd_text,
)  # fmt: skip
json_like = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(odd_text, inner, max_size=4)
    ),
    max_leaves=12,
)
values = st.one_of(json_like, st.just(deep_list(50_000)))
PROPERTY = settings(deadline=None)


@PROPERTY
@given(st.lists(values, max_size=8))
def test_sort_keys_never_raise_and_always_compare(items):
    for key in (value_key, number_key, text_number_key):
        keys = [key(v) for v in items]
        sorted(keys)  # a total order across every type
    typed_keys = [value_key(typed(v)) for v in items]
    sorted(typed_keys)


@PROPERTY
@given(values, values)
def test_shown_text_never_raises_and_is_bounded(value, other):
    for text in (display_text(value), format_number(value), format_change(value),
                 bounded_json(value, 2_000), qt_text(display_text(value))):  # fmt: skip
        assert isinstance(text, str)
        assert len(text) <= 100_000
    assert not any("\ud800" <= c <= "\udfff" for c in qt_text(display_text(value)))
    for a, b in ((value, other), (other, value)):
        if isinstance(a, int | float) and isinstance(b, int | float) and a == a and b == b:
            difference(a, b)


# The hostile_values() case above covers every column and role in a second.
@pytest.mark.slow
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(values, min_size=1, max_size=4), st.lists(values, min_size=4, max_size=4))
def test_model_data_of_every_role_never_raises(qtbot, quantities, previous):
    model = _model(quantities, previous=previous[: len(quantities)])
    for column in range(model.columnCount()):  # every column's sort key, fixed ones included
        model.sort(column, Qt.SortOrder.DescendingOrder)
    _every_role(model)
    describe_result(model.index(0, 0).data(ResultRole))
