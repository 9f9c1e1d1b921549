"""The wheel and sdist: built with ``python -m build``, installed into a fresh virtual environment.

``python -m build`` makes the sdist, then the wheel from that sdist, so the
wheel's resources prove the sdist carries them too.  Installing uses pip's
cache (PySide6 is large), so after the first run this takes seconds.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import time
import zipfile
from importlib.metadata import version
from pathlib import Path

import pytest

pytest.importorskip("build", reason="build is not installed")

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
VERSION = version("inventory-gui")
RESOURCES = (
    "catalogue.json",
    "sample-products.csv",
    "sample-products.json",
    "sample-products.xlsx",
    "icons/inventory-gui.svg",
    *(f"icons/inventory-gui-{size}.png" for size in (16, 32, 48, 64, 128, 256)),
)


@pytest.fixture(scope="module")
def dists(tmp_path_factory) -> dict[str, Path]:
    """Build sdist and wheel once; return {"sdist": path, "wheel": path}."""
    out = tmp_path_factory.mktemp("dists")
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
        cwd=out, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    print(f"\nsdist and wheel built in {time.monotonic() - started:.0f} s")
    wheels, sdists = list(out.glob("*.whl")), list(out.glob("*.tar.gz"))
    assert len(wheels) == 1, wheels
    assert len(sdists) == 1, sdists
    return {"wheel": wheels[0], "sdist": sdists[0]}


def test_wheel_holds_the_resources_as_package_data(dists):
    names = set(zipfile.ZipFile(dists["wheel"]).namelist())
    for resource in RESOURCES:
        assert f"inventory_gui/resources/{resource}" in names, resource
    assert "inventory_gui/resources/make_samples.py" not in names
    for language in ("de", "fr"):  # compiled translations in; their .ts sources out
        assert f"inventory_gui/resources/translations/inventory_gui_{language}.qm" in names
        assert f"inventory_gui/resources/translations/inventory_gui_{language}.ts" not in names
    assert not [n for n in names if n.startswith("inventory_gui/devtools/")], "developer tools"
    assert "inventory_gui/engine/worker_main.py" in names
    assert not [n for n in names if n.startswith("resources/")], "resources only inside the package"
    assert f"inventory_gui-{VERSION}.dist-info/licenses/LICENSE" in names
    assert dists["wheel"].name == f"inventory_gui-{VERSION}-py3-none-any.whl"


def test_sdist_holds_resources_packaging_and_licence(dists):
    with tarfile.open(dists["sdist"]) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    for resource in (*RESOURCES, "make_samples.py"):
        assert f"resources/{resource}" in names, resource
    for path in (
        "LICENSE",
        "README.md",
        "packaging/inventory-gui.spec",
        "packaging/build.sh",
        "packaging/entry.py",
        "packaging/linux/io.github.inventory_gui.InventoryGui.desktop",
        "packaging/linux/io.github.inventory_gui.InventoryGui.metainfo.xml",
    ):
        assert path in names, path


def test_installed_wheel_runs_the_demo_round_trip(dists, tmp_path):
    venv = tmp_path / "venv"
    bindir = venv / ("Scripts" if sys.platform == "win32" else "bin")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON") and k != "VIRTUAL_ENV"}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"

    def run(*args: str | Path, cwd: Path = tmp_path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True,
            timeout=600, check=False,
        )  # fmt: skip

    started = time.monotonic()
    done = run(sys.executable, "-m", "venv", venv)
    assert done.returncode == 0, done.stderr
    python = bindir / ("python.exe" if sys.platform == "win32" else "python")
    done = run(python, "-m", "pip", "install", "--quiet", dists["wheel"])
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    print(f"\nfresh venv with the wheel installed in {time.monotonic() - started:.0f} s")

    elsewhere = tmp_path / "elsewhere"  # not the repository: resources must come from the wheel
    elsewhere.mkdir()
    where = (
        "from inventory_gui.core.resources import resource_path as p; print(p('catalogue.json'))"
    )
    done = run(python, "-c", where, cwd=elsewhere)
    assert done.returncode == 0, done.stderr
    catalogue = Path(done.stdout.strip())
    assert catalogue.is_relative_to(venv), catalogue
    assert catalogue.parent.name == "resources"
    assert catalogue.parent.parent.name == "inventory_gui"

    command = bindir / ("inventory-gui.exe" if sys.platform == "win32" else "inventory-gui")
    done = run(command, "--version", cwd=elsewhere)
    assert done.stdout == f"inventory-gui {VERSION}\n", done.stderr

    done = run(command, "fetch", "--demo", "-q", "-o", "out.json", cwd=elsewhere)
    assert done.returncode == 1, done.stderr  # the sample list has unknown IDs on purpose
    assert "Traceback" not in done.stderr
    rows = json.loads((elsewhere / "out.json").read_text(encoding="utf-8"))
    assert isinstance(rows, list)
    assert {row["status"] for row in rows} == {"ok", "error"}
