"""Decoding a text file, deciding its encoding from the evidence it holds.

* A UTF-16 BOM: UTF-16.
* Valid UTF-8 (with or without BOM): UTF-8, silently.
* Mostly UTF-8: at least as many valid multi-byte UTF-8 characters as bytes
  that are not UTF-8.  The file is read as UTF-8 and only the stray bytes as
  Windows-1252 (a Latin-1 ``é`` typed into a UTF-8 list); the note names their
  lines, so that no UTF-8 ID is turned into mojibake.
* Otherwise no evidence of UTF-8: the whole file is Windows-1252, and the
  note says so.

Whenever the text was not plain UTF-8, :class:`Decoded` carries a one-line note
for the user.

UTF-8 text comes in blocks of about a megabyte that end on a line break: one
string of a large file is made by one C call that holds the GIL, and so
freezes the window, for tens of ms (most of it the kernel handing over fresh
pages).  The readers of delimited and plain text read the blocks as they
are; the JSON reader joins them.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from inventory_gui.core.errors import InputError

_STRAY = re.compile("[\udc80-\udcff]")  # bytes that are not UTF-8, as surrogateescape keeps them
_NON_ASCII = re.compile("[^\x00-\x7f]")
_LINES_LISTED = 5
_STEP_BYTES = 1 << 20


class NotTextError(InputError):
    """A file that should be text is binary: NUL bytes, or no known encoding fits."""


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text in blocks and, when it was not plain UTF-8, a note saying how it
    was read.

    Each block but the last ends just after a ``"\n"``; none is empty.
    """

    blocks: list[str]
    note: str | None = None


def decode_text(data: bytes | bytearray, source: str) -> Decoded:
    """Decode a text file's bytes (see the module's rules).

    Raises:
        InputError: the data holds NUL bytes or is not text in these encodings.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
            return Decoded(_one_block(text), "read as UTF-16 (it starts with a UTF-16 mark)")
        except UnicodeDecodeError:
            raise NotTextError(source, "not valid UTF-16 text") from None
    if b"\x00" in data:
        raise NotTextError(source, "binary data, not text (it holds NUL bytes)")
    try:
        return Decoded(_utf8_in_steps(data))
    except UnicodeDecodeError:
        pass
    escaped = data.decode("utf-8-sig", errors="surrogateescape")
    strays = [match.start() for match in _STRAY.finditer(escaped)]
    multibyte = len(_NON_ASCII.findall(escaped)) - len(strays)
    if multibyte >= len(strays):
        return _mostly_utf8(escaped, strays, source)
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        problem = "binary data, not text (neither UTF-8 nor Windows-1252)"
        raise NotTextError(source, problem) from None
    return Decoded(_one_block(text), "read as Windows-1252: the file is not UTF-8")


def _one_block(text: str) -> list[str]:
    return [text] if text else []


def _utf8_in_steps(data: bytes | bytearray, step: int = _STEP_BYTES) -> list[str]:
    """``data.decode("utf-8-sig")`` in blocks ending on a line break, one C call per
    block of about ``step`` bytes (see the module's docstring).

    A block is cut just after a ``b"\n"``, which in UTF-8 never lies inside a
    character, so each decodes on its own; a line longer than ``step`` makes a
    longer block.

    Raises:
        UnicodeDecodeError: the data is not UTF-8.
    """
    start = len(codecs.BOM_UTF8) if data[:3] == codecs.BOM_UTF8 else 0
    blocks: list[str] = []
    with memoryview(data) as view:
        while start < len(data):
            cut = data.rfind(b"\n", start, start + step) + 1
            if not cut:  # no line break within the step: up to the next one
                cut = data.find(b"\n", start + step) + 1 or len(data)
            blocks.append(str(view[start:cut], "utf-8"))
            start = cut
    return blocks


def _mostly_utf8(escaped: str, strays: list[int], source: str) -> Decoded:
    """Decode the stray bytes of UTF-8 text as Windows-1252 and name their lines."""
    lines = _line_numbers(escaped, strays)
    try:
        text = _STRAY.sub(_cp1252_char, escaped)
    except UnicodeDecodeError as exc:
        line = lines[strays.index(exc.start)] if exc.start in strays else None
        problem = f"byte 0x{exc.object[0]:02X} is neither UTF-8 nor Windows-1252"
        raise InputError(source, problem, line) from None
    unique = sorted(set(lines))
    listed = ", ".join(map(str, unique[:_LINES_LISTED]))
    listed += "…" if len(unique) > _LINES_LISTED else ""
    word = "line" if len(unique) == 1 else "lines"
    note = f"read as UTF-8, but {word} {listed} held bytes that are not; read those as Windows-1252"
    return Decoded(_one_block(text), note)


def _cp1252_char(match: re.Match[str]) -> str:
    byte = bytes([ord(match.group()) - 0xDC00])
    try:
        return byte.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise UnicodeDecodeError("cp1252", byte, match.start(), match.end(), exc.reason) from None


def _line_numbers(text: str, positions: list[int]) -> list[int]:
    """Return the 1-based line of each of the ascending ``positions`` in one pass."""
    lines = []
    line, previous = 1, 0
    for position in positions:
        line += text.count("\n", previous, position)
        lines.append(line)
        previous = position
    return lines
