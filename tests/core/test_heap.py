"""Large blocks stay on pages of their own once the threshold is fixed (glibc only)."""

from __future__ import annotations

import ctypes
import sys

import pytest

from inventory_gui.core.heap import LARGE_BLOCK, keep_large_blocks_apart

MIB = 1024 * 1024


class MallInfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in (
            "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks",
            "fsmblks", "uordblks", "fordblks", "keepcost",
        )
    ]  # fmt: skip


def _libc():
    if not sys.platform.startswith("linux"):
        pytest.skip("glibc only")
    libc = ctypes.CDLL(None)
    if not hasattr(libc, "mallinfo2"):
        pytest.skip("no glibc 2.33 or later here")
    libc.mallinfo2.restype = MallInfo2
    libc.malloc.restype = ctypes.c_void_p
    libc.malloc.argtypes = (ctypes.c_size_t,)
    libc.free.argtypes = (ctypes.c_void_p,)
    return libc


def test_a_large_block_gets_its_own_pages_even_after_a_larger_one_was_freed():
    libc = _libc()
    assert keep_large_blocks_apart()
    # Freeing a 16 MiB block would raise glibc's threshold to 16 MiB ...
    libc.free(libc.malloc(16 * MIB))
    info = libc.mallinfo2()
    size = info.fordblks + 2 * LARGE_BLOCK  # more than the heap has free: it must grow, or map
    if size >= 16 * MIB:
        pytest.skip("this process's heap has too much free space to tell")
    block = libc.malloc(size)
    try:
        # ... and this block would then grow the heap instead of having pages of its own.
        assert libc.mallinfo2().hblks == info.hblks + 1
    finally:
        libc.free(block)
