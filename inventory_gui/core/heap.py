"""Large blocks of memory on pages of their own, given back when freed (glibc).

glibc serves a block of 128 KiB or more with pages of its own (mmap), given
back to the system when the block is freed, but each time such a block is
freed it raises that threshold to the block's size (up to 32 MiB).  In the
window, once a copy of a long list of rows has been freed, the batches of
results read from the fetch worker (a few hundred KiB each, many a second)
come from the heap instead; interleaved with what stays, they leave holes
the heap cannot give back, and a long run ends with that much more resident
memory.  :func:`keep_large_blocks_apart` fixes the threshold at glibc's
initial value, as documented in mallopt(3) (setting it turns the raising off).
"""

from __future__ import annotations

import ctypes
import sys

M_MMAP_THRESHOLD = -3  # mallopt's parameter number, from <malloc.h>
LARGE_BLOCK = 128 * 1024  # glibc's initial threshold: blocks from here on get their own pages


def keep_large_blocks_apart() -> bool:
    """Fix glibc's mmap threshold; return False where there is no glibc to tell."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt  # this process's own C library
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    return bool(mallopt(M_MMAP_THRESHOLD, LARGE_BLOCK))
