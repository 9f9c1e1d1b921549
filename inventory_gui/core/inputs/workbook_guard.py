"""Refusing hostile or unreadable workbooks before the reader expands them.

An ``.xlsx``, ``.xlsm``, ``.xlsb`` or ``.ods`` workbook is a zip of parts.  A
reader trusts it: a cell at row 2,000,000,000 means two billion rows, a cell
past column XFD pads each row to that width, and a part that unpacks to
gigabytes is read whole.  :func:`check_workbook` looks first, within seconds
and a few MB:

* the declared unpacked size of the parts, in all and against their packed size
  (an absurd ratio is a zip bomb; the zip reader never unpacks more than the
  declared size, so checking it bounds the rest);
* every cell and row reference and the declared dimension in the worksheets,
  streamed in chunks, against Excel's own limits (1,048,576 rows, 16,384
  columns, XFD);

and :func:`check_not_encrypted` explains the password-protected workbooks,
which are OLE2 compound files, not zips (so is an old binary ``.xls``, which
is read: its format holds at most 65,536 rows and 256 columns).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

from inventory_gui.core.errors import InputError

EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLUMNS = 16_384
MAX_UNPACKED_BYTES = 256 << 20
"""The most a workbook's parts may unpack to in all."""
MAX_RATIO = 250
"""Unpacked-to-packed size past which a large part is taken for a zip bomb."""

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""How an OLE2 compound file starts: an old ``.xls``, or a password-protected workbook."""
PASSWORD_PROTECTED = (
    "the workbook is password-protected; remove the password in Excel and save again"
)
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")  # a stream name in the OLE2 directory
_RATIO_FLOOR = 1 << 20  # parts smaller than this unpack to too little to matter
_CHUNK = 1 << 20
_OVERLAP = 128  # longer than a cell tag up to its reference, so few are cut in two
# Only references in a cell or row tag (not in text) that may break a limit:
# three or more column letters, or a row number of seven digits or more.
# Legitimate files hardly have any, so the scan runs at the speed of the
# regular expression engine.  A reference the scan misses (a tag cut by a
# chunk's end) is still caught while the rows are read.
_SUSPECT = re.compile(rb'<(?:\w+:)?(?:c|row)\s[^>]*?(?<=\s)r="([A-Za-z]{3,}\d*|[A-Za-z]*\d{7,})"')
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\b[^>]*?\sref="([^"]{0,64})"')
_REFERENCE = re.compile(rb"([A-Za-z]*)(\d*)")
_OVERRIDE = re.compile(rb"<(?:\w+:)?Override\b[^>]*>")
_PART_NAME = re.compile(rb'\sPartName="([^"]*)"')
_CONTENT_TYPE = re.compile(rb'\sContentType="([^"]*)"')


def check_not_encrypted(data: bytes | bytearray, source: str) -> None:
    """Refuse a password-protected workbook (an OLE2 file holding an encrypted package).

    Raises:
        InputError: saying it is password-protected.
    """
    if data.startswith(OLE2_MAGIC) and _ENCRYPTION_INFO in data:
        raise InputError(source, PASSWORD_PROTECTED)


def check_workbook(data: bytes | bytearray, source: str, report: Callable[[], None]) -> None:
    """Refuse a workbook that unpacks absurdly or reaches past Excel's limits.

    Args:
        data: the workbook file.
        source: its name in messages.
        report: called between chunks of the scan; may raise to cancel.

    Raises:
        InputError: one line saying which limit the workbook breaks.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        raise InputError(source, "not a valid Excel workbook (not a zip archive)") from None
    with archive:
        parts = archive.infolist()
        _check_sizes(parts, source)
        sheets = _worksheet_names(archive)
        for part in parts:
            if part.filename in sheets or "worksheets/" in part.filename.lower():
                _scan_part(archive, part, source, report)


def _check_sizes(parts: list[zipfile.ZipInfo], source: str) -> None:
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_UNPACKED_BYTES:
        problem = (
            f"the workbook unpacks to {unpacked / (1 << 20):,.0f} MiB, more than the"
            f" {MAX_UNPACKED_BYTES >> 20} MiB read; save the list as CSV"
        )
        raise InputError(source, problem)
    for part in parts:
        ratio = part.file_size / max(part.compress_size, 1)
        if part.file_size > _RATIO_FLOOR and ratio > MAX_RATIO:
            problem = (
                f"not a usable workbook: {part.filename} unpacks {ratio:,.0f} times its"
                " packed size (a zip bomb)"
            )
            raise InputError(source, problem)


def _worksheet_names(archive: zipfile.ZipFile) -> set[str]:
    """Return the parts that ``[Content_Types].xml`` declares to be worksheets."""
    try:
        with archive.open("[Content_Types].xml") as stream:
            types = stream.read(_CHUNK)
    except (KeyError, zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError):
        return set()  # the reader will say what is wrong with it
    names = set()
    for override in _OVERRIDE.findall(types):
        name, kind = _PART_NAME.search(override), _CONTENT_TYPE.search(override)
        if name and kind and kind.group(1).endswith(b".worksheet+xml"):
            names.add(name.group(1).decode("utf-8", "replace").lstrip("/"))
    return names


def _scan_part(
    archive: zipfile.ZipFile, part: zipfile.ZipInfo, source: str, report: Callable[[], None]
) -> None:
    tail = b""
    try:
        with archive.open(part) as stream:
            while chunk := stream.read(_CHUNK):
                window = tail + chunk
                _check_window(window, part.filename, source)
                tail = window[-_OVERLAP:]
                report()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as exc:
        problem = f"not a valid Excel workbook ({part.filename}: {str(exc)[:120] or 'damaged'})"
        raise InputError(source, problem) from None
    except NotImplementedError:
        problem = f"{part.filename} is packed in a way that cannot be read"
        raise InputError(source, problem) from None


def _check_window(window: bytes, part: str, source: str) -> None:
    for match in _SUSPECT.finditer(window):
        _check_reference(match.group(1), part, source)
    dimension = _DIMENSION.search(window)
    if dimension:
        for corner in dimension.group(1).split(b":"):
            _check_reference(corner.replace(b"$", b""), part, source)


def _check_reference(reference: bytes, part: str, source: str) -> None:
    """Refuse an ``A1``-style reference (letters, digits, either may be absent) past the limits."""
    match = _REFERENCE.fullmatch(reference)
    if match is None:
        return  # not a reference a reader would follow either
    letters, digits = match.group(1).decode("ascii").upper(), match.group(2).lstrip(b"0")
    if len(digits) > 7 or (digits and int(digits) > EXCEL_MAX_ROWS):
        shown = f"row {int(digits):,}" if len(digits) <= 20 else "a row"
        problem = f"{shown} in {part} is past Excel's limit of {EXCEL_MAX_ROWS:,} rows"
        raise InputError(source, problem)
    if len(letters) > 3 or (len(letters) == 3 and letters > "XFD"):
        shown = letters if len(letters) <= 8 else letters[:8] + "…"
        problem = (
            f"column {shown} in {part} is past Excel's last column, XFD"
            f" ({EXCEL_MAX_COLUMNS:,} columns)"
        )
        raise InputError(source, problem)
