"""``pipx install .`` and ``uv tool install .`` give a working ``inventory-gui`` command.

Each tool installs this checkout into a temporary home: the tool's own folders,
the folder it puts commands in and the XDG folders all lie under tmp_path.  The
installed command then runs from another folder, so everything it needs must
come from what the tool installed.  The package caches stay where they are
outside the temporary home (pip's and uv's), so PySide6 is downloaded once,
not on every run; the tools reach the package index as they would for a user.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from collections.abc import Mapping
from importlib.metadata import version
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
VERSION = version("inventory-gui")
EXE = ".exe" if sys.platform == "win32" else ""


def _run(
    args: list[str | Path], env: Mapping[str, str], cwd: Path
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=dict(env), capture_output=True, text=True,
        timeout=900, check=False,
    )  # fmt: skip


def _caches() -> dict[str, str]:
    """pip's and uv's cache folders for this user, where they have one (pip's can be off)."""
    caches = {}
    for tool, variable in (("pip", "PIP_CACHE_DIR"), ("uv", "UV_CACHE_DIR")):
        done = _run([sys.executable, "-m", tool, "cache", "dir"], os.environ, ROOT)
        if done.returncode == 0:
            caches[variable] = done.stdout.strip()
    return caches


@pytest.fixture
def home(tmp_path: Path) -> dict[str, str]:
    """An environment whose home, tool folders and XDG folders are all under tmp_path."""
    home = tmp_path / "home"
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("PYTHON", "PIPX_", "UV_", "XDG_")) and name != "VIRTUAL_ENV"
    }
    env |= {
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_STATE_HOME": str(home / ".local/state"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_BIN_HOME": str(home / ".local/bin"),
        "PIPX_HOME": str(tmp_path / "pipx"),
        "PIPX_BIN_DIR": str(tmp_path / "pipx-bin"),
        "PIPX_MAN_DIR": str(tmp_path / "pipx-man"),
        "UV_TOOL_DIR": str(tmp_path / "uv-tools"),
        "UV_TOOL_BIN_DIR": str(tmp_path / "uv-bin"),
        "UV_PYTHON_DOWNLOADS": "never",  # use this interpreter, never fetch another
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        **_caches(),
    }
    home.mkdir()
    return env


# tool: (its install command, the variables naming its environments' and commands' folders)
INSTALLS = {
    "pipx": (["pipx", "install"], "PIPX_HOME", "PIPX_BIN_DIR"),
    "uv": (["uv", "tool", "install"], "UV_TOOL_DIR", "UV_TOOL_BIN_DIR"),
}


@pytest.mark.parametrize("tool", sorted(INSTALLS))
def test_tool_install_gives_a_working_command(tool: str, home: dict[str, str], tmp_path: Path):
    install, tool_dir, bin_dir = INSTALLS[tool]
    done = _run([sys.executable, "-m", *install, "--python", sys.executable, ROOT], home, tmp_path)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]

    command = Path(home[bin_dir]) / f"inventory-gui{EXE}"
    assert command.is_file(), sorted(p.name for p in command.parent.iterdir())
    # The command runs the tool's own environment, not the one running the tests.
    assert command.resolve().is_relative_to(home[tool_dir]), command.resolve()

    elsewhere = tmp_path / "elsewhere"  # not the checkout: resources come from the install
    elsewhere.mkdir()
    done = _run([command, "--version"], home, elsewhere)
    assert (done.returncode, done.stdout) == (0, f"inventory-gui {VERSION}\n"), done.stderr

    done = _run([command, "fetch", "--demo", "--quiet", "-o", "out.json"], home, elsewhere)
    assert done.returncode == 1, done.stderr  # the sample list has unknown IDs on purpose
    assert "Traceback" not in done.stderr
    rows = json.loads((elsewhere / "out.json").read_text(encoding="utf-8"))
    assert {row["status"] for row in rows} == {"ok", "error"}
    with (ROOT / "resources" / "sample-products.csv").open(encoding="utf-8", newline="") as f:
        listed = list(dict.fromkeys(line["id"] for line in csv.DictReader(f)))  # fetched once
    assert [row["id"] for row in rows] == listed
    # The history went to the temporary home's data folder, not the real user's.
    assert (Path(home["XDG_DATA_HOME"]) / "inventory-gui" / "history.sqlite3").is_file()
