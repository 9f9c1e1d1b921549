"""The results table painted on a 2x screen, in a child process (``QT_SCALE_FACTOR=2``).

``python -m tests.gui.hidpi_child``: prints, as JSON, the device pixel ratio of
the grabbed viewport and whether the status dot of the first row is *blocky*
(every 2x2 block of device pixels one colour: a 1x picture scaled up) or
drawn for the screen.  The scale factor must be set before Qt starts, hence
the child process.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from inventory_gui.core.models import Product, Result
from inventory_gui.gui.table.colours import ICON_SIZE
from inventory_gui.gui.table.columns import STATUS_COLUMN
from inventory_gui.gui.table.filter import ResultsFilter
from inventory_gui.gui.table.model import ResultsModel
from inventory_gui.gui.table.view import ResultsView
from tests.gui.pixels import blocky


def main() -> int:
    app = QApplication(sys.argv[:1])
    model = ResultsModel()
    proxy = ResultsFilter(model)
    view = ResultsView()
    view.setModel(proxy)
    view.use_fast_painting(model, proxy)
    model.set_products([Product("a")])
    model.apply([Result("a", "ok", 200, quantity=5)])
    view.resize(600, 200)
    view.show()
    app.processEvents()
    shot = view.viewport().grab()
    ratio = shot.devicePixelRatio()
    cell = view.visualRect(proxy.index(0, STATUS_COLUMN))
    dot = shot.toImage().copy(  # the dot's square (see ResultsDelegate.paint), in device pixels
        round((cell.x() + 4) * ratio),
        round((cell.y() + (cell.height() - ICON_SIZE) // 2) * ratio),
        round(ICON_SIZE * ratio),
        round(ICON_SIZE * ratio),
    )
    print(json.dumps({"ratio": ratio, "blocky": blocky(dot), "colours": len(set(_pixels(dot)))}))
    return 0


def _pixels(image: QImage) -> Iterator[int]:
    return (image.pixel(x, y) for y in range(image.height()) for x in range(image.width()))


if __name__ == "__main__":
    sys.exit(main())
