"""Reading text that holds one product ID per line, with no delimiter.

Any line ending is accepted (``\\n``, ``\\r\\n``, old Mac ``\\r``); a value
wrapped in double quotes as a whole is unquoted (``"007"`` -> ``007``).
"""

from __future__ import annotations

from inventory_gui.core.inputs.load_progress import report_building
from inventory_gui.core.inputs.product_table import products_from_rows
from inventory_gui.core.models import ProductList


def read_plain_text(blocks: list[str], source: str, id_column: str | None) -> ProductList:
    """Read one ID per line; a first line naming an ID column is its header.

    ``blocks``: the text in blocks that each end just after a ``"\n"`` but the
    last (see :class:`~inventory_gui.core.inputs.text_decoding.Decoded`), split
    a block per C call: the whole text in one would hold the GIL for tens of ms.

    Raises:
        InputError: the text is blank, holds a header but no IDs, or
            ``id_column`` names a column of text that has no header.
    """
    lines: list[str] = []
    last = len(blocks) - 1
    for index, block in enumerate(blocks):
        lines.extend(block.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
        if index < last:
            lines.pop()  # the "" after the block's final line break: the next block goes on
    rows = [[unquote(line) if line[:1] == '"' else line] for line in lines]
    report_building(0.0)
    return products_from_rows(rows, lambda index: index + 1, source, id_column)


def unquote(value: str) -> str:
    """``value`` without the double quotes wrapping it as a whole (``"007"`` -> ``007``)."""
    stripped = value.strip()
    if len(stripped) >= 2 and stripped.endswith('"'):
        return stripped[1:-1].replace('""', '"')
    return value
