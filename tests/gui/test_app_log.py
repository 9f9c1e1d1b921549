"""The window's log file takes any string a product ID can hold."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_log_writes_any_string(tmp_path):
    script = (
        "import logging\n"
        "from inventory_gui.gui.app import setup_logging\n"
        "path = setup_logging()\n"
        "logging.getLogger('inventory_gui').warning('id %s', 'bad\\udc80\\x00\\u202e')\n"
        "print(path)\n"
    )
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path)}

    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=env, timeout=60, check=False)  # fmt: skip

    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    log = Path(done.stdout.strip()).read_text(encoding="utf-8")
    assert "id bad\\udc80\x00\u202e" in log
