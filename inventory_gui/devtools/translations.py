"""The Qt Linguist workflow: extract the window's texts, check the translations, build ``.qm``.

Usage (from a checkout, in the project's environment)::

    python -m inventory_gui.devtools.translations update   # sources -> resources/translations/*.ts
    # translate: pyside6-linguist resources/translations/inventory_gui_de.ts (or edit the XML)
    python -m inventory_gui.devtools.translations release  # *.ts -> *.qm (shipped)
    python -m inventory_gui.devtools.translations check    # exit 1 on any untranslated text

``update`` runs ``pyside6-lupdate`` over ``inventory_gui/gui`` plus the
settings' labels and tooltips (they live in the Qt-free core, so they are
listed for lupdate in a temporary file: context "Setting").  German and French
get every message; English is the source text and needs no catalogue.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from inventory_gui.gui.panels.setting_widgets import setting_texts

ROOT = Path(__file__).resolve().parents[2]
GUI_SOURCES = ROOT / "inventory_gui" / "gui"
TS_DIR = ROOT / "resources" / "translations"
CATALOGUE = "inventory_gui"
LANGUAGES = ("de", "fr")  # complete translations (inventory_gui.gui.i18n.LANGUAGES)


def tool(name: str) -> str:
    """The path of a PySide6 tool: beside this Python first (a venv), then on PATH."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 in this environment")
    return found


def ts_path(language: str, folder: Path = TS_DIR) -> Path:
    return folder / f"{CATALOGUE}_{language}.ts"


def _setting_texts_file(folder: Path) -> Path:
    """A Python file lupdate reads: every setting text, marked in the context "Setting"."""
    path = folder / "setting_texts.py"
    lines = ["from PySide6.QtCore import QT_TRANSLATE_NOOP", ""]
    for text in setting_texts():
        literal = json.dumps(text, ensure_ascii=False)
        lines.append(f'QT_TRANSLATE_NOOP("Setting", {literal})')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def update(folder: Path = TS_DIR) -> None:
    """Bring the ``.ts`` files in ``folder`` up to date with the sources."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted(str(p) for p in GUI_SOURCES.rglob("*.py"))
    with tempfile.TemporaryDirectory() as scratch:
        sources.append(str(_setting_texts_file(Path(scratch))))
        lupdate = [tool("pyside6-lupdate"), *sources, "-locations", "none", "-no-obsolete"]
        for language in LANGUAGES:
            _run([*lupdate, "-target-language", language, "-ts", str(ts_path(language, folder))])


def release(folder: Path = TS_DIR, target: Path = TS_DIR) -> list[Path]:
    """Compile each ``.ts`` in ``folder`` to a ``.qm`` in ``target``; return the ``.qm`` paths."""
    made = []
    for language in LANGUAGES:
        qm = target / f"{CATALOGUE}_{language}.qm"
        _run([tool("pyside6-lrelease"), str(ts_path(language, folder)), "-qm", str(qm)])
        made.append(qm)
    return made


@dataclass(frozen=True)
class Gap:
    """A message without a (complete) translation."""

    language: str
    context: str
    source: str

    def __str__(self) -> str:
        return f"{self.language}: [{self.context}] {self.source!r} is not translated"


def gaps(folder: Path = TS_DIR) -> list[Gap]:
    """The messages of every ``.ts`` in ``folder`` that lack a finished translation."""
    found = []
    for language in LANGUAGES:
        tree = ET.parse(ts_path(language, folder))
        for context in tree.getroot().iter("context"):
            name = context.findtext("name", "")
            for message in context.iter("message"):
                translation = message.find("translation")
                assert translation is not None
                forms = [f.text or "" for f in translation.iter("numerusform")]
                texts = forms if message.get("numerus") == "yes" else [translation.text or ""]
                unfinished = translation.get("type") in ("unfinished", "vanished", "obsolete")
                if unfinished or not all(t.strip() for t in texts):
                    found.append(Gap(language, name, message.findtext("source", "")))
    return found


def check() -> list[Gap]:
    """Extract the sources' texts into copies of the ``.ts`` files; return what is missing."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch)
        for language in LANGUAGES:
            shutil.copy(ts_path(language), ts_path(language, copy))
        update(copy)
        return gaps(copy)


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{Path(command[0]).name} failed:\n{done.stdout}{done.stderr}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m inventory_gui.devtools.translations")
    parser.add_argument("step", choices=("update", "release", "check"))
    step = parser.parse_args(argv).step
    if step == "update":
        update()
    elif step == "release":
        for qm in release():
            print(qm.relative_to(ROOT))
    else:
        missing = check()
        for gap in missing:
            print(gap)
        return 1 if missing else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
