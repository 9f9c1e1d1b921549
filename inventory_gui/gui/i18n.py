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

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

from inventory_gui.core.resources import resource_dirs

log = logging.getLogger(__name__)

# The languages with complete translations, besides English (the source texts).
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

    The translators are parented to ``app``, so they live as long as it does;
    returns the ones installed (``app.removeTranslator`` takes each out).  A
    missing catalogue is logged and skipped: the window then shows English.
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


def use_system_language(app: QCoreApplication) -> str | None:
    """Install the translators of the system locale's language; return it (None: English).

    The translators are parented to ``app``: they live as long as it does.
    """
    language = chosen_language()
    install_translators(app, language)
    return language


class Plurals(QObject):
    """Texts with a count for code outside a QObject (context "Plurals").

    ``%Ln`` is the count written in the locale's digits (``1,234``, ``1.234``).

    ``pyside6-lupdate`` marks a message as plural only in ``tr(text, "", n)``
    with a variable count, not in ``QCoreApplication.translate``: module-level
    functions take their counted texts from :data:`PLURALS`, and so does the
    rest of the window, so that every count reads the same way.  The English
    source texts say ``row(s)``; with no translator (English) :func:`_english`
    reads them as ``1 row`` and ``2 rows``.  Counts are Qt's C ints: the
    window counts rows it holds in memory, far below 2**31.
    """

    def products(self, n: int) -> str:
        return _english(self.tr("%Ln product(s)", "", n), n)

    def duplicates(self, n: int) -> str:
        return _english(self.tr("%Ln duplicate(s) (fetched once)", "", n), n)

    def lines_not_used(self, n: int) -> str:
        """``{0}``: the first line numbers."""
        return _english(self.tr("%Ln line(s) not used: {0}", "", n), n)

    def attempts(self, n: int) -> str:
        return _english(self.tr("%Ln attempt(s)", "", n), n)

    def ok(self, n: int) -> str:
        return _english(self.tr("%Ln ok", "", n), n)

    def errors(self, n: int) -> str:
        return _english(self.tr("%Ln error(s)", "", n), n)

    def cancelled(self, n: int) -> str:
        return _english(self.tr("%Ln cancelled", "", n), n)

    def changed(self, n: int) -> str:
        return _english(self.tr("%Ln changed", "", n), n)

    def out_of_stock(self, n: int) -> str:
        """``{0}``: the first IDs."""
        return _english(self.tr("%Ln out of stock: {0}", "", n), n)

    def running_low(self, n: int) -> str:
        return _english(self.tr("%Ln running low: {0}", "", n), n)

    def back_in_stock(self, n: int) -> str:
        return _english(self.tr("%Ln back in stock: {0}", "", n), n)

    def copied_rows(self, n: int) -> str:
        return _english(self.tr("Copied %Ln row(s)", "", n), n)

    def exported_rows(self, n: int) -> str:
        """``{0}``: the file."""
        return _english(self.tr("Exported %Ln row(s) to {0}", "", n), n)

    def json_keys(self, n: int) -> str:
        return _english(self.tr("%Ln key(s)", "", n), n)

    def json_items(self, n: int) -> str:
        return _english(self.tr("%Ln item(s)", "", n), n)

    def history_checks(self, n: int) -> str:
        """``{0}``: the product ID."""
        return _english(self.tr("History of {0}: %Ln check(s)", "", n), n)


def _english(text: str, n: int) -> str:
    """An untranslated source text's ``(s)`` as English reads it (translations have none)."""
    return text.replace("(s)", "" if n == 1 else "s")


PLURALS = Plurals()
