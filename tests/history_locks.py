"""A history database locked by another connection, and the journals a locked run leaves."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from inventory_gui.core.history.store import DB_NAME

# What the CLI and the window say while another program holds the history locked.
NOTICE = "another program holds the history locked"


@contextmanager
def exclusive_lock(file: Path) -> Iterator[sqlite3.Connection]:
    """Another connection holding ``file`` in a long exclusive transaction."""
    conn = sqlite3.connect(file, isolation_level=None)
    conn.execute("BEGIN EXCLUSIVE")
    try:
        yield conn
    finally:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        conn.close()


def journals(folder: Path) -> list[Path]:
    """The journals of unrecorded results left in ``folder``, oldest name first."""
    return sorted(folder.glob(f"{DB_NAME}.unrecorded-*"))
