"""Bulk requests: products in batches, each batch's answer split back onto rows.

With ``batch_size`` above 1, a worker takes a batch (a range of row indexes)
rather than one row, sends one request for all of it and gives each product
the records whose ID field names it (:func:`split_back`): several records for
one product (one per location) are summed, a product with no record ends as
not found, like a 404.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterator, Sequence
from typing import Any

from inventory_gui.core.fetch.failures import describe_failure, describe_unsendable
from inventory_gui.core.fetch.quantity import QuantityError, extract_quantity
from inventory_gui.core.fetch.settings import RequestParts
from inventory_gui.core.models import Product, Result

log = logging.getLogger(__name__)

NOT_FOUND_STATUS = 404  # what a missing record counts as: stock status "Unknown product"


def batches(count: int, size: int) -> Iterator[range]:
    """Row indexes ``0..count-1`` in consecutive ranges of at most ``size``."""
    return (range(start, min(start + size, count)) for start in range(0, count, size))


async def check_batch(
    products: Sequence[Product],
    rows: Sequence[Result],
    request_for: Callable[[Sequence[Product]], tuple[Any, bytes | None]],
    send: Callable[[Any, Result, bytes | None], Awaitable[Any]],
    parts: RequestParts,
    request_timeout: float,
) -> list[str | None]:
    """Send one request for a batch's ``products`` and split its answer back onto ``rows``.

    Args:
        products: the batch's products, in order.
        rows: their pending results, in the same order.
        request_for: builds the URL and body for the batch's products.
        send: sends with retries (the fetcher's attempts), counting attempts
            on the result it is given; returns the answer.
        parts: the run's compiled body template and paths.
        request_timeout: the request timeout, for error messages.

    Returns:
        Each row's error, or None where it is ok; a failed batch gives every
        row its error.  Never raises but CancelledError.
    """
    try:
        url, body = request_for(products)
    except Exception:  # some ID cannot be sent: those rows end, the others go without them
        return await _without_unsendable(products, rows, request_for, send, parts, request_timeout)
    counter = Result(id=rows[0].id)  # counts the batch's attempts
    try:
        answer = await send(url, counter, body)
        for row in rows:
            row.http_status = answer.http_status
        if answer.error is not None:
            for row in rows:
                row.response = answer.body
            errors: list[str | None] = [answer.error] * len(rows)
        else:
            errors = split_back(answer.body, rows, parts)
    except Exception as exc:  # a bug here must not lose the rows
        log.exception("unexpected error checking a batch")
        errors = [describe_failure(exc, request_timeout)[0]] * len(rows)
    for row in rows:
        row.attempts = counter.attempts
    return errors


async def _without_unsendable(
    products: Sequence[Product],
    rows: Sequence[Result],
    request_for: Callable[[Sequence[Product]], tuple[Any, bytes | None]],
    send: Callable[[Any, Result, bytes | None], Awaitable[Any]],
    parts: RequestParts,
    request_timeout: float,
) -> list[str | None]:
    """:func:`check_batch` for a batch holding IDs no request can carry (text that
    is not valid Unicode): each such row ends with its reason, the rest are sent."""
    errors: dict[int, str | None] = {}
    for k, product in enumerate(products):
        try:
            request_for([product])
        except Exception as exc:
            errors[k] = describe_unsendable(exc)
    if not errors:  # no one row is to blame: the batch as a whole cannot be built
        return ["the request cannot be built"] * len(rows)
    sent = [k for k in range(len(rows)) if k not in errors]
    if sent:
        outcome = await check_batch(
            [products[k] for k in sent], [rows[k] for k in sent], request_for, send, parts,
            request_timeout,
        )  # fmt: skip
        errors.update(zip(sent, outcome, strict=True))
    return [errors[k] for k in range(len(rows))]


def split_back(body: Any, rows: Sequence[Result], parts: RequestParts) -> list[str | None]:
    """Give each row its records from a batch's parsed answer.

    Sets each row's ``quantity`` and ``response`` (its one record, or the list
    of its records), and ``http_status`` to 404 for a row with no record.

    Returns:
        Each row's error, or None where it is ok.
    """
    records = _records(body, parts)
    if isinstance(records, str):
        return [records] * len(rows)
    one, several = _by_id(records, parts)
    quantity = parts.quantity
    errors: list[str | None] = []
    for row in rows:  # per product: kept lean (the bulk benchmark's hot loop)
        record = one.get(row.id)
        try:
            if record is not None:
                row.response = record
                row.quantity = extract_quantity(record, quantity)
            elif row.id in several:  # one per location: summed
                row.response = mine = several[row.id]
                row.quantity = _total(mine, parts)
            else:
                row.http_status = NOT_FOUND_STATUS
                errors.append("not found: no record for this ID in the batch's answer")
                continue
        except QuantityError as exc:
            errors.append(str(exc))
            continue
        errors.append(None)
    return errors


def _by_id(records: list[Any], parts: RequestParts) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    """The records by product ID: those alone for their ID, and lists of several for one ID."""
    one: dict[str, Any] = {}
    several: dict[str, list[Any]] = {}
    find = parts.item_id.find
    for record in records:  # per product: kept lean, as above
        found, key = find(record)
        text = key if type(key) is str else _id_text(key) if found else None
        if text is None:
            continue
        if text in one:
            several[text] = [one.pop(text), record]
        elif text in several:
            several[text].append(record)
        else:
            one[text] = record
    return one, several


def _records(body: Any, parts: RequestParts) -> list[Any] | str:
    """The answer's list of records, or the error that fails the whole batch."""
    if parts.items is None:
        if isinstance(body, list):
            return body
        return "the batch's answer is not a list of records (set the items path)"
    found, value = parts.items.find(body)
    if not found or not isinstance(value, list):
        return f"the batch's answer has no list of records at {parts.items.text!r}"
    return value


def _id_text(value: Any) -> str | None:
    """A record's product ID as text: ``7`` and ``"7"`` match the ID "7"."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return None


def _total(records: list[Any], parts: RequestParts) -> int | float | None:
    """The sum of several records' quantities; None when none of them has one."""
    quantities = [extract_quantity(record, parts.quantity) for record in records]
    numbers = [q for q in quantities if q is not None]
    return sum(numbers) if numbers else None
