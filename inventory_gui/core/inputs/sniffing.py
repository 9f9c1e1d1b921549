"""Guessing the delimiter of text: comma, semicolon, tab, pipe, or none at all.

Text without a delimiter holds one value per line
(:mod:`~inventory_gui.core.inputs.plain_text`); text with one is split by
:mod:`~inventory_gui.core.inputs.delimited`.
"""

from __future__ import annotations

DELIMITERS = ("\t", ";", "|", ",")
"""Candidate delimiters, most preferred first when two fit equally well."""

_SAMPLE_CHARS = 32_768
_SAMPLE_RECORDS = 20
_FIRST_RECORD_CHARS = 1_048_576  # a long header or quoted cell


def sniff_delimiter(text: str) -> str | None:
    """Guess the delimiter of delimited text, or None for one value per line.

    The first records are scanned with quotes honoured.  A candidate must occur
    in the first record and in at least 80 % of the records; among those, the
    one whose count is most often the same as in the first record wins.
    """
    return sniff_reach(text)[0]


def sniff_reach(text: str) -> tuple[str | None, int]:
    """:func:`sniff_delimiter`'s guess, and how far it looked.

    Returns:
        ``(delimiter, reach)``: the guess depends on ``text[:reach + 1]`` and,
        when ``reach == len(text)``, on where the text ends; an edit after that
        cannot change it.
    """
    records, reach = _sample_counts(text)
    return _choose(records), reach


def _choose(records: list[dict[str, int]]) -> str | None:
    if not records:
        return None
    best: tuple[float, int] | None = None
    chosen = None
    for rank, delimiter in enumerate(DELIMITERS):
        counts = [record.get(delimiter, 0) for record in records]
        if counts[0] == 0 or sum(1 for c in counts if c) < 0.8 * len(counts):
            continue
        key = (counts.count(counts[0]) / len(counts), -rank)
        if best is None or key > best:
            best, chosen = key, delimiter
    return chosen


def _sample_counts(text: str) -> tuple[list[dict[str, int]], int]:
    """Count candidate delimiters outside quotes in each of the first records, and
    return the counts with the position the scan stopped at."""
    records: list[dict[str, int]] = []
    counts: dict[str, int] = {}
    end = len(text)
    in_quotes, at_start, has_text, pos = False, True, False, 0
    while pos < end and len(records) < _SAMPLE_RECORDS:
        if pos >= _SAMPLE_CHARS and (records or pos >= _FIRST_RECORD_CHARS):
            break
        char = text[pos]
        pos += 1
        if in_quotes:
            if char == '"' and text[pos : pos + 1] == '"':
                pos += 1
            elif char == '"':
                in_quotes = False
        elif char in "\r\n":
            if has_text:
                records.append(counts)
            counts, at_start, has_text = {}, True, False
        elif char in DELIMITERS:
            counts[char] = counts.get(char, 0) + 1
            at_start, has_text = True, True
        elif char != " ":
            in_quotes = char == '"' and at_start
            at_start, has_text = False, True
    if has_text and (pos == end or not records) and len(records) < _SAMPLE_RECORDS:
        records.append(counts)
    return records, pos
