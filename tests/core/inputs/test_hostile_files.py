"""Hostile product files end to end: the command line's one-line refusals, and
properties over any bytes, text or JSON: nothing but InputError escapes a load,
and cancelling stops it at the report that asked.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inventory_gui.core.errors import InputError, LoadCancelled
from inventory_gui.core.inputs.registry import SUPPORTED_SUFFIXES, load_products, parse_pasted

CLI_TIMEOUT = 60


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "inventory_gui", *args],
        capture_output=True,
        text=True,
        timeout=CLI_TIMEOUT,
        check=False,
    )


def fetch_args(path: Path) -> list[str]:
    """A headless fetch of ``path`` that needs no server: port 1 refuses at once."""
    template = "http://127.0.0.1:1/get-current-inventory/{id}"
    return ["fetch", str(path), "--url-template", template, "--retries", "0", "--no-history"]


def test_cli_refuses_a_fifo_with_one_line(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    done = cli(*fetch_args(fifo))
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines() == [
        "inventory-gui: error: pipe.csv: not a regular file (a FIFO);"
        " save the list to a file and open that"
    ]


def test_cli_refuses_a_fifo_as_earlier_results(tmp_path: Path) -> None:
    fifo = tmp_path / "results.json"
    os.mkfifo(fifo)
    template = "http://127.0.0.1:1/{id}"
    done = cli("fetch", "--retry-failed-from", str(fifo), "--url-template", template)
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines() == [
        f"inventory-gui: error: {fifo}: not a regular file (a FIFO);"
        " save the list to a file and open that"
    ]


def test_cli_refuses_a_bomb_with_one_line_and_exit_2(workbook_with_sheet) -> None:
    far_row = '<row r="2000000000"><c r="A2000000000" t="inlineStr"><is><t>x</t></is></c></row>'
    path = workbook_with_sheet("far.xlsx", far_row)
    done = cli(*fetch_args(path))
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines() == [
        "inventory-gui: error: far.xlsx: row 2,000,000,000 in xl/worksheets/sheet1.xml is past"
        " Excel's limit of 1,048,576 rows"
    ]


def test_cli_prints_the_encoding_note(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    utf8 = "id\n" + "".join(f"Café-{n}\n" for n in range(1, 6))
    path.write_bytes(utf8.encode() + b"Caf\xe9-9\n")
    done = cli(*fetch_args(path), "--quiet")
    assert done.returncode == 1, done.stderr
    assert (
        "inventory-gui: note: mixed.csv: read as UTF-8, but line 7 held bytes that are not;"
        " read those as Windows-1252"
    ) in done.stderr.splitlines()
    assert "Café-1" in done.stdout
    assert "Café-9" in done.stdout


_PIECES = ["id", "sku", ",", ";", "\t", "|", '"', "\n", "\r", "[", "{", "}", "]", ":", "x", "é"]


_TEXT = st.text(
    st.characters(exclude_categories=()),  # every code point: surrogates, controls, NUL
    max_size=300,
) | st.lists(st.sampled_from(_PIECES) | st.text(max_size=3), max_size=60).map("".join)


_SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@_SETTINGS
@given(text=_TEXT)
def test_pasted_text_never_raises_but_input_error(text: str) -> None:
    try:
        products = parse_pasted(text)
    except InputError:
        return
    assert all(product.id == product.id.strip() and product.id for product in products.products)


@_SETTINGS
@given(data=st.binary(max_size=400), suffix=st.sampled_from([*SUPPORTED_SUFFIXES, ".dat", ""]))
def test_any_bytes_in_any_file_raise_only_input_error(
    tmp_path: Path, data: bytes, suffix: str
) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    with contextlib.suppress(InputError):
        load_products(path)


@_SETTINGS
@given(text=_TEXT, suffix=st.sampled_from([".csv", ".tsv", ".txt", ".json", ".dat"]))
def test_any_text_in_a_text_file_raises_only_input_error(
    tmp_path: Path, text: str, suffix: str
) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    with contextlib.suppress(InputError):
        load_products(path)


@_SETTINGS
@given(text=_TEXT, after=st.integers(0, 4))
def test_cancelling_any_load_raises_load_cancelled(tmp_path: Path, text: str, after: int) -> None:
    path = tmp_path / "input.csv"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    reports: list[float] = []

    def cancel_after(fraction: float) -> None:
        reports.append(fraction)
        if len(reports) > after:
            raise LoadCancelled("loading cancelled")

    try:
        load_products(path, progress=cancel_after)
    except LoadCancelled:
        assert len(reports) == after + 1
    except InputError:
        assert len(reports) <= after
    else:
        assert len(reports) <= after


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=12,
)


_JSON_DOCUMENTS = (
    _JSON_VALUES.map(json.dumps)
    | st.dictionaries(st.sampled_from(["products", "items", "x"]), _JSON_VALUES).map(json.dumps)
    # Number literals the parser reads but Python may not convert (digit limits, 1e999).
    | st.lists(
        st.from_regex(r"-?[1-9][0-9]{0,30}(\.[0-9]+)?(e-?[0-9]{1,4})?", fullmatch=True)
        | st.integers(1, 6000).map(lambda digits: "9" * digits)
    ).map(lambda numbers: "[" + ",".join(numbers) + "]")
)


@_SETTINGS
@given(document=_JSON_DOCUMENTS)
def test_any_json_document_raises_only_input_error(tmp_path: Path, document: str) -> None:
    path = tmp_path / "input.json"
    path.write_text(document, encoding="utf-8", errors="surrogatepass")
    with contextlib.suppress(InputError):
        load_products(path)
