"""Hostile product files: refused at once, in bounded memory, with one clear line.

Special files, files too large or binary, workbooks that expand past Excel's
limits or by a zip bomb's ratio, encrypted or old binary workbooks, and text
whose encoding is mixed.  Where the code before these checks hung or ate all
memory, the load runs in a child process with a memory limit and a timeout.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import struct
import subprocess
import sys
import textwrap
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inventory_gui.core.errors import InputError, LoadCancelled
from inventory_gui.core.inputs.products import SUPPORTED_SUFFIXES, load_products, parse_pasted

CHILD_MEMORY = 1 << 30
CHILD_TIMEOUT = 60

_CHILD = textwrap.dedent(
    """
    import resource, sys
    resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
    from inventory_gui.core.errors import InputError
    from inventory_gui.core.inputs.products import load_products
    try:
        products = load_products(sys.argv[1])
    except InputError as exc:
        print("refused:", exc)
    else:
        print("loaded:", len(products.products))
    """
)


def load_in_child(path: Path | str) -> str:
    """Load ``path`` in a child process with 1 GiB of address space; return its line."""
    script = _CHILD.format(limit=CHILD_MEMORY)
    try:
        done = subprocess.run(
            [sys.executable, "-c", script, str(path)],
            capture_output=True,
            text=True,
            timeout=CHILD_TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"loading {path} did not finish within {CHILD_TIMEOUT} s")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr
    return done.stdout.strip()


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "inventory_gui", *args],
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT,
        check=False,
    )


def fetch_args(path: Path) -> list[str]:
    """A headless fetch of ``path`` that needs no server: port 1 refuses at once."""
    template = "http://127.0.0.1:1/get-current-inventory/{id}"
    return ["fetch", str(path), "--url-template", template, "--retries", "0", "--no-history"]


# ------------------------------------------------------------- special files


def test_fifo_without_writer_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "list.csv"
    os.mkfifo(fifo)
    assert load_in_child(fifo) == (
        "refused: list.csv: not a regular file (a FIFO); save the list to a file and open that"
    )


def test_fifo_written_forever_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "endless.txt"
    os.mkfifo(fifo)
    script = f"f = open({str(fifo)!r}, 'w')\nwhile True: f.write('A1\\n' * 1000)"
    writer = subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.DEVNULL)
    try:
        assert load_in_child(fifo).startswith("refused: endless.txt: not a regular file (a FIFO)")
    finally:
        writer.kill()
        writer.wait()


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_endless_devices_are_refused(device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"{device} does not exist here")
    name = Path(device).name
    line = load_in_child(device)
    assert line.startswith(f"refused: {name}: not a regular file (a character device)")


def test_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(InputError, match=r"^s\.csv: not a regular file \(a socket\)"):
            load_products(path)


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


# ---------------------------------------------------------- size and binary


def test_huge_file_is_refused_by_its_size_before_reading(tmp_path: Path) -> None:
    huge = tmp_path / "huge.csv"
    with huge.open("wb") as file:
        file.truncate(2 << 30)  # sparse: 2 GiB that take no disk
    line = load_in_child(huge)
    assert line.startswith("refused: huge.csv: too large (2,048 MiB; at most 256 MiB is read)")


def test_binary_file_is_refused_at_its_first_chunk(tmp_path: Path) -> None:
    path = tmp_path / "data.csv"
    path.write_bytes(b"id\nA\x00" + b"x" * (48 << 20))
    tracemalloc.start()
    try:
        with pytest.raises(InputError, match=r"^data\.csv: binary data, not text"):
            load_products(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 << 20, f"{peak:,} bytes traced to refuse a binary file"


def test_nul_past_the_first_chunk_is_found_too(tmp_path: Path) -> None:
    path = tmp_path / "late.txt"
    path.write_bytes(b"A1\n" * (1 << 20) + b"\x00")
    with pytest.raises(InputError, match=r"^late\.txt: binary data, not text"):
        load_products(path)


def test_reading_reports_progress_between_chunks_and_can_be_cancelled(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"".join(b"P%07d\n" % n for n in range(2_000_000)))  # 18 MB
    seen: list[float] = []

    def hook(fraction: float) -> None:
        seen.append(fraction)
        if 0.0 < fraction < 0.1:  # still reading the file
            raise LoadCancelled("loading cancelled")

    with pytest.raises(LoadCancelled):
        load_products(path, progress=hook)
    assert seen[-1] < 0.1


# ------------------------------------------------------------------ workbooks


def _sheet_xml(rows: str, dimension: str = "A1") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>'
    ).encode()


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def workbook_with_sheet(tmp_path: Path, name: str, sheet: bytes) -> Path:
    """A real workbook from openpyxl whose first sheet's XML is replaced by ``sheet``."""
    plain = tmp_path / "plain.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["id"])
    book.save(plain)
    path = tmp_path / name
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = sheet if info.filename == "xl/worksheets/sheet1.xml" else source.read(info)
            target.writestr(info.filename, data, compress_type=zipfile.ZIP_DEFLATED)
    return path


ROW_ID = '<row r="1">' + _cell("A1", "id") + "</row>"


@pytest.mark.parametrize(
    ("sheet", "needle"),
    [
        (
            _sheet_xml(ROW_ID + '<row r="2000000">' + _cell("A2000000", "x") + "</row>"),
            "row 2,000,000 in xl/worksheets/sheet1.xml is past Excel's limit of 1,048,576 rows",
        ),
        (
            _sheet_xml(ROW_ID + '<row r="1048577"><c r="B1048577"><v>1</v></c></row>'),
            "row 1,048,577 in xl/worksheets/sheet1.xml is past Excel's limit",
        ),
        (
            _sheet_xml(ROW_ID + '<row r="2">' + _cell("XFE2", "x") + "</row>"),
            "column XFE in xl/worksheets/sheet1.xml is past Excel's last column, XFD",
        ),
        (
            _sheet_xml(ROW_ID + '<row r="2">' + _cell("ZZZ2", "x") + "</row>"),
            "column ZZZ in xl/worksheets/sheet1.xml is past Excel's last column",
        ),
        (
            _sheet_xml(ROW_ID + '<row r="2">' + _cell("A2", "x") + "</row>", "A1:C3000000"),
            "row 3,000,000 in xl/worksheets/sheet1.xml is past Excel's limit",
        ),
        (
            _sheet_xml(ROW_ID + '<row r="2">' + _cell("A2", "x") + "</row>", "A1:AAAA2"),
            "column AAAA in xl/worksheets/sheet1.xml is past Excel's last column",
        ),
    ],
)
def test_workbook_past_excel_limits_is_refused(tmp_path: Path, sheet: bytes, needle: str) -> None:
    path = workbook_with_sheet(tmp_path, "bomb.xlsx", sheet)
    with pytest.raises(InputError) as caught:
        load_products(path)
    assert str(caught.value).startswith(f"bomb.xlsx: {needle}")


def test_rows_past_the_limit_without_references_are_refused(tmp_path: Path) -> None:
    # No r= attributes at all: openpyxl counts the rows itself, and so does the loader.
    # Each row differs, so the part packs no better than a real sheet does.
    rows = "".join(f"<row><c><v>{n * 7919 % 1_000_003}</v></c></row>" for n in range(1_048_576))
    sheet = _sheet_xml("<row>" + _cell("", "id").replace(' r=""', "") + "</row>" + rows)
    path = workbook_with_sheet(tmp_path, "long.xlsx", sheet)
    with pytest.raises(InputError, match=r"^long\.xlsx: line 1048577: the sheet reaches past"):
        load_products(path)


def test_columns_past_the_limit_without_references_are_refused(tmp_path: Path) -> None:
    sheet = _sheet_xml("<row>" + "<c><v>1</v></c>" * 16_385 + "</row>")
    path = workbook_with_sheet(tmp_path, "wide.xlsx", sheet)
    with pytest.raises(InputError, match=r"^wide\.xlsx: line 1: the sheet reaches past Excel's"):
        load_products(path)


def test_zip_bomb_is_refused_by_its_ratio(tmp_path: Path) -> None:
    padding = " " * (64 << 20)  # whitespace a parser must wade through, packed ~1000:1
    sheet = _sheet_xml(ROW_ID + padding + '<row r="2">' + _cell("A2", "x") + "</row>")
    path = workbook_with_sheet(tmp_path, "bomb.xlsx", sheet)
    tracemalloc.start()
    try:
        with pytest.raises(InputError) as caught:
            load_products(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    message = str(caught.value)
    assert message.startswith("bomb.xlsx: not a usable workbook: xl/worksheets/sheet1.xml unpacks")
    assert message.endswith("times its packed size (a zip bomb)")
    assert peak < 16 << 20


def test_workbook_declaring_more_than_the_cap_is_refused(tmp_path: Path) -> None:
    # The zip reader stops at each part's declared size: a part declaring 600 MiB
    # could make it unpack that much, whatever it really holds.
    path = workbook_with_sheet(tmp_path, "vast.xlsx", _sheet_xml(ROW_ID))
    data = bytearray(path.read_bytes())
    entry = data.index(b"PK\x01\x02")  # the central directory's first entry
    while not data[entry + 46 :].startswith(b"xl/worksheets/sheet1.xml"):
        entry = data.index(b"PK\x01\x02", entry + 4)
    struct.pack_into("<I", data, entry + 24, 600 << 20)  # its uncompressed size
    path.write_bytes(data)
    with pytest.raises(InputError, match=r"^vast\.xlsx: the workbook unpacks to 600 MiB, more"):
        load_products(path)


def test_cli_refuses_a_bomb_with_one_line_and_exit_2(tmp_path: Path) -> None:
    sheet = _sheet_xml(ROW_ID + '<row r="2000000000">' + _cell("A2000000000", "x") + "</row>")
    path = workbook_with_sheet(tmp_path, "far.xlsx", sheet)
    done = cli(*fetch_args(path))
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip().splitlines() == [
        "inventory-gui: error: far.xlsx: row 2,000,000,000 in xl/worksheets/sheet1.xml is past"
        " Excel's limit of 1,048,576 rows"
    ]


def test_a_normal_workbook_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "ok.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["sku", "name"])
    for number in range(1, 2001):
        # Text that looks like a reference past the limits is only text.
        book.active.append([f"S{number}", 'thing r="XFE2000000"'])
    book.active.cell(row=2001, column=3, value="far")  # column C is fine
    book.save(path)
    products = load_products(path)
    assert len(products.products) == 2000
    assert products.notes == []


# --------------------------------------------------- encrypted and old .xls


def compound_file(*streams: str) -> bytes:
    """A small OLE2 compound file: its header and one directory sector naming ``streams``."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHH", header, 24, 0x3E, 3, 0xFFFE, 9)  # version 3, 512-byte sectors
    struct.pack_into("<I", header, 48, 0)  # the directory starts at sector 0
    directory = bytearray()
    for number, name in enumerate(("Root Entry", *streams)):
        entry = bytearray(128)
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        entry[: len(encoded)] = encoded
        struct.pack_into("<HBB", entry, 64, len(encoded), 5 if number == 0 else 2, 1)
        directory += entry
    directory += bytes(512 - len(directory) % 512) if len(directory) % 512 else b""
    return bytes(header + directory)


@pytest.mark.parametrize("name", ["secret.xlsx", "secret.xlsm", "secret.bin", "secret.xls"])
def test_encrypted_workbook_says_password_protected(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(compound_file("EncryptionInfo", "EncryptedPackage"))
    with pytest.raises(InputError) as caught:
        load_products(path)
    assert str(caught.value) == (
        f"{name}: the workbook is password-protected; remove the password in Excel and save again"
    )


@pytest.mark.parametrize("name", ["old.xls", "renamed.xlsx", "old.csv"])
def test_old_binary_workbook_says_xls_is_not_supported(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(compound_file("Workbook", "\x05SummaryInformation"))
    with pytest.raises(InputError) as caught:
        load_products(path)
    assert str(caught.value) == (
        f"{name}: old .xls workbooks are not supported; save it as .xlsx or CSV"
    )


# ------------------------------------------------------------------ encodings

MIXED = "id\n" + "".join(f"Café-{n}\n" for n in range(1, 6))


def test_one_latin1_byte_among_utf8_keeps_the_utf8_ids(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(MIXED.encode() + b"Caf\xe9-9\n" + "Zoë-1\n".encode())
    products = load_products(path)
    assert [p.id for p in products.products] == [
        *(f"Café-{n}" for n in range(1, 6)),
        "Café-9",
        "Zoë-1",
    ]
    assert products.notes == [
        "mixed.csv: read as UTF-8, but line 7 held bytes that are not; read those as Windows-1252"
    ]


def test_stray_bytes_on_many_lines_are_all_named(tmp_path: Path) -> None:
    path = tmp_path / "many.txt"
    body = "".join(f"Ü-{n}\n" for n in range(20)).encode()
    stray = b"".join(b"\xe9-%d\n" % n for n in range(7))
    path.write_bytes(body + stray)
    products = load_products(path)
    assert [p.id for p in products.products][:20] == [f"Ü-{n}" for n in range(20)]
    assert [p.id for p in products.products][20:] == [f"é-{n}" for n in range(7)]
    assert products.notes == [
        "many.txt: read as UTF-8, but lines 21, 22, 23, 24, 25… held bytes that are not;"
        " read those as Windows-1252"
    ]


def test_a_byte_neither_utf8_nor_cp1252_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "odd.csv"
    path.write_bytes(MIXED.encode() + b"bad\x81\n")
    with pytest.raises(InputError) as caught:
        load_products(path)
    assert str(caught.value) == "odd.csv: line 7: byte 0x81 is neither UTF-8 nor Windows-1252"


def test_a_windows_file_is_read_as_cp1252_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "win.csv"
    path.write_bytes("sku;name\r\n1;Café €\r\n2;Größe\r\n".encode("cp1252"))
    products = load_products(path)
    assert [p.fields["name"] for p in products.products] == ["Café €", "Größe"]
    assert products.notes == ["win.csv: read as Windows-1252: the file is not UTF-8"]


def test_utf16_says_so_and_utf8_says_nothing(tmp_path: Path) -> None:
    wide = tmp_path / "wide.txt"
    wide.write_bytes("id\nÉ1\n".encode("utf-16"))
    assert load_products(wide).notes == ["wide.txt: read as UTF-16 (it starts with a UTF-16 mark)"]
    plain = tmp_path / "plain.txt"
    plain.write_bytes(MIXED.encode())
    assert load_products(plain).notes == []


def test_cli_prints_the_encoding_note(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(MIXED.encode() + b"Caf\xe9-9\n")
    done = cli(*fetch_args(path), "--quiet")
    assert done.returncode == 1, done.stderr
    assert (
        "inventory-gui: note: mixed.csv: read as UTF-8, but line 7 held bytes that are not;"
        " read those as Windows-1252"
    ) in done.stderr.splitlines()
    assert "Café-1" in done.stdout
    assert "Café-9" in done.stdout


# ----------------------------------------------------------------- properties

_PIECES = ["id", "sku", ",", ";", "\t", "|", '"', "\n", "\r", "[", "{", "}", "]", ":", "x", "é"]
_TEXT = st.text(
    st.characters(exclude_categories=()),  # every code point: surrogates, controls, NUL
    max_size=300,
) | st.lists(st.sampled_from(_PIECES) | st.text(max_size=3), max_size=60).map("".join)

_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


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


def test_a_number_past_the_digit_limit_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "long.json"
    path.write_text("[" + "7" * 5000 + "]")
    with pytest.raises(InputError) as caught:
        load_products(path)
    assert str(caught.value) == "long.json: invalid JSON: a number has too many digits to read"
