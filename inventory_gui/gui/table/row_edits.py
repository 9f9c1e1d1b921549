"""Rows replaced amid the results model, without a model reset (typing in a long list).

:class:`RowEdits` is part of :class:`~inventory_gui.gui.table.model.ResultsModel`:
:meth:`RowEdits.replace_rows` changes, removes or inserts the rows of an edit,
and the model's indexes follow at the edit's cost: the rows after an insertion
or removal are renumbered a slice per turn of the event loop (or at once when
something reads them first), and the input order of the products is taken from
the caller (:meth:`RowEdits.set_input_order`) rather than worked out.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from itertools import count, islice
from operator import attrgetter

from PySide6.QtCore import QModelIndex, QTimer

from inventory_gui.core.id_index import IdIndex
from inventory_gui.core.models import Product, Result
from inventory_gui.gui.table.rows import kept_or_pending

RENUMBER_ROWS = 20_000  # rows renumbered per turn of the event loop after an edit


class RowEdits:
    """The results model's edits of rows in place (its state is the model's)."""

    _rows: list[Result]
    _stale: bytearray
    _positions: array[int]
    _products: IdIndex[str, Product]
    _row_index: IdIndex[str, int]  # see _row_of
    _renumber_from: int | None  # rows from here on wait to be renumbered
    _input_order: bool  # rows in input order (not sorted otherwise)
    _order: list[Product] | None  # the products in input order, if known (see set_input_order)
    _version: int

    def replace_rows(
        self, row: int, removed: Sequence[str], products: Sequence[Product]
    ) -> tuple[list[Result], list[Result]] | None:
        """Rows ``row`` to ``row + len(removed)``, holding the IDs ``removed``, become
        ``products``: rows changed, or removed and inserted, not a model reset.

        Finished results of the same IDs are kept, as :meth:`set_products` keeps them.

        Returns:
            The rows replaced and the rows now in their place; None, changing
            nothing, when those rows hold other IDs or are sorted out of input
            order (then show the whole list with :meth:`set_products`).
        """
        rows, end = self._rows, row + len(removed)
        if not self._input_order or end > len(rows) or [r.id for r in rows[row:end]] != removed:
            return None
        gone = set(removed)
        if any(p.id in self._row_index and p.id not in gone for p in products):
            return None  # the rows are not the list these products were read into
        old_rows = [self._row(i) for i in range(row, end)]  # pending if flagged so
        known = {r.id: r for r in old_rows if r.status != "pending"}
        new_rows = [kept_or_pending(known.get(p.id), p) for p in products]
        self._order = None  # until set_input_order, worked out from the rows if needed
        if len(new_rows) == len(removed):
            self._put_rows(row, end, products, new_rows)
            if removed:
                last = self.index(end - 1, self.columnCount() - 1)
                self.dataChanged.emit(self.index(row, 0), last)
            return old_rows, new_rows
        if removed:
            self.beginRemoveRows(QModelIndex(), row, end - 1)
            self._put_rows(row, end, (), [])
            self.endRemoveRows()
        if new_rows:
            self.beginInsertRows(QModelIndex(), row, row + len(new_rows) - 1)
            self._put_rows(row, row, products, new_rows)
            self.endInsertRows()
        return old_rows, new_rows

    def _put_rows(
        self, row: int, end: int, products: Sequence[Product], new_rows: list[Result]
    ) -> None:
        """Rows ``row:end`` become ``new_rows`` (in input order), indexes kept up to date."""
        rows, row_index = self._rows, self._row_index
        for old in rows[row:end]:
            del self._products[old.id], row_index[old.id]
        rows[row:end] = new_rows
        self._stale[row:end] = bytes(len(new_rows))
        self._products.update_pairs(zip(map(attrgetter("id"), products), products, strict=True))
        row_index.update_pairs(zip(map(attrgetter("id"), new_rows), count(row)))
        self._version += 1
        if len(new_rows) == end - row:
            return
        # The rows after these moved: renumbered when next needed, or a slice at a
        # time while the window is idle (100,000 of them take ~20 ms at once).
        start = self._renumber_from
        if start is None:
            self._renumber_from = row + len(new_rows)
            QTimer.singleShot(0, self._renumber_some)
        else:  # renumbering is under way: from here now
            self._renumber_from = min(start, row)
        del self._positions[row:]
        self._positions.extend(range(row, len(rows)))

    @property
    def _row_of(self) -> IdIndex[str, int]:
        """The row of each ID (renumbered first where rows were inserted or removed)."""
        if self._renumber_from is not None:
            self._renumber_some(len(self._rows))
        return self._row_index

    @_row_of.setter
    def _row_of(self, row_of: IdIndex[str, int]) -> None:
        self._row_index, self._renumber_from = row_of, None

    def _renumber_some(self, rows: int = RENUMBER_ROWS) -> None:
        """Renumber ``rows`` more rows after an insertion or removal amid the list."""
        start = self._renumber_from
        if start is None:
            return
        stop = min(start + rows, len(self._rows))
        ids = map(attrgetter("id"), islice(self._rows, start, stop))
        self._row_index.update_pairs(zip(ids, count(start)))
        self._renumber_from = stop if stop < len(self._rows) else None
        if self._renumber_from is not None:
            QTimer.singleShot(0, self._renumber_some)

    def set_input_order(self, products: list[Product]) -> None:
        """The rows' products in input order, from the caller of :meth:`replace_rows`
        (so that :meth:`products` need not work it out)."""
        self._order = products
