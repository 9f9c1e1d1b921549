"""What ``inventory-gui fetch`` checks again: ``--retry-failed-from`` and ``--resume``.

Nothing here imports Qt or aiohttp.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from inventory_gui.cli.fetch_history import FetchHistory
from inventory_gui.core.errors import HistoryError
from inventory_gui.core.history.store import Run
from inventory_gui.core.models import RESULT_COLUMNS, Product, ProductList, Result
from inventory_gui.core.outputs.registry import read_results
from inventory_gui.core.secrets import MASK

_RESULT_KEYS = frozenset((*RESULT_COLUMNS, "response"))
_RETRIED = frozenset({"error", "cancelled"})


@dataclass
class FetchInput:
    """What ``fetch`` checks, and what its output is merged with.

    Attributes:
        products: the products to fetch.
        earlier: ``--retry-failed-from``: every row of the earlier output.
        positions: where each product's new result goes in ``earlier``.
        resumes: ``--resume``: the unfinished run being resumed.
    """

    products: ProductList
    earlier: list[Result] | None = None
    positions: list[int] = field(default_factory=list)
    resumes: Run | None = None

    def merge(self, results: list[Result]) -> list[Result]:
        """Return the output rows: ``results``, or the earlier rows with them in place."""
        if self.earlier is None:
            return results
        merged = list(self.earlier)
        for position, result in zip(self.positions, results, strict=True):
            merged[position] = result
        return merged


def load_retry_input(path: str) -> FetchInput:
    """Read an earlier JSON output; its error and cancelled rows are the products.

    Raises:
        ExportError: the file is missing, unreadable or not a results file.
    """
    earlier = [_result_from_row(row) for row in read_results(path)]
    positions = [i for i, result in enumerate(earlier) if result.status in _RETRIED]
    products = [_product(earlier[i]) for i in positions]
    columns = list(dict.fromkeys(key for result in earlier for key in result.fields))
    source = f"the failed rows of {path}"
    return FetchInput(ProductList(products, source, columns=columns), earlier, positions)


def load_resume_input(history: FetchHistory) -> FetchInput:
    """Return the products of the latest unfinished run still without an ok check.

    Raises:
        HistoryError: no history, or no unfinished run in it.
    """
    if history.store is None:
        raise HistoryError("--resume needs the history")
    unrecorded = history.store.unrecorded()
    if unrecorded:
        raise HistoryError(
            f"{history.store.file} is locked by another program and checks kept in"
            f" {unrecorded[0].name} are not recorded yet: try --resume once it is free"
        )
    run = history.store.unfinished_run()
    if run is None:
        raise HistoryError(f"{history.store.file}: no unfinished run to resume")
    products = history.store.resume_items(run.id)
    columns = list(dict.fromkeys(key for product in products for key in product.fields))
    source = f"the unfinished run {run.id} of {run.source}"
    return FetchInput(ProductList(products, source, columns=columns), resumes=run)


def resume_template(run: Run) -> str:
    """Return the URL template a resumed run used.

    Raises:
        HistoryError: it was stored with secrets removed; ``--url-template`` is needed.
    """
    if MASK in run.url_template:
        raise HistoryError(
            f"run {run.id}'s URL template was stored without its secrets: give --url-template"
        )
    return run.url_template


def _result_from_row(row: dict[str, Any]) -> Result:
    """Rebuild a result from a row of a JSON output, input columns as its fields."""

    def number(key: str) -> Any:
        value = row.get(key)
        return value if isinstance(value, int | float) and not isinstance(value, bool) else None

    return Result(
        id=str(row["id"]),
        status=row.get("status") if row.get("status") in ("ok", *_RETRIED) else "error",
        http_status=number("http_status"),
        quantity=number("quantity"),
        latency_ms=number("latency_ms"),
        attempts=number("attempts") or 0,
        error=row.get("error"),
        checked_at=row.get("checked_at"),
        fields={key: value for key, value in row.items() if key not in _RESULT_KEYS},
        response=row.get("response"),
    )


def _product(result: Result) -> Product:
    fields = {key: "" if v is None else str(v) for key, v in result.fields.items()}
    return Product(result.id, fields)
