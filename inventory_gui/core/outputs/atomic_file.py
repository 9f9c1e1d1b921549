"""Replacing a file atomically: a temporary file next to it, then a rename.

The temporary file is named ``.NAME.inventory-gui-PID-XXXXXXXX.tmp`` next to
the target, so a process killed while writing leaves a file that is
recognisably ours: the next write into that folder removes those whose
process is gone.  A target that is a symbolic link is written through: the
file it points to is replaced and the link stays.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any

_TAG = ".inventory-gui-"
_OURS = re.compile(r"\..+\.inventory-gui-(\d+)-\w+\.tmp")


def resolve_target(path: str | os.PathLike[str]) -> Path:
    """Return the file that writing to ``path`` replaces: symbolic links followed."""
    return Path(os.path.realpath(path))


def same_file(first: str | os.PathLike[str], second: str | os.PathLike[str]) -> bool:
    """Whether both paths name one existing file (also through links or other names)."""
    try:
        return os.path.samestat(os.stat(first), os.stat(second))
    except (OSError, ValueError):
        return False


@contextmanager
def atomic_write(target: Path, mode: str, **options: Any) -> Iterator[IO[Any]]:
    """Yield a temporary file that replaces ``target`` if the block succeeds.

    On any failure or interruption the temporary file is removed and
    ``target`` is left as it was.  ``target`` should come from
    :func:`resolve_target`.
    """
    remove_stale_temp_files(target.parent)
    file_mode = _file_mode(target)
    tmp = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, kept on success
        mode,
        delete=False,
        dir=target.parent,
        prefix=f".{target.name[:100]}{_TAG}{os.getpid()}-",
        suffix=".tmp",
        **options,
    )
    try:
        with tmp:
            yield tmp
            tmp.flush()
            os.fsync(tmp.fileno())
        os.chmod(tmp.name, file_mode)  # NamedTemporaryFile makes it 0600
        os.replace(tmp.name, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp.name)
        raise
    _sync_folder(target.parent)


def remove_stale_temp_files(folder: Path) -> list[str]:
    """Remove our temporary files in ``folder`` whose writing process has ended.

    Returns:
        The names removed.  Nothing is removed where liveness cannot be checked
        (not POSIX), nor files of a process still running.
    """
    if os.name != "posix":
        return []
    removed = []
    with suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            match = _OURS.fullmatch(entry.name) if _TAG in entry.name else None
            if match and not _alive(int(match.group(1))):
                with suppress(OSError):
                    os.unlink(entry.path)
                    removed.append(entry.name)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OverflowError, OSError):
        return True  # someone else's process, or a PID we cannot ask about: keep its file
    return True


def _file_mode(target: Path) -> int:
    """Return the permissions for the output: the old file's, else what the umask allows."""
    with suppress(OSError):
        return stat.S_IMODE(target.stat().st_mode)
    umask = os.umask(0o077)  # reading it means setting it; briefly stricter is harmless
    os.umask(umask)
    return 0o666 & ~umask


def _sync_folder(folder: Path) -> None:
    """Make the rename durable; some systems cannot open a folder, which is harmless."""
    with suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
