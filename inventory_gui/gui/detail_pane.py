"""The detail pane: everything about the selected row, raw response included."""

from __future__ import annotations

import json

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from inventory_gui.core.models import Product, Result
from inventory_gui.core.urls import UrlTemplate
from inventory_gui.gui.columns import STATUS_TEXT

_RESPONSE_LIMIT = 200_000  # characters of pretty JSON shown; the rest is elided


def describe_result(result: Result, template: UrlTemplate | None = None) -> str:
    """The text shown for one result: facts first, then the raw response."""
    facts = [STATUS_TEXT[result.status]]
    if result.http_status is not None:
        facts.append(f"HTTP {result.http_status}")
    if result.attempts:
        facts.append(f"{result.attempts} attempt{'s' if result.attempts != 1 else ''}")
    if result.latency_ms is not None:
        facts.append(f"{result.latency_ms:,.0f} ms")
    lines = [f"ID: {result.id}", " · ".join(facts)]
    if result.quantity is not None:
        lines.append(f"Quantity: {result.quantity}")
    if result.checked_at:
        lines.append(f"Checked at: {result.checked_at}")
    if template is not None:
        lines.append(f"URL: {template.describe(Product(result.id, result.fields))}")
    if result.error:
        lines += ["", "Error:", result.error]
    if result.fields:
        lines += ["", "Input columns:"]
        lines += [f"  {name}: {value}" for name, value in result.fields.items()]
    if result.response is not None:
        text = json.dumps(result.response, indent=2, ensure_ascii=False, default=str)
        if len(text) > _RESPONSE_LIMIT:
            text = text[:_RESPONSE_LIMIT] + "\n… (truncated)"
        lines += ["", "Response:", text]
    return "\n".join(lines)


class DetailPane(QPlainTextEdit):
    """Read-only text about the selected result."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPane")
        self.setReadOnly(True)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setPlaceholderText("Select a row to see its full error and raw response.")
        self.setToolTip("Details of the selected row")

    def show_result(self, result: Result | None, template: UrlTemplate | None = None) -> None:
        """Show ``result`` (or nothing)."""
        self.setPlainText("" if result is None else describe_result(result, template))
