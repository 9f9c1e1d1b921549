"""The window speaks German and French: every visible text is translatable and translated.

Two checks catch a text that is not: ``pyside6-lupdate`` run over today's
sources must find a finished German and French translation for every message
(a new ``tr()`` without one fails), and the real window built under the German
translator must show no text equal to its English source (a string that never
went through ``tr()`` fails), except the few words both languages share.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QTreeView,
    QWidget,
)

from inventory_gui import APP_NAME
from inventory_gui.core.fetch.request_template import METHODS
from inventory_gui.core.history.store import Check
from inventory_gui.core.progress import Progress
from inventory_gui.devtools import translations
from inventory_gui.gui.about import HOMEPAGE, AboutDialog, version_info
from inventory_gui.gui.i18n import (
    LANGUAGES,
    PLURALS,
    chosen_language,
    install_translators,
)
from inventory_gui.gui.panels.history_view import HistoryView
from inventory_gui.gui.panels.run_summary import progress_text
from inventory_gui.gui.table.columns import STOCK_COLUMN

# Texts German and French write as English does: names, acronyms and symbols.
SAME_IN_EVERY_LANGUAGE = {
    "ID", "HTTP", "OK", "…", "✕", "#",  # acronyms and symbols
    "Qt", "PySide6", "Python", APP_NAME,  # names
    *METHODS,  # HTTP methods: protocol words
    "https://api.example.com/get-current-inventory/{id}",  # example input, typed as is
    "https://auth.example.com/oauth/token",
    "name, warehouse=location.warehouse, updated_at",
}  # fmt: skip
# German words spelled as in English (each one checked in the German .ts).
SAME_IN_GERMAN = {"Name", "Status", "Details", "Version", "Token", "Proxy", "optional"}


@pytest.fixture
def translated(qapp) -> Iterator[object]:
    """Install the German translators for one test; removed afterwards."""
    installed: list = []

    def use(language: str) -> None:
        installed.extend(install_translators(qapp, language))

    yield use
    for translator in installed:
        qapp.removeTranslator(translator)


# -- the catalogues ------------------------------------------------------------


def test_every_message_in_the_sources_has_a_german_and_french_translation():
    assert [str(gap) for gap in translations.check()] == []


def test_the_check_finds_an_untranslated_message(tmp_path, monkeypatch):
    """The check above can fail: a new tr() text shows up as a gap in both languages."""
    sources = tmp_path / "gui"
    sources.mkdir()
    (sources / "extra.py").write_text(
        "from PySide6.QtCore import QObject\n\n\nclass Extra(QObject):\n"
        '    def text(self):\n        return self.tr("A text nobody translated")\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(translations, "GUI_SOURCES", sources)
    gaps = {(gap.language, gap.context, gap.source) for gap in translations.check()}
    assert ("de", "Extra", "A text nobody translated") in gaps
    assert ("fr", "Extra", "A text nobody translated") in gaps


def test_the_shipped_qm_files_are_compiled_from_the_ts_files(tmp_path):
    for made in translations.release(target=tmp_path):
        shipped = translations.TS_DIR / made.name
        assert made.read_bytes() == shipped.read_bytes(), f"{made.name}: run release"


# -- choosing the language -----------------------------------------------------

CHOSEN = "from inventory_gui.gui.i18n import chosen_language as c; print(c())"


@pytest.mark.parametrize(
    ("locale", "language"),
    [("de_DE", "de"), ("de_AT", "de"), ("fr_FR", "fr"), ("fr_CA", "fr"), ("en_US", None),
     ("es_ES", None), ("C", None)],
)  # fmt: skip
def test_the_language_comes_from_the_locale(locale, language):
    assert chosen_language(QLocale(locale)) == language


@pytest.mark.parametrize(
    ("env", "language"),
    [({"LANGUAGE": "de", "LANG": "en_US.UTF-8"}, "de"),
     ({"LANGUAGE": "", "LANG": "fr_FR.UTF-8"}, "fr"),
     ({"LANGUAGE": "es:fr", "LANG": "es_ES.UTF-8"}, "fr"),
     ({"LANGUAGE": "en:de", "LANG": "de_DE.UTF-8"}, None),
     ({"LANGUAGE": "", "LANG": "C"}, None)],
)  # fmt: skip
def test_the_language_follows_the_environment_of_a_new_process(env, language):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    done = subprocess.run(
        [sys.executable, "-c", CHOSEN],
        env={**clean, **env}, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(language)


START = (
    "from PySide6.QtCore import QCoreApplication as C\n"
    "from inventory_gui.gui.app import make_application\n"
    "from inventory_gui.gui.i18n import use_system_language\n"
    "app = make_application()\n"
    "print(use_system_language(app), C.translate('MainLayout', '&File'),"
    " C.translate('QPlatformTheme', 'Cancel'), sep='|')\n"
)


@pytest.mark.parametrize(
    ("env", "expected"),
    [({"LANGUAGE": "de"}, "de|&Datei|Abbrechen"), ({"LANG": "fr_FR.UTF-8"}, "fr|&Fichier|Annuler"),
     ({"LANG": "C.UTF-8"}, "None|&File|Cancel")],
)  # fmt: skip
def test_the_app_starts_in_the_system_language(env, expected):
    """Start-up as app.py does it, in a new process: the app's and Qt's catalogues load."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
    done = subprocess.run(
        [sys.executable, "-c", START], env={**clean, "QT_QPA_PLATFORM": "offscreen", **env},
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == expected


def test_english_counts_read_as_english_without_a_translator():
    assert PLURALS.products(1) == "1 product"
    assert PLURALS.products(3) == "3 products"
    assert PLURALS.copied_rows(0) == "Copied 0 rows"


@pytest.mark.parametrize("language", LANGUAGES)
def test_counts_follow_the_languages_plural_rules(translated, language):
    translated(language)
    one, many = {"de": ("1 Produkt", "2 Produkte"), "fr": ("1 produit", "2 produits")}[language]
    assert (PLURALS.products(1), PLURALS.products(2)) == (one, many)
    if language == "fr":  # French counts 0 as one
        assert PLURALS.products(0) == "0 produit"


def test_qts_own_dialogs_are_translated_too(translated, qtbot):
    """The standard buttons come from Qt's qtbase_de.qm, shipped beside the app's."""
    translated("de")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Abbrechen"


# -- the window ------------------------------------------------------------------


def texts_of(widget: QWidget) -> list[str]:
    """The texts ``widget`` shows a user: its text, title, placeholder, items, tooltip."""
    found = [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
    if isinstance(widget, QLabel | QAbstractButton):
        found.append(widget.text())
    if isinstance(widget, QLineEdit | QPlainTextEdit):
        found.append(widget.placeholderText())
    if isinstance(widget, QGroupBox):
        found.append(widget.title())
    if isinstance(widget, QTabWidget):
        found += [widget.tabText(i) for i in range(widget.count())]
    if isinstance(widget, QComboBox):
        found += [widget.itemText(i) for i in range(widget.count())]
    if isinstance(widget, QTableView | QTreeView):  # the column headers
        model, roles = widget.model(), (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
        for section in range(model.columnCount()):
            for role in roles:
                found.append(str(model.headerData(section, Qt.Orientation.Horizontal, role) or ""))
    for action in QWidget.actions(widget):  # (the profile bar's "actions" is a dict)
        found += [action.text(), action.toolTip(), action.statusTip()]
    return [text for text in found if text.strip()]


def shown_texts(window: QWidget) -> dict[str, list[str]]:
    """Every widget's texts, keyed by its place in the tree (the same in every language)."""
    found = {"window": [window.windowTitle()]}
    for widget in window.findChildren(QWidget):
        path, node = [], widget
        while node is not window:
            parent = node.parentWidget()
            siblings = [c for c in parent.children() if type(c) is type(node)]
            path.append(f"{type(node).__name__}[{siblings.index(node)}]")
            node = parent
        found["/".join(reversed(path))] = texts_of(widget)
    return found


def untranslated(english: dict[str, list[str]], german: dict[str, list[str]]) -> set[str]:
    """Texts shown at the same place in both windows, other than names, data and shared words."""
    data = set(version_info().values())  # versions, platform, licence: values, not words
    allowed = SAME_IN_EVERY_LANGUAGE | SAME_IN_GERMAN | data | {HOMEPAGE}
    same = set()
    for place, texts in english.items():
        for text in set(texts) & set(german.get(place, [])):
            bare = re.sub(r"<[^>]+>", "", text).replace("&", "").rstrip(":")
            if bare not in allowed:
                same.add(f"{place}: {text!r}")
    return same


def build(make_window) -> QWidget:
    """The window with a header row, two products, its About box and a row's menu open."""
    window = make_window()
    window.connection.add_header_button.click()
    window.products_panel.set_text("a\nb")  # the counts and the table's header
    AboutDialog(window)  # a child of the window: walked with it
    row_menu = window.row_actions.menu
    row_menu.popup(window.table.model().index(0, 0), window.mapToGlobal(window.rect().center()))
    return window


def test_no_visible_text_stays_english_in_the_german_window(make_window, translated):
    english = shown_texts(build(make_window))
    translated("de")
    german = shown_texts(build(make_window))
    assert english.keys() == german.keys()  # the same widgets: texts compared place by place
    assert untranslated(english, german) == set()


def test_the_german_walk_reports_an_english_text(make_window, translated):
    """The walk above can fail: a label that skipped tr() is reported."""
    english_window = build(make_window)
    QLabel("Plain English", english_window.centralWidget())
    english = shown_texts(english_window)
    translated("de")
    german_window = build(make_window)
    QLabel("Plain English", german_window.centralWidget())
    assert any(
        "'Plain English'" in found for found in untranslated(english, shown_texts(german_window))
    )


def test_the_window_in_german(make_window, translated):
    translated("de")
    window = build(make_window)
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&Datei", "&Bearbeiten", "Ab&rufen", "&Ansicht", "&Hilfe"]
    assert window.actions["fetch"].text() == "Alle a&brufen"
    assert window.findChild(QAbstractButton, "openButton").text() == "Öffnen…"
    assert window.findChild(QWidget, "settingsTabs").tabText(0) == "Verbindung"
    assert window.filter_edit.placeholderText() == "Nach ID, Fehler oder beliebiger Spalte filtern…"
    assert window.products_panel.summary.text() == "2 Produkte"
    assert window.model.headerData(STOCK_COLUMN, Qt.Orientation.Horizontal) == "Bestand"
    assert window.progress_label.text() == "Bereit"


def test_the_window_in_french(make_window, translated):
    translated("fr")
    window = build(make_window)
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&Fichier", "É&dition", "&Récupérer", "&Affichage", "Aid&e"]
    assert window.products_panel.summary.text() == "2 produits"
    assert QCoreApplication.translate("MainLayout", "Connection") == "Connexion"


def test_the_window_controllers_speak_german_too(make_window, translated, run, tmp_path):
    """Their texts are in contexts of their own (ProductIntake, RunStatus), shipped too."""
    translated("de")
    window = make_window()
    path = tmp_path / "liste.csv"
    path.write_text("sku\napple\nbanana\n", encoding="utf-8")
    assert run(window.load_file(path))
    assert window.progress_label.text().startswith("Geladen: ")
    window.filter_edit.setText("apple")
    assert window.shown_label.text() == "1 von 2 angezeigt"


def test_the_allow_list_holds_only_what_german_writes_as_english():
    """Each allowed German word is really its own translation in the German catalogue."""
    import xml.etree.ElementTree as ET

    tree = ET.parse(translations.ts_path("de"))
    same = {
        m.findtext("source")
        for m in tree.getroot().iter("message")
        if m.findtext("source") == m.findtext("translation")
    }
    assert same >= SAME_IN_GERMAN


def progress_at(seconds: float) -> Progress:
    """A run of 5000 products, 1234 done (1200 ok, 34 errors) ``seconds`` after its start."""
    now = [0.0]
    progress = Progress(total=5000, clock=lambda: now[0], concurrency=(4, 16))
    progress.done, progress.ok, progress.errors = 1234, 1200, 34
    now[0] = seconds
    return progress


@pytest.fixture
def number_locale() -> Iterator[object]:
    """Set the locale numbers are written in (the user's system's, in the app)."""
    yield lambda name: QLocale.setDefault(QLocale(name))
    QLocale.setDefault(QLocale.system())


def test_the_progress_line_in_english(number_locale):
    number_locale("en_US")
    assert progress_text(progress_at(2.0)) == (
        "1,234/5,000 · 1,200 ok · 34 errors · 617/s · concurrency 4/16 · ETA 0:06 · elapsed 0:02"
    )


def test_the_progress_line_in_german(translated, number_locale):
    translated("de")
    number_locale("de_DE")
    assert progress_text(progress_at(2.0)) == (
        "1.234/5.000 · 1.200 ok · 34 Fehler · 617/s · Parallelität 4/16 · Rest 0:06 · "
        "vergangen 0:02"
    )


# -- properties -----------------------------------------------------------------

LOCALE_NAMES = st.one_of(
    st.sampled_from(["de", "fr", "en", "es", "it", "nl", "pt", "C", "ja"]).flatmap(
        lambda lang: st.sampled_from(["", "_DE", "_FR", "_US", "_CH", "_BE", "_CA"]).map(
            lambda region: lang + region
        )
    ),
    st.text(max_size=12),  # anything a broken LANG could hold
)


@given(LOCALE_NAMES)
def test_any_locale_gives_a_shipped_language_or_english(name):
    locale = QLocale(name)
    language = chosen_language(locale)
    assert language in (*LANGUAGES, None)
    if language is not None:  # only ever a language the locale asks for
        asked = [ui.replace("_", "-").split("-")[0].lower() for ui in locale.uiLanguages()]
        assert language in asked


@given(st.integers(min_value=0, max_value=2**31 - 1))  # Qt counts are C ints
def test_english_counts_agree_with_their_number(n):
    for text in (PLURALS.products(n), PLURALS.copied_rows(n), PLURALS.errors(n)):
        assert "(s)" not in text
        assert text.endswith(("product", "row", "error")) == (n == 1)


def test_the_history_tab_names_statuses_in_the_window_language(translated, qtbot):
    translated("de")
    view = HistoryView()
    qtbot.addWidget(view)
    checks = [
        Check(1, 1, "p1", "ok", 200, 5, None, "2026-11-28T10:00:00Z", 12),
        Check(2, 2, "p1", "error", 500, None, "HTTP 500", "2026-11-28T11:00:00Z", 9),
        Check(3, 3, "p1", "odd", None, None, None, "2026-11-28T12:00:00Z", None),
    ]
    view.show_checks("p1", checks)
    statuses = [view.checks.topLevelItem(i).text(1) for i in range(3)]
    assert statuses == ["odd", "Fehler", "OK"]  # newest first; an unknown status as stored
    assert view.title.text() == "Verlauf von p1: 3 Prüfungen"
