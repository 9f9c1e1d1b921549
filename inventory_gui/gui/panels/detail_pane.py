"""The detail pane: everything about the selected row, raw response included."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from inventory_gui.core.errors import InventoryError
from inventory_gui.core.fetch.url_template import UrlTemplate
from inventory_gui.core.models import Product, Result
from inventory_gui.core.safe_values import bounded_json, display_text, format_number, qt_text
from inventory_gui.gui.i18n import PLURALS
from inventory_gui.gui.table.columns import status_text

_RESPONSE_LIMIT = 200_000  # characters of pretty JSON shown; the rest is elided
_TEXT_LIMIT = 20_000  # characters of the error or of one input column


def describe_result(result: Result, template: UrlTemplate | None = None) -> str:
    """The text shown for one result: facts first, then the raw response.

    Any value an answer can hold is shown, bounded: huge numbers in scientific
    notation, long texts and deep responses cut, lone surrogates replaced.
    """
    facts = [status_text(result.status)]
    if result.http_status is not None:
        facts.append(f"HTTP {result.http_status}")
    if result.attempts:
        facts.append(PLURALS.attempts(result.attempts))
    if result.latency_ms is not None:
        facts.append(f"{result.latency_ms:,.0f} ms")
    lines = [
        QCoreApplication.translate("DetailPane", "ID: {0}").format(
            display_text(result.id, _TEXT_LIMIT)
        ),
        " · ".join(facts),
    ]
    if result.quantity is not None:
        lines.append(
            QCoreApplication.translate("DetailPane", "Quantity: {0}").format(
                format_number(result.quantity)
            )
        )
    if result.checked_at:
        lines.append(
            QCoreApplication.translate("DetailPane", "Checked at: {0}").format(
                display_text(result.checked_at)
            )
        )
    if template is not None:
        lines.append(
            QCoreApplication.translate("DetailPane", "URL: {0}").format(_url(template, result))
        )
    if result.error:
        lines += [
            "",
            QCoreApplication.translate("DetailPane", "Error:"),
            display_text(result.error, _TEXT_LIMIT),
        ]
    if result.fields:
        lines += ["", QCoreApplication.translate("DetailPane", "Input columns:")]
        lines += [
            f"  {display_text(name)}: {display_text(value, _TEXT_LIMIT)}"
            for name, value in result.fields.items()
        ]
    response = result.parsed_response()  # the window keeps it packed until shown here
    if response is not None:
        text = bounded_json(response, _RESPONSE_LIMIT + 1, indent=2)
        if len(text) > _RESPONSE_LIMIT:
            text = (
                text[:_RESPONSE_LIMIT]
                + "\n"
                + QCoreApplication.translate("DetailPane", "… (truncated)")
            )
        lines += ["", QCoreApplication.translate("DetailPane", "Response:"), text]
    return qt_text("\n".join(lines), 2 * _RESPONSE_LIMIT)


def _url(template: UrlTemplate, result: Result) -> str:
    try:
        return template.describe(Product(result.id, result.fields))
    except (InventoryError, ValueError) as exc:  # e.g. an ID that cannot be encoded
        return QCoreApplication.translate("DetailPane", "<cannot be built: {0}>").format(exc)


class DetailPane(QPlainTextEdit):
    """Read-only text about the selected result."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPane")
        self.setReadOnly(True)
        self.setTabChangesFocus(True)  # read-only: Tab moves on rather than typing nothing
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setPlaceholderText(self.tr("Select a row to see its full error and raw response."))
        self.setToolTip(self.tr("Details of the selected row"))
        self.setAccessibleName(self.tr("Details of the selected row"))

    def show_result(self, result: Result | None, template: UrlTemplate | None = None) -> None:
        """Show ``result`` (or nothing)."""
        self.setPlainText("" if result is None else describe_result(result, template))
