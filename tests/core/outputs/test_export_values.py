"""Every value a result can hold reaches every output: numbers and text of any kind.

The rules (see inventory_gui/core/outputs/cells.py): NaN and infinities are the
text ``NaN``, ``Infinity``, ``-Infinity`` everywhere; XLSX keeps as numbers only
what Excel holds exactly (finite floats, integers under 15 digits) and writes
the rest as text with every digit; JSON is strict and keeps every string as
it was; CSV writes lone surrogates, and XLSX the characters XML forbids, as
backslash escapes; the terminal table escapes whatever is not printable.
"""

from __future__ import annotations

import csv
import decimal
import json
import math
import re
from pathlib import Path
from typing import Any

import pytest
import python_calamine
from hypothesis import given, settings
from hypothesis import strategies as st

from inventory_gui.core.models import OUTPUT_COLUMNS, Result
from inventory_gui.core.outputs.export_error import ExportError
from inventory_gui.core.outputs.registry import write_results
from inventory_gui.core.outputs.text_table import results_table
from inventory_gui.core.stock import StockContext
from tests.core.outputs.hostile_values import PROPERTY, runs

HUGE = 10**400  # past float range
HUGER = -(10**5000)  # past int's default string conversion limit (4,300 digits)
NAN, INF = float("nan"), float("inf")


def reject_constant(name: str) -> None:
    raise AssertionError(f"bare {name} in JSON output")


def strict_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"), parse_constant=reject_constant)


def read_csv(path: Path) -> list[dict[str, str]]:
    # The limit is process-wide: put it back, so the loaders' own limit is tested as set.
    previous = csv.field_size_limit(10**7)
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            return list(csv.DictReader(file))
    finally:
        csv.field_size_limit(previous)


def read_xlsx(path: Path) -> tuple[list[Any], list[list[Any]]]:
    """The first sheet's rows, empty cells as None, read as Excel reads them.

    python-calamine decodes the ``_xHHHH_`` escapes (a carriage return is
    written as ``_x000D_``: a raw one reads back as a line feed), as Excel
    does; openpyxl leaves them as they are.
    """
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    try:
        sheet = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    finally:
        book.close()
    header, *rows = ([None if cell == "" else cell for cell in row] for row in sheet)
    return header, rows


# --- numbers -----------------------------------------------------------------------


QUANTITIES = [HUGE, -HUGE, HUGER, 10**15, 2**53 + 1, 10**15 - 1, NAN, INF, -INF, 2.5,
              1.7976931348623157e308, 5e-324]  # fmt: skip


def quantity_results() -> list[Result]:
    return [Result(id=f"q{i}", status="ok", quantity=q) for i, q in enumerate(QUANTITIES)]


def test_xlsx_writes_numbers_it_cannot_hold_as_text(tmp_path: Path) -> None:
    path = write_results(tmp_path / "out.xlsx", quantity_results())

    header, rows = read_xlsx(path)
    cells = [row[header.index("quantity")] for row in rows]
    assert cells[:6] == [str(HUGE), str(-HUGE), "-1" + "0" * 5000, str(10**15), str(2**53 + 1),
                         10**15 - 1]  # fmt: skip
    assert cells[6:] == ["NaN", "Infinity", "-Infinity", 2.5, "1.7976931348623157e+308", "5e-324"]


def test_json_is_strict_and_keeps_every_number(tmp_path: Path) -> None:
    odd = {"n": NAN, "deep": [{"x": -INF}], NAN: "key", "big": HUGE, "bigger": HUGER}
    results = [*quantity_results(), Result(id="r", response=odd, fields={"f": "NaN"})]

    rows = strict_json(write_results(tmp_path / "out.json", results))

    assert [row["quantity"] for row in rows[:10]] == [
        HUGE, -HUGE, "-1" + "0" * 5000, 10**15, 2**53 + 1, 10**15 - 1,
        "NaN", "Infinity", "-Infinity", 2.5,
    ]  # fmt: skip
    assert rows[len(QUANTITIES)]["response"] == {
        "n": "NaN", "deep": [{"x": "-Infinity"}], "NaN": "key", "big": HUGE,
        "bigger": "-1" + "0" * 5000,
    }  # fmt: skip


def test_json_is_strict_with_odd_numbers_in_input_columns(tmp_path: Path) -> None:
    # Results rebuilt from an earlier output (--retry-failed-from) hold any JSON value.
    result = Result(id="r", fields={"n": NAN, "nested": {"v": [INF]}})  # type: ignore[dict-item]

    rows = strict_json(write_results(tmp_path / "out.json", [result]))

    assert rows[0]["n"] == "NaN"
    assert rows[0]["nested"] == {"v": ["Infinity"]}


def test_csv_writes_every_digit_and_names_non_finite_numbers(tmp_path: Path) -> None:
    rows = read_csv(write_results(tmp_path / "out.csv", quantity_results()))

    assert [row["quantity"] for row in rows] == [
        str(HUGE), str(-HUGE), "-1" + "0" * 5000, str(10**15), str(2**53 + 1), str(10**15 - 1),
        "NaN", "Infinity", "-Infinity", "2.5", "1.7976931348623157e+308", "5e-324",
    ]  # fmt: skip


def test_table_shows_any_number() -> None:
    table = results_table(quantity_results())

    lines = table.splitlines()
    assert len(lines) == 2 + len(QUANTITIES)
    assert "1.000000e+400" in lines[2]
    assert "-1.000000e+5000" in lines[4]
    assert [line.split()[3] for line in lines[8:11]] == ["NaN", "Infinity", "-Infinity"]


# --- text --------------------------------------------------------------------------


HOSTILE = ["bad\udc80", "nul\x00x", "rtl\u202eevil", "bell\x07", "\ufffe", "x" * 40000]


def test_csv_escapes_lone_surrogates_and_keeps_the_rest(tmp_path: Path) -> None:
    results = [Result(id=text, error=text, fields={"col\udc81": text}) for text in HOSTILE]

    rows = read_csv(write_results(tmp_path / "out.csv", results))

    expected = [text.encode("utf-8", "backslashreplace").decode("utf-8") for text in HOSTILE]
    assert [row["id"] for row in rows] == expected
    assert [row["col\\udc81"] for row in rows] == expected


def test_xlsx_escapes_what_xml_cannot_hold(tmp_path: Path) -> None:
    results = [Result(id=text, error=text, fields={"col\x01": text}) for text in HOSTILE]

    header, rows = read_xlsx(write_results(tmp_path / "out.xlsx", results))

    assert header[-1] == "col\\x01"
    expected = ["bad\\udc80", "nul\\x00x", "rtl\u202eevil", "bell\\x07", "\\ufffe", "x" * 32767]
    assert [row[0] for row in rows] == expected
    assert [row[-1] for row in rows] == expected


def test_json_keeps_every_string(tmp_path: Path) -> None:
    results = [Result(id=t, error=t, fields={t: t}, response={t: [t]}) for t in HOSTILE]

    rows = strict_json(write_results(tmp_path / "out.json", results))

    assert [row["id"] for row in rows] == HOSTILE
    assert [row["response"] for row in rows] == [{t: [t]} for t in HOSTILE]
    assert [row[t] for row, t in zip(rows, HOSTILE, strict=True)] == HOSTILE


def test_table_escapes_what_a_terminal_should_not_see() -> None:
    table = results_table([Result(id=text, status="error", error=text) for text in HOSTILE])

    table.encode("utf-8")  # no lone surrogate left
    assert all(line.isprintable() for line in table.splitlines())
    for shown in ("bad\\udc80", "nul\\x00x", "rtl\\u202eevil", "bell\\x07", "\\ufffe"):
        assert shown in table
    assert "x" * 39 + "…" in table


# --- properties ----------------------------------------------------------------------


_FORMULA_START = tuple("=+-@\t\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def digits(value: int) -> str:
    return str(decimal.Decimal(value))  # str() refuses more than 4,300 digits


def json_number(value: Any) -> Any:
    """What JSON output holds for a number: non-finite ones and huge ints as text."""
    if isinstance(value, float) and not math.isfinite(value):
        return {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}[repr(value)]
    if isinstance(value, int) and abs(value) >= 10**4300:
        return digits(value)
    return value


def csv_text(text: str) -> str:
    """What a CSV cell holds for text: lone surrogates escaped, formulas defused."""
    if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        text = "'" + text
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def xlsx_text(text: str) -> str:
    """What an XLSX cell reads back as: XML-illegal characters escaped, cut to 32,767."""

    def escape(match: re.Match[str]) -> str:
        code = ord(match.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    # Carriage returns survive: xlsxwriter writes them as Excel's _x000D_ escape.
    return _XML_ILLEGAL.sub(escape, text[:32767])[:32767]


@PROPERTY
@given(run=runs())
def test_property_json_is_strict_and_round_trips(
    tmp_path: Path, run: tuple[list[Result], StockContext]
) -> None:
    results, stock = run
    rows = strict_json(write_results(tmp_path / "p.json", results, stock=stock))

    assert [row["id"] for row in rows] == [r.id for r in results]
    assert [row["error"] for row in rows] == [r.error for r in results]
    for row, result in zip(rows, results, strict=True):
        assert row["quantity"] == json_number(result.quantity)
        assert row["stock_status"] == stock.stock(result).value
        assert row["change"] == json_number(stock.change(result))
        before = stock.previous.get(result.id)
        assert row["previous_quantity"] == (before and json_number(before.quantity))
        assert row["previous_checked_at"] == (before and before.checked_at)
        for key, value in result.fields.items():  # kept, as input_<key> if named like a fixed one
            names = ("input_" * n + key for n in range(len(result.fields) + 2))
            assert any(row.get(name) == value for name in names)


@PROPERTY
@given(run=runs())
def test_property_csv_round_trips_ids_as_escaped(
    tmp_path: Path, run: tuple[list[Result], StockContext]
) -> None:
    results, stock = run
    path = write_results(tmp_path / "p.csv", results, stock=stock)

    with path.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0][: len(OUTPUT_COLUMNS)] == list(OUTPUT_COLUMNS)
    column = {name: OUTPUT_COLUMNS.index(name) for name in OUTPUT_COLUMNS}
    assert [row[0] for row in rows[1:]] == [csv_text(r.id) for r in results]
    assert [row[column["error"]] for row in rows[1:]] == [csv_text(r.error or "") for r in results]
    assert [row[column["stock_status"]] for row in rows[1:]] == [
        stock.stock(r).value for r in results
    ]
    for row, result in zip(rows[1:], results, strict=True):
        before = stock.previous.get(result.id)
        when = "" if before is None else csv_text(before.checked_at)
        assert row[column["previous_checked_at"]] == when
        assert (row[column["change"]] == "") is (stock.change(result) is None)


@settings(max_examples=40, deadline=None, suppress_health_check=PROPERTY.suppress_health_check)
@given(run=runs())
def test_property_xlsx_writes_any_result(
    tmp_path: Path, run: tuple[list[Result], StockContext]
) -> None:
    results, stock = run
    path = write_results(tmp_path / "p.xlsx", results, stock=stock)

    header, rows = read_xlsx(path)
    assert header[: len(OUTPUT_COLUMNS)] == list(OUTPUT_COLUMNS)
    assert [row[0] or "" for row in rows] == [xlsx_text(r.id) for r in results]
    for row, result in zip(rows, results, strict=True):
        quantity = row[OUTPUT_COLUMNS.index("quantity")]
        if isinstance(quantity, str):  # beyond what Excel holds: every digit, as text
            q = result.quantity
            assert quantity == (digits(q) if isinstance(q, int) else json_number(q)
                                if not math.isfinite(q) else repr(q))  # fmt: skip
        elif quantity is not None:
            assert quantity == pytest.approx(result.quantity)
        assert row[OUTPUT_COLUMNS.index("stock_status")] == stock.stock(result).value
        change = row[OUTPUT_COLUMNS.index("change")]
        assert (change is None) is (stock.change(result) is None)


@settings(deadline=None)
@given(run=runs(), width=st.integers(1, 80))
def test_property_table_is_printable(run: tuple[list[Result], StockContext], width: int) -> None:
    results, stock = run
    table = results_table(results, stock=stock, max_error_width=width)

    table.encode("utf-8")
    lines = table.splitlines()
    assert len(lines) == (len(results) + 2 if results else 1)
    assert all(line.isprintable() for line in lines)
    for line, result in zip(lines[2:], results, strict=True):
        assert stock.stock(result).value in line


def test_non_json_values_still_fail_as_export_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="'x'"):
        write_results(tmp_path / "o.json", [Result(id="x", response={"a": {1, 2}})])
