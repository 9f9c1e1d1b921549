"""Linux desktop integration: desktop entry, AppStream metainfo, icons, install and uninstall."""

from __future__ import annotations

import configparser
import os
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from inventory_gui import APP_ID, APP_NAME

ROOT = Path(__file__).resolve().parents[2]
LINUX_DIR = ROOT / "packaging" / "linux"
DESKTOP = LINUX_DIR / f"{APP_ID}.desktop"
METAINFO = LINUX_DIR / f"{APP_ID}.metainfo.xml"
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 32, 48, 64, 128, 256)
HOMEPAGE = "https://github.com/inventory-gui/inventory-gui"
POSIX_SHELL = sys.platform != "win32" and shutil.which("bash") is not None


def desktop_entry(path: Path = DESKTOP) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def project_version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as file:
        return tomllib.load(file)["project"]["version"]


# -- validators (skipped where the tools are missing; CI installs them) -------


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils missing")
def test_desktop_file_validates():
    done = subprocess.run(
        ["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "error:" not in done.stdout


@pytest.mark.skipif(not shutil.which("appstreamcli"), reason="appstream missing")
def test_metainfo_validates():
    done = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


# -- always -------------------------------------------------------------------


def test_desktop_entry_names_the_app_id_and_the_command():
    entry = desktop_entry()
    assert DESKTOP.stem == APP_ID
    assert entry["Type"] == "Application"
    assert entry["Name"] == APP_NAME
    assert entry["Icon"] == APP_ID
    assert entry["Exec"] == "inventory-gui %f"
    assert entry["Terminal"] == "false"
    assert entry["Categories"] == "Office;Utility;"
    assert entry["Keywords"].endswith(";")
    mime = entry["MimeType"].split(";")
    for kind in (
        "text/csv",
        "application/json",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "text/plain",
    ):
        assert kind in mime


def test_metainfo_matches_the_app():
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component"
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("name") == APP_NAME
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("project_license") == "MIT"
    launchable = root.find("launchable")
    assert launchable is not None
    assert launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP.name
    assert root.findtext("url[@type='homepage']") == HOMEPAGE
    assert root.findtext("provides/binary") == "inventory-gui"
    assert root.find("content_rating") is not None
    newest = root.find("releases/release")
    assert newest is not None
    assert newest.get("version") == project_version(), "add a <release> for the new version"
    image = root.findtext("screenshots/screenshot/image")
    assert image is not None
    assert image.endswith("/resources/screenshot.png")
    assert (ROOT / "resources" / "screenshot.png").is_file()


def test_homepage_is_the_same_everywhere():
    from inventory_gui.gui.about import HOMEPAGE as about_homepage

    assert about_homepage == HOMEPAGE


@pytest.mark.parametrize("size", SIZES)
def test_icon_png_has_its_pixel_size(size):
    assert png_size(ICONS / f"inventory-gui-{size}.png") == (size, size)


def test_icon_svg_is_square():
    root = ET.parse(ICONS / "inventory-gui.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    _x, _y, width, height = (float(v) for v in root.get("viewBox", "").split())
    assert width == height


# -- install.sh / uninstall.sh ------------------------------------------------


def fake_bundle(tmp_path: Path) -> Path:
    bundle = tmp_path / "bundle" / "inventory-gui"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "_internal" / "library.so").write_bytes(b"not really")
    program = bundle / "inventory-gui"
    program.write_text('#!/bin/sh\necho fake-bundle "$@"\n')
    program.chmod(0o755)
    return bundle


def run_script(name: str, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(LINUX_DIR / name), *args], env=env, capture_output=True, text=True,
        timeout=60, check=False,
    )  # fmt: skip


def files_under(folder: Path) -> set[str]:
    return {
        p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() or p.is_symlink()
    }


def expected_files(bundle: Path) -> set[str]:
    icons = {f"share/icons/hicolor/{s}x{s}/apps/{APP_ID}.png" for s in SIZES}
    libs = {f"lib/inventory-gui/{p}" for p in files_under(bundle)}
    return {
        "bin/inventory-gui",
        f"share/applications/{APP_ID}.desktop",
        f"share/metainfo/{APP_ID}.metainfo.xml",
        f"share/icons/hicolor/scalable/apps/{APP_ID}.svg",
        *icons,
        *libs,
    }


# Caches the desktop tools rebuild; uninstall.sh refreshes them rather than deleting them.
CACHES = {"share/applications/mimeinfo.cache", "share/icons/hicolor/icon-theme.cache"}


@pytest.mark.skipif(not POSIX_SHELL, reason="bash scripts")
def test_install_then_uninstall_in_home(tmp_path):
    bundle = fake_bundle(tmp_path)
    home = tmp_path / "home"
    local = home / ".local"
    # Someone else's files, which must survive.
    (local / "share" / "applications").mkdir(parents=True)
    (local / "share" / "applications" / "other.desktop").write_text("[Desktop Entry]\n")
    (local / "bin").mkdir()
    (local / "bin" / "other-tool").write_text("#!/bin/sh\n")
    before = files_under(local)
    env = {k: v for k, v in os.environ.items() if k != "PREFIX"}
    env["HOME"] = str(home)

    done = run_script("install.sh", env, str(bundle))
    assert done.returncode == 0, done.stderr

    installed = files_under(local) - before
    assert installed - CACHES == expected_files(bundle)
    link = local / "bin" / "inventory-gui"
    assert link.is_symlink()
    ran = subprocess.run([str(link), "--version"], capture_output=True, text=True, check=True)
    assert ran.stdout == "fake-bundle --version\n"
    entry = desktop_entry(local / "share" / "applications" / f"{APP_ID}.desktop")
    program = local / "lib" / "inventory-gui" / "inventory-gui"
    assert entry["Exec"] == f'"{program}" %f'
    assert entry["TryExec"] == str(program)
    assert entry["Icon"] == APP_ID
    for size in SIZES:
        icon = local / "share" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert png_size(icon) == (size, size)
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(
            ["desktop-file-validate", str(local / "share" / "applications" / f"{APP_ID}.desktop")],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert check.returncode == 0, check.stdout

    done = run_script("uninstall.sh", env)
    assert done.returncode == 0, done.stderr

    left = files_under(local) - before
    assert left <= CACHES, left
    for cache in left:
        assert APP_ID not in (local / cache).read_text(errors="replace")
    assert before <= files_under(local)
    assert not (local / "lib" / "inventory-gui").exists()
    assert not (local / "share" / "icons" / "hicolor" / "16x16").exists()


@pytest.mark.skipif(not POSIX_SHELL, reason="bash scripts")
def test_install_honours_prefix(tmp_path):
    bundle = fake_bundle(tmp_path)
    prefix = tmp_path / "prefix"
    # The bundle from the environment this time.
    env = {
        **os.environ,
        "HOME": str(tmp_path / "home"),
        "PREFIX": str(prefix),
        "BUNDLE": str(bundle),
    }
    done = run_script("install.sh", env)
    assert done.returncode == 0, done.stderr
    assert files_under(prefix) - CACHES == expected_files(bundle)
    assert not (tmp_path / "home").exists()

    done = run_script("uninstall.sh", env)
    assert done.returncode == 0, done.stderr
    assert files_under(prefix) <= CACHES


@pytest.mark.skipif(not POSIX_SHELL, reason="bash scripts")
def test_install_needs_a_bundle_and_keeps_a_foreign_command(tmp_path):
    env = {**os.environ, "PREFIX": str(tmp_path / "prefix")}
    done = run_script("install.sh", env, str(tmp_path / "nowhere"))
    assert done.returncode == 1
    assert "no bundle" in done.stderr
    assert not (tmp_path / "prefix").exists()

    foreign = tmp_path / "prefix" / "bin" / "inventory-gui"  # e.g. pip install --user
    foreign.parent.mkdir(parents=True)
    foreign.write_text("#!/bin/sh\necho pip\n")
    done = run_script("install.sh", env, str(fake_bundle(tmp_path)))
    assert done.returncode == 0, done.stderr
    assert "not replacing" in done.stderr
    assert foreign.read_text() == "#!/bin/sh\necho pip\n"
    done = run_script("uninstall.sh", env)
    assert done.returncode == 0, done.stderr
    assert foreign.is_file()
    assert not (tmp_path / "prefix" / "lib" / "inventory-gui").exists()
