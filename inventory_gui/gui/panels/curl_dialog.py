"""Paste a curl command to fill the connection: method, URL, headers, body.

The dialog reads the command (:func:`~inventory_gui.core.curl_import.parse_curl`)
and finds the product ID in its URL: a ``{id}`` already there, or the one
path segment or query value equal to the list's first ID.  When it cannot
tell, it lists the URL's parts for the user to pick.  Nothing here shows a
header value; secret headers go to the connection panel, which keeps them
secret.  Opened with ``open()``; :attr:`CurlDialog.chosen` carries the result.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from inventory_gui.core.curl_import import (
    CurlError,
    CurlRequest,
    guess_spot,
    id_spots,
    parse_curl,
    template_at,
)

SPOT_ROLE = Qt.ItemDataRole.UserRole


class CurlDialog(QDialog):
    """Reads a pasted curl command; asks where the product ID is if needed.

    Args:
        product_id: the product list's first ID (to find it in the URL), or None.
        parent: the parent widget.

    Signals:
        chosen(object, str): the request read and the URL template made of it.
    """

    chosen = Signal(object, str)

    def __init__(self, product_id: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("curlDialog")
        self.setWindowTitle(self.tr("Paste a curl command"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._product_id = product_id
        self._request: CurlRequest | None = None
        self.text_edit = QPlainTextEdit(objectName="curlEdit")
        self.text_edit.setPlaceholderText(
            "curl 'https://api.example.com/v1/stock/ABC-1' -H 'X-Api-Key: …'\n"
            + self.tr("(as API docs or the browser's Copy as cURL give it)")
        )
        self.text_edit.setAccessibleName(self.tr("curl command"))
        self.problem = QLabel(objectName="curlProblem")
        self.problem.setWordWrap(True)
        self.spots = QListWidget(objectName="curlSpots")
        self.spots.setVisible(False)
        self.spots.setAccessibleName(self.tr("Parts of the URL"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.text_edit, 2)
        layout.addWidget(self.problem)
        layout.addWidget(self.spots, 1)
        layout.addWidget(self.buttons)
        self.resize(620, 380)
        self.buttons.accepted.connect(self.read)
        self.buttons.rejected.connect(self.reject)
        self.spots.itemDoubleClicked.connect(lambda _item: self.read())

    def read(self) -> None:
        """Read the command (or, once the parts are listed, take the one picked)."""
        if self._request is None or not self.spots.isVisible():
            try:
                self._request = parse_curl(self.text_edit.toPlainText())
            except CurlError as exc:
                self.problem.setText(str(exc))
                return
            url = self._request.url
            spot = guess_spot(url, self._product_id)
            if "{id}" in url or spot is not None:
                self._finish(url if spot is None else template_at(url, spot))
                return
            self._ask(url)
            return
        item = self.spots.currentItem()
        if item is None:
            self.problem.setText(self.tr("Pick the part of the URL that is the product ID."))
            return
        self._finish(template_at(self._request.url, item.data(SPOT_ROLE)))

    def _ask(self, url: str) -> None:
        spots = id_spots(url)
        if not spots:
            self.problem.setText(
                self.tr("The URL has no path or query value to put the product ID in.")
            )
            return
        self.spots.clear()
        for spot in spots:
            self.spots.addItem(spot.label)
            self.spots.item(self.spots.count() - 1).setData(SPOT_ROLE, spot)
        self.spots.setVisible(True)
        self.text_edit.setReadOnly(True)
        self.problem.setText(self.tr("Which part of the URL is the product ID?"))

    def _finish(self, template: str) -> None:
        assert self._request is not None
        self.chosen.emit(self._request, template)
        self.accept()
