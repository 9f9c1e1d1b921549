"""The window's language: German or French translators chosen from the system locale.

The app's own messages live in ``resources/translations/inventory_gui_<lang>.qm``
(made from the ``.ts`` files by ``python -m inventory_gui.devtools.translations``);
Qt's own (the standard dialogs' buttons, the line edits' context menus) in
``qtbase_<lang>.qm`` from Qt's translations folder.  Both are installed before
any widget is built, so every ``tr()`` sees them.  English needs no translator.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from inventory_gui.core.resources import resource_dirs

log = logging.getLogger(__name__)

#: The languages with complete translations, besides English (the source texts).
LANGUAGES = ("de", "fr")
APP_CATALOGUE = "inventory_gui"
QT_CATALOGUE = "qtbase"


def chosen_language(locale: QLocale | None = None) -> str | None:
    """The first of the locale's UI languages the app is translated into, or None (English).

    ``QLocale.system()`` reads ``LANGUAGE`` (a list such as ``fr:de``), then
    ``LC_ALL``/``LC_MESSAGES``/``LANG`` on Unix, and the user's settings elsewhere.
    """
    for name in (locale or QLocale.system()).uiLanguages():
        language = name.replace("_", "-").split("-")[0].lower()
        if language == "en":
            return None  # English is asked for before any translated language
        if language in LANGUAGES:
            return language
    return None


def translations_dir() -> Path | None:
    """The folder holding the app's ``.qm`` files (source tree, wheel or bundle)."""
    for folder in resource_dirs():
        if (folder / "translations").is_dir():
            return folder / "translations"
    return None


def install_translators(app: QCoreApplication, language: str | None) -> list[QTranslator]:
    """Install the app's and Qt's translators for ``language`` (None: English, none).

    Returns the installed translators; the caller keeps them alive as long as
    the application (a collected translator is removed from it).
    """
    if language is None:
        return []
    installed = []
    folders = [(APP_CATALOGUE, translations_dir())]
    folders.append(
        (QT_CATALOGUE, Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)))
    )
    for catalogue, folder in folders:
        translator = QTranslator(app)
        name = f"{catalogue}_{language}"
        if folder is not None and translator.load(name, str(folder)):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.warning("no %s translation found in %s", name, folder)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    """Undo :func:`install_translators` (tests switch languages in one process)."""
    for translator in translators:
        app.removeTranslator(translator)
