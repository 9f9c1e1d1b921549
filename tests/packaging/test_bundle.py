"""The desktop bundle: built by packaging/build.sh, then run as a machine without Python would.

One PyInstaller build (about 40 s) serves every test here; it goes to a
temporary folder, never to the repository's ``dist/``.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path

import pytest

from inventory_gui.core.fetch.settings import FetchSettings
from inventory_gui.core.models import Product
from inventory_gui.engine.worker_process import WorkerProcess, WorkerProcessRun
from tests.loopback import LoopbackApi, stock_handler

pytest.importorskip("PyInstaller", reason="PyInstaller is not installed")

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "packaging" / "build.sh"
EXE = "inventory-gui.exe" if sys.platform == "win32" else "inventory-gui"
# Windows and macOS build a windowed program, and a console twin for the CLI.
CLI = {"win32": "inventory-gui-cli.exe", "darwin": "inventory-gui-cli"}.get(sys.platform, EXE)
LINUX = sys.platform.startswith("linux")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """Build the bundle once; return its folder (``<distpath>/inventory-gui``)."""
    out = tmp_path_factory.mktemp("bundle")
    env = {**os.environ, "PYTHON": sys.executable}
    started = time.monotonic()
    done = subprocess.run(
        ["bash", str(BUILD), "--distpath", str(out / "dist"), "--workpath", str(out / "work")],
        cwd=out, env=env, capture_output=True, text=True, timeout=1200, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-5000:]
    print(f"\nbundle built in {time.monotonic() - started:.0f} s: {done.stdout.strip()}")
    return out / "dist" / "inventory-gui"


def clean_env(home: Path) -> dict[str, str]:
    """An environment with no trace of this virtual environment, and a private home."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("PYTHON") and key not in ("VIRTUAL_ENV", "PATH", "HOME")
    }
    env.update(
        PATH=os.pathsep.join(p for p in ("/usr/bin", "/bin") if Path(p).is_dir()) or os.defpath,
        HOME=str(home),
        LANG="C.UTF-8",
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CACHE_HOME=str(home / ".cache"),
        QT_QPA_PLATFORM="offscreen",
    )
    return env


def run_frozen(bundle: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bundle / CLI), *args],
        cwd=tmp_path, env=clean_env(tmp_path), capture_output=True, text=True, timeout=120,
        check=False,
    )  # fmt: skip


def test_version_is_the_package_metadata_version(bundle, tmp_path):
    done = run_frozen(bundle, tmp_path, "--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"inventory-gui {version('inventory-gui')}\n"
    assert "+unknown" not in done.stdout


def test_fetch_demo_round_trip(bundle, tmp_path):
    done = run_frozen(bundle, tmp_path, "fetch", "--demo", "-q", "-o", "out.json")
    assert done.returncode == 1, done.stderr  # the sample list has unknown IDs on purpose
    assert "Traceback" not in done.stderr
    rows = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert isinstance(rows, list)
    statuses = {row["status"] for row in rows}
    assert statuses == {"ok", "error"}
    assert all(isinstance(row["quantity"], int) for row in rows if row["status"] == "ok")


def test_bundle_holds_the_resources_and_leaves_out_what_is_unused(bundle):
    internal = bundle / "_internal"
    resources = internal / "inventory_gui" / "resources"
    for name in (
        "catalogue.json",
        "sample-products.csv",
        "sample-products.json",
        "sample-products.xlsx",
        "icons/inventory-gui.svg",
        "icons/inventory-gui-256.png",
    ):
        assert (resources / name).is_file(), name
    assert not (resources / "make_samples.py").exists()
    pyside = internal / "PySide6"
    modules = {p.name.split(".")[0] for p in pyside.glob("Qt*.*") if p.is_file()}
    assert {"QtCore", "QtGui", "QtWidgets", "QtNetwork"} <= modules  # QtNetwork: one instance
    assert not modules & {"QtQml", "QtQuick", "QtSvg", "QtDBus", "QtOpenGL"}
    for language in ("de", "fr"):  # the app's messages and Qt's standard dialogs
        assert (resources / "translations" / f"inventory_gui_{language}.qm").is_file()
        assert [p for p in pyside.rglob(f"qtbase_{language}.qm")], language
    assert not list(resources.rglob("*.ts")), "translators' sources are not resources"
    qt_translations = {p.name for p in pyside.rglob("*.qm")}
    assert qt_translations == {"qtbase_de.qm", "qtbase_fr.qm"}, "only the languages the app has"
    plugins = {p.relative_to(p.parents[1]).as_posix() for p in pyside.rglob("plugins/*/*")}
    if LINUX:
        assert {"platforms/libqxcb.so", "platforms/libqoffscreen.so"} <= plugins
        assert not {p for p in plugins if p.startswith(("imageformats/", "iconengines/"))}
        libs = {p.name for p in (pyside / "Qt" / "lib").iterdir()}
        assert not {lib for lib in libs if lib.startswith(("libQt6Quick", "libQt6Qml"))}
        assert "libQt6Network.so.6" in libs


@pytest.mark.skipif(not LINUX or not shutil.which("ldd"), reason="ldd: Linux only")
def test_every_shared_library_finds_its_dependencies(bundle):
    """A plugin whose libraries are missing fails only when Qt loads it: check them all now."""
    internal = bundle / "_internal"
    env = {**os.environ, "LD_LIBRARY_PATH": str(internal)}  # as the bootloader sets it
    missing = []
    for path in [bundle / EXE, *internal.rglob("*.so*")]:
        if path.is_symlink() or not path.is_file():
            continue
        done = subprocess.run(["ldd", str(path)], env=env, capture_output=True, text=True)
        missing += [
            f"{path.relative_to(bundle)}: {line.strip()}"
            for line in done.stdout.splitlines()
            if "not found" in line
        ]
    assert not missing, (
        "libraries missing on the build machine, so not bundled (Debian: apt-get install "
        "libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libwayland-cursor0 libwayland-egl1):\n"
        + "\n".join(missing)
    )


XVFB_RUN = shutil.which("xvfb-run")


@pytest.mark.skipif(sys.platform == "win32", reason="log location and signals: POSIX")
@pytest.mark.parametrize(
    "platform",
    [
        "offscreen",
        pytest.param(
            "xcb",
            marks=pytest.mark.skipif(not (LINUX and XVFB_RUN), reason="X11 test: needs xvfb-run"),
        ),
    ],
)
def test_window_starts(bundle, tmp_path, platform):
    """``inventory-gui --demo`` opens its window and keeps running (offscreen, or X11 on Xvfb)."""
    env = clean_env(tmp_path)
    env["QT_QPA_PLATFORM"] = platform
    command = [str(bundle / EXE), "--demo"]
    if platform == "xcb":
        command = [XVFB_RUN, "-a", "-s", "-screen 0 1280x800x24", *command]
    log = tmp_path / ".local" / "state" / "inventory-gui" / "log" / "inventory-gui.log"
    process = subprocess.Popen(
        command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while process.poll() is None and not (
            log.is_file() and "demo server on" in log.read_text(encoding="utf-8")
        ):
            assert time.monotonic() < deadline, "the window never started"
            time.sleep(0.2)
        if process.poll() is None:
            time.sleep(3)  # the window is built, shown and loads the sample list meanwhile
        still_running = process.poll() is None
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
        _out, err = process.communicate(timeout=20)
    assert still_running, f"exited with status {process.returncode}:\n{err}"
    assert "Traceback" not in err
    assert "Could not load the Qt platform plugin" not in err
    assert "ERROR" not in log.read_text(encoding="utf-8")


def test_the_bundle_runs_the_windows_fetch_worker(bundle):
    async def fetch_through_the_frozen_worker():
        api = await LoopbackApi(stock_handler).start()
        worker = WorkerProcess(program=[str(bundle / CLI)])
        try:
            products = [Product("a"), Product("b/1")]
            run = WorkerProcessRun(products, FetchSettings(api.template), worker)
            return await asyncio.wrap_future(run.start())
        finally:
            worker.close()
            await api.close()

    results = asyncio.run(fetch_through_the_frozen_worker())
    assert [(r.id, r.status, r.quantity) for r in results] == [("a", "ok", 1), ("b/1", "ok", 3)]
