"""TypedList: an edit reads again only its lines, and the list always equals a full parse.

The edits are made on a plain string standing for the editor's text (lines end
with ``\\n``, as the editor's do); after each, the patched list and the splices
replayed on the previous list are compared with ``parse_pasted`` of the text.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inventory_gui.core.errors import InputError
from inventory_gui.core.inputs import typed_list
from inventory_gui.core.inputs.registry import parse_pasted
from inventory_gui.core.inputs.typed_list import TypedList, read_typed
from inventory_gui.core.models import NO_FIELDS


def edit(typed: TypedList, text: str, start: int, stop: int, new: str):
    """Replace ``text[start:stop]`` by ``new`` and hand the edit's lines to ``typed``."""
    after = text[:start] + new + text[stop:]
    first = text.count("\n", 0, start)
    removed = text.count("\n", 0, stop) - first + 1
    lines = after.split("\n")
    added = after.count("\n", 0, start + len(new)) - first + 1
    splices = typed.edit(first, removed, lines[first : first + added], _prefix(lines))
    return after, splices


def _prefix(lines: list[str]):
    return lambda count: "\n".join(lines[:count])


def replay(products: list, splices) -> list:
    products = list(products)
    for splice in splices:
        assert [p.id for p in products[splice.row : splice.row + len(splice.removed)]] == (
            splice.removed
        )
        products[splice.row : splice.row + len(splice.removed)] = splice.inserted
    return products


def full_parse(text: str):
    try:
        return parse_pasted(text)
    except InputError as exc:
        return str(exc)


@pytest.fixture
def lines_read(monkeypatch) -> list[int]:
    """How many lines each call of the line reader read."""
    counts: list[int] = []
    real = typed_list.read_lines

    def counting(lines):
        counts.append(len(lines))
        return real(lines)

    monkeypatch.setattr(typed_list, "read_lines", counting)
    return counts


def test_an_edit_in_the_middle_of_100000_lines_reads_only_its_lines(lines_read):
    text = "".join(f"id{i:06d}\n" for i in range(100_000))
    typed = TypedList.read(text)
    assert typed is not None
    assert lines_read == [100_001]
    lines_read.clear()
    middle = text.index("id050000")
    text, splices = edit(typed, text, middle + 2, middle + 8, "new\nnew2")  # one line becomes two
    assert lines_read == [2]
    assert [(s.row, s.removed, [p.id for p in s.inserted]) for s in splices] == [
        (50_000, ["id050000"], ["idnew", "new2"])
    ]
    text, splices = edit(typed, text, middle, middle + len("idnew\nnew2\n"), "")  # both go
    assert lines_read == [2, 1]
    assert typed.products() == parse_pasted(text)
    assert len(typed.products().products) == 99_999


def test_a_duplicate_moves_its_row_to_its_next_line():
    text = "a\nb\nc\nb\nd\n"
    typed = TypedList.read(text)
    text, _ = edit(typed, text, 2, 3, "x")  # the first b: b is first on line 3 now
    assert typed.products() == parse_pasted(text)
    assert [p.id for p in typed.products().products] == ["a", "x", "c", "b", "d"]
    assert typed.products().duplicates == {}
    text, _ = edit(typed, text, 0, 0, "d\n")  # d is first on line 0 now
    assert [p.id for p in typed.products().products] == ["d", "a", "x", "c", "b"]
    assert typed.products().duplicates == {"d": 1}
    # IDs alone share one empty set of columns, not a dict each.
    assert all(p.fields is NO_FIELDS for p in typed.products().products)


def test_delimited_text_or_a_header_edit_asks_for_a_whole_read():
    assert TypedList.read("id,name\n1,a\n") is None
    assert read_typed("id,name\n1,a\n")[0] == parse_pasted("id,name\n1,a\n")
    text = "sku\nA\nB\n"
    typed = TypedList.read(text)
    assert typed.products().id_column == "sku"
    assert edit(typed, text, 0, 3, "name")[1] is None  # the header line itself
    text = "A\n"
    typed = TypedList.read(text)
    assert edit(typed, text, 1, 1, ",1")[1] is None  # now a delimited row


# Lines of a few IDs (to repeat), ID header names, quotes, blanks, spaces, a BOM
# and, rarely, delimiters.
IDS = ["a", "b", "c", "A1", " b ", '"c"', '"x""y"', '""', "id", "SKU", "é"]
BREAKS = ["\n", "\n", "\n", "\n\n"]
OTHERS = ["", " ", "\ufeff", ",", "\t", "\u00a0"]
PIECES = st.sampled_from([*IDS, *BREAKS, *OTHERS])
TEXTS = st.lists(PIECES, max_size=40).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(start=TEXTS, edits=st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1), TEXTS), max_size=8))
def test_any_edits_leave_the_list_a_full_parse_would_make(start, edits):
    text = start
    typed = read_checked(text)
    for where, length, new in edits:
        begin = int(where * len(text))
        stop = begin + int(length * (len(text) - begin))
        if typed is None:
            text = text[:begin] + new + text[stop:]
            typed = read_checked(text)
            continue
        before = typed.products().products
        text, splices = edit(typed, text, begin, stop, new)
        if splices is None:
            typed = read_checked(text)
            continue
        assert typed.products() == full_parse(text)
        assert replay(before, splices) == typed.products().products
    # Undo: the whole text back as it started, in one edit.
    if typed is not None:
        text, splices = edit(typed, text, 0, len(text), start)
        if splices is not None:
            assert typed.products() == full_parse(start)


def read_checked(text: str) -> TypedList | None:
    """read_typed's TypedList of ``text``, its list checked against a full parse."""
    expected = full_parse(text)
    try:
        products, typed = read_typed(text)
    except InputError as exc:
        products, typed = str(exc), None
    assert products == expected
    assert typed is None or typed.line_count == text.count("\n") + 1
    return typed
