"""Running Python code in a subprocess where importing Qt (PySide6, shiboken6, qasync) fails."""

from __future__ import annotations

import subprocess
import sys
import textwrap

BLOCK_QT = textwrap.dedent(
    """
    import sys

    class BlockQt:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("PySide6", "shiboken6", "qasync"):
                raise ImportError(f"Qt imported by the headless path: {name}")
            return None

    sys.meta_path.insert(0, BlockQt())
    """
)


def run_blocked(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BLOCK_QT + textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
