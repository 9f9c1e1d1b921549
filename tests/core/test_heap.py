"""Large blocks stay on pages of their own once the threshold is fixed (glibc only).

Checked in a fresh process each time: whether a block is mapped on its own
depends on how much free space the heap already has.
"""

from __future__ import annotations

import ctypes
import subprocess
import sys
import textwrap

import pytest

CHILD = textwrap.dedent(
    """
    import ctypes, sys
    from inventory_gui.core.heap import LARGE_BLOCK, keep_large_blocks_apart

    class MallInfo2(ctypes.Structure):
        _fields_ = [(name, ctypes.c_size_t) for name in (
            "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks",
            "fsmblks", "uordblks", "fordblks", "keepcost")]

    libc = ctypes.CDLL(None)
    libc.mallinfo2.restype = MallInfo2
    libc.malloc.restype = ctypes.c_void_p
    libc.malloc.argtypes = (ctypes.c_size_t,)
    libc.free.argtypes = (ctypes.c_void_p,)
    if sys.argv[1] == "fixed":
        assert keep_large_blocks_apart()
    # Freeing a 16 MiB block raises glibc's threshold to 16 MiB, unless fixed.
    libc.free(libc.malloc(16 * 1024 * 1024))
    info = libc.mallinfo2()
    size = info.fordblks + 2 * LARGE_BLOCK  # more than the heap has free: it grows, or maps
    assert size < 16 * 1024 * 1024, size
    libc.malloc(size)
    print(libc.mallinfo2().hblks - info.hblks)
    """
)


def _mapped_blocks(mode: str) -> int:
    if not sys.platform.startswith("linux") or not hasattr(ctypes.CDLL(None), "mallinfo2"):
        pytest.skip("glibc 2.33 or later only")
    done = subprocess.run(
        [sys.executable, "-c", CHILD, mode], capture_output=True, text=True, check=True
    )
    return int(done.stdout)


def test_a_large_block_gets_its_own_pages_even_after_a_larger_one_was_freed():
    assert _mapped_blocks("fixed") == 1


def test_without_the_fix_such_a_block_would_grow_the_heap():
    # What the fix is for: glibc's own behaviour, checked so the test above can fail.
    assert _mapped_blocks("default") == 0
