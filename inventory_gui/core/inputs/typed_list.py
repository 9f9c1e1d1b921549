"""Typed text kept line by line, so that an edit reads again only the lines it touched.

:func:`~inventory_gui.core.inputs.registry.parse_pasted` reads a whole text;
typing one more ID into a 200,000-line list should not.  :class:`TypedList`
holds text of one ID per line (no delimiter sniffed: what
:mod:`~inventory_gui.core.inputs.plain_text` reads) as one ID per line, and
turns an edit of some lines into :class:`Splice` es of the product list: unique
IDs in first-appearance order, an ID header line left out, duplicates counted.
Its list always equals what ``parse_pasted`` makes of the same text.

Anything else (delimited rows, a header line edited, no ID left, a line
separator inside a line) makes :meth:`TypedList.edit` answer None: the caller
reads the whole text again with :func:`read_typed`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from inventory_gui.core.inputs.plain_text import unquote
from inventory_gui.core.inputs.product_table import is_id_header
from inventory_gui.core.inputs.registry import parse_pasted
from inventory_gui.core.inputs.sniffing import sniff_reach
from inventory_gui.core.models import NO_FIELDS, Product, ProductList

SOURCE = "pasted text"
# Characters an editor's plain text turns into line ends inside one of its lines.
_LINE_BREAKS = ("\u2028", "\ufdd0", "\ufdd1")
_FIRST_SAMPLE_LINES = 64  # the text's first lines re-sniffed after an edit among them

Prefix = Callable[[int], str]
"""Returns the text's first ``n`` lines (joined by ``\\n``) as they are now."""


@dataclass(slots=True)
class Splice:
    """Product rows ``row`` to ``row + len(removed)`` (IDs ``removed``) become ``inserted``."""

    row: int
    removed: list[str]
    inserted: list[Product]


def read_lines(lines: Sequence[str]) -> list[str]:
    """Each line's product ID, ``""`` for none (plain_text's rules for one line)."""
    return [(unquote(line) if line[:1] == '"' else line).strip() for line in lines]


def read_typed(text: str) -> tuple[ProductList, TypedList | None]:
    """Parse ``text`` as :func:`parse_pasted` does; with its :class:`TypedList`
    when it holds one ID per line.

    Raises:
        InputError: as ``parse_pasted``.
    """
    typed = TypedList.read(text)
    if typed is None:
        return parse_pasted(text), None
    return typed.products(), typed


class TypedList:
    """The products of one-ID-per-line text, kept per line (see the module)."""

    def __init__(self, ids: list[str], sniffed_line: int) -> None:
        self._ids = ids  # each line's ID, "" for a blank line
        self._first = bytearray(len(ids))  # 1 on the line where an ID first appears
        self._counts: dict[str, int] = {}  # lines per ID
        self._products: list[Product] = []
        self._filled = next((i for i, x in enumerate(ids) if x), None)  # first filled line
        self._header = (
            None
            if self._filled is None or not is_id_header(ids[self._filled], None)
            else self._filled
        )
        self._sniffed_line = sniffed_line  # the last line the delimiter sniffing read
        counts, first, append = self._counts, self._first, self._products.append
        for line, product_id in enumerate(ids):
            if product_id and line != self._header:
                seen = counts.get(product_id, 0)
                counts[product_id] = seen + 1
                if not seen:
                    first[line] = 1
                    append(Product(product_id, NO_FIELDS))
        self._duplicates = {x: n - 1 for x, n in counts.items() if n > 1}

    @classmethod
    def read(cls, text: str) -> TypedList | None:
        """``text`` read line by line; None when it is not one ID per line with an ID in it."""
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        lines[0] = lines[0].lstrip("\ufeff")
        delimiter, sniffed_line = _sniff(text.lstrip("\ufeff"))
        if delimiter is not None:
            return None
        typed = cls(read_lines(lines), sniffed_line)
        return typed if typed._valid() else None

    @property
    def line_count(self) -> int:
        """Lines of the text read (an empty last line included)."""
        return len(self._ids)

    def products(self) -> ProductList:
        """The product list, as :func:`parse_pasted` makes it of the same text."""
        header = None if self._header is None else self._ids[self._header]
        return ProductList(
            products=list(self._products),
            source=SOURCE,
            id_column=header,
            duplicates=dict(self._duplicates),
        )

    def edit(
        self, first: int, removed: int, lines: Sequence[str], prefix: Prefix
    ) -> list[Splice] | None:
        """Lines ``first`` to ``first + removed`` became ``lines``: patch the list.

        ``prefix`` gives the new text's first lines, read only when the edit is
        among the lines the delimiter sniffing looked at.

        Returns:
            The changes to the product list, to make in their order (each row
            counts the changes before it); None when the text must be read
            again whole (see the module), after which this list is unusable.
        """
        end = first + removed
        if end > len(self._ids) or any(b in line for line in lines for b in _LINE_BREAKS):
            return None
        if first <= self._sniffed_line:
            sniffed = self._sniff_again(prefix)
            if sniffed is None:
                return None
            self._sniffed_line = sniffed
        if first == 0 and lines:
            lines = [lines[0].lstrip("\ufeff"), *lines[1:]]
        new_ids = read_lines(lines)
        if (self._filled is None or first <= self._filled) and not self._refill(
            first, end, new_ids
        ):
            return None
        splices = self._splice(first, end, new_ids)
        return splices if self._valid() else None

    def _valid(self) -> bool:
        """False where parse_pasted reads the text otherwise, or refuses it."""
        return self._filled is not None and (self._header is None or bool(self._products))

    def _sniff_again(self, prefix: Prefix) -> int | None:
        """The last line sniffing reads in the new text, or None if it finds a delimiter."""
        count = _FIRST_SAMPLE_LINES
        while True:
            sample = prefix(count)
            whole = sample.count("\n") + 1 < count  # the text has no more lines
            delimiter, line = _sniff(sample.lstrip("\ufeff"), whole)
            if delimiter is not None:
                return None
            if line >= 0:
                return line
            count *= 4

    def _refill(self, first: int, end: int, new_ids: list[str]) -> bool:
        """The edit reaches the first filled line: find the new one; False if a
        header line is in play (it or the new first filled line names an ID column)."""
        if self._header is not None:
            return False
        filled = next((first + i for i, x in enumerate(new_ids) if x), None)
        if filled is not None:
            self._filled = filled
            return not is_id_header(new_ids[filled - first], None)
        ids = self._ids
        after = next((i for i in range(end, len(ids)) if ids[i]), None)
        if after is None:
            return False  # no ID left: blank text, or one parse_pasted refuses
        self._filled = after + len(new_ids) - (end - first)
        return not is_id_header(ids[after], None)

    def _splice(self, first: int, end: int, new_ids: list[str]) -> list[Splice]:
        """Patch the lines, counts and products; the splices that made the change."""
        ids, flags, counts = self._ids, self._first, self._counts
        old_ids = ids[first:end]
        row = flags.count(1, 0, first)
        removed = [x for x, flag in zip(old_ids, flags[first:end], strict=True) if flag]
        kept = dict(zip(removed, self._products[row : row + len(removed)], strict=True))
        # IDs whose first line stays before the edit: a line of the edit that is not
        # an ID's first has it earlier; a new ID that was elsewhere is looked up.
        earlier = {x for x in old_ids if x and x not in kept}
        earlier.update(
            x
            for x in new_ids
            if x in counts and x not in kept and x not in earlier and self._occurs(x, 0, first) >= 0
        )
        for x in old_ids:
            if x:
                counts[x] -= 1
        new_flags = bytearray(len(new_ids))
        inserted: list[Product] = []
        moves: list[tuple[int, int, str]] = []  # (line after the edit, 1 up / 0 down, ID)
        for line, x in enumerate(new_ids):
            if x and x not in earlier:
                earlier.add(x)  # later lines of the edit are not its first
                new_flags[line] = 1
                inserted.append(kept.get(x) or Product(x, NO_FIELDS))
                if counts.get(x) and x not in kept:  # was first after the edit: moves up
                    moves.append((self._occurs(x, end, len(ids)), 1, x))
        for x in new_ids:
            if x:
                counts[x] = counts.get(x, 0) + 1
        moves.extend(  # first in the edit before, after it now: moves down
            (self._occurs(x, end, len(ids)), 0, x) for x in kept if x not in earlier and counts[x]
        )
        # Rows as the list is before any splice; made from the last, removals first.
        placed = sorted(
            ((flags.count(1, 0, line), up, line, x) for line, up, x in moves), reverse=True
        )
        for line, up, _x in moves:
            flags[line] = 1 - up
        splices = [
            Splice(at, [x], []) if up else Splice(at, [], [kept[x]]) for at, up, _line, x in placed
        ]
        if removed != [p.id for p in inserted]:
            splices.append(_trimmed(row, removed, inserted))
        for splice in splices:
            self._products[splice.row : splice.row + len(splice.removed)] = splice.inserted
        ids[first:end] = new_ids
        flags[first:end] = new_flags
        for x in {*old_ids, *new_ids}:
            if x:
                self._count_changed(x)
        return splices

    def _occurs(self, product_id: str, start: int, end: int) -> int:
        """The first line in ``start:end`` holding ``product_id`` (not as the header), or -1."""
        try:
            line = self._ids.index(product_id, start, end)
            if line == self._header:
                line = self._ids.index(product_id, line + 1, end)
        except ValueError:
            return -1
        return line

    def _count_changed(self, product_id: str) -> None:
        count = self._counts.get(product_id, 0)
        if count > 1:
            self._duplicates[product_id] = count - 1
        else:
            self._duplicates.pop(product_id, None)
            if not count:
                del self._counts[product_id]


def _trimmed(row: int, removed: list[str], inserted: list[Product]) -> Splice:
    """The splice without the products it would remove and put back in place."""
    same = min(len(removed), len(inserted))
    head = next((i for i in range(same) if removed[i] != inserted[i].id), same)
    same -= head
    tail = next((i for i in range(same) if removed[-1 - i] != inserted[-1 - i].id), same)
    return Splice(
        row + head, removed[head : len(removed) - tail], inserted[head : len(inserted) - tail]
    )


def _sniff(text: str, whole: bool = True) -> tuple[str | None, int]:
    """The delimiter sniffed and the last line it read; the line is -1 when
    ``text`` is only the start (not ``whole``) and sniffing reached its end."""
    delimiter, reach = sniff_reach(text)
    if not whole and reach >= len(text):
        return delimiter, -1
    head = text[: reach + 1]
    return delimiter, head.count("\n") + head.count("\r")
