"""Reading an input file in bounded chunks, refusing what can never be a product list.

Only regular files are read: a FIFO, a device (``/dev/zero``), a socket or a
directory is refused at once, before anything could block or never end.  The
file is read in chunks of :data:`CHUNK_BYTES`, with a progress report (which
may raise to cancel) after each; a text file is refused as binary at the first
chunk holding a NUL byte, and any file past :data:`MAX_FILE_BYTES` before it
is read, or as soon as it grows past it.
"""

from __future__ import annotations

import codecs
import io
import os
import stat
from collections.abc import Callable
from pathlib import Path

from inventory_gui.core.errors import InputError
from inventory_gui.core.inputs.text_decoding import NotTextError

CHUNK_BYTES = 1 << 20
MAX_FILE_BYTES = 256 << 20
"""The largest product file read: about ten times a million-row list."""

CONTAINER_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
"""Starts of a zip (xlsx) and an OLE2 compound file (encrypted xlsx, old xls)."""

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_NON_BLOCKING = getattr(os, "O_NONBLOCK", 0)  # opening a FIFO must never wait for a writer
_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_input(
    file: Path, source: str, report: Callable[[float], None], *, text: bool
) -> bytearray:
    """Return the bytes of a regular file, read in chunks.

    Args:
        file: the file to read.
        source: its name in messages.
        report: called with the fraction read after each chunk; may raise to cancel.
        text: the file must be text unless it starts as a container
            (:data:`CONTAINER_MAGIC`) or with a UTF-16 BOM: NUL bytes make it binary.

    Raises:
        InputError: the file is missing, unreadable, not a regular file, empty,
            too large, or binary where text was expected.
    """
    fd = _open_regular(file, source)
    with os.fdopen(fd, "rb", buffering=0) as stream:
        size = os.fstat(fd).st_size
        _check_size(size, source)
        # The first chunk decides before the rest is given any memory.
        first = bytearray(min(size, CHUNK_BYTES) + 1)
        filled = _read_chunk(stream, first, 0, source)
        if not filled:
            raise InputError(source, "the file is empty")
        check_nul = text and not first.startswith((*CONTAINER_MAGIC, *_UTF16_BOMS))
        _take_chunk(first, 0, filled, source, check_nul=check_nul)
        report(min(1.0, filled / max(size, 1)))
        del first[filled:]
        return _read_rest(stream, first, size, source, report, check_nul=check_nul)


def _read_rest(
    stream: io.FileIO,
    data: bytearray,
    size: int,
    source: str,
    report: Callable[[float], None],
    *,
    check_nul: bool,
) -> bytearray:
    """Append the rest of ``stream`` to ``data`` a chunk at a time and return it.

    The data grows a chunk per C call: a buffer for the whole file made at once
    is zeroed in one call, which holds the GIL (and so freezes the window) for
    tens of ms while the kernel hands over its pages.
    """
    chunk = bytearray(CHUNK_BYTES)
    with memoryview(chunk) as view:
        while got := _read_chunk(stream, chunk, 0, source):
            _take_chunk(chunk, 0, got, source, check_nul=check_nul)
            data += view[:got]
            _check_size(len(data), source)  # the file may grow while read
            report(min(1.0, len(data) / max(size, 1)))
    return data


def _take_chunk(data: bytearray, start: int, end: int, source: str, *, check_nul: bool) -> None:
    """Refuse text holding a NUL byte in ``data[start:end]``, the chunk just read."""
    if check_nul and data.find(b"\x00", start, end) >= 0:
        raise NotTextError(source, "binary data, not text (it holds NUL bytes)")


def refuse_special_file(file: Path, source: str) -> None:
    """Refuse a FIFO, device, socket or directory before anything opens it.

    Errors of ``stat`` itself (a missing file) are left to the caller's own
    open, which reports them its way.

    Raises:
        InputError: ``file`` exists and is not a regular file.
    """
    try:
        kind = _kind(os.stat(file).st_mode)
    except OSError:
        return
    if kind is not None:
        raise InputError(source, kind)


def _open_regular(file: Path, source: str) -> int:
    try:
        kind = _kind(os.stat(file).st_mode)
        if kind is None:
            fd = os.open(file, os.O_RDONLY | _NON_BLOCKING | getattr(os, "O_CLOEXEC", 0))
            kind = _kind(os.fstat(fd).st_mode)  # it may have been swapped meanwhile
            if kind is None:
                return fd
            os.close(fd)
    except FileNotFoundError:
        raise InputError(source, "file not found") from None
    except PermissionError:
        raise InputError(source, "permission denied") from None
    except OSError as exc:
        raise InputError(source, f"cannot read the file: {exc.strerror or exc}") from None
    raise InputError(source, kind)


def _kind(mode: int) -> str | None:
    """Return why a file of ``mode`` is refused, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory, not a file"
    name = next((name for test, name in _KINDS if test(mode)), "a special file")
    return f"not a regular file ({name}); save the list to a file and open that"


def _check_size(size: int, source: str) -> None:
    if size > MAX_FILE_BYTES:
        problem = (
            f"too large ({size / (1 << 20):,.0f} MiB; at most {MAX_FILE_BYTES >> 20} MiB"
            " is read): split the list into smaller files"
        )
        raise InputError(source, problem)


def _read_chunk(stream: io.FileIO, data: bytearray, start: int, source: str) -> int:
    """Read at most :data:`CHUNK_BYTES` into ``data`` from ``start``; return the count."""
    with memoryview(data) as view:
        try:
            return stream.readinto(view[start : start + CHUNK_BYTES]) or 0
        except OSError as exc:
            raise InputError(source, f"cannot read the file: {exc.strerror or exc}") from None
